/**
 * `briefing serve`: a build server of the workspace, to which `briefing build` hands its
 * work. Real processes on a temporary copy of the small project: the server and its
 * clients are the command a user runs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  fileHashes,
  makeWorkspace,
  removeWorkspace,
  repoRoot,
  runCli,
  setValue,
} from '../helpers/workspace.js';
import {
  lineReader,
  parseReply,
  pieces,
  SERVER_DIR,
  SOCKET_IN_WORKSPACE,
  type ServerReply,
} from '../../src/cli/server-protocol.js';

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

/** The stamp of the compiled tool, which `bin/briefing.js` runs: the server's. */
const compiledTool = async (): Promise<string> =>
  (
    (await import(join(repoRoot, 'dist', 'cli', 'server-protocol.js'))) as { codeStamp: () => string }
  ).codeStamp();

const request = async (root: string, extra: Record<string, unknown> = {}): Promise<string> =>
  JSON.stringify({
    argv: ['build', '--quiet'],
    tool: await compiledTool(),
    cwd: realpathSync(root),
    node: process.version,
    ...extra,
  });

/**
 * A stand-in server on the workspace's socket, answering every connection with `answer`:
 * what a client does when the server misbehaves.
 */
async function fakeServer(root: string, answer: (socket: Socket) => void, mode = 0o700): Promise<NetServer> {
  const dir = join(root, SERVER_DIR);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, mode);
  const server = createServer((socket) => {
    // Read, so that the client's leaving is seen and the connection closes.
    socket.on('error', () => undefined).resume();
    answer(socket);
  });
  await new Promise<void>((done) => server.listen(join(root, SOCKET_IN_WORKSPACE), done));
  return server;
}

const closeServer = (server: NetServer): Promise<void> => new Promise((done) => server.close(() => done()));

/**
 * The real command, as a process, without blocking this one (the stand-in servers answer
 * from here); or, given `shell`, that shell line.
 */
