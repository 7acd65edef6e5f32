/**
 * The build server's protocol and its decisions, in this process: what `briefing serve`
 * and its clients read and write, and what a server declines. The server itself, as the
 * processes a user runs, is tested in tests/processes/build-server.test.ts.
 */
import { describe, expect, test } from 'vitest';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers/workspace.js';
import {
  lineReader,
  parseReply,
  parseRequest,
  pieces,
  SOCKET_IN_WORKSPACE,
  type ServerRequest,
} from '../src/cli/server-protocol.js';
import { servable } from '../src/cli/server-client.js';
import { CODE_CHANGED, declines, removeIfStill } from '../src/cli/serve-command.js';

describe('the protocol', () => {
  test('requests and replies are read only when well formed', () => {
    expect(parseRequest('{"argv":["build"],"tool":"t","cwd":"/w","node":"v20"}')).toEqual({
      argv: ['build'],
      tool: 't',
      cwd: '/w',
      node: 'v20',
    });
    expect(
      parseRequest('{"argv":["build"],"tool":"t","cwd":"/w","node":"v20","terminal":{"columns":99999}}'),
    ).toEqual({ argv: ['build'], tool: 't', cwd: '/w', node: 'v20', terminal: { columns: 1000 } });
    for (const bad of [
      '',
      'null',
      '[]',
      '{"argv":[1],"tool":"t","cwd":"/w","node":"v"}',
      '{"argv":[],"tool":"t","node":"v"}',
      '{"argv":[],"cwd":"/w","node":"v"}',
      '{"argv":[],"tool":"t","cwd":"/w","node":"v","terminal":true}',
    ])
      expect(parseRequest(bad)).toBeUndefined();
    expect(parseReply('{"queued":2}')).toEqual({ queued: 2 });
    expect(parseReply('{"exit":1}')).toEqual({ exit: 1 });
    expect(parseReply('{"out":"x"}')).toEqual({ out: 'x' });
    for (const bad of ['{"exit":-1}', '{"exit":1.5}', '{"exit":300}', '{"queued":-1}', '{}', 'x', '"out"'])
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

  test('long output goes in pieces that fit a line, never cut inside a character', () => {
    const text = 'ә'.repeat(5000) + '😀'.repeat(5000);
    const cut = pieces(text, 4099);
    expect(cut.join('')).toBe(text);
    for (const p of cut) {
      expect(p.length).toBeLessThanOrEqual(4099);
      expect(JSON.stringify(p)).not.toMatch(/\\ud[89ab]/i);
    }
    expect(pieces('')).toEqual(['']);
    expect(
      Math.max(...pieces('"'.repeat(100_000)).map((p) => JSON.stringify({ out: p }).length)),
    ).toBeLessThan(64 * 1024);
  });

  test('a server declines what it should not build, in this order', () => {
    const mine: ServerRequest = { argv: ['build'], tool: 'T', cwd: '/w', node: process.version };
    const server = { home: '/w', tool: 'T', now: 'T', stopping: false };
    expect(declines(mine, server)).toBeUndefined();
    expect(declines(mine, { ...server, stopping: true })).toBe('it is stopping');
    expect(declines(mine, { ...server, now: 'T2' })).toBe(CODE_CHANGED);
    expect(declines({ ...mine, argv: ['check'] }, server)).toBe('it runs builds only');
    expect(declines({ ...mine, tool: 'other' }, server)).toMatch(/another installation/);
    expect(declines({ ...mine, node: 'v1.0.0' }, server)).toMatch(/this is v1.0.0/);
    expect(declines({ ...mine, cwd: '/x' }, server)).toBe('it serves /w');
  });

  test("a dead server's socket is removed only if it is still that file, never one linked there since", () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-stale-'));
    try {
      const path = join(dir, 'socket');
      writeFileSync(path, 'dead');
      removeIfStill(path, statSync(path).ino);
      expect(existsSync(path)).toBe(false);
      // Another server removed the dead one and linked its own there since it was looked at
      // (made first, so that it cannot take the dead one's inode number).
      writeFileSync(path, 'dead');
      const dead = statSync(path).ino;
      writeFileSync(join(dir, 'live'), 'live');
      renameSync(join(dir, 'live'), path);
      removeIfStill(path, dead);
      expect(readFileSync(path, 'utf8')).toBe('live');
      removeIfStill(join(dir, 'gone'), dead);
      expect(readdirSync(dir)).toEqual(['socket']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
