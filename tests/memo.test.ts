/**
 * What a build keeps between runs (text/memo.ts, pipeline/memo-file.ts) only saves
 * time: positions read from kept YAML facts are those of the parsed document, a build
 * that finds the cache makes the bytes a build without it makes, and a cache written by
 * other code is ignored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { serialize } from 'node:v8';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { parseYaml } from '../src/load/yaml.js';
import {
  keep,
  memo,
  peek,
  setMemoEnabled,
  shareResults,
  startRound,
  takeEntries,
  type StoredEntry,
} from '../src/text/memo.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { runIncremental } from '../src/pipeline/run.js';
import { installed, memoFile, saveMemo } from '../src/pipeline/memo-file.js';
import { decodeStore, encodeStore } from '../src/pipeline/memo-format.js';
import {
  addVideosValue,
  fileHashes,
  makeWorkspace,
  removeWorkspace,
  repoRoot,
  runCli,
} from './helpers/workspace.js';

/** Where the parsed document itself puts a path: the reference the kept facts must match. */
function reference(source: string): {
  positionOf: (path: readonly PropertyKey[]) => string | undefined;
  keyPositionOf: (path: readonly PropertyKey[]) => string | undefined;
} {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, uniqueKeys: true, strict: true });
  const at = (offset: number): string => {
    const p = lineCounter.linePos(offset);
    return `${p.line}:${p.col}`;
  };
  const nodeAt = (path: readonly PropertyKey[]): Node | undefined => {
    if (path.length === 0) return doc.contents ?? undefined;
    const node = doc.getIn(
      path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      true,
    );
    if (isNode(node)) return node;
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find(
        (it) => isPair(it) && isScalar(it.key) && it.key.value === path[path.length - 1],
      );
      if (pair && isNode(pair.key)) return pair.key;
    }
    return undefined;
  };
  const positionOf = (path: readonly PropertyKey[]): string | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(path.slice(0, depth));
      if (node?.range) return at(node.range[0]);
    }
    return undefined;
  };
  const keyPositionOf = (path: readonly PropertyKey[]): string | undefined => {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === path[path.length - 1]);
      if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
    }
    return positionOf(path);
  };
  return { positionOf, keyPositionOf };
}

/** Every path of a value, and variants a caller may ask for: numeric strings, missing keys. */
function pathsOf(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [path, [...path, 'missing'], [...path, 'missing', 0]];
  if (Array.isArray(value))
    value.forEach((v, i) => out.push(...pathsOf(v, [...path, i]), [...path, String(i)], [...path, 99]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
  return out;
}

const show = (p: { line: number; column: number } | undefined): string | undefined =>
  p && `${p.line}:${p.column}`;

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));

describe('YAML positions kept between runs', () => {
  const samples = [
    ...yamlFiles(join(repoRoot, 'content')).map((f) => readFileSync(f, 'utf8')),
    'a:\nb: 1\n2022: x\n"3": y\nlist:\n  - 1\n  -\n  - {k: v, n: }\n',
    'top:\n  - [1, 2, [3]]\n  - key: &x 1\n    alias: *x\n',
    '- a\n- b: c\n  d:\n    - e\n',
    'scalar',
    '',
    'dup: 1\ndup: 2\n',
  ];

  test.each(samples.map((s, i): [number, string] => [i, s]))(
    'sample %i: every path points where the document does',
    (_i, source) => {
      const kept = parseYaml(source, 'f.yaml');
      // A second parse comes from the store: it must answer the same.
      const again = parseYaml(source, 'f.yaml');
      const ref = reference(source);
      const data: unknown = kept.data ?? parseDocument(source).toJS();
      for (const path of pathsOf(data)) {
        expect([path, show(kept.positionOf(path))]).toEqual([path, ref.positionOf(path)]);
        expect([path, show(again.keyPositionOf(path))]).toEqual([path, ref.keyPositionOf(path)]);
      }
    },
  );
});

