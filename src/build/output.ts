/**
 * The one module that touches the output folder. Every file is written to a
 * temporary file beside its target and renamed over it (write-file-atomic, which
 * also removes its temporary file if the process is interrupted), so a reader, a
 * crash or Ctrl-C never leaves half a file. A lock keeps two builds from
 * interleaving their writes and manifest updates.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type { BuiltFile, PreviousOutput } from './build.js';
import type { Snapshot } from './changes.js';
import type { DocumentInputs } from './inputs.js';
import type { Place } from '../model/document.js';

export function writeAtomic(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic.sync(path, bytes);
}

/** Writes only when the bytes differ, so an unchanged file keeps its modification time. */
export function writeIfChanged(path: string, bytes: Buffer | string): boolean {
  try {
    if (readFileSync(path).equals(Buffer.from(bytes))) return false;
  } catch {
    // missing: write it
  }
  writeAtomic(path, bytes);
  return true;
}

export interface ManifestEntry {
  readonly path: string;
  readonly project: string;
  readonly locale: string;
  readonly audience: string | null;
  readonly type: 'briefing' | 'release';
  readonly format: string;
  readonly sha256: string;
  readonly inputs: DocumentInputs;
  /** Sentences that show a figure: the base of the next change report's "sentences to read". */
  readonly places?: readonly Place[];
}

export interface Manifest {
  readonly project: string;
  readonly documents: ManifestEntry[];
  /** Figures and texts as of the last build that changed anything: the base of CHANGES.md. */
  readonly snapshot?: Snapshot;
}

export function readManifest(outDir: string, project: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(outDir, project, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function fileHash(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/** What the previous builds left: recorded inputs and hashes, and the hashes of the files really there. */
export function readPrevious(outDir: string, projects: readonly string[]): PreviousOutput {
  const inputs = new Map<string, DocumentInputs>();
  const recorded = new Map<string, string>();
  const onDisk = new Map<string, string>();
  for (const project of projects) {
    for (const d of readManifest(outDir, project)?.documents ?? []) {
      inputs.set(d.path, d.inputs);
      recorded.set(d.path, d.sha256);
      const h = fileHash(join(outDir, d.path));
      if (h) onDisk.set(d.path, h);
    }
  }
  return { inputs, recorded, onDisk };
}

/** Merges new entries into the project's manifest (a narrowed build keeps the others). */
export function mergeManifest(
  previous: Manifest | undefined,
  project: string,
  files: readonly BuiltFile[],
  snapshot: Snapshot | undefined,
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
      ...(f.places ? { places: f.places } : {}),
    });
  }
  const documents = [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  const snap = snapshot ?? previous?.snapshot;
  return { project, documents, ...(snap ? { snapshot: snap } : {}) };
}

/** Writes the rebuilt files (those whose bytes changed) and returns the paths written. */
export function writeFiles(outDir: string, files: readonly BuiltFile[]): string[] {
  const written: string[] = [];
  for (const f of files)
    if (!f.unchanged && writeIfChanged(join(outDir, f.path), f.bytes)) written.push(f.path);
  return written;
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  writeIfChanged(join(outDir, manifest.project, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/** Temporary files of builds killed outright (SIGKILL leaves no chance to clean up). */
export function removeStaleTemporaries(outDir: string): void {
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      // write-file-atomic names them `<file>.<murmurhash>` beside the target.
      else if (/\.(pdf|html|json|md)\.\d+$/.test(e.name)) rmSync(p, { force: true });
    }
  };
  walk(outDir);
}

/**
 * Holds the output folder's lock while `work` runs. A second build waits for the
 * first (up to about a minute) instead of interleaving with it.
 */
export async function withOutputLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(outDir, { recursive: true });
  const release = await lockfile.lock(outDir, {
    lockfilePath: join(outDir, '.briefing.lock'),
    retries: { retries: 120, minTimeout: 250, maxTimeout: 500 },
    stale: 20_000,
  });
  try {
    removeStaleTemporaries(outDir);
    return await work();
  } finally {
    if (existsSync(join(outDir, '.briefing.lock'))) await release();
  }
}

/** Project folders in the output: the index lists every project built there, not just this build's. */
export function listOutputProjects(outDir: string): string[] {
  try {
    return readdirSync(outDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
