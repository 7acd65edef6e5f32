/**
 * The list of characters the PDF's font can show (src/fonts/roboto-coverage.ts) is the fonts'
 * own: read again from the four Roboto faces pdfmake ships, with HarfBuzz.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type * as Harfbuzz from 'harfbuzzjs';
import { roboto } from '../src/fonts/roboto.js';
import { ROBOTO_RANGES, printable, unprintableClass } from '../src/fonts/roboto-coverage.js';

describe('the characters the PDF can show', () => {
  test('are the code points all four Roboto faces map, control characters aside', async () => {
    const hb = (await import('harfbuzzjs')) as unknown as typeof Harfbuzz;
    const sets = Object.values(roboto).map((file) => {
      const bytes = readFileSync(file);
      const face = new hb.Face(
        new hb.Blob(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      );
      return new Set(face.collectUnicodes());
    });
    const common = [...sets[0]!]
      .filter((c) => c >= 0x20 && sets.every((s) => s.has(c)))
      .sort((a, b) => a - b);
    const listed = ROBOTO_RANGES.flatMap(([from, to]) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i),
    );
    expect(listed).toEqual(common);
  });

  test('Kazakh, Russian and English letters and the signs of the content are shown; Georgian, CJK and emoji are not', () => {
    for (const c of 'ӘҒҚҢӨҰҮҺІәғқңөұүһі ЁёЙй AZaz «»„“”‘’—–…№ ')
      expect([c, printable(c.codePointAt(0)!)]).toEqual([c, true]);
    for (const c of ['ქ', '中', '😀', 'ع']) expect([c, printable(c.codePointAt(0)!)]).toEqual([c, false]);
  });

  test('the class the loader scans with says what the list says, for every code point of the first planes', () => {
    const re = new RegExp(unprintableClass, 'u');
    const differ: number[] = [];
    for (let c = 0x20; c < 0x20000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (re.test(String.fromCodePoint(c)) === printable(c)) differ.push(c);
    }
    expect(differ).toEqual([]);
  });
});
