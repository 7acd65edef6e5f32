/**
 * One build of the small project per test file, and a copy of it (times kept) for each
 * test: every test starts from built outputs, without building them again.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorkspace, removeWorkspace, runMain } from './workspace.js';

/** Registers the file's hooks; `each` is given each test's copy. Returns where the build is. */
export function copiesOfOneBuild(each: (root: string) => void): () => string {
  let built = '';
  let root = '';
  beforeAll(async () => {
    built = makeWorkspace();
    const first = await runMain(['build'], built);
    expect(first.status).toBe(0);
  }, 120_000);
  afterAll(() => removeWorkspace(built));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'briefing-test-'));
    cpSync(built, root, { recursive: true, preserveTimestamps: true });
    each(root);
  });
  afterEach(() => removeWorkspace(root));
  return () => built;
}
