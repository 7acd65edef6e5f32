/**
 * The commands that only read the workspace (check, figures, i18n) find what builds kept
 * (pipeline/memo-file.ts): they say exactly what they say without it, and write nothing,
 * not even the cache. The real command, in a process of its own each time, as a user runs it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileHashes, makeWorkspace, removeWorkspace, runCli } from './helpers/workspace.js';

describe('check and i18n status after a build', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
    expect(runCli(['build', '--format', 'html'], root).status).toBe(0);
    expect(existsSync(join(root, '.cache', 'briefing', 'memo.bin'))).toBe(true);
  }, 120_000);
  afterAll(() => removeWorkspace(root));

  // figures and review open the workspace the same way (memo-file.ts readKeptResults).
  test('print what they print without the cache, change no file, and point where they did', () => {
    // A problem in a file the build read: its kept results are stale, every other file's are
    // not, and the warning still names its line.
    appendFileSync(
      join(root, 'content', 'test', 'figures.yaml'),
      "- id: spare\n  unit: person\n  values:\n    - value: 3811\n      asOf: 2022-01-07\n      source: ministry\n      quote: '3,811 people had been detained'\n",
    );
    const stderr: string[] = [];
    for (const args of [['check'], ['i18n', 'status']]) {
      const before = fileHashes(root);
      const kept = runCli(args, root);
      expect(fileHashes(root)).toEqual(before);
      expect([args, kept]).toEqual([args, runCli(args, root, { BRIEFING_CACHE: 'off' })]);
      expect([args, kept.status]).toEqual([args, 0]);
      stderr.push(kept.stderr);
    }
    expect(stderr[0]).toMatch(/content\/test\/figures\.yaml:\d+:\d+ warning figure `spare` is not used/);
  }, 120_000);
});
