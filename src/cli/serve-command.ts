/**
 * `briefing serve`: builds once, as `watch` does, then keeps its threads warm and answers
 * `briefing build` commands run in the same workspace (cli/server-client.ts) over a Unix
 * socket in the workspace's cache, one build at a time, in the order asked. A fresh
 * process spends about a second starting, loading its code, reading the memo and warming
 * up a PDF writer before it writes one document; the server has done all of that.
 *
 * What it trusts: the socket's folder is its owner's alone (0700); it builds only its own
 * workspace, and declines a client of another tool or Node, or any once its own code has
 * changed (reinstalled, recompiled: it then stops). Each build loads the workspace again as
 * a new process would, files whose stat is unchanged known from the last load
 * (load/file-cache.ts), exactly as `watch` does. It listens before its first build, so a
 * second server started meanwhile finds it; requests that come during that build wait for
 * it. It stops on Ctrl-C, or after `--idle` minutes without a build.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { basename, join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import {
  buildOnce,
  outputDir,
  parseFilters,
  type BuildOptions,
  type CommandIo,
  type Served,
} from './build-command.js';
import { canBegin } from '../pipeline/load-and-begin.js';
import { watchWorkspace, writeAhead } from './serve-ahead.js';
import type { Filters } from '../pipeline/plan.js';
import { startWorkersEarly, parseJobs } from './early-workers.js';
import { stopWorkers } from '../pipeline/pool.js';
import { shareResults } from '../text/memo.js';
import { projectDirs } from '../pipeline/workspace.js';
import { consolePrint, type Print } from './print.js';
import {
  codeStamp,
  IDLE_MINUTES,
  lineReader,
  parseRequest,
  pieces,
  SERVER_DIR,
  SOCKET_IN_WORKSPACE,
  socketPath,
  type ServerReply,
  type ServerRequest,
} from './server-protocol.js';

export interface ServeOptions extends BuildOptions {
  /** Minutes without a build before the server stops. */
  idle?: string;
}

/** Runs one command line as `main` would, printing to the client. */
export type RunCommand = (argv: readonly string[], io: CommandIo) => Promise<number>;

/** A connection has this long to send its request, and a client this long to leave after its exit code. */
const REQUEST_MS = 5000;

/** Makes the socket's folder this user's alone; says why it cannot, if it cannot. */
function privateFolder(dir: string): string | undefined {
  let s;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    s = lstatSync(dir);
  } catch (e) {
    return `cannot make ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)}): is something in its path a file?`;
  }
  if (!s.isDirectory()) return `${dir} is not a folder`;
  if (typeof process.getuid === 'function' && s.uid !== process.getuid())
    return `${dir} belongs to another user`;
  chmodSync(dir, 0o700);
  return undefined;
}

