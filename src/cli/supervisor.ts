/**
 * Runs the command in a worker thread and keeps the main thread free for
 * signals. A handler in the same thread as the work runs only between tasks, so
 * Ctrl-C or SIGTERM during long synchronous work (a chart, a PDF layout) did
 * nothing; here the supervisor stops the worker at once, puts the output folder
 * back in a consistent state (the whole old set or the whole new set), releases
 * the lock and exits 130 (SIGINT) or 143 (SIGTERM).
 */
import { rmSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { installCrashHandlers, reportInternalError, takeDebugFlag } from './internal-error.js';
import { COMMAND_HEAP_MB, youngGenerationMb } from '../pipeline/heap.js';
import { buildSize } from './workspace-size.js';
import { codeStamp } from './server-protocol.js';
import { processTerminal } from './print.js';
import { warmIntl, warmsIntl } from './warm-intl.js';
import { newStopGuard, stopGuarded, type StopGuard } from '../runtime/thread-stop.js';

/** The build server's socket, if it is still the one it made (a later server's is left alone). */
function removeSocket(path: string, ino: number): void {
  try {
    if (statSync(path).ino === ino) rmSync(path, { force: true });
  } catch {
    // Gone already.
  }
}

export type WorkerMessage =
  | { type: 'done'; code: number }
  // `workspace`: content files being written by `i18n import` or `accept`; else an output folder.
  | { type: 'locked'; dir: string; scope?: 'workspace' | 'folder'; names?: string[] }
  | { type: 'unlocked'; dir: string }
  // The build server's socket (cli/serve-command.ts): removed when the command ends however it ends.
  | { type: 'serving'; path: string; ino: number };

export function supervise(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { debug } = takeDebugFlag(argv);
  // Set before the worker starts, so its first date already formats in UTC.
  process.env.TZ = 'UTC';
  // Said before the command's thread, and with it the PDF workers it started, is stopped:
  // by a signal, or by the process ending while it still runs (runtime/thread-stop.ts).
  const guard = newStopGuard();
  installCrashHandlers(debug, (code) => stopGuarded(guard, () => process.exit(code)));
  const watched = new Watched(commandThread(argv, cwd, guard), guard);
  endQuietlyOnClosedPipe(watched.closedPipe);
  process.on('SIGINT', watched.stop);
  process.on('SIGTERM', watched.stop);
  // While the command's thread starts and loads its code (warm-intl.ts).
  if (warmsIntl(argv)) setImmediate(warmIntl);
  return new Promise<number>((resolve) => {
    // Whatever fails while cleaning up (a lock that cannot be let go) still ends the command,
    // as an internal error, never as a promise nobody settles.
    watched.worker.on('exit', () => {
      watched.ended(debug).then(resolve, (e: unknown) => resolve(reportInternalError(e, debug)));
    });
  });
}

/** A reader that stops reading (`briefing figures --json | head`) ends the command quietly. */
function endQuietlyOnClosedPipe(closed: () => void): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed();
    });
}

/** The command's own thread, with the heap its build calls for. */
function commandThread(argv: readonly string[], cwd: string, guard: StopGuard): Worker {
  return new Worker(new URL('./worker.cjs', import.meta.url), {
    workerData: {
      argv: [...argv],
      cwd,
      // Heeded by its zlib calls and passed on to its PDF workers (runtime/thread-stop.ts).
      stopGuards: [guard],
      // The command thread's own stdout is not a terminal even when the process's is.
      terminal: processTerminal(),
      // A build server's tool as it is now, before its code is loaded (cli/serve-command.ts).
      ...(argv.find((a) => !a.startsWith('-')) === 'serve' ? { codeStamp: codeStamp() } : {}),
    },
    resourceLimits: {
      maxOldGenerationSizeMb: COMMAND_HEAP_MB,
      maxYoungGenerationSizeMb: youngGenerationMb(buildSize(cwd, argv)),
    },
  });
}

/** The command's thread as the supervisor follows it: what it holds, how it ended. */
class Watched {
  /** Each folder held, with its kind, and for a folder of the user's the files being written into it. */
  private readonly locked = new Map<string, { scope: 'workspace' | 'folder' | 'output'; names: string[] }>();
  private socket: { path: string; ino: number } | undefined;
  private code: number | undefined;
  private signal: NodeJS.Signals | undefined;
  private failure: unknown;
  private grace: NodeJS.Timeout | undefined;
  private pipeClosed = false;

  constructor(
    readonly worker: Worker,
    private readonly guard: StopGuard,
  ) {
    worker.on('message', (m: WorkerMessage) => this.heard(m));
    worker.on('error', (e) => (this.failure = e));
  }

  private heard(m: WorkerMessage): void {
    if (m.type === 'locked') this.locked.set(m.dir, { scope: m.scope ?? 'output', names: m.names ?? [] });
    else if (m.type === 'unlocked') this.locked.delete(m.dir);
    else if (m.type === 'serving') this.socket = { path: m.path, ino: m.ino };
    else {
      this.code = m.code;
      // A stray timer in a library must not keep a finished command alive.
      this.grace = setTimeout(() => void this.terminate(), 2000);
      this.grace.unref();
    }
  }

  /** On a signal: the thread is stopped at once. */
  readonly stop = (s: NodeJS.Signals): void => {
    if (this.signal) return;
    this.signal = s;
    void this.terminate();
  };

  /**
   * The reader of its output stopped reading: the thread is stopped as on a signal, and what
   * it held put back, so that the output folder keeps a whole set of files and no lock; then
   * the command ends quietly, with 0.
   */
  readonly closedPipe = (): void => {
    if (this.signal || this.pipeClosed) return;
    this.pipeClosed = true;
    void this.terminate();
  };

  /** Never while a thread makes a zlib stream: Node would abort the process (runtime/thread-stop.ts). */
  private terminate(): Promise<number> {
    return stopGuarded(this.guard, () => this.worker.terminate());
  }

  /** Once the thread has exited: puts back what it held, and says the exit code. */
  async ended(debug: boolean): Promise<number> {
    if (this.grace) clearTimeout(this.grace);
    process.off('SIGINT', this.stop);
    process.off('SIGTERM', this.stop);
    if (this.socket) removeSocket(this.socket.path, this.socket.ino);
    // Imported only when needed: every command starts sooner without it.
    if (this.locked.size) {
      const { abandonFolder, abandonOutput, abandonWorkspace } = await import('../pipeline/output.js');
      for (const [dir, { scope, names }] of this.locked)
        if (scope === 'folder') abandonFolder(dir, names);
        else (scope === 'workspace' ? abandonWorkspace : abandonOutput)(dir);
    }
    if (this.pipeClosed && !this.signal) return 0;
    if (this.signal) {
      process.stderr.write(
        `briefing: stopped (${this.signal}); the output folder holds the previous or the new complete set of files\n`,
      );
      return this.signal === 'SIGINT' ? 130 : 143;
    }
    if (this.code !== undefined) return this.code;
    return reportInternalError(this.failure ?? new Error('the command ended without a result'), debug);
  }
}