describe('the memo store', () => {
  afterEach(() => setMemoEnabled(true));

  test('each hit is a fresh copy of what was computed; turned off, it computes every time', () => {
    let calls = 0;
    const compute = (): { list: number[]; gone: undefined } => (calls++, { list: [1, 2], gone: undefined });
    const first = memo('test', ['same'], compute);
    first.list.push(3);
    const second = memo('test', ['same'], compute);
    expect(second).toEqual({ list: [1, 2], gone: undefined });
    expect(Object.keys(second)).toEqual(['list', 'gone']);
    expect(calls).toBe(1);
    setMemoEnabled(false);
    memo('test', ['same'], compute);
    expect(calls).toBe(2);
  });

  test('a long text is found again by its characters, and only with the same other inputs', () => {
    const text = 'Қаңтар оқиғалары. '.repeat(200);
    const again = text.slice(0, 100) + text.slice(100);
    keep('test-long', ['a.md', 1, text], 'first');
    expect(peek('test-long', ['a.md', 1, again])).toBe('first');
    expect(peek('test-long', ['b.md', 1, text])).toBeUndefined();
    expect(peek('test-long', ['a.md', 2, text])).toBeUndefined();
    expect(peek('test-long', ['a.md', 1, text + ' '])).toBeUndefined();
    expect(peek('test-long-other', ['a.md', 1, text])).toBeUndefined();
    keep('test-long', ['b.md', 1, again], 'second');
    expect(peek('test-long', ['b.md', 1, text])).toBe('second');
    expect(peek('test-long', ['a.md', 1, text])).toBe('first');
  });
});

describe("the store's file", () => {
  const entries = new Map<string, StoredEntry>([
    ['markdown:ключ', [Buffer.from([1, 2, 3]), 0]],
    ['yaml:k', [Buffer.alloc(0), 4]],
  ]);
  const file = encodeStore({ fingerprint: 'f1', entries });

  test('reads back what was written, its bytes as views of the file', () => {
    const back = decodeStore(file);
    expect(back?.fingerprint).toBe('f1');
    expect([...(back?.entries ?? [])]).toEqual([...entries]);
    expect(back?.entries.get('markdown:ключ')?.[0].buffer).toBe(file.buffer);
  });

  test('is not read cut short, zeroed, with bytes after its end, or in another layout', () => {
    for (let n = 0; n < file.length; n++) expect(decodeStore(file.subarray(0, n))).toBeUndefined();
    expect(decodeStore(Buffer.alloc(file.length))).toBeUndefined();
    expect(decodeStore(Buffer.concat([file, Buffer.from([0])]))).toBeUndefined();
    expect(decodeStore(serialize({ fingerprint: 'f1', entries }))).toBeUndefined();
    const otherLayout = Buffer.from(file);
    otherLayout.writeUInt32LE(2, 'briefing memo\n'.length);
    expect(decodeStore(otherLayout)).toBeUndefined();
  });

  test('an empty store is a header and a fingerprint, and reads back empty', () => {
    const empty = encodeStore({ fingerprint: 'f2', entries: new Map() });
    expect(decodeStore(empty)).toEqual({ fingerprint: 'f2', entries: new Map() });
  });

  describe('saved', () => {
    let root: string;
    let dir: string;
    const cache = process.env.BRIEFING_CACHE;
    beforeAll(() => {
      delete process.env.BRIEFING_CACHE;
      root = mkdtempSync(join(tmpdir(), 'briefing-memo-'));
      dir = dirname(memoFile(root));
      mkdirSync(dir, { recursive: true });
    });
    afterAll(() => {
      if (cache !== undefined) process.env.BRIEFING_CACHE = cache;
      rmSync(root, { recursive: true, force: true });
      // Empty again: the entries kept here are no other test's.
      setMemoEnabled(false);
      setMemoEnabled(true);
    });
    /** An empty store (other tests leave results in it), then `n` entries. */
    const fill = (n: number): Map<string, StoredEntry> => {
      setMemoEnabled(false);
      setMemoEnabled(true);
      takeEntries();
      for (let i = 0; i < n; i++) keep('pieces', [i], i % 3 ? 'ключ'.repeat(i % 50) : { i });
      const kept = takeEntries().entries;
      keep('pieces', ['changed'], 1);
      return kept;
    };

    test('whole from its pieces, however many entries, and removes what a write killed long ago left', () => {
      // More pieces than one `writev` takes.
      const kept = fill(3000);
      const old = join(dir, 'memo.bin.4194305.0.new');
      const recent = join(dir, `memo.bin.${process.pid}.99.new`);
      writeFileSync(old, 'half');
      writeFileSync(recent, 'being written');
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(old, hourAgo, hourAgo);
      saveMemo(root);
      const back = decodeStore(readFileSync(memoFile(root)));
      expect(back?.entries.size).toBe(kept.size + 1);
      for (const [key, [bytes, age]] of kept) expect(back?.entries.get(key)).toEqual([bytes, age]);
      expect(readdirSync(dir).sort()).toEqual(['memo.bin', basename(recent)]);
      rmSync(recent);
    });

    test('never half: a write that fails leaves the store as it was and no new file', () => {
      fill(10);
      rmSync(memoFile(root), { force: true });
      // A folder where the store goes: the rename over it fails.
      mkdirSync(memoFile(root));
      expect(() => saveMemo(root)).not.toThrow();
      expect(readdirSync(dir)).toEqual(['memo.bin']);
      rmSync(memoFile(root), { recursive: true });
    });
  });
});

