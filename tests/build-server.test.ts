/**
 * `briefing serve`: a build server of the workspace, to which `briefing build` hands its
 * work. Real processes on a temporary copy of the small project: the server and its
 * clients are the command a user runs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileHashes, makeWorkspace, removeWorkspace, repoRoot, runCli } from './helpers/workspace.js';
import {
  lineReader,
  parseReply,
  parseRequest,
  SOCKET_IN_WORKSPACE,
  type ServerReply,
} from '../src/cli/server-protocol.js';
import { servable } from '../src/cli/server-client.js';

interface Server {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

async function until(check: () => boolean, what: string, output: () => string): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(`never ${what}:\n${output()}`);
}

async function startServer(root: string, args: readonly string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), 'serve', '--quiet', ...args], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let all = '';
  child.stdout?.on('data', (d: Buffer) => (all += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (all += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const output = (): string => all;
  await until(() => all.includes('build server ready') || child.exitCode !== null, 'ready', output);
  return { child, output, exited };
}

/** One raw request on the socket; every reply until the server closes it. */
function ask(root: string, line: string): Promise<ServerReply[]> {
  return new Promise((done, fail) => {
    const replies: ServerReply[] = [];
    const socket = connect(join(root, SOCKET_IN_WORKSPACE));
    const read = lineReader((l) => {
      const r = parseReply(l);
      if (r) replies.push(r);
    });
    socket.on('connect', () => socket.write(line + '\n'));
    socket.on('data', (d) => read(d));
    socket.on('error', fail);
    socket.on('close', () => done(replies));
  });
}

const request = (root: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ argv: ['build', '--quiet'], cwd: realpathSync(root), node: process.version, ...extra });

describe('the protocol', () => {
  test('requests and replies are read only when well formed', () => {
    expect(parseRequest('{"argv":["build"],"cwd":"/w","node":"v20"}')).toEqual({
      argv: ['build'],
      cwd: '/w',
      node: 'v20',
    });
    expect(parseRequest('{"argv":["build"],"cwd":"/w","node":"v20","terminal":{"columns":99999}}')).toEqual({
      argv: ['build'],
      cwd: '/w',
      node: 'v20',
      terminal: { columns: 1000 },
    });
    for (const bad of ['', 'null', '[]', '{"argv":[1],"cwd":"/w","node":"v"}', '{"argv":[],"node":"v"}'])
      expect(parseRequest(bad)).toBeUndefined();
    expect(parseRequest('{"argv":[],"cwd":"/w","node":"v","terminal":true}')).toBeUndefined();
    expect(parseReply('{"exit":1}')).toEqual({ exit: 1 });
    expect(parseReply('{"out":"x"}')).toEqual({ out: 'x' });
    for (const bad of ['{"exit":-1}', '{"exit":1.5}', '{"exit":300}', '{}', 'x', '"out"'])
      expect(parseReply(bad)).toBeUndefined();
  });

  test('lines are cut where they end, across chunks, and a line without end is bounded', () => {
    const lines: string[] = [];
    const read = lineReader((l) => lines.push(l));
    expect(read('a\nb')).toBe(true);
    expect(read('c\n\n')).toBe(true);
    expect(lines).toEqual(['a', 'bc', '']);
    expect(read('x'.repeat(70_000))).toBe(false);
  });

  test('only builds go to a server, and not without the cache, with the server off, or with --debug', () => {
    expect(servable(['build'], {})).toBe(true);
    expect(servable(['check'], {})).toBe(false);
    expect(servable(['build'], { BRIEFING_CACHE: 'off' })).toBe(false);
    expect(servable(['build'], { BRIEFING_SERVER: '0' })).toBe(false);
    expect(servable(['build', '--debug'], {})).toBe(false);
    expect(servable(['build'], { BRIEFING_DEBUG: '1' })).toBe(false);
  });

  test('bin/briefing.js looks for the socket where the server makes it', () => {
    expect(readFileSync(join(repoRoot, 'bin', 'briefing.js'), 'utf8')).toContain(
      `join(${SOCKET_IN_WORKSPACE.split('/')
        .map((p) => `'${p}'`)
        .join(', ')})`,
    );
  });
});

