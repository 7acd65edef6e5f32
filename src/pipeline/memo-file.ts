/**
 * The memo store (text/memo.ts) on disk, so that a build in a new process finds what the
 * last one parsed and checked: `.cache/briefing/memo.bin` in the workspace (beside
 * content/, never in the output folder, whose files a build accounts for one by one).
 *
 * The file holds a fingerprint of the code that computed its entries: what the tool was
 * compiled from, the packages installed, and Node's version. Any change
 * there and the file is ignored and replaced, so a new version of the tool never reads
 * a result the old one computed. A file that cannot be read is ignored the same way:
 * the cache only ever saves time, and a build without it makes the same bytes.
 * `BRIEFING_CACHE=off` (or `0`) turns it off.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFile, cacheOff } from './cache-dir.js';
import { addEntries, setMemoEnabled, startRound, takeEntries } from '../text/memo.js';
import { decodeStore, storePieces } from './memo-format.js';
import { replaceFile } from './replace-file.js';

/** The packages whose code computes what is kept: a new version of any of them may parse differently. */
const packages = [
  'yaml',
  'zod',
  'unified',
  'remark-parse',
  'remark-directive',
  'micromark',
  'mdast-util-from-markdown',
];

const require = createRequire(import.meta.url);

export const memoFile = (root: string): string => cacheFile(root, 'memo.bin');

let fingerprintOnce: string | undefined;

/** A file's bytes, or nothing when it cannot be read. */
function bytesOf(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The installed packages: npm's record of every one in node_modules (`.package-lock.json`,
 * rewritten whenever npm changes what is installed), else each parsing package's own
 * manifest. Read by path: most of these packages export no `package.json`, and asked for
 * it by name they were counted as missing, whatever their version.
 */
export function installed(): Buffer[] {
  const entry = require.resolve('yaml');
  const folder = `${sep}node_modules`;
  const modules = entry.slice(0, entry.lastIndexOf(`${folder}${sep}`) + folder.length);
  const lock = bytesOf(join(modules, '.package-lock.json'));
  if (lock) return [lock];
  return packages.map(
    (name) => bytesOf(join(modules, name, 'package.json')) ?? Buffer.from(`${name} missing`),
  );
}

/** Everything that computes the kept results: this tool's code and what it runs on. */
function fingerprint(): string {
  if (fingerprintOnce) return fingerprintOnce;
  const hash = createHash('sha256');
  // The file's own layout is checked as it is read (memo-format.ts).
  hash.update(`${process.version} ${process.versions.v8}\n`);
  for (const bytes of installed()) hash.update(bytes).update('\0');
  fingerprintOnce = hash.update(codeHash()).digest('hex');
  return fingerprintOnce;
}

let codeOnce: string | undefined;

/**
 * The code of the tool itself: as compiled, the hash of what dist/ was compiled from,
 * recorded by scripts/bundle.mjs; under the tests, the same hash made from src/, so that
 * a document made in a test's process records the tool a compiled build records.
 */
export function codeHash(): string {
  if (codeOnce) return codeOnce;
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  const compiledFrom =
    bytesOf(join(code, '.compiled-from')) ?? Buffer.from(`${compileInputs(dirname(code))}\n`);
  codeOnce = createHash('sha256').update(compiledFrom).digest('hex');
  return codeOnce;
}

/** As scripts/compile-inputs.mjs makes it (tests/code-hash.test.ts compares the two). */
function compileInputs(repo: string): string {
  const files = [
    ...readdirSync(join(repo, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('src', f)),
    'scripts/bundle.mjs',
    'scripts/ascii.mjs',
    'tsconfig.json',
    'tsconfig.build.json',
    'package-lock.json',
  ].sort();
  const hash = createHash('sha256').update(`${process.version}\n`);
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(repo, f)))
      .update('\0');
  return hash.digest('hex');
}

let openedFor: string | undefined;

/**
 * Before loading: what an earlier build of this workspace kept, if its code was this
 * code; read from disk once per process (`watch` keeps the store in memory after that).
 */
export function openMemo(root: string): void {
  if (cacheOff()) {
    setMemoEnabled(false);
    return;
  }
  setMemoEnabled(true);
  startRound();
  if (openedFor === root) return;
  openedFor = root;
  try {
    const stored = decodeStore(readFileSync(memoFile(root)));
    if (stored?.fingerprint === fingerprint()) addEntries(stored.entries);
  } catch {
    // No file yet, or one this code cannot read: start empty.
  }
}

/**
 * For the commands that do not build (check, figures, i18n, review): the results the
 * builds kept, found again by the same keys, so these commands parse, check and draw only
 * what changed since. They keep nothing new: the cache is the builds' alone, and `check`
 * writes nothing at all. A result is the same found or computed, so their messages are too
 * (tested).
 */
export function readKeptResults(root: string): void {
  openMemo(root);
}

/** After a build: keeps what it used, if anything changed. Never fails a build. */
export function saveMemo(root: string): void {
  if (cacheOff()) return;
  const { entries, changed } = takeEntries();
  if (!changed) return;
  try {
    const file = memoFile(root);
    mkdirSync(dirname(file), { recursive: true });
    replaceFile(file, storePieces({ fingerprint: fingerprint(), entries }));
  } catch {
    // A read-only workspace builds as well, only without the time saved.
  }
}
