/**
 * The loader's door to the file system follows every link before it reads, a file's own
 * or one of its folders', and refuses what lies outside the folder it serves.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReader } from '../src/load/read.js';
import { keepFile, knownFile } from '../src/load/file-cache.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'reader-'));
  root = join(base, 'project');
  mkdirSync(join(root, 'inside', 'deeper'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(root, 'inside', 'deeper', 'a.md'), 'inside\n');
  writeFileSync(join(base, 'elsewhere', 'a.md'), 'SECRET\n');
  // A folder linked inside the project and one linked out of it; a file linked inside.
  symlinkSync(join(root, 'inside'), join(root, 'alias'));
  symlinkSync(join(base, 'elsewhere'), join(root, 'out'));
  symlinkSync(join(root, 'inside', 'deeper', 'a.md'), join(root, 'inside', 'b.md'));
  symlinkSync(join(base, 'elsewhere', 'a.md'), join(root, 'inside', 'leak.md'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('file reader', () => {
  test('reads through links that stay inside, its folder read before or not', () => {
    const reader = new FileReader(root);
    expect(reader.read('inside/deeper/a.md')).toBe('inside\n');
    expect(reader.read('alias/deeper/a.md')).toBe('inside\n');
    expect(reader.read('inside/b.md')).toBe('inside\n');
    expect(reader.problems).toEqual([]);
  });

  test('refuses a file whose folder is a link out of the project, and never shows what it holds', () => {
    const reader = new FileReader(root);
    expect(reader.read('inside/deeper/a.md')).toBe('inside\n');
    expect(reader.read('out/a.md')).toBeUndefined();
    expect(reader.problems.map((p) => p.rule)).toEqual(['file/outside-project']);
    expect(JSON.stringify(reader.problems)).not.toContain('SECRET');
  });

  test('refuses a file that is itself a link out of the project', () => {
    const reader = new FileReader(root);
    expect(reader.read('inside/leak.md')).toBeUndefined();
    expect(reader.problems.map((p) => p.rule)).toEqual(['file/outside-project']);
  });

  test('a folder swapped for a link out of the project during a load is refused from then on', () => {
    const swapped = join(root, 'swapped');
    mkdirSync(swapped);
    writeFileSync(join(swapped, 'a.md'), 'inside\n');
    const reader = new FileReader(root);
    expect(reader.read('swapped/a.md')).toBe('inside\n');
    rmSync(swapped, { recursive: true });
    symlinkSync(join(base, 'elsewhere'), swapped);
    try {
      expect(reader.read('swapped/a.md')).toBeUndefined();
      expect(reader.problems.map((p) => p.rule)).toEqual(['file/outside-project']);
    } finally {
      rmSync(swapped);
    }
  });

  test('a missing file is absent, not a problem', () => {
    const reader = new FileReader(root);
    expect(reader.read('inside/none.md')).toBeUndefined();
    expect(reader.read('none/none.md')).toBeUndefined();
    expect(reader.problems).toEqual([]);
  });
});

describe('files known from an earlier read', () => {
  const stat = (changes: Partial<Stats> = {}): Stats =>
    ({ ino: 7, size: 4, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ...changes }) as Stats;
  const file = { bytes: Buffer.from('kept'), sha256: 'h' };

  test('are known while their stat is the same, and not once any part of it changes', () => {
    keepFile('/w/a.md', stat(), file, 1_000_000 + 60_000);
    expect(knownFile('/w/a.md', stat())).toBe(file);
    for (const change of [{ ino: 8 }, { size: 5 }, { mtimeMs: 1_000_001 }, { ctimeMs: 1_000_000.5 }])
      expect(knownFile('/w/a.md', stat(change))).toBeUndefined();
    expect(knownFile('/w/b.md', stat())).toBeUndefined();
  });

  test('are not kept when they changed just before they were read: a change in the same tick would not show', () => {
    keepFile('/w/c.md', stat(), file, 1_000_000 + 500);
    expect(knownFile('/w/c.md', stat())).toBeUndefined();
  });

  test('a file written again at once, to the same size, is read again', () => {
    const path = join(root, 'inside', 'again.md');
    writeFileSync(path, 'one\n');
    const first = new FileReader(root);
    expect(first.read('inside/again.md')).toBe('one\n');
    writeFileSync(path, 'two\n');
    expect(statSync(path).size).toBe(4);
    expect(new FileReader(root).read('inside/again.md')).toBe('two\n');
  });
});