describe('briefing serve', () => {
  let root: string;
  let server: Server;
  beforeAll(async () => {
    root = makeWorkspace();
    server = await startServer(root);
  }, 120_000);
  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
    removeWorkspace(root);
  });

  test('builds first, then listens on a socket only its owner may use', () => {
    expect(server.output()).toMatch(/build server ready/);
    expect(existsSync(join(root, 'output', 'test', 'en', 'release.pdf'))).toBe(true);
    expect(statSync(join(root, SOCKET_IN_WORKSPACE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, SOCKET_IN_WORKSPACE, '..')).mode & 0o777).toBe(0o700);
  });

  test('a build is handed to it and writes what a build of its own writes, byte for byte', () => {
    const figures = join(root, 'content/test/figures.yaml');
    writeFileSync(figures, readFileSync(figures, 'utf8').replace('value: 80\n', 'value: 81\n'));
    const served = runCli(['build'], root);
    expect(served.status).toBe(0);
    expect(served.stdout).toMatch(/figure videos changed/);
    expect(served.stdout).toMatch(/built 9 documents .* on the build server: 18 written/);
    const fromServer = fileHashes(root, ['output']);
    const own = runCli(['build', '--force'], root, { BRIEFING_SERVER: 'off' });
    expect(own.stdout).not.toMatch(/build server/);
    expect(fileHashes(root, ['output'])).toEqual(fromServer);
  }, 60_000);

  test("its builds' problems reach the client, with their exit codes", () => {
    const usage = runCli(['build', '--format', 'docx'], root);
    expect(usage).toMatchObject({ status: 2, stdout: '' });
    expect(usage.stderr).toMatch(/unknown format "docx"/);
    const figures = join(root, 'content/test/figures.yaml');
    const good = readFileSync(figures, 'utf8');
    writeFileSync(figures, good.replace('value: 81\n', 'value: [81\n'));
    try {
      const broken = runCli(['build'], root);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/content\/test\/figures\.yaml:\d+:\d+ error/);
      expect(broken.stderr).toMatch(/previous outputs are untouched/);
    } finally {
      writeFileSync(figures, good);
    }
    expect(runCli(['build', '--quiet'], root)).toMatchObject({ status: 0, stdout: '', stderr: '' });
  }, 60_000);

  test('it declines another workspace or another Node, and drops what is not a request', async () => {
    expect(await ask(root, request(root, { cwd: '/elsewhere' }))).toEqual([
      { decline: `it serves ${realpathSync(root)}` },
    ]);
    expect(await ask(root, request(root, { node: 'v0.1.0' }))).toEqual([
      { decline: `it runs on Node ${process.version}, this is v0.1.0` },
    ]);
    expect(await ask(root, request(root, { argv: ['i18n', 'accept', '--all'] }))).toEqual([
      { decline: 'it runs builds only' },
    ]);
    expect(await ask(root, 'not json')).toEqual([]);
    expect(await ask(root, request(root))).toEqual([{ exit: 0 }]);
  });

  test('Ctrl-C stops it and removes its socket; builds then run in their own process', async () => {
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(130);
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(false);
    const own = runCli(['build'], root);
    expect(own.status).toBe(0);
    expect(own.stdout).not.toMatch(/build server/);
  });

  test('a socket left by a server killed outright is passed by quietly, and removed by the next server', async () => {
    const killed = await startServer(root);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(true);
    const own = runCli(['build'], root);
    expect(own).toMatchObject({ status: 0, stderr: '' });
    expect(own.stdout).not.toMatch(/build server/);
    // A second server started while one runs stops at once; the idle one stops by itself.
    const idle = await startServer(root, ['--idle', '0.05']);
    const second = runCli(['serve'], root);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/a build server already serves this workspace/);
    expect(await idle.exited).toBe(0);
    expect(idle.output()).toMatch(/build server stopped: no build for 0.05 min/);
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(false);
  }, 120_000);
});
