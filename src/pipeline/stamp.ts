/**
 * Whether a build may have anything to write, guessed before anything is loaded: the
 * size and modification time of every file of the workspace's inputs (content/, locales/,
 * templates/) and of the output folder, and the tool's own code, as the last build that
 * succeeded left them. A build run again on what it left (a Makefile's or a CI step's
 * `briefing build`) writes nothing; a PDF worker started early and warming up beside it
 * only slowed it down (a no-op build: 0.73 s with one, 0.58 s without, medians of 10
 * alternated runs).
 *
 * The guess decides only when PDF workers start, never what is built: the build still
 * compares every document's inputs (pipeline/inputs.ts), and one that finds work after all
 * starts its workers then, cold, and writes the same bytes. Kept beside the memo in
 * `.cache/briefing/`; `BRIEFING_CACHE=off` turns it off with the memo.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFile, cacheOff } from './cache-dir.js';
import { replaceFile } from './replace-file.js';

/** What a build was asked for, as far as it decides what is written (not --jobs, --quiet). */
export interface Selection {
  readonly out: string;
  readonly project?: readonly string[];
  readonly locale?: readonly string[];
  readonly audience?: readonly string[];
  readonly format?: readonly string[];
  readonly strict?: boolean;
  readonly pseudo?: boolean;
  readonly shard?: string;
}

const INPUTS = ['content', 'locales', 'templates'];

const stampFile = (root: string): string => cacheFile(root, 'stamp');

/** Every file under `dir` with its size and time, by path from `root`; files the build stages or locks are left out. */
function listing(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [`${relative(root, dir)} absent`];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() || e.name.startsWith('.briefing')) continue;
    const path = join(e.parentPath, e.name);
    try {
      const s = statSync(path);
      out.push(`${relative(root, path)} ${s.size} ${s.mtimeMs}`);
    } catch {
      out.push(`${relative(root, path)} gone`);
    }
  }
  return out.sort();
}

/**
 * The command's bundle (scripts/bundle.mjs): a new version of the tool rebuilds what it
 * changes. Named from this module's place, which is the bundle itself or, for the check
 * made before the bundle loads, dist/pipeline/.
 */
const commandCode = new URL('../cli/worker.bundle.cjs', import.meta.url);

function codeStat(): string {
  try {
    const s = statSync(fileURLToPath(commandCode));
    return `${s.size} ${s.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

/**
 * The selection alone, field by field: the options object also holds flags that change
 * nothing written (--jobs, --quiet).
 */
function selectionOf(options: Selection): Selection {
  const { out, project, locale, audience, format, strict, pseudo, shard } = options;
  return { out, project, locale, audience, format, strict, pseudo, shard };
}

/** The digest of the workspace's inputs, the output folder and the code, for this selection. */
function stampOf(root: string, options: Selection): string {
  const { out, ...selection } = selectionOf(options);
  const outDir = resolve(root, out);
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ outDir, ...selection }));
  hash.update(`\n${process.version} ${codeStat()}\n`);
  for (const dir of INPUTS) hash.update(listing(root, join(root, dir)).join('\n')).update('\n');
  hash.update(listing(root, outDir).join('\n'));
  return hash.digest('hex');
}

/**
 * The stamp file: the digest, and the command line of the build that left it with the
 * selection it parsed to, so that the check can be made before the command line is parsed
 * (cli/early-thread.ts) when it is the same one again.
 */
interface Stamp {
  readonly digest: string;
  readonly argv: readonly string[];
  readonly selection: Selection;
}

function readStamp(root: string): Stamp | undefined {
  if (cacheOff()) return undefined;
  try {
    const stamp = JSON.parse(readFileSync(stampFile(root), 'utf8')) as Partial<Stamp> | null;
    const { digest, argv, selection } = stamp ?? {};
    if (typeof digest !== 'string' || !Array.isArray(argv) || typeof selection?.out !== 'string')
      return undefined;
    return { digest, argv, selection };
  } catch {
    return undefined;
  }
}

/** True when every input and output file is as the last successful build with this selection left it. */
export function unchangedSinceLastBuild(root: string, selection: Selection): boolean {
  const stamp = readStamp(root);
  return !!stamp && stamp.digest === stampOf(root, selection);
}

/**
 * The same, before the command line is parsed: undefined when the last successful build
 * ran another command line (or there was none), whose selection this one may not share.
 */
export function unchangedForCommandLine(root: string, argv: readonly string[]): boolean | undefined {
  const stamp = readStamp(root);
  if (!stamp || stamp.argv.length !== argv.length || stamp.argv.some((a, i) => a !== argv[i]))
    return undefined;
  return stamp.digest === stampOf(root, stamp.selection);
}

/** Records the files as a build that succeeded left them (after its outputs are in place). */
export function recordSuccessfulBuild(
  root: string,
  selection: Selection,
  argv: readonly string[] = [],
): void {
  if (cacheOff()) return;
  const file = stampFile(root);
  const stamp: Stamp = { digest: stampOf(root, selection), argv, selection: selectionOf(selection) };
  try {
    mkdirSync(dirname(file), { recursive: true });
    // The stamp is a guess: one lost or cut short in a crash reads as none. (write-file-atomic,
    // which wrote it before, took 7–10 ms to load.)
    replaceFile(file, [Buffer.from(JSON.stringify(stamp))]);
  } catch {
    // Only a guess is lost: the next build starts its workers early, as without one.
  }
}
