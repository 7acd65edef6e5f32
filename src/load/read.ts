/** The loader's only door to the file system: reads project files and records their hashes. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import type { InputFile } from '../model/project.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class FileReader {
  readonly inputs = new Map<string, InputFile>();
  constructor(readonly root: string) {}

  /** Absolute path of a project-relative path. */
  path(rel: string): string {
    return join(this.root, rel);
  }

  exists(rel: string): boolean {
    try {
      return statSync(this.path(rel)).isFile();
    } catch {
      return false;
    }
  }

  read(rel: string): string | undefined {
    try {
      const bytes = readFileSync(this.path(rel));
      this.inputs.set(rel, { path: rel, sha256: sha256(bytes) });
      return bytes.toString('utf8');
    } catch {
      return undefined;
    }
  }

  listDirs(relDir: string): string[] {
    try {
      return readdirSync(this.path(relDir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch {
      return [];
    }
  }

  list(relDir: string, suffix: string): string[] {
    try {
      return readdirSync(this.path(relDir))
        .filter((f) => f.endsWith(suffix))
        .sort()
        .map((f) => relative(this.root, join(this.path(relDir), f)));
    } catch {
      return [];
    }
  }
}
