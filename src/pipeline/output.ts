/**
 * The one module that writes files: the output folder, the workspace's translations
 * (`i18n import`), an export's files. A build's files change as one set: every new file is first written beside its target as `<name>.briefing-new`;
 * then a journal listing them is put in place (one rename: the commit point);
 * then each is renamed over its target and the journal removed. Killed before the
 * commit point, the folder keeps the whole old set (the next run, or the
 * supervisor at once, deletes the new files); killed after it, the next run
 * finishes the renames. Either way the manifest matches the documents and no
 * temporary file stays. A pid lock keeps two builds from interleaving.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import type { BuiltFile, PreviousOutput } from './build.js';
import type { Snapshot } from './changes.js';
import type { DocumentInputs } from './inputs.js';
import type { Place } from '../model/document.js';
import { acquireLock, lockName, releaseLock, tryLock } from './lock.js';
import { keep, peek } from '../text/memo.js';
import { sha256 } from '../text/hash.js';
import { layOutAhead, manifestBytes } from './manifest-text.js';

const staged = '.briefing-new';
const journalName = '.briefing-journal.json';

const asBuffer = (bytes: Buffer | string): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));

function bytesOnDisk(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function sizeOnDisk(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** The set of files one build changes, written all at once by `commit`. */
export class OutputTransaction {
  private readonly pending = new Map<string, Buffer | string>();
  /**
   * Files as `read` found them on disk: a manifest, a megabyte, is read at the start of a
   * build and compared at the end, and reading it again (and encoding the new one to
   * compare bytes) took a few tens of milliseconds of a one-document build.
   */
  private readonly found = new Map<string, Buffer>();
  /** What to do once a file is in place, with its stat (`statKey`). */
  private readonly whenWritten = new Map<string, (key: string[]) => void>();
  /** The hashes of the documents queued, as the build made them (`write`). */
  private readonly hashes = new Map<string, string>();
  constructor(readonly outDir: string) {}

  /** `then(key)` once the commit has put the file in place, if it writes it. */
  afterCommit(rel: string, then: (key: string[]) => void): void {
    this.whenWritten.set(rel, then);
  }

  /** The file's bytes as found on disk, known without reading it (`readManifest`). */
  foundAs(rel: string, bytes: Buffer): void {
    this.found.set(rel, bytes);
  }

  /** Whether the file is queued to be written. */
  queued(rel: string): boolean {
    return this.pending.has(rel);
  }

  /**
   * Queues a file (path relative to the output folder) unless the same bytes are there; true
   * if queued. A document comes with its SHA-256 (`hash`), which the next build looks up.
   */
  write(rel: string, bytes: Buffer | string, hash?: string): boolean {
    const data = asBuffer(bytes);
    const path = join(this.outDir, rel);
    // A file of another size is not read to be compared (a rebuilt PDF is most often another size).
    const before = this.found.get(rel) ?? (sizeOnDisk(path) === data.length ? bytesOnDisk(path) : undefined);
    this.hashes.delete(rel);
    if (before?.equals(data)) {
      this.pending.delete(rel);
      return false;
    }
    this.pending.set(rel, bytes);
    if (hash !== undefined) this.hashes.set(rel, hash);
    return true;
  }

  /** The file's text as it will be after the commit. */
  read(rel: string): string | undefined {
    return this.readBytes(rel)?.toString('utf8');
  }

  /** The file as it will be after the commit. */
  readBytes(rel: string): Buffer | undefined {
    const p = this.pending.get(rel);
    if (p !== undefined) return asBuffer(p);
    const bytes = bytesOnDisk(join(this.outDir, rel));
    if (bytes) this.found.set(rel, bytes);
    return bytes;
  }

