/**
 * The output lock between real processes: several commands finding the same stale lock
 * at once (src/pipeline/lock.ts). Its rules within one process are in tests/robustness.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockName } from '../../src/pipeline/lock.js';
import { repoRoot } from '../helpers/workspace.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'briefing-robust-'));

describe('output lock', () => {
  test('real processes taking over the same stale lock: never two hold it, nothing left behind', async () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, lockName), JSON.stringify({ pid: dead, host: hostname(), token: 'dead' }));
    const helper = join(repoRoot, 'tests', 'helpers', 'lock-contender.mjs');
    // More contenders than cores: one is often preempted between seeing the stale lock and acting on it.
    const kids = [0, 1, 2, 3].map(() =>
      spawn(process.execPath, [helper, dir, String(dead)], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const answers = kids.map((k) => createInterface({ input: k.stdout! })[Symbol.asyncIterator]());
    try {
      // Each round all start at once on the stale lock the last holder left: each takes it over in turn.
      for (let round = 0; round < 20; round++) {
        for (const k of kids) k.stdin!.write('go\n');
        const said = await Promise.all(answers.map(async (a) => (await a.next()).value as string));
        expect(said).toEqual(kids.map(() => 'ok'));
      }
    } finally {
      for (const k of kids) k.stdin!.end();
      await Promise.all(kids.map((k) => (k.exitCode === null ? once(k, 'exit') : undefined)));
    }
    expect(readdirSync(dir)).toEqual([lockName]);
    rmSync(dir, { recursive: true });
  }, 60_000);
});
