/**
 * The tool's code as a document records it (pipeline/memo-file.ts `codeHash`): made in a
 * test's process from src/, it is the hash a compiled build makes from dist/, so a build in
 * a test and a build by the command record the same tool (`npm test` compiles first).
 */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeHash } from '../src/pipeline/memo-file.js';
import { repoRoot } from './helpers/workspace.js';

describe('the code hash', () => {
  test('made from src/ is the one recorded when dist/ was compiled', () => {
    const recorded = readFileSync(join(repoRoot, 'dist', '.compiled-from'));
    expect(codeHash()).toBe(createHash('sha256').update(recorded).digest('hex'));
  });
});