  commit(): string[] {
    const rels = [...this.pending.keys()].sort();
    if (!rels.length) return [];
    for (const rel of rels) {
      const target = join(this.outDir, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target + staged, this.pending.get(rel) ?? '');
      keepMode(target);
    }
    const journal = join(this.outDir, journalName);
    writeFileSync(journal + staged, JSON.stringify(rels));
    renameSync(journal + staged, journal);
    finishJournal(this.outDir);
    // The next build finds these documents as they are now without reading them back (by
    // the hash the build made: the files, 7 MB in a build from scratch, were hashed again
    // here, the manifest's megabyte on every save of `watch`). Only documents are looked up.
    for (const rel of rels) {
      const hash = this.hashes.get(rel);
      const then = this.whenWritten.get(rel);
      if (hash === undefined && !then) continue;
      const key = statKey(join(this.outDir, rel));
      if (!key) continue;
      if (hash !== undefined) keep(hashKind, key, hash, false);
      then?.(key);
    }
    return rels;
  }
}

/**
 * The staged file given the mode of the file it replaces: a file its owner kept private
 * (an export in a folder shared with a translator, 0600) stays so, as write-file-atomic,
 * which wrote exports before, kept it. A new file has the process's default.
 */
function keepMode(target: string): void {
  let mode: number;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    return;
  }
  chmodSync(target + staged, mode);
}

function readJournal(outDir: string): string[] | undefined {
  try {
    const list: unknown = JSON.parse(readFileSync(join(outDir, journalName), 'utf8'));
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Completes a committed set: every staged file named by the journal replaces its target. */
function finishJournal(outDir: string): void {
  const rels = readJournal(outDir);
  if (rels) {
    for (const rel of rels) {
      const target = join(outDir, rel);
      // Renamed already when an earlier run stopped midway.
      if (existsSync(target + staged)) renameSync(target + staged, target);
    }
  }
  rmSync(join(outDir, journalName), { force: true });
}

/**
 * Puts an output folder back in a consistent state after an interrupted build:
 * a committed set is finished, an uncommitted one discarded, temporaries removed.
 */
export function recoverOutput(outDir: string): void {
  finishJournal(outDir);
  // Ours, and write-file-atomic's `<file>.<murmurhash>` from older versions.
  removeFiles(outDir, (name) => name.endsWith(staged) || /\.(pdf|html|json|md)\.\d+$/.test(name));
}

/**
 * Removes the matching files under `dir`, whose lock the caller holds. A folder below it
 * may be another command's, writing under that folder's own lock (an export with `--out`
 * into a project's folder, review copies in `output/review`): its staged files are removed
 * only while this process holds the lock of every folder between `dir` and them, so that
 * no writer can be midway there; where a live one holds any of them, they stay.
 */
function removeFiles(
  dir: string,
  matches: (name: string) => boolean,
  below: readonly string[] | 'unlocked' = [],
): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const found = entries.filter((e) => !e.isDirectory() && matches(e.name)).map((e) => join(dir, e.name));
  const remove = (): void => found.forEach((p) => rmSync(p, { force: true }));
  if (found.length) {
    if (below === 'unlocked') remove();
    else withLocks(below, remove);
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) removeFiles(p, matches, below === 'unlocked' ? below : [...below, p]);
  }
}

/** Runs `work` holding the lock of each of `dirs`, unless a live owner holds one of them. */
function withLocks(dirs: readonly string[], work: () => void): void {
  const releases: (() => void)[] = [];
  try {
    for (const d of dirs) {
      const release = tryLock(d);
      if (!release) return;
      releases.push(release);
    }
    work();
  } finally {
    for (const release of releases.reverse()) release();
  }
}

/** The folders of a workspace that `i18n import` and `accept` write into. */
const writableContent = ['content', 'locales'];

/**
 * Puts the workspace's content back in a consistent state after an interrupted
 * `i18n import` or `accept`: a committed set finished, an uncommitted one removed.
 * Only our staged files go, and only under content/ and locales/ (never node_modules/).
 */
export function recoverWorkspace(root: string): void {
  finishJournal(root);
  // The workspace's lock covers all of it: no folder's lock is taken (nor left) in content/.
  for (const dir of writableContent)
    removeFiles(join(root, dir), (name) => name.endsWith(staged), 'unlocked');
}

