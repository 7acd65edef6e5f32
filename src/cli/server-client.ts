/**
 * `briefing build` handed to the workspace's build server, when one runs (`briefing
 * serve`): the server's threads are warm and hold what the last build loaded, so a build
 * that rewrites one document takes well under half a second, not the second and a half a
 * fresh process needs to start, load and warm up. What the server's build prints is printed
 * here as it comes, and its exit code is this process's.
 *
 * Returns undefined, for the caller to build in this process as usual, whenever the server
 * cannot serve: none runs (a socket left by one that was killed refuses), its socket is not
 * this user's own, it does not take the request within a few seconds (stopped, Ctrl-Z), it
 * declines (another tool or Node, another workspace, its own code changed since it started),
 * or it stops before the build's end. A build is all or nothing, and builds of one output
 * folder take its lock in turn, so building here after a server that stopped midway is
 * safe. Ctrl-C stops only this client: the server finishes the build in flight, which
 * writes a whole set of files or none.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import {
  codeStamp,
  lineReader,
  parseReply,
  SOCKET_IN_WORKSPACE,
  socketPath,
  type ServerRequest,
} from './server-protocol.js';
import { switchedOff } from '../pipeline/cache-dir.js';
import { processTerminal } from './print.js';

/** How long a server has to take a request before the client builds itself. */
export const TAKE_MS = 3000;

/** Whether this command line may go to a server at all. */
export function servable(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  // A build without the cache, or one whose internal errors should show their stack, stays here.
  if (argv[0] !== 'build' || switchedOff(env.BRIEFING_CACHE) || switchedOff(env.BRIEFING_SERVER))
    return false;
  return !argv.includes('--debug') && env.BRIEFING_DEBUG !== '1';
}

/**
 * Why the socket is not to be trusted, if it is not: its folder must be a folder (not a link)
 * that only this user may enter, and the socket this user's. Whoever answers on it decides
 * what this command prints and its exit code.
 */
export function untrusted(cwd: string): string | undefined {
  const socket = join(cwd, SOCKET_IN_WORKSPACE);
  try {
    const folder = lstatSync(dirname(socket));
    const file = lstatSync(socket);
    const me = process.getuid?.();
    if (!folder.isDirectory() || folder.mode & 0o077) return `${dirname(socket)} is open to others`;
    if (me !== undefined && (folder.uid !== me || file.uid !== me)) return `${socket} is another user's`;
    return file.isSocket() ? undefined : `${socket} is not a socket`;
  } catch {
    return 'its socket is gone';
  }
}

/** A closed pipe ends the command quietly (`briefing build | head`), as without a server. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
}

export function buildViaServer(argv: readonly string[], cwd = process.cwd()): Promise<number | undefined> {
  if (!servable(argv)) return Promise.resolve(undefined);
  const distrust = untrusted(cwd);
  if (distrust) {
    if (distrust !== 'its socket is gone')
      process.stderr.write(`briefing: not using the build server: ${distrust}\n`);
    return Promise.resolve(undefined);
  }
  quietOnClosedPipe();
  const terminal = processTerminal();
  const request: ServerRequest = {
    argv,
    tool: codeStamp(),
    cwd: realpathSync(cwd),
    node: process.version,
    ...(terminal ? { terminal } : {}),
  };
  return new Promise((done) => {
    let taken = false;
    let settled = false;
    const socket = connect(socketPath(cwd));
    const untaken = setTimeout(() => finish(undefined, 'the build server does not answer'), TAKE_MS);
    const finish = (code: number | undefined, note?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(untaken);
      socket.destroy();
      if (note) process.stderr.write(`briefing: ${note}; building here instead\n`);
      done(code);
    };
    const stopped = (): void =>
      finish(undefined, taken ? 'the build server stopped before the build ended' : undefined);
    const read = lineReader((line) => {
      const reply = parseReply(line);
      if (!reply) return finish(undefined, 'the build server answered out of turn');
      if ('decline' in reply) return finish(undefined, `the build server declined (${reply.decline})`);
      if ('queued' in reply) {
        taken = true;
        clearTimeout(untaken);
        if (reply.queued)
          process.stderr.write(`briefing: waiting for the build server (${reply.queued} build(s) ahead)…\n`);
        return;
      }
      if (!taken) return finish(undefined, 'the build server answered out of turn');
      if ('out' in reply) process.stdout.write(reply.out);
      else if ('err' in reply) process.stderr.write(reply.err);
      else finish(reply.exit);
    });
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => {
      if (!read(chunk)) finish(undefined, 'the build server answered out of turn');
    });
    // No server listening (ENOENT, ECONNREFUSED): quietly built here, as without one.
    socket.on('error', stopped);
    socket.on('close', stopped);
  });
}