/** Whether a server answers on this socket: `refuses` when the file is there but none listens. */
function probe(path: string): Promise<'answers' | 'refuses' | 'gone'> {
  return new Promise((done) => {
    const socket = connect(path);
    socket.on('connect', () => {
      socket.destroy();
      done('answers');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refuses' : 'gone'));
  });
}

const inode = (path: string): number | undefined => {
  try {
    return lstatSync(path).ino;
  } catch {
    return undefined;
  }
};

/**
 * Removes the socket at `path` if it is still the file `found` (a dead server's). Compared
 * after it is moved aside, not before it is removed: another server starting beside this
 * one may have removed that file and linked its live socket there in between, and is put
 * back. (Should a third server take the name in that moment, the one moved aside keeps
 * running unreachable until its idle time ends.)
 */
export function removeIfStill(path: string, found: number): void {
  const aside = `${path}.stale.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Gone already: someone else removed it.
  }
  if (inode(aside) !== found) {
    try {
      linkSync(aside, path);
    } catch {
      // Taken meanwhile by a third: see above.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Makes `path` this server's socket, or finds another server there. The server listens on a
 * name of its own in the private folder, then links the socket's name to it: a link fails
 * if the name exists, so of two servers started together one wins, and the name Node removes
 * when the server closes is its own, never a later server's socket. A socket left by a server
 * killed outright (it refuses, twice, 0.1 s apart) is removed if it is still that file
 * (`removeIfStill`).
 * Returns the socket's inode, or undefined when another server answers.
 */
async function claim(server: Server, path: string): Promise<number | undefined> {
  const own = `${path}.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}`;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(own, () => done());
  });
  chmodSync(own, 0o600);
  const ino = statSync(own).ino;
  for (let tries = 0; tries < 5; tries++) {
    try {
      linkSync(own, path);
      unlinkSync(own);
      return ino;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const found = inode(path);
    if ((await probe(path)) === 'answers') break;
    await new Promise((r) => setTimeout(r, 100));
    if ((await probe(path)) === 'answers') break;
    if (found !== undefined) removeIfStill(path, found);
  }
  await new Promise<void>((done) => server.close(() => done()));
  return undefined;
}

/** Why the server will not build this request, if it will not. */
export function declines(
  request: ServerRequest,
  server: { readonly home: string; readonly tool: string; readonly now: string; readonly stopping: boolean },
): string | undefined {
  if (server.stopping) return 'it is stopping';
  if (server.now !== server.tool) return CODE_CHANGED;
  if (request.argv[0] !== 'build') return 'it runs builds only';
  if (request.tool !== server.tool) return 'it runs another installation or version of briefing';
  if (request.node !== process.version) return `it runs on Node ${process.version}, this is ${request.node}`;
  if (request.cwd !== server.home) return `it serves ${server.home}`;
  return undefined;
}

export const CODE_CHANGED = 'its own code was reinstalled or recompiled since it started';

export async function runServe(
  cwd: string,
  opts: ServeOptions,
  run: RunCommand,
  debug = false,
): Promise<number> {
  const opened = await openServer(cwd, opts, run);
  if (typeof opened === 'number') return opened;
  const { session, filters } = opened;
  session.served = { workers: startWorkersEarly(cwd, opts), jobs: parseJobs(opts.jobs) ?? 1 };
  shareResults(true);
  // The first build warms every thread's code and fills the shared results. One that throws
  // (a lock held too long, an internal error) ends the server, reported as any command's.
  try {
    await session.enqueue(() => buildOnce(cwd, opts, filters, consolePrint, session.served?.workers));
  } catch (e) {
    session.stop('its first build failed', e);
    await session.stopped;
    throw e;
  }
  if (session.stopping) return session.stopped;
  // The idle time counts from here: the queue starts it when its last build ends.
  await session.enqueue(() => warmUp(cwd, opts, filters, session.served));
  if (session.stopping) return session.stopped;
  if (canBegin(session.served?.workers, filters)) {
    await beginOnSave(session, cwd, opts, filters, debug);
    if (session.stopping) return session.stopped;
  }
  consolePrint.out(
    `build server ready: \`briefing build\` in this workspace runs here (Ctrl-C to stop; stops after ${session.idleMinutes} min without a build)\n`,
  );
  return session.stopped;
}

/**
 * The server's session, listening on the workspace's socket, and the filters its builds
 * use; or the exit code when it cannot serve (wrong usage, an unsafe folder, another server).
 */
async function openServer(
  cwd: string,
  opts: ServeOptions,
  run: RunCommand,
): Promise<number | { session: Session; filters: Filters }> {
  // Taken by the supervisor before any of the command's code was loaded, when there is one.
  const tool = (workerData as { codeStamp?: string } | null)?.codeStamp ?? codeStamp();
  const filters = parseFilters(opts, cwd);
  if (typeof filters === 'number') return filters;
  const idleMinutes = Number(opts.idle ?? IDLE_MINUTES);
  if (!(idleMinutes > 0)) {
    consolePrint.err(`briefing: --idle takes a number of minutes above 0, not "${opts.idle}"\n`);
    return 2;
  }
  const home = realpathSync(cwd);
  const unsafe = privateFolder(join(home, SERVER_DIR));
  if (unsafe) {
    consolePrint.err(`briefing: ${unsafe}\n`);
    return 1;
  }
  const path = socketPath(cwd);
  const session = new Session(home, tool, idleMinutes, run);
  const ino = await claim(session.server, path);
  if (ino === undefined) {
    consolePrint.err(`briefing: a build server already serves this workspace (${path})\n`);
    return 1;
  }
  parentPort?.postMessage({ type: 'serving', path: join(home, SOCKET_IN_WORKSPACE), ino });
  return { session, filters };
}

