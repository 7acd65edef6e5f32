import { readdirSync } from 'node:fs';
import { join } from 'node:path';

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