/** Called by the supervisor once the worker writing the workspace is stopped. */
export function abandonWorkspace(root: string): void {
  try {
    recoverWorkspace(root);
  } finally {
    releaseLock(root);
  }
}

/**
 * Writes files of the workspace (translations and their records, by path relative
 * to it) as one set, as a build commits its outputs: staged beside their targets,
 * committed by the rename of a journal, under the workspace's lock so that two
 * imports never interleave. A kill at any moment leaves the old set or the new one.
 */
export async function writeWorkspaceFiles(
  root: string,
  files: ReadonlyMap<string, string>,
): Promise<string[]> {
  const release = await acquireLock(root, undefined, 'workspace');
  parentPort?.postMessage({ type: 'locked', dir: root, scope: 'workspace' });
  try {
    recoverWorkspace(root);
    const tx = new OutputTransaction(root);
    for (const [rel, text] of files) tx.write(rel, text);
    return tx.commit();
  } finally {
    release();
    parentPort?.postMessage({ type: 'unlocked', dir: root });
  }
}

/** Finishes (or discards) a workspace write a killed command left, before anything reads the content. */
export async function settleWorkspace(root: string): Promise<void> {
  if (!existsSync(join(root, journalName)) && !existsSync(join(root, lockName))) return;
  const release = await acquireLock(root, undefined, 'workspace');
  try {
    recoverWorkspace(root);
  } finally {
    release();
  }
}

/**
 * Writes files into a folder of the user's, not the tool's (an XLIFF export and its TBX,
 * where `--out` names): as one set, staged and committed through a journal as a build's
 * outputs are, under the folder's lock, so that a kill leaves the old files or the new ones
 * and two commands never interleave. Only what a set of ours left is put right: the journal
 * and the staged files of the names written. An output folder's recursive sweep would walk a
 * workspace (its node_modules too) and take the staged files of a build writing below it,
 * and a sweep of this folder those of a build writing in it (`--out output/<project>/kk.xlf`
 * is under the project's folder's lock, not the output folder's, which the build holds).
 */
export async function writeFolderFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const release = await acquireLock(dir);
  const names = [...files.keys()];
  parentPort?.postMessage({ type: 'locked', dir, scope: 'folder', names });
  try {
    recoverFolder(dir, names);
    const tx = new OutputTransaction(dir);
    for (const [name, text] of files) tx.write(name, text);
    tx.commit();
  } finally {
    release();
    parentPort?.postMessage({ type: 'unlocked', dir });
  }
}

/** A committed set finished, the staged files of `names` (ours, or a killed write's of them) removed. */
function recoverFolder(dir: string, names: readonly string[]): void {
  finishJournal(dir);
  for (const name of [...names, journalName]) rmSync(join(dir, name + staged), { force: true });
}

/** Called by the supervisor once the worker writing `names` into the folder is stopped. */
export function abandonFolder(dir: string, names: readonly string[] = []): void {
  try {
    recoverFolder(dir, names);
  } finally {
    releaseLock(dir);
  }
}