describe("the store's fingerprint", () => {
  test('covers the version of every package installed, the parsers included', () => {
    const lock = JSON.parse(Buffer.concat(installed()).toString('utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    for (const name of ['yaml', 'unified', 'remark-parse', 'micromark', 'mdast-util-from-markdown'])
      expect(lock.packages[`node_modules/${name}`]?.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('results shared in a long session (watch)', () => {
  afterEach(() => shareResults(false));

  test("a hit is the one result, frozen; the value computed stays the caller's own", () => {
    shareResults(true);
    let calls = 0;
    const compute = (): { list: number[]; byId: Map<string, { v: number }>; ids: Set<string> } => (
      calls++,
      { list: [1, 2], byId: new Map([['a', { v: 1 }]]), ids: new Set(['a']) }
    );
    const first = memo('shared', ['same'], compute);
    first.list.push(3);
    const second = memo('shared', ['same'], compute);
    expect(memo('shared', ['same'], compute)).toBe(second);
    const contents = (r: typeof second): unknown => [r.list, [...r.byId], [...r.ids]];
    expect(contents(second)).toEqual([[1, 2], [['a', { v: 1 }]], ['a']]);
    expect(calls).toBe(1);
    // Whoever would change it fails at once, instead of changing what the next caller gets.
    // (Matched by message: each kind of refusal says so in words of its own.)
    const refused = /not extensible|read only|cannot be changed/;
    expect(() => second.list.push(4)).toThrow(refused);
    expect(() => {
      (second.byId.get('a') as { v: number }).v = 2;
    }).toThrow(refused);
    expect(() => second.byId.set('b', { v: 2 })).toThrow(refused);
    expect(() => second.ids.add('b')).toThrow(refused);
    expect(contents(second)).toEqual([[1, 2], [['a', { v: 1 }]], ['a']]);
    // Typed arrays cannot be frozen: handed out as they are.
    memo('shared', ['numbers'], () => ({ data: new Int32Array([1, 2]) }));
    expect([...memo('shared', ['numbers'], () => ({ data: new Int32Array() })).data]).toEqual([1, 2]);
  });

  test('a workspace loaded again from shared results builds the bytes of one loaded afresh', async () => {
    const root = makeWorkspace();
    try {
      const run = async (out: string): Promise<Record<string, string>> => {
        const r = await runIncremental(
          loadWorkspace(root),
          join(root, out),
          { formats: ['html'] },
          { force: true },
        );
        expect(r.ok).toBe(true);
        return fileHashes(join(root, out, 'test'));
      };
      setMemoEnabled(false);
      setMemoEnabled(true);
      const fresh = await run('fresh');
      shareResults(true);
      // The store holds every result now: the next load freezes each one it is handed, the
      // load after it is handed the very same frozen objects.
      await run('frozen');
      expect(await run('shared')).toEqual(fresh);
    } finally {
      removeWorkspace(root);
      // An empty store for the tests after this one.
      setMemoEnabled(false);
      setMemoEnabled(true);
    }
  }, 60_000);
});

test('a result no build asked for in ten builds is dropped; one asked for stays', () => {
  // An empty store: tests before this one, in this file or another, leave results in it.
  setMemoEnabled(false);
  setMemoEnabled(true);
  takeEntries();
  keep('age', ['asked'], 1);
  keep('age', ['idle'], 2);
  const stored = (): string[] => [...takeEntries().entries.keys()].sort();
  const both = stored();
  expect(both).toHaveLength(2);
  for (let round = 1; round <= 10; round++) {
    startRound();
    expect(peek('age', ['asked'])).toBe(1);
  }
  expect(stored()).toEqual(both);
  startRound();
  expect(peek('age', ['asked'])).toBe(1);
  const left = takeEntries();
  expect(left.changed).toBe(true);
  expect([...left.entries.keys()]).toHaveLength(1);
  expect(peek('age', ['idle'])).toBeUndefined();
});

describe('a build with the cache', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  const build = (out: string, env: Record<string, string> = {}): void => {
    const r = runCli(['build', '--quiet', '--format', 'html', '--jobs', '1', '--out', out], root, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  };
  const bytes = (out: string): Record<string, string> => fileHashes(join(root, out));

  test('after edits it makes the bytes a build without it makes; a cache from other code, cut short or zeroed is not read', () => {
    build('first');
    expect(existsSync(memoFile(root))).toBe(true);
    // One Markdown text and one YAML file edited: the kept results of the old texts must not come back.
    const framing = join(root, 'content', 'test', 'kk', 'framing', 'osce.md');
    writeFileSync(framing, readFileSync(framing, 'utf8').replace('талдады', 'қарап шықты'));
    const texts = join(root, 'content', 'test', 'ru', 'texts.yaml');
    writeFileSync(texts, readFileSync(texts, 'utf8').replace('Тестовая записка', 'Записка для тестов'));
    build('cached');
    build('clean', { BRIEFING_CACHE: 'off' });
    expect(bytes('cached')).toEqual(bytes('clean'));
    expect(bytes('cached')).not.toEqual(bytes('first'));
    // Everything from the cache now: still the same bytes.
    build('all-cached');
    expect(bytes('all-cached')).toEqual(bytes('clean'));
    // Wrong results under another fingerprint (another version of the tool): ignored.
    const poisoned = new Map(
      [...readStore().entries].map(([k]): [string, StoredEntry] => [k, [serialize({ tree: null }), 0]]),
    );
    writeFileSync(memoFile(root), encodeStore({ fingerprint: 'another version', entries: poisoned }));
    build('after-other');
    expect(bytes('after-other')).toEqual(bytes('clean'));
    // The store is not flushed to the disk before it is renamed into place (memo-file.ts):
    // after a crash it may be cut short or hold zeros. Either is ignored, and written again.
    const whole = readFileSync(memoFile(root));
    writeFileSync(memoFile(root), whole.subarray(0, whole.length >> 1));
    build('after-cut');
    expect(bytes('after-cut')).toEqual(bytes('clean'));
    writeFileSync(memoFile(root), Buffer.alloc(whole.length));
    build('after-zeros');
    expect(bytes('after-zeros')).toEqual(bytes('clean'));
    expect(readStore().entries.size).toBeGreaterThan(0);
  });

  test('a new value of a figure checks and redraws the charts that show it, and no other', () => {
    build('drawn');
    const kept = (ns: string): string[] =>
      [...readStore().entries.keys()].filter((k) => k.startsWith(`${ns}:`));
    const drawings = (): string[] => kept('chart-svg');
    const before = drawings();
    const checksBefore = kept('chart-check');
    // Each drawing parsed once (compose/blocks.ts): its tree is kept beside it.
    const trees = kept('svg-tree');
    expect(trees).toHaveLength(before.length);
    // Each language's chart font for its pages, cut once and kept: a rebuild of one page
    // does not start harfbuzz again (pipeline/render-document.ts).
    expect(kept('chart-font-css').length).toBeGreaterThanOrEqual(3);
    // Two charts in three languages, each drawn for print and for a phone (and any earlier
    // drawings); `videos` is shown by the tolls chart, not by the timeline: six new drawings
    // (the tolls chart's two in three languages), where keying them by every data file made twelve.
    expect(before.length).toBeGreaterThanOrEqual(12);
    addVideosValue(root);
    build('redrawn');
    const added = drawings().filter((k) => !before.includes(k));
    expect(added).toHaveLength(6);
    expect(kept('svg-tree').filter((k) => !trees.includes(k))).toHaveLength(6);
    // Checked again: that chart alone.
    expect(kept('chart-check').filter((k) => !checksBefore.includes(k))).toHaveLength(1);
    build('redrawn-clean', { BRIEFING_CACHE: 'off' });
    expect(bytes('redrawn')).toEqual(bytes('redrawn-clean'));
    expect(bytes('redrawn')).not.toEqual(bytes('drawn'));
  });

  const readStore = (): { entries: ReadonlyMap<string, unknown> } =>
    decodeStore(readFileSync(memoFile(root))) ?? { entries: new Map() };
});