function runAsync(
  args: readonly string[],
  cwd: string,
  shell?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, NODE_OPTIONS: '' };
    const child = shell
      ? spawn('bash', ['-o', 'pipefail', '-c', shell], { cwd, env })
      : spawn(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('briefing serve', () => {
  let root: string;
  let server: Server;
  beforeAll(async () => {
    root = makeWorkspace();
    // Two threads whatever the machine: its PDF worker begins the PDFs a save makes out of date.
    // --debug: the server says what each save began, which a test can wait for.
    server = await startServer(root, ['--jobs', '2', '--debug']);
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
    setValue(root, 80, 81);
    const served = runCli(['build'], root);
    expect(served.status).toBe(0);
    expect(served.stdout).toMatch(/figure videos changed/);
    expect(served.stdout).toMatch(/built 9 documents .* on the build server: 18 written/);
    const fromServer = fileHashes(root, ['output']);
    const own = runCli(['build', '--force'], root, { BRIEFING_SERVER: 'off' });
    expect(own.stdout).not.toMatch(/build server/);
    expect(fileHashes(root, ['output'])).toEqual(fromServer);
  }, 60_000);

  test('a save starts the PDF it makes out of date, writing nothing; the build then asked takes it, with the same bytes', async () => {
    const framing = join(root, 'content/test/kk/framing/osce.md');
    const before = fileHashes(root, ['output']);
    const said = server.output().length;
    writeFileSync(framing, readFileSync(framing, 'utf8').replace('талдады', 'мұқият талдады'));
    await until(
      () => /: 1 PDF\(s\) begun\n/.test(server.output().slice(said)),
      'began the PDF',
      server.output,
    );
    expect(fileHashes(root, ['output'])).toEqual(before);
    const served = runCli(['build'], root);
    expect(served.stdout).toMatch(
      /built 1 document \(2 files\) .* on the build server: .*; 1 PDF begun on save\n/,
    );
    const fromServer = fileHashes(root, ['output']);
    expect(fromServer).not.toEqual(before);
    runCli(['build', '--force'], root, { BRIEFING_SERVER: 'off' });
    expect(fileHashes(root, ['output'])).toEqual(fromServer);
    // Put back: the bytes of before, whether the PDF is taken from the worker or written again.
    writeFileSync(framing, readFileSync(framing, 'utf8').replace('мұқият талдады', 'талдады'));
    expect(runCli(['build'], root).status).toBe(0);
    const documents = (h: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(h).filter(([path]) => !/CHANGES\./.test(path)));
    expect(documents(fileHashes(root, ['output']))).toEqual(documents(before));
  }, 60_000);

  test("its builds' problems reach the client, with their exit codes", async () => {
    const asked = async (argv: string[]): Promise<{ code?: number; out: string; err: string }> => {
      const replies = await ask(root, await request(root, { argv }));
      expect(replies[0]).toEqual({ queued: 0 });
      const exit = replies.find((r): r is { exit: number } => 'exit' in r);
      return {
        ...(exit ? { code: exit.exit } : {}),
        out: replies.map((r) => ('out' in r ? r.out : '')).join(''),
        err: replies.map((r) => ('err' in r ? r.err : '')).join(''),
      };
    };
    const usage = await asked(['build', '--format', 'docx']);
    expect(usage).toMatchObject({ code: 2, out: '' });
    expect(usage.err).toMatch(/unknown format "docx"/);
    expect((await asked(['build', '--bogus'])).code).toBe(2);
    const figures = join(root, 'content/test/figures.yaml');
    const good = readFileSync(figures, 'utf8');
    writeFileSync(figures, good.replace('value: 81\n', 'value: [81\n'));
    try {
      const broken = await asked(['build']);
      expect(broken.code).toBe(1);
      expect(broken.err).toMatch(/content\/test\/figures\.yaml:\d+:\d+ error/);
      expect(broken.err).toMatch(/previous outputs are untouched/);
      // And through the command, the same.
      const cli = runCli(['build'], root);
      expect(cli.status).toBe(1);
      expect(cli.stderr).toBe(broken.err);
    } finally {
      writeFileSync(figures, good);
    }
    expect(await asked(['build', '--quiet'])).toEqual({ code: 0, out: '', err: '' });
  }, 60_000);

  test('it declines another workspace or another Node, and drops what is not a request', async () => {
    expect(await ask(root, await request(root, { cwd: '/elsewhere' }))).toEqual([
      { decline: `it serves ${realpathSync(root)}` },
    ]);
    expect(await ask(root, await request(root, { node: 'v0.1.0' }))).toEqual([
      { decline: `it runs on Node ${process.version}, this is v0.1.0` },
    ]);
    expect(await ask(root, await request(root, { argv: ['i18n', 'accept', '--all'] }))).toEqual([
      { decline: 'it runs builds only' },
    ]);
    expect(await ask(root, await request(root, { tool: 'another' }))).toEqual([
      { decline: 'it runs another installation or version of briefing' },
    ]);
    expect(await ask(root, 'not json')).toEqual([]);
    // One request a connection: a second line is not built.
    const two = (await request(root)) + '\n' + (await request(root, { argv: ['build', '--out', 'second'] }));
    expect(await ask(root, two)).toEqual([{ queued: 0 }, { exit: 0 }]);
    expect(existsSync(join(root, 'second'))).toBe(false);
  });

  test('Ctrl-C stops it and removes its socket; builds then run in their own process', async () => {
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(130);
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(false);
    const own = runCli(['build'], root);
    expect(own.status).toBe(0);
    expect(own.stdout).not.toMatch(/build server/);
  });

  test('a socket left by a server killed outright is passed by quietly', async () => {
    const killed = await startServer(root);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(true);
    const own = runCli(['build'], root);
    expect(own).toMatchObject({ status: 0, stderr: '' });
    expect(own.stdout).not.toMatch(/build server/);
  }, 120_000);

  test('of two servers started at once one serves; an idle one stops, even with a connection left open', async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGINT');
      await server.exited;
    }
    const [a, b] = await Promise.all([
      startServer(root, ['--idle', '0.05']),
      startServer(root, ['--idle', '0.05']),
    ]);
    const outputs = [a.output(), b.output()];
    expect(outputs.filter((o) => o.includes('build server ready'))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('a build server already serves this workspace'))).toHaveLength(1);
    expect(outputs.join('')).not.toMatch(/internal error/);
    const idle = outputs[0]?.includes('build server ready') ? a : b;
    // Half a request, never finished, from a client that stays.
    const open = connect(join(root, SOCKET_IN_WORKSPACE));
    open.on('error', () => undefined);
    open.write('{"argv":');
    expect(await idle.exited).toBe(0);
    expect(idle.output()).toMatch(/build server stopped: no build for 0.05 min/);
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(false);
    open.destroy();
  }, 120_000);

  test('one that stops while it starts to watch the workspace says so and ends cleanly', async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGINT');
      await server.exited;
    }
    // Idle for less time than the watcher takes to look at every file.
    const quick = await startServer(root, ['--idle', '0.0001']);
    expect(await quick.exited).toBe(0);
    expect(quick.output()).toMatch(/build server stopped: no build for 0.0001 min/);
    expect(quick.output()).not.toMatch(/internal error/);
  }, 120_000);

  test('a server that stops leaves a later server of the workspace alone', async () => {
    const first = await startServer(root);
    // The cache removed by hand while it runs (the docs' recipe for a cold build), then another started.
    rmSync(join(root, '.cache'), { recursive: true, force: true });
    const second = await startServer(root);
    expect(second.output()).toMatch(/build server ready/);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(true);
    const served = runCli(['build'], root);
    expect(served.stdout).toMatch(/on the build server/);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(130);
    expect(existsSync(join(root, SOCKET_IN_WORKSPACE))).toBe(false);
  }, 120_000);
});

