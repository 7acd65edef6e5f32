/**
 * HarfBuzz shapes words as fontkit does (write/shaper.ts): for every word of the
 * content, the interface strings and the test fixtures, in each of the four Roboto faces,
 * the same glyph ids, code points per glyph and positions, or no answer (fontkit shapes
 * it). Words whose code points HarfBuzz would tell differently get no answer. A chart
 * label is as wide measured by HarfBuzz as by fontkit (charts/text-metrics.ts).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { roboto } from '../src/fonts/roboto.js';
import { ROBOTO_RANGES } from '../src/fonts/roboto-coverage.js';
import { advance, loadShaper, shape } from '../src/fonts/shaper.js';
import { repoRoot } from './helpers/workspace.js';

interface Fontkit {
  create(data: Buffer): {
    _glyphs: Record<number, unknown>;
    unitsPerEm: number;
    layout(text: string): {
      advanceWidth: number;
      glyphs: { id: number; codePoints: number[] }[];
      positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
    };
  };
}
const fontkit = createRequire(import.meta.url)('fontkit') as Fontkit;

/** The words a build shapes: text split after each space, as pdfkit splits it. */
function words(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(md|yaml|json)$/.test(entry.name))
        for (const word of readFileSync(path, 'utf8').split(/(?<=\s)/)) if (word.trim()) found.add(word);
    }
  };
  for (const dir of ['content', 'locales', join('tests', 'fixtures')]) walk(join(repoRoot, dir));
  return [...found];
}

beforeAll(() => loadShaper());

describe('a word shaped by HarfBuzz', () => {
  const all = words();

  test.each(Object.entries(roboto))('is shaped as fontkit shapes it: %s', (_face, file) => {
    const bytes = readFileSync(file);
    const font = fontkit.create(bytes);
    let answered = 0;
    const differ: string[] = [];
    for (const word of all) {
      const quick = shape(bytes, word);
      if (!quick) continue;
      answered++;
      font._glyphs = {};
      const run = font.layout(word);
      const theirs = JSON.stringify([
        run.glyphs.map((g) => g.id),
        run.glyphs.map((g) => [...g.codePoints]),
        run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      ]);
      const ours = JSON.stringify([
        quick.ids,
        quick.codePoints,
        quick.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      ]);
      if (ours !== theirs) differ.push(`${word}: ${ours} ≠ ${theirs}`);
    }
    expect(differ.slice(0, 5)).toEqual([]);
    // Thousands of words, every one of them answered (none has a mark or a format character)
    // but those with two different characters the font lacks (left to fontkit: shaper.ts).
    const inFont = (c: string): boolean =>
      ROBOTO_RANGES.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to);
    const lacking = all.filter((w) => new Set([...w].filter((c) => !inFont(c))).size > 1);
    expect(all.length).toBeGreaterThan(5000);
    expect(lacking.length).toBeGreaterThan(0);
    expect(answered).toBe(all.length - lacking.length);
  });

  test.each(Object.entries(roboto))(
    'of characters a reader never sees is shaped as fontkit shapes it: %s',
    (_face, file) => {
      const bytes = readFileSync(file);
      const font = fontkit.create(bytes);
      // A chart's anchor (write/pdf.ts), joiners, a byte order mark, a soft hyphen alone.
      // A variation selector, which fontkit joins to the character before it or drops, may
      // get no answer (fontkit shapes it); the others are answered.
      const selectors = ['\ufe0f', '\u200b\ufe0f', '\ufe00\u200b'];
      for (const word of ['\u200b', '\u200b\u2060', '\ufeff', '\u00ad', '\u200c\u200d\u200b', ...selectors]) {
        font._glyphs = {};
        const run = font.layout(word);
        const quick = shape(bytes, word);
        if (!quick && selectors.includes(word)) continue;
        expect(quick).toBeDefined();
        if (!quick) continue;
        expect(quick.ids).toEqual(run.glyphs.map((g) => g.id));
        expect(quick.codePoints).toEqual(run.glyphs.map((g) => [...g.codePoints]));
        expect(quick.positions).toEqual(
          run.positions.map((p) => ({
            xAdvance: p.xAdvance,
            yAdvance: p.yAdvance,
            xOffset: p.xOffset,
            yOffset: p.yOffset,
          })),
        );
      }
      // Beside a letter they are fontkit's still: HarfBuzz tells their clusters otherwise.
      expect(shape(bytes, 'a\u200b')).toBeUndefined();
    },
  );

  test('gets no answer where HarfBuzz would tell its code points differently', () => {
    const bytes = readFileSync(roboto.normal);
    // A combining mark, a joiner, a soft hyphen (each shares a cluster with its neighbour),
    // a lone surrogate (HarfBuzz would draw a replacement character, fontkit nothing).
    for (const word of ['Ә\u0306', 'a\u200db', 'Алма\u00adты', 'a\ud800b'])
      expect(shape(bytes, word)).toBeUndefined();
    expect(shape(bytes, 'Алматы')).toBeDefined();
  });
});

describe('a chart label measured by HarfBuzz', () => {
  test('is as wide as fontkit measures it, to the last unit, in the faces charts use', () => {
    // Every short line of the content and the interface strings: labels, titles, legends.
    const lines = new Set<string>();
    for (const dir of ['content', 'locales'])
      for (const f of readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' }))
        if (/\.(yaml|json)$/.test(f))
          for (const line of readFileSync(join(repoRoot, dir, f), 'utf8').split('\n'))
            if (line.trim() && line.length <= 120) lines.add(line.trim());
    expect(lines.size).toBeGreaterThan(2000);
    for (const file of [roboto.normal, roboto.bold]) {
      const bytes = readFileSync(file);
      const font = fontkit.create(bytes);
      const differ: string[] = [];
      let answered = 0;
      for (const line of lines) {
        font._glyphs = {};
        const theirs = font.layout(line).advanceWidth / font.unitsPerEm;
        const ours = advance(bytes, line);
        if (ours === undefined) continue;
        answered++;
        if (ours !== theirs) differ.push(`${line}: ${ours} ≠ ${theirs}`);
      }
      expect(differ.slice(0, 5)).toEqual([]);
      expect(answered).toBeGreaterThan(lines.size * 0.95);
    }
    // No answer only where no shape is given: fontkit measures those.
    expect(advance(readFileSync(roboto.normal), 'a\u200db')).toBeUndefined();
  });
});
