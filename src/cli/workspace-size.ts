import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFile, cacheOff } from '../pipeline/cache-dir.js';
import type { BuildSize } from '../pipeline/heap.js';

/**
 * How many project folders the workspace has, for the threads' heap budgets (see
 * pipeline/heap.ts). Counted before anything is loaded, from the folder names alone: a
 * folder that turns out not to be a project only makes the budget larger.
 */
export function projectCount(root: string): number {
  try {
    return readdirSync(join(root, 'content'), { withFileTypes: true }).filter(
      (d) => !d.name.startsWith('.') && (d.isDirectory() || d.isSymbolicLink()),
    ).length;
  } catch {
    return 0;
  }
}

/**
 * Whether a build most likely writes every document, for the heap budgets: `--force`, or
 * no cache of the workspace yet (the first build). A guess from one file: a build without
 * a cache whose outputs are all up to date only gets the larger young generation. With
 * the cache turned off there is never one, and only `--force` tells.
 */
export const rewritesAll = (root: string, force: boolean): boolean =>
  force || (!cacheOff() && !existsSync(cacheFile(root, 'memo.bin')));

/** The size of the build the command line asks for: only `build` writes every document. */
export function buildSize(root: string, argv: readonly string[]): BuildSize {
  const command = argv.find((a) => !a.startsWith('-'));
  return {
    projects: projectCount(root),
    rewritesAll: command === 'build' && rewritesAll(root, argv.includes('--force')),
  };
}
