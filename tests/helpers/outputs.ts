/** Every file a build wrote, with its digest and modification time, to compare builds by. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FileState {
  sha: string;
  mtime: number;
}

/** The files under `root`, keyed by path relative to it. */
export function outputs(root: string): Map<string, FileState> {
  const out = new Map<string, FileState>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else
        out.set(p.slice(root.length + 1), {
          sha: createHash('sha256').update(readFileSync(p)).digest('hex'),
          mtime: statSync(p).mtimeMs,
        });
    }
  };
  walk(root);
  return out;
}
