/**
 * The one module that writes outputs. Every file is written to a temporary file
 * beside its target and renamed over it, so a reader (or a crash) never sees half a file.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuiltFile } from './build.js';

export function writeAtomic(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface ManifestEntry {
  readonly path: string;
  readonly project: string;
  readonly locale: string;
  readonly audience: string | null;
  readonly type: 'briefing' | 'release';
  readonly format: string;
  readonly sha256: string;
  readonly inputs: BuiltFile['inputs'];
}

export interface Manifest {
  readonly project: string;
  readonly documents: ManifestEntry[];
}

export function readManifest(outDir: string, project: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(outDir, project, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Merges new entries into the project's manifest (a narrowed build keeps the others). */
export function mergeManifest(
  previous: Manifest | undefined,
  project: string,
  files: readonly BuiltFile[],
): Manifest {
  const byPath = new Map((previous?.documents ?? []).map((d) => [d.path, d]));
  for (const f of files) {
    byPath.set(f.path, {
      path: f.path,
      project: f.project,
      locale: f.locale,
      audience: f.audience,
      type: f.type,
      format: f.format,
      sha256: f.sha256,
      inputs: f.inputs,
    });
  }
  return { project, documents: [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path)) };
}

export function writeOutputs(
  outDir: string,
  files: readonly BuiltFile[],
  projects: readonly string[],
): { manifests: Manifest[] } {
  for (const f of files) writeAtomic(join(outDir, f.path), f.bytes);
  const manifests: Manifest[] = [];
  for (const project of projects) {
    const mine = files.filter((f) => f.project === project);
    const manifest = mergeManifest(readManifest(outDir, project), project, mine);
    writeAtomic(join(outDir, project, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    manifests.push(manifest);
  }
  return { manifests };
}
