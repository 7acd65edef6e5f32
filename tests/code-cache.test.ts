/**
 * A thread's bundle runs the same from source and from V8's code cache
 * (runtime/code-cache.ts): the first run keeps its compiled code once it has done its
 * work, the next starts from it, and a cache that does not fit (damaged, another build
 * of the bundle) is compiled around and replaced.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeCacheDir } from '../src/runtime/code-cache.js';

let root: string;
let bundle: string;
const cacheDir = (): string => join(root, 'node_modules', '.cache', 'briefing');
const cached = (): string[] => readdirSync(cacheDir());
const runs = (): string => readFileSync(join(root, 'dist', 'cli', 'ran.txt'), 'utf8');

/** A bundle that uses what CommonJS gives it: require, module, __dirname. */
function writeBundle(answer: number): void {
  writeFileSync(
    bundle,
    `const { appendFileSync } = require('node:fs');
     function twice(n) { return n * 2; }
     module.exports.answer = twice(${answer} / 2);
     appendFileSync(require('node:path').join(__dirname, 'ran.txt'), String(module.exports.answer) + ';');`,
  );
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'briefing-code-cache-'));
  mkdirSync(join(root, 'node_modules'));
  mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
  bundle = join(root, 'dist', 'cli', 'worker.bundle.cjs');
  writeBundle(42);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/**
 * Runs the bundle in a process of its own (V8 keeps what one process compiled in memory,
 * so a second run in the same process would never read the cache) and, if told, keeps
 * its code. The compiled module (npm test compiles first) is what the CLI's threads run.
 */
function run(
  hash: string,
  { keep = true, env = {} }: { keep?: boolean; env?: NodeJS.ProcessEnv } = {},
): string {
  const module = pathToFileURL(join(process.cwd(), 'dist', 'runtime', 'code-cache.js')).href;
  const script = `import { runBundle, keepCompiledCode } from '${module}';
    process.stdout.write(runBundle(new URL('${pathToFileURL(bundle).href}'), '${hash}'));
    ${keep ? 'keepCompiledCode();' : ''}`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('a bundle run with the code cache', () => {
  test('runs from source first, keeps its code once its work is done, then runs from the cache', () => {
    expect(run('aaaa', { keep: false })).toBe('from-source');
    expect(() => cached()).toThrow();
    expect(run('aaaa')).toBe('from-source');
    expect(cached()).toEqual([expect.stringMatching(/^cli-worker-bundle-cjs-aaaa-v\d+.*\.bin$/)]);
    expect(run('aaaa')).toBe('from-cache');
    expect(runs()).toBe('42;42;42;');
  });

  test('a damaged cache is compiled around and replaced', () => {
    run('aaaa');
    const path = join(cacheDir(), cached()[0]!);
    writeFileSync(path, Buffer.alloc(readFileSync(path).length, 7));
    expect(run('aaaa')).toBe('from-source');
    expect(run('aaaa')).toBe('from-cache');
    expect(runs()).toBe('42;42;42;');
  });

  test("another build of the bundle never reads the last one's cache, and replaces it", () => {
    run('aaaa');
    // Same length, other code: V8 alone would not tell them apart.
    writeBundle(24);
    expect(run('bbbb')).toBe('from-source');
    expect(cached()).toEqual([expect.stringMatching(/^cli-worker-bundle-cjs-bbbb-/)]);
    expect(run('bbbb')).toBe('from-cache');
    expect(runs()).toBe('42;24;24;');
  });

  test('keeps nothing when told not to, or when there is no node_modules folder', () => {
    expect(run('aaaa', { env: { BRIEFING_CODE_CACHE: 'off' } })).toBe('from-source');
    expect(() => cached()).toThrow();
    rmSync(join(root, 'node_modules'), { recursive: true });
    expect(codeCacheDir(bundle)).toBeUndefined();
    expect(run('aaaa')).toBe('from-source');
    expect(runs()).toBe('42;42;');
  });

  test('an installed package keeps it in the node_modules folder it is installed in', () => {
    const installed = join(root, 'node_modules', 'briefing', 'dist', 'cli', 'worker.bundle.cjs');
    expect(codeCacheDir(installed)).toBe(join(root, 'node_modules', '.cache', 'briefing'));
  });
});

describe('a bundle that only some runs need (the chart renderer)', () => {
  /** The thread's bundle loads the other one through its loader, twice, if told. */
  function writeThread(load: boolean): void {
    writeFileSync(
      bundle,
      `const { appendFileSync } = require('node:fs');
       const ran = require('node:path').join(__dirname, 'ran.txt');
       if (${load}) {
         const at = new URL('../charts/part.bundle.cjs', require('node:url').pathToFileURL(__filename));
         const part = globalThis[Symbol.for('briefing.requireBundle')](at, 'pppp');
         const again = globalThis[Symbol.for('briefing.requireBundle')](at, 'pppp');
         appendFileSync(ran, part.twice(21) + (part === again ? ' once' : ' twice') + ';');
       } else appendFileSync(ran, 'none;');`,
    );
  }

  beforeEach(() => {
    mkdirSync(join(root, 'dist', 'charts'));
    writeFileSync(
      join(root, 'dist', 'charts', 'part.bundle.cjs'),
      `require('node:fs').appendFileSync(require('node:path').join(__dirname, '..', 'cli', 'ran.txt'), 'part ');
       module.exports.twice = (n) => n * 2;`,
    );
  });

  test('is loaded when asked for, once, and keeps a code cache of its own', () => {
    writeThread(true);
    expect(run('aaaa')).toBe('from-source');
    expect(cached().sort()).toEqual([
      expect.stringMatching(/^charts-part-bundle-cjs-pppp-v\d+.*\.bin$/),
      expect.stringMatching(/^cli-worker-bundle-cjs-aaaa-v\d+.*\.bin$/),
    ]);
    expect(run('aaaa')).toBe('from-cache');
    expect(runs()).toBe('part 42 once;part 42 once;');
  });

  test('is neither run nor cached by a run that does not ask for it', () => {
    writeThread(false);
    run('aaaa');
    expect(cached()).toEqual([expect.stringMatching(/^cli-worker-bundle-cjs-aaaa-/)]);
    expect(runs()).toBe('none;');
  });

  test('the chart renderer is such a bundle: the command thread holds no Vega of its own', () => {
    const dist = join(process.cwd(), 'dist');
    expect(readFileSync(join(dist, 'charts', 'render.bundle.cjs'), 'utf8')).toMatch(/vega-scenegraph/);
    const command = readFileSync(join(dist, 'cli', 'worker.bundle.cjs'), 'utf8');
    expect(command).not.toMatch(/vega-scenegraph|node_modules\/vega-lite/);
    expect(command).toMatch(/briefing\.requireBundle.*render\.bundle\.cjs/);
  });
});