/**
 * From now on a save begins the PDFs it makes out of date (serve-ahead.ts): the newest
 * save only, and none while a build is asked for (that build does the work).
 */
async function beginOnSave(
  session: Session,
  cwd: string,
  opts: ServeOptions,
  filters: Filters,
  debug: boolean,
): Promise<void> {
  let newest = 0;
  const watching = watchWorkspace(cwd, outputDir(cwd, opts.out), (generation) => {
    newest = generation;
    session.ahead(() =>
      generation === newest && !session.busy
        ? writeAhead(cwd, opts, filters, session.served?.workers, generation).then((begun) => {
            // What a save began, for whoever wonders why a build was quick, or was not.
            if (debug)
              consolePrint.err(`briefing serve: save ${String(generation)}: ${String(begun)} PDF(s) begun\n`);
          })
        : Promise.resolve(),
    );
  });
  session.closing.push(() => watching.close());
  await watching.ready;
}

/**
 * A silent build, forced, into a folder of its own removed after, of one document in four
 * of the first project served (in the order of paths: one briefing in each language, in
 * the example), so that the first builds it serves run on warm code and find the words of
 * each language shaped and measured. One Kazakh text edited, then put back, served, in a
 * workspace built before (two alternated pairs of sessions): the first build 0.60–0.61 s and
 * the second 0.43 with it, against 0.67–0.69 and 0.56–0.59 with the two builds of one English
 * document it replaced; the server is ready in about 2.5 s and holds 238 MiB (208–212). A
 * forced build of the whole project gave 0.58 and 0.39–0.40 s, but was ready only after
 * 4.6–5 s, with 274–282 MiB, and would grow with the workspace.
 */
