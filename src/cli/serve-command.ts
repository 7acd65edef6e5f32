/**
 * `briefing serve`: builds once, as `watch` does, then keeps its threads warm and answers
 * `briefing build` commands run in the same workspace (cli/server-client.ts) over a Unix
 * socket in the workspace's cache, one build at a time, in the order asked. A fresh
 * process spends about a second starting, loading its code, reading the memo and warming
 * up a PDF writer before it writes one document; the server has done all of that.
 *
 * What it trusts: the socket is its owner's alone (0600, in the workspace's cache); it
 * builds only its own workspace and declines a client on another Node or after the
 * tool's code was reinstalled or recompiled (the client then builds itself). Each build
 * loads the workspace again as a new process would, files whose stat is unchanged known
 * from the last load (load/file-cache.ts), exactly as `watch` does. It stops on Ctrl-C,
 * or after `--idle` minutes without a build.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { chmodSync, lstatSync, mkdirSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { buildOnce, parseFilters, type BuildOptions, type CommandIo, type Served } from './build-command.js';
import { startWorkersEarly, parseJobs } from './early-workers.js';
import { stopWorkers } from '../pipeline/pool.js';
import { shareResults } from '../text/memo.js';
import { consolePrint, type Print } from './print.js';
import {
  IDLE_MINUTES,
  lineReader,
  parseRequest,
  SERVER_DIR,
  SOCKET_IN_WORKSPACE,
  socketPath,
  type ServerReply,
} from './server-protocol.js';

export interface ServeOptions extends BuildOptions {
  /** Minutes without a build before the server stops. */
  idle?: string;
}

/** Runs one command line as `main` would, printing to the client. */
export type RunCommand = (argv: readonly string[], io: CommandIo) => Promise<number>;

/**
 * The code the server runs: the installed packages' lock and the compiled bundles, by
 * their stat. `npm ci` or a compile changes them, and the server then declines (under the
 * tests, which run src/, the bundles are absent and stay so).
 */
function codeStamp(): string {
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  const files = [
    join(dirname(code), 'node_modules', '.package-lock.json'),
    ...['cli/worker.bundle.cjs', 'pipeline/worker.bundle.cjs', 'charts/render.bundle.cjs'].map((f) =>
      join(code, f),
    ),
  ];
  return files
    .map((f) => {
      try {
        const s = statSync(f, { bigint: true });
        return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      } catch {
        return '-';
      }
    })
    .join(' ');
}

/** Makes the socket's folder this user's alone; says why it cannot, if it cannot. */
function privateFolder(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const s = lstatSync(dir);
  if (!s.isDirectory()) return `${dir} is not a folder`;
  if (typeof process.getuid === 'function' && s.uid !== process.getuid())
    return `${dir} belongs to another user`;
  chmodSync(dir, 0o700);
  return undefined;
}

/** Whether a server already answers on this socket (a socket file with none is removed). */
function answering(path: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(path);
    socket.on('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') unlinkSync(path);
      done(false);
    });
  });
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      done();
    });
  });
}

export async function runServe(cwd: string, opts: ServeOptions, run: RunCommand): Promise<number> {
  const filters = parseFilters(opts);
  if (typeof filters === 'number') return filters;
  const idleMinutes = Number(opts.idle ?? IDLE_MINUTES);
  if (!(idleMinutes > 0)) {
    consolePrint.err(`briefing: --idle takes a number of minutes above 0, not "${opts.idle}"\n`);
    return 2;
  }
  const path = socketPath(cwd);
  const home = realpathSync(cwd);
  const unsafe = privateFolder(join(home, SERVER_DIR));
  if (unsafe) {
    consolePrint.err(`briefing: ${unsafe}\n`);
    return 1;
  }
  if (await answering(path)) {
    consolePrint.err(`briefing: a build server already serves this workspace (${path})\n`);
    return 1;
  }
  const served: Served = { workers: startWorkersEarly(cwd, opts), jobs: parseJobs(opts.jobs) ?? 1 };
  shareResults(true);
  // The first build warms every thread's code and fills the shared results.
  await buildOnce(cwd, opts, filters, consolePrint, served.workers);

  const stamp = codeStamp();
  let queue = Promise.resolve();
  let stopping = false;
  const server = createServer({ allowHalfOpen: false }, (socket) => {
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    const read = lineReader((line) => {
      socket.pause();
      queue = queue.then(() => answer(line, socket)).catch(() => void socket.destroy());
    });
    socket.on('data', (chunk: string) => {
      if (!read(chunk)) socket.destroy();
    });
  });

  let timer: NodeJS.Timeout | undefined;
  let stop: (code: number, why: string) => void = () => undefined;
  const stopped = new Promise<number>((done) => {
    stop = (code, why) => {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      consolePrint.out(`build server stopped: ${why}\n`);
      void queue
        .then(() => new Promise<void>((closed) => server.close(() => closed())))
        .then(() => stopWorkers(served.workers))
        .finally(() => done(code));
    };
  });
  const idle = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => stop(0, `no build for ${idleMinutes} min`), idleMinutes * 60_000);
  };

  const answer = async (line: string, socket: Socket): Promise<void> => {
    let ended = false;
    const send = (reply: ServerReply): void => {
      if (ended || !socket.writable) return;
      socket.write(JSON.stringify(reply) + '\n');
      if ('exit' in reply) {
        ended = true;
        socket.end();
      }
    };
    const request = parseRequest(line);
    if (!request) return void socket.destroy();
    const decline = declines(request, home, stamp, stopping);
    if (decline) {
      send({ decline });
      socket.end();
      if (decline === CODE_CHANGED) stop(0, 'the tool was reinstalled or recompiled; start it again');
      return;
    }
    // No idle stop while a build runs, however long; counted again from its end.
    if (timer) clearTimeout(timer);
    const print: Print = {
      out: (s) => send({ out: s }),
      err: (s) => send({ err: s }),
      terminal: request.terminal ?? false,
      server: true,
      // The client goes as soon as the build's code is known; the cache is written after.
      ended: (exit) => send({ exit }),
    };
    try {
      send({ exit: await run(request.argv, { print, served }) });
    } finally {
      socket.end();
      idle();
    }
  };

  await listen(server, path);
  // Its owner's only, whatever the umask: whoever may connect may build here.
  chmodSync(path, 0o600);
  parentPort?.postMessage({ type: 'serving', path: join(home, SOCKET_IN_WORKSPACE) });
  idle();
  consolePrint.out(
    `build server ready: \`briefing build\` in this workspace runs here (Ctrl-C to stop; stops after ${idleMinutes} min without a build)\n`,
  );
  return stopped;
}

const CODE_CHANGED = 'the tool was reinstalled or recompiled since it started';

/** Why the server will not build this request, if it will not. */
function declines(
  request: { argv: readonly string[]; cwd: string; node: string },
  home: string,
  stamp: string,
  stopping: boolean,
): string | undefined {
  if (stopping) return 'it is stopping';
  if (request.argv[0] !== 'build') return 'it runs builds only';
  if (request.node !== process.version) return `it runs on Node ${process.version}, this is ${request.node}`;
  if (request.cwd !== home) return `it serves ${home}`;
  if (codeStamp() !== stamp) return CODE_CHANGED;
  return undefined;
}