/** Called by the supervisor once the worker holding the lock is stopped. */
export function abandonOutput(outDir: string): void {
  try {
    recoverOutput(outDir);
  } finally {
    releaseLock(outDir);
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
  readonly inputs: DocumentInputs;
  /** Sentences that show a figure: the base of the next change report's "sentences to read". */
  readonly places?: readonly Place[];
  /** For the index page: the document's title and edition name in its language, its date of information and size. */
  readonly title?: string;
  readonly label?: string;
  readonly asOf?: string;
  readonly bytes?: number;
}

export interface Manifest {
  readonly project: string;
  readonly documents: ManifestEntry[];
  /** Figures and texts as of the last build that changed anything: the base of CHANGES.md. */
  readonly snapshot?: Snapshot;
}

const ManifestShape = z.object({
  project: z.string(),
  documents: z.array(
    z
      .object({
        path: z.string().regex(/^[^/\\.][^/\\]*\/[^/\\.][^/\\]*\/[^/\\.][^/\\]*\.(html|pdf)$/),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        inputs: z.looseObject({}),
      })
      .loose(),
  ),
  snapshot: z.looseObject({}).optional(),
});

/**
 * The manifest as the last build left it. One that is unreadable or malformed
 * (edited by hand, truncated) counts as absent: every document is rebuilt.
 */
export function readManifest(outDir: string, project: string, tx?: OutputTransaction): Manifest | undefined {
  const rel = join(project, 'manifest.json');
  const path = join(outDir, rel);
  // Taken before reading: a file changed meanwhile is read again next time.
  const key = tx && !tx.queued(rel) ? statKey(path)?.join(' ') : undefined;
  const known = key === undefined ? undefined : knownManifests.get(path);
  try {
    if (tx && known && known.key === key) {
      // The bytes this process checked or wrote: not read, parsed or checked again.
      tx.foundAs(rel, known.bytes);
      return known.manifest;
    }
    const bytes = tx ? tx.readBytes(rel) : readFileSync(path);
    if (bytes === undefined) return undefined;
    const parsed = ManifestShape.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success || parsed.data.project !== project) return undefined;
    const manifest = parsed.data as unknown as Manifest;
    if (key !== undefined) knownManifests.set(path, { key, bytes, manifest: frozen(manifest) });
    return manifest;
  } catch {
    return undefined;
  }
}

/**
 * The manifest this process last read and checked, or wrote, by file, under the file's
 * stat then (`statKey`): `watch` reads on each save the manifest the save before wrote, a
 * megabyte to read, parse and check. Handed out as it is: nothing changes a manifest read.
 */
const knownManifests = new Map<string, { key: string; bytes: Buffer; manifest: Manifest }>();

/**
 * A manifest handed out again, frozen down to its entries: its entries' text is kept by
 * identity (manifest-text.ts), so code that changed one would fail, not write stale bytes.
 */
function frozen(manifest: Manifest): Manifest {
  for (const entry of manifest.documents) Object.freeze(entry);
  Object.freeze(manifest.documents);
  return Object.freeze(manifest);
}

const hashKind = 'output-hash';

/**
 * What changes whenever a file's bytes do, as git's index keeps it: its inode, size, and
 * times of modification and of change (which no program can set back). A build looks at
 * every output file, and read and hashed them all to learn they were what the last one wrote.
 */
function statKey(path: string): string[] | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return [path, String(s.ino), String(s.size), String(s.mtimeNs), String(s.ctimeNs)];
  } catch {
    return undefined;
  }
}

/**
 * The file's hash: kept by the build that wrote it, or an earlier that read it, else read
 * now. Kept, not stored for its own sake: writing the store file again (megabytes) for a
 * hash or two cost more than reading the files again.
 */
function fileHash(path: string): string | undefined {
  const key = statKey(path);
  if (!key) return undefined;
  const known = peek<string>(hashKind, key);
  if (known !== undefined) return known;
  try {
    const hash = sha256(readFileSync(path));
    keep(hashKind, key, hash, false);
    return hash;
  } catch {
    return undefined;
  }
}

/**
 * What the previous builds left: recorded inputs and hashes, the hashes of the files
 * really there, and each project's manifest (read once a build: it records every sentence
 * that shows a figure, a megabyte for a project of twelve documents).
 */
export function readPrevious(
  tx: OutputTransaction,
  projects: readonly string[],
): PreviousOutput & { readonly manifests: ReadonlyMap<string, Manifest> } {
  const { outDir } = tx;
  const inputs = new Map<string, DocumentInputs>();
  const recorded = new Map<string, string>();
  const onDisk = new Map<string, string>();
  const manifests = new Map<string, Manifest>();
  for (const project of projects) {
    const manifest = readManifest(outDir, project, tx);
    if (manifest) manifests.set(project, manifest);
    for (const d of manifest?.documents ?? []) {
      inputs.set(d.path, d.inputs);
      recorded.set(d.path, d.sha256);
      const h = fileHash(join(outDir, d.path));
      if (h) onDisk.set(d.path, h);
    }
  }
  return { inputs, recorded, onDisk, manifests };
}

