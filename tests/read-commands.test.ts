/**
 * The commands that only read the workspace (check, figures, i18n) find what builds kept
 * (pipeline/memo-file.ts): they say exactly what they say without it, and write nothing,
 * not even the cache. The real command, in a process of its own each time, as a user runs it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
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
  const commands = [['check'], ['i18n', 'status']];

  test('print what they print without the cache, and change no file', () => {
    for (const args of commands) {
      const before = fileHashes(root);
      const kept = runCli(args, root);
      expect(fileHashes(root)).toEqual(before);
      expect([args, kept]).toEqual([args, runCli(args, root, { BRIEFING_CACHE: 'off' })]);
      expect([args, kept.status]).toEqual([args, 0]);
    }
  }, 120_000);

  test('report a problem in a file a build has read before at the same place, with or without it', () => {
    // Kept results of every other file, a new one for this: the warning still names its line.
    appendFileSync(
      join(root, 'content', 'test', 'figures.yaml'),
      "- id: spare\n  unit: person\n  values:\n    - value: 3811\n      asOf: 2022-01-07\n      source: ministry\n      quote: '3,811 people had been detained'\n",
    );
    const kept = runCli(['check'], root);
    expect(kept.stderr).toMatch(/content\/test\/figures\.yaml:\d+:\d+ warning figure `spare` is not used/);
    expect(kept).toEqual(runCli(['check'], root, { BRIEFING_CACHE: 'off' }));
  }, 120_000);
});
