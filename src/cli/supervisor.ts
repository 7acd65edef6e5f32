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
  | { type: 'locked'; dir: string; scope?: 'workspace' }
  | { type: 'unlocked'; dir: string }
  // The build server's socket (cli/serve-command.ts): removed when the command ends however it ends.
  | { type: 'serving'; path: string; ino: number };

export function supervise(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { debug } = takeDebugFlag(argv);
  // Set before the worker starts, so its first date already formats in UTC.
  process.env.TZ = 'UTC';
  installCrashHandlers(debug);
  // A reader that stops reading (`briefing figures --json | head`) ends the command quietly.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  const worker = new Worker(new URL('./worker.cjs', import.meta.url), {
    workerData: {
      argv: [...argv],
      cwd,
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
  const locked = new Map<string, 'workspace' | 'output'>();
  let socket: { path: string; ino: number } | undefined;
  let code: number | undefined;
  let signal: NodeJS.Signals | undefined;
  let failure: unknown;
  let grace: NodeJS.Timeout | undefined;
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'locked') locked.set(m.dir, m.scope ?? 'output');
    else if (m.type === 'unlocked') locked.delete(m.dir);
    else if (m.type === 'serving') socket = { path: m.path, ino: m.ino };
    else {
      code = m.code;
      // A stray timer in a library must not keep a finished command alive.
      grace = setTimeout(() => void worker.terminate(), 2000);
      grace.unref();
    }
  });
  worker.on('error', (e) => (failure = e));
  const stop = (s: NodeJS.Signals): void => {
    if (signal) return;
    signal = s;
    void worker.terminate();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // While the command's thread starts and loads its code (warm-intl.ts).
  if (warmsIntl(argv)) setImmediate(warmIntl);
  return new Promise<number>((resolve) => {
    const ended = async (): Promise<number> => {
      if (grace) clearTimeout(grace);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (socket) removeSocket(socket.path, socket.ino);
      // Imported only when needed: every command starts sooner without it.
      if (locked.size) {
        const { abandonOutput, abandonWorkspace } = await import('../pipeline/output.js');
        for (const [dir, scope] of locked) (scope === 'workspace' ? abandonWorkspace : abandonOutput)(dir);
      }
      if (signal) {
        process.stderr.write(
          `briefing: stopped (${signal}); the output folder holds the previous or the new complete set of files\n`,
        );
        return signal === 'SIGINT' ? 130 : 143;
      }
      if (code !== undefined) return code;
      return reportInternalError(failure ?? new Error('the command ended without a result'), debug);
    };
    // Whatever fails while cleaning up (a lock that cannot be let go) still ends the command,
    // as an internal error, never as a promise nobody settles.
    worker.on('exit', () => {
      ended().then(resolve, (e: unknown) => resolve(reportInternalError(e, debug)));
    });
  });
}