/** Manifest entries laid out by `layOut`, in the order of keys a manifest's file has. */
const laidOut = new WeakSet<ManifestEntry>();

/**
 * An entry read back laid out as new ones are: the manifest of an incremental build has the
 * bytes of a full build's. One this process laid out is kept as it is, and so its text
 * (manifest-text.ts).
 */
function layOut(d: ManifestEntry): ManifestEntry {
  if (laidOut.has(d)) return d;
  const e: ManifestEntry = {
    path: d.path,
    project: d.project,
    locale: d.locale,
    audience: d.audience,
    type: d.type,
    format: d.format,
    sha256: d.sha256,
    title: d.title,
    label: d.label,
    asOf: d.asOf,
    bytes: d.bytes,
    inputs: d.inputs,
    ...(d.places ? { places: d.places } : {}),
  };
  laidOut.add(e);
  return e;
}

/** Each built file's entry, made once: the same object, and so the same text, when merged. */
const entries = new WeakMap<BuiltFile, ManifestEntry>();

function entryOf(f: BuiltFile): ManifestEntry {
  let entry = entries.get(f);
  if (!entry) {
    entry = layOut({ ...f, bytes: f.bytes.length });
    entries.set(f, entry);
  }
  return entry;
}

/** The file's manifest entry and its text, made now (while a build waits for its last PDFs). */
export function enterAhead(f: BuiltFile): void {
  layOutAhead(entryOf(f));
}

/** Merges new entries into the project's manifest (a narrowed build keeps the others). */
export function mergeManifest(
  previous: Manifest | undefined,
  project: string,
  files: readonly BuiltFile[],
  snapshot: Snapshot | undefined,
): Manifest {
  const byPath = new Map((previous?.documents ?? []).map((d) => [d.path, layOut(d)]));
  for (const f of files) byPath.set(f.path, entryOf(f));
  const documents = [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  // The same figures and texts as before, in the same order, are the same value, and so the
  // same text (manifest-text.ts); compared as JSON, which keeps the order of keys.
  const snap =
    snapshot && previous?.snapshot && JSON.stringify(snapshot) === JSON.stringify(previous.snapshot)
      ? previous.snapshot
      : (snapshot ?? previous?.snapshot);
  return { project, documents, ...(snap ? { snapshot: snap } : {}) };
}

/** Queues the rebuilt files (those whose bytes changed) and returns their paths. */
export function writeFiles(tx: OutputTransaction, files: readonly BuiltFile[]): string[] {
  const written: string[] = [];
  for (const f of files) if (!f.unchanged && tx.write(f.path, f.bytes, f.sha256)) written.push(f.path);
  return written;
}

export function writeManifest(tx: OutputTransaction, manifest: Manifest): void {
  const rel = join(manifest.project, 'manifest.json');
  const bytes = manifestBytes(manifest);
  if (tx.write(rel, bytes))
    tx.afterCommit(rel, (key) =>
      knownManifests.set(join(tx.outDir, rel), { key: key.join(' '), bytes, manifest: frozen(manifest) }),
    );
}

/**
 * Holds the output folder's lock while `work` runs. A second build waits for the
 * first instead of interleaving with it; a lock whose process is gone is taken over.
 */
export async function withOutputLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(outDir, { recursive: true });
  const release = await acquireLock(outDir);
  // The supervisor (cli/supervisor.ts) cleans up after a worker it had to stop.
  parentPort?.postMessage({ type: 'locked', dir: outDir });
  try {
    recoverOutput(outDir);
    return await work();
  } finally {
    release();
    parentPort?.postMessage({ type: 'unlocked', dir: outDir });
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
