/**
 * Where a command prints: what it did, and its problems. A command runs on a worker thread
 * (cli/supervisor.ts), whose stdout and stderr reach the terminal through the main thread,
 * a message at a time: a line written just before the thread turns to other work waits
 * for it. `flushed` resolves once everything written so far has been handed on (and so
 * waits, as any writer would, while the terminal takes nothing: a paused pager, Ctrl-S).
 * On the main thread (tests run commands there) there is nothing to hand on.
 */
import { isMainThread } from 'node:worker_threads';

export interface Print {
  out(s: string): void;
  err(s: string): void;
  flushed?(): Promise<void>;
  /**
   * Whether standard output is a terminal (the progress line), and how wide: unset, the
   * process's own; set for a build server's client, whose terminal it is (cli/serve-command.ts).
   */
  readonly terminal?: { readonly columns: number } | false;
  /** Printing for a client of the build server: the summary says where the build ran. */
  readonly server?: boolean;
  /**
   * The build's exit code, known before its chores (the cache and the stamp written): a
   * build server's client need not wait for them.
   */
  ended?(code: number): void;
}

const handedOn = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((done) => {
    if (isMainThread || !stream.writableLength) return done();
    // Called once this empty write, and so every write before it, has gone.
    stream.write('', () => done());
  });

/** The process's stdout as `Print.terminal` describes it: as wide as it is, or not a terminal. */
export const processTerminal = (): { readonly columns: number } | false =>
  process.stdout.isTTY ? { columns: process.stdout.columns || 80 } : false;

let terminal: Print['terminal'];

/**
 * Whether the process's stdout is a terminal, as the supervisor saw it: a worker thread's own
 * stdout never is one.
 */
export function useTerminal(t: { readonly columns: number } | false): void {
  terminal = t;
}

/** The process's own stdout and stderr. */
export const consolePrint: Print = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  flushed: async () => {
    await Promise.all([handedOn(process.stdout), handedOn(process.stderr)]);
  },
  get terminal() {
    return terminal;
  },
};
