/**
 * Words shaped in one build and read back in the next (write/shaped-pack.ts) come out as
 * fontkit shaped them, and a build that reads them makes the PDF bytes of one that shapes
 * every word itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { roboto } from '../src/fonts/roboto.js';
import { mergePacks, packFace, runOf, unpackFace, wordNumbers } from '../src/write/shaped-pack.js';
import { fileHashes, makeWorkspace, removeWorkspace, runCli } from './helpers/workspace.js';

interface Shaped {
  glyphs: { id: number; codePoints: number[]; advanceWidth: number }[];
  positions: Record<string, number>[];
}
const fontkit = createRequire(import.meta.url)('fontkit') as {
  openSync(file: string): { layout(text: string): Shaped };
};

describe('a word packed and read back', () => {
  const font = fontkit.openSync(roboto.normal);
  const words = ['Қаңтардың ', 'ffi ', 'AV.', 'Алматы, ', '№ 5 ', ' '];
  const plain = (s: Shaped): unknown => ({
    glyphs: s.glyphs.map((g) => ({ id: g.id, codePoints: [...g.codePoints], advanceWidth: g.advanceWidth })),
    positions: s.positions.map((p) => ({ ...p })),
  });

  test('gives the glyphs, code points and positions fontkit gave', () => {
    for (const word of words) {
      const shaped = font.layout(word);
      const numbers = wordNumbers(shaped.glyphs, shaped.positions);
      expect(numbers).toBeDefined();
      expect(plain(runOf(numbers!) as Shaped)).toEqual(plain(shaped));
    }
  });

  test('a face packs and unpacks every word; a word with a NUL in it is left out', () => {
    const numbers = new Map(
      words.map((w) => [w, wordNumbers(font.layout(w).glyphs, font.layout(w).positions)!]),
    );
    numbers.set('a\0b', [0]);
    const back = unpackFace(packFace('Roboto-Regular.ttf', numbers));
    expect([...back.keys()]).toEqual(words);
    for (const w of words) expect([...back.get(w)!]).toEqual(numbers.get(w));
  });

  test('numbers that are not whole, or fields fontkit does not give, are not kept', () => {
    const g = [{ id: 1, codePoints: [65], advanceWidth: 1000 }];
    expect(wordNumbers(g, [{ xAdvance: 1000.5, yAdvance: 0, xOffset: 0, yOffset: 0 }])).toBeUndefined();
    expect(
      wordNumbers(g, [{ xAdvance: 1000, yAdvance: 0, xOffset: 0, yOffset: 0, extra: 1 }]),
    ).toBeUndefined();
    expect(wordNumbers(g, [{ xAdvance: 1000, yAdvance: 0, xOffset: 0, yOffset: 0 }])).toEqual([
      1, 1, 1000, 1000, 0, 0, 0, 1, 65,
    ]);
  });

  test('packs of several threads merge: every word once, the first numbers kept', () => {
    const a = packFace(
      'f',
      new Map([
        ['x ', [0]],
        ['y ', [0]],
      ]),
    );
    const b = packFace(
      'f',
      new Map([
        ['y ', [1, 2, 3, 4, 5, 6, 7, 0]],
        ['z ', [0]],
      ]),
    );
    const [merged] = mergePacks([[a], [b]]);
    const back = unpackFace(merged!);
    expect([...back.keys()]).toEqual(['x ', 'y ', 'z ']);
    expect([...back.get('y ')!]).toEqual([0]);
  });
});

describe('a build that reads the words an earlier one shaped', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  const build = (
    out: string,
    env: Record<string, string> = {},
    more: string[] = [],
  ): Record<string, string> => {
    const args = ['build', '--quiet', '--locale', 'kk', '--audience', 'osce', '--format', 'pdf', ...more];
    const r = runCli([...args, '--force', '--out', out], root, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return fileHashes(join(root, out));
  };

  test('makes the bytes of a build that shapes every word itself', () => {
    build('first');
    // Some words new to the kept ones, most of them known.
    const framing = join(root, 'content', 'test', 'kk', 'framing', 'osce.md');
    writeFileSync(framing, readFileSync(framing, 'utf8').replace('талдады', 'жаңа сөздермен қарап шықты'));
    const kept = build('kept');
    expect(kept).toEqual(build('clean', { BRIEFING_CACHE: 'off' }));
    // Now every word from the cache.
    expect(build('all-kept')).toEqual(kept);
  }, 60_000);

  test('stores them again only when it shaped a word the cache lacks', () => {
    const memo = join(root, '.cache', 'briefing', 'memo.bin');
    build('again');
    const before = statSync(memo, { bigint: true }).mtimeNs;
    // A PDF worker shapes its warm-up's words before it is told the kept ones: no new word.
    build('again');
    expect(statSync(memo, { bigint: true }).mtimeNs).toBe(before);
    const framing = join(root, 'content', 'test', 'kk', 'framing', 'osce.md');
    writeFileSync(framing, `${readFileSync(framing, 'utf8')}\nЖаңадан қосылған сөйлем.\n`);
    build('again');
    expect(statSync(memo, { bigint: true }).mtimeNs).not.toBe(before);
  }, 60_000);

  test("the command's own thread reads them too, when it writes the PDF itself (--jobs 1)", () => {
    const memo = join(root, '.cache', 'briefing', 'memo.bin');
    const alone = build('alone', {}, ['--jobs', '1']);
    const before = statSync(memo, { bigint: true }).mtimeNs;
    // Shaping every word itself, it would store them all again.
    expect(build('alone', {}, ['--jobs', '1'])).toEqual(alone);
    expect(statSync(memo, { bigint: true }).mtimeNs).toBe(before);
    expect(alone).toEqual(build('alone-clean', { BRIEFING_CACHE: 'off' }, ['--jobs', '1']));
  }, 60_000);
});