async function warmUp(
  cwd: string,
  opts: BuildOptions,
  filters: Filters,
  served: Served | undefined,
): Promise<void> {
  const first = projectDirs(cwd)
    .map((dir) => basename(dir))
    .find((id) => !filters.projects?.length || filters.projects.includes(id));
  if (!first) return;
  const out = mkdtempSync(join(tmpdir(), 'briefing-serve-'));
  const silent: Print = { out: () => undefined, err: () => undefined };
  const sample: Filters = { ...filters, projects: [first], shard: { index: 1, count: 4 } };
  try {
    const forced = { ...opts, project: [first], out, force: true, quiet: true };
    await buildOnce(cwd, forced, sample, silent, served?.workers, [], false);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The server's state: its queue of builds, its open connections, its idle timer. */
class Session {
  readonly server: Server;
  served: Served | undefined;
  readonly stopped: Promise<number>;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Builds whose exit code is not known yet: what a new request waits for. */
  private unanswered = 0;
  stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly sockets = new Set<Socket>();
  private end: (code: number) => void = () => undefined;
  /** What else stops with the server (its watcher). */
  readonly closing: (() => Promise<void>)[] = [];

  constructor(
    private readonly home: string,
    private readonly tool: string,
    readonly idleMinutes: number,
    private readonly run: RunCommand,
  ) {
    this.server = createServer((socket) => this.connection(socket));
    this.stopped = new Promise((done) => (this.end = done));
  }

  /**
   * Runs `build` after every build asked before it; its own result, rejected if it throws.
   * `build` calls `answered` once its exit code is known, before its chores (else it counts
   * as answered when it ends): a request that comes then is not told to wait for it.
   */
  enqueue<T>(build: (answered: () => void) => Promise<T>): Promise<T> {
    let known = false;
    const answered = (): void => {
      if (known) return;
      known = true;
      this.unanswered--;
    };
    this.pending++;
    this.unanswered++;
    if (this.timer) clearTimeout(this.timer);
    const result = this.queue.then(() => build(answered));
    this.queue = result
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        if (!this.pending) this.idle();
      });
    return result.finally(answered);
  }

  /** Whether a build is asked for and not yet done. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Runs `task` (work ahead of a build: serve-ahead.ts) after what is queued, and before any
   * build asked after it. Not a build: a client is not told to wait for it, and it keeps the
   * server no longer from stopping when idle. Whatever it throws is dropped: the build that
   * follows does the same work and reports it.
   */
  ahead(task: () => Promise<void>): void {
    if (this.stopping) return;
    this.queue = this.queue.then(task).catch(() => undefined);
  }

  idle(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopping) return;
    this.timer = setTimeout(
      () => this.stop(`no build for ${this.idleMinutes} min`),
      this.idleMinutes * 60_000,
    );
  }

  stop(why: string, failure?: unknown): void {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (!failure) consolePrint.out(`build server stopped: ${why}\n`);
    // No new connection from now; those open are closed once the builds asked are done.
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    void this.queue
      .then(() => {
        for (const s of this.sockets) s.destroy();
        return closed;
      })
      .then(() =>
        Promise.all([
          stopWorkers(this.served?.workers),
          ...this.closing.map((close) => close().catch(() => undefined)),
        ]),
      )
      .finally(() => this.end(0));
  }

  private connection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    socket.setTimeout(REQUEST_MS, () => socket.destroy());
    let asked = false;
    const read = lineReader((line) => {
      // One request a connection: whatever follows it is not read.
      if (asked) return;
      asked = true;
      socket.setTimeout(0);
      this.take(line, socket);
    });
    socket.on('data', (chunk: string) => {
      if (!read(chunk)) socket.destroy();
    });
  }

  private take(line: string, socket: Socket): void {
    const request = parseRequest(line);
    if (!request) return void socket.destroy();
    const decline = declines(request, {
      home: this.home,
      tool: this.tool,
      now: codeStamp(),
      stopping: this.stopping,
    });
    if (decline) {
      reply(socket, { decline });
      socket.end();
      if (decline === CODE_CHANGED) this.stop(`${CODE_CHANGED}; start it again`);
      return;
    }
    reply(socket, { queued: this.unanswered });
    // A build that throws (it should not: `main` reports everything) leaves no client waiting.
    this.enqueue((answered) => this.answer(request, socket, answered)).catch(() => socket.destroy());
  }

  private async answer(request: ServerRequest, socket: Socket, answered: () => void): Promise<void> {
    // A client that has gone (Ctrl-C while it waited) asks for nothing any more.
    if (socket.destroyed || socket.readableEnded) return;
    let ended = false;
    const send = (s: string, stream: 'out' | 'err'): void => {
      // Anything printed after the exit code (the cache failing to save) stays on the server's terminal.
      if (ended) return consolePrint.err(s);
      for (const piece of pieces(s)) reply(socket, stream === 'out' ? { out: piece } : { err: piece });
    };
    const exit = (code: number): void => {
      if (ended) return;
      ended = true;
      answered();
      reply(socket, { exit: code });
      socket.end();
      setTimeout(() => socket.destroy(), REQUEST_MS).unref();
    };
    const print: Print = {
      out: (s) => send(s, 'out'),
      err: (s) => send(s, 'err'),
      terminal: request.terminal ?? false,
      server: true,
      // The client goes as soon as the build's code is known; the cache is written after.
      ended: exit,
    };
    exit(await this.run(request.argv, { print, served: this.served }));
  }
}

function reply(socket: Socket, r: ServerReply): void {
  if (socket.writable) socket.write(JSON.stringify(r) + '\n');
}
