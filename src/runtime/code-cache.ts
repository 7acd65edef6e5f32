/**
 * The CLI's threads run from two CommonJS bundles (scripts/bundle.mjs), compiled with
 * V8's code cache: the bytecode V8 compiled for a thread in an earlier run, kept under
 * node_modules/.cache/briefing/ (where JavaScript tools keep what they compile). A
 * thread that finds it skips parsing five megabytes of JavaScript and compiling every
 * function it calls. It is an installation's cache, like a compiled Python file: no
 * output depends on it, and V8 checks it (its own version, its flags, the source's
 * length) and compiles from source instead when it does not fit. The name of the file
 * holds a hash of the bundle, so a new compile never reads an old cache.
 *
 * `BRIEFING_CODE_CACHE=off` compiles from source and keeps nothing.
 *
 * Code in a bundle imports ES modules through `importModule`: a script compiled by `vm`
 * has no ES module loader of its own.
 *
 * A part that only some runs need (Vega, which draws charts) is a bundle of its own, with
 * a cache of its own, loaded by `requireBundle` when first used: a thread's cache holds
 * the bytecode of every function it ran, and V8 reads a cache whole. A build that drew
 * no chart (nothing changed, one Kazakh text) read Vega's 1.3 MB of bytecode for nothing.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** How a bundle was compiled. */
export type Compiled = 'from-cache' | 'from-source';

/** What the loader hands the bundle: where its thread keeps its compiled code, once (see keepCompiledCode). */
const KEEP = Symbol.for('briefing.keepCompiledCode');
/** How code in a bundle imports an ES module (see importModule). */
const IMPORT = Symbol.for('briefing.importModule');
/** How code in a bundle loads another bundle (see requireBundle; scripts/bundle.mjs writes the calls). */
const REQUIRE_BUNDLE = Symbol.for('briefing.requireBundle');
type WithHooks = typeof globalThis & {
  [KEEP]?: () => void;
  [IMPORT]?: (specifier: string) => Promise<unknown>;
  [REQUIRE_BUNDLE]?: (bundle: URL, hash: string) => unknown;
};

/** The caches this thread will keep once its work is done: one per bundle compiled from source. */
const keepers: (() => void)[] = [];
const keepAll = (): void => {
  for (const keep of keepers.splice(0)) keep();
};

const off = (): boolean => /^(off|0|false|no)$/i.test(process.env.BRIEFING_CODE_CACHE ?? '');

/**
 * node_modules/.cache/briefing of the package's root (a clone), or of the node_modules
 * folder the package is installed in; none elsewhere.
 */
export function codeCacheDir(bundleFile: string): string | undefined {
  // A bundle lies in dist/<folder>/.
  const root = resolve(dirname(bundleFile), '..', '..');
  if (existsSync(join(root, 'node_modules'))) return join(root, 'node_modules', '.cache', 'briefing');
  const at = root.lastIndexOf(`${sep}node_modules${sep}`);
  return at < 0 ? undefined : join(root.slice(0, at), 'node_modules', '.cache', 'briefing');
}

/**
 * Runs a CommonJS bundle in this thread as Node would `require` it, from the code
 * cache when one fits. `hash` names this build of the bundle (scripts/bundle.mjs).
 */
export function runBundle(bundle: URL, hash: string): Compiled {
  // From an ES module of the package, so a bare name resolves in its node_modules as from the bundle.
  (globalThis as WithHooks)[IMPORT] = (specifier) => import(specifier);
  (globalThis as WithHooks)[REQUIRE_BUNDLE] = requireBundle;
  return load(bundle, hash).compiled;
}

const required = new Map<string, unknown>();

/** The exports of a bundle, run once per thread (as `require` would), from the code cache when one fits. */
export function requireBundle(bundle: URL, hash: string): unknown {
  const file = fileURLToPath(bundle);
  if (!required.has(file)) required.set(file, load(bundle, hash).exports);
  return required.get(file);
}

function load(bundle: URL, hash: string): { compiled: Compiled; exports: unknown } {
  const file = fileURLToPath(bundle);
  const bytes = readFileSync(file);
  // An ASCII bundle (scripts/bundle.mjs makes them so) read as such is a one-byte string;
  // decoded as UTF-8, one other character made the whole a two-byte string.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const dir = off() ? undefined : codeCacheDir(file);
  // One name per bundle (cli-worker-bundle-cjs-…), whatever build, Node version or machine made it.
  const name = `${basename(dirname(file))}-${basename(file)}-`.replace(/[^\w-]+/g, '-');
  const cacheFile = dir && join(dir, `${name}${hash}-${process.version}-${process.arch}.bin`);
  const cachedData = cacheFile ? readOrNothing(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const compiled: Compiled = cachedData && !script.cachedDataRejected ? 'from-cache' : 'from-source';
  if (cacheFile && compiled === 'from-source') {
    keepers.push(() => store(cacheFile, script.createCachedData(), name));
    (globalThis as WithHooks)[KEEP] = keepAll;
  }
  const module = new Module(file);
  module.filename = file;
  const require = createRequire(file);
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
  return { compiled, exports: module.exports };
}

/**
 * Called by a bundle's thread once it has done the work it is there for (a build, a
 * batch of PDFs): when its code came from source, V8's bytecode for every function it
 * has compiled so far is kept for the next run. Does nothing otherwise, or twice.
 */
export function keepCompiledCode(): void {
  (globalThis as WithHooks)[KEEP]?.();
}

/**
 * `import()` for code that may run in a bundle: a script compiled by `vm` has no ES
 * module loader of its own (Node lends one only behind a flag or with a warning), so
 * the bundle imports through its loader's (an ES module package: harfbuzzjs).
 */
export function importModule<T>(specifier: string): Promise<T> {
  const viaLoader = (globalThis as WithHooks)[IMPORT];
  return (viaLoader ? viaLoader(specifier) : import(specifier)) as Promise<T>;
}

function readOrNothing(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed); the bundle's other caches removed. */
function store(file: string, data: Buffer, name: string): void {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}-${threadId}`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
    for (const other of readdirSync(dir))
      if (other.startsWith(name) && other !== basename(file)) rmSync(join(dir, other), { force: true });
  } catch {
    // A cache that cannot be written (a read-only install) is only a slower next start.
  }
}
