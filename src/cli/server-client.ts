/**
 * `briefing build` handed to the workspace's build server, when one runs (`briefing
 * serve`): the server's threads are warm and hold what the last build loaded, so a build
 * that rewrites one document takes a third of a second, not the second and a half a fresh
 * process needs to start, load and warm up. What the server's build prints is printed here
 * as it comes, and its exit code is this process's.
 *
 * Returns undefined, for the caller to build in this process as usual, whenever the server
 * cannot serve: none runs (a socket left by one that was killed refuses), it declines (its
 * code is older than the installed code, another Node, another workspace, other `--jobs`),
 * or it stops before the build's end. A build is all or nothing, so building again here
 * after a server that stopped midway is safe. Ctrl-C stops only this client: the server
 * finishes the build in flight, which writes a whole set of files or none.
 */
import { realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { lineReader, parseReply, socketPath, type ServerRequest } from './server-protocol.js';

const off = (v: string | undefined): boolean => /^(off|0|false|no)$/i.test(v ?? '');

/** Whether this command line may go to a server at all. */
export function servable(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  // A build without the cache, or one whose internal errors should show their stack, stays here.
  if (argv[0] !== 'build' || off(env.BRIEFING_CACHE) || off(env.BRIEFING_SERVER)) return false;
  return !argv.includes('--debug') && env.BRIEFING_DEBUG !== '1';
}

export function buildViaServer(argv: readonly string[], cwd = process.cwd()): Promise<number | undefined> {
  if (!servable(argv)) return Promise.resolve(undefined);
  const request: ServerRequest = {
    argv,
    cwd: realpathSync(cwd),
    node: process.version,
    ...(process.stdout.isTTY ? { terminal: { columns: process.stdout.columns || 80 } } : {}),
  };
  return new Promise((done) => {
    let printed = false;
    let settled = false;
    const socket = connect(socketPath(cwd));
    const finish = (code: number | undefined, note?: string): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (note) process.stderr.write(`briefing: ${note}; building here instead\n`);
      done(code);
    };
    const read = lineReader((line) => {
      const reply = parseReply(line);
      if (!reply) return finish(undefined, printed ? 'the build server answered out of turn' : undefined);
      if ('out' in reply) process.stdout.write(reply.out);
      else if ('err' in reply) process.stderr.write(reply.err);
      else if ('exit' in reply) return finish(reply.exit);
      else return finish(undefined, `the build server declined (${reply.decline})`);
      printed = true;
    });
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => {
      if (!read(chunk)) finish(undefined, 'the build server answered out of turn');
    });
    // No server listening (ENOENT, ECONNREFUSED): quietly built here, as without one.
    socket.on('error', () => finish(undefined, printed ? 'the build server stopped mid-build' : undefined));
    socket.on('close', () => finish(undefined, printed ? 'the build server stopped mid-build' : undefined));
  });
}