describe('a client of a server that misbehaves builds itself', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('one that takes no request, after a few seconds, and says so', async () => {
    const server = await fakeServer(root, () => undefined);
    try {
      const r = await runAsync(['build', '--quiet'], root);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('briefing: the build server does not answer; building here instead\n');
      expect(existsSync(join(root, 'output', 'test', 'en', 'release.pdf'))).toBe(true);
    } finally {
      await closeServer(server);
    }
  }, 60_000);

  test('one that stops mid-build, and says so', async () => {
    const server = await fakeServer(root, (socket) => {
      socket.write('{"queued":0}\n{"out":"rebuilt half of it\\n"}\n');
      setTimeout(() => socket.destroy(), 100);
    });
    try {
      const r = await runAsync(['build'], root);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^rebuilt half of it\n/);
      expect(r.stdout).toMatch(/built 0 documents .* 12 up to date/);
      expect(r.stderr).toBe(
        'briefing: the build server stopped before the build ended; building here instead\n',
      );
    } finally {
      await closeServer(server);
    }
  }, 60_000);

  test('one whose folder others may enter is not used', async () => {
    let asked = false;
    const server = await fakeServer(
      root,
      (socket) => {
        asked = true;
        socket.end('{"queued":0}\n{"exit":0}\n');
      },
      0o755,
    );
    try {
      const r = await runAsync(['build', '--quiet'], root);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/^briefing: not using the build server: .* is open to others\n$/);
      expect(asked).toBe(false);
    } finally {
      await closeServer(server);
    }
  }, 60_000);

  test('its output, long or piped into a reader that stops, is printed as a build of its own would print it', async () => {
    const long = 'ү'.repeat(20_000) + '\n';
    const server = await fakeServer(root, (socket) => {
      socket.write('{"queued":0}\n');
      for (const p of pieces(long)) socket.write(JSON.stringify({ out: p }) + '\n');
      socket.end('{"exit":0}\n');
    });
    try {
      const r = await runAsync(['build'], root);
      expect(r).toEqual({ status: 0, stdout: long, stderr: '' });
      const piped = await runAsync(
        [],
        root,
        `"${process.execPath}" "${join(repoRoot, 'bin', 'briefing.js')}" build | head -c 10`,
      );
      expect(piped.status).toBe(0);
      expect(piped.stdout).toBe('үүүүү');
      expect(piped.stderr).toBe('');
    } finally {
      await closeServer(server);
    }
  }, 60_000);
});

describe('progress on a terminal', () => {
  test('a build of its own shows the updating line, not a line per document', () => {
    const root = makeWorkspace();
    try {
      const r = spawnSync(
        'script',
        ['-qec', `"${process.execPath}" "${join(repoRoot, 'bin', 'briefing.js')}" build`, '/dev/null'],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: '' },
        },
      );
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/built 12 documents/);
      // A line per document ends in a line feed; the updating line in an erase (ESC [K), then \r.
      const perDocument = r.stdout.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l));
      expect(perDocument).toEqual([]);
    } finally {
      removeWorkspace(root);
    }
  }, 60_000);
});
