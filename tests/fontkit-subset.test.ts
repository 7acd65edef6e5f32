/**
 * A document's font file, cut by fontkit's TrueType subset with the glyph copying of
 * write/fontkit-subset.ts (outlines decoded only for compound glyphs) and the face's
 * hinting tables encoded once, is the file fontkit's own code makes: the same bytes,
 * compound glyphs' components added and renumbered alike.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { roboto } from '../src/fonts/roboto.js';
import { quickSubsets } from '../src/write/fontkit-subset.js';
import { pristine } from './helpers/pristine.js';
import { repoRoot } from './helpers/workspace.js';

interface Subset {
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
  _addGlyph: unknown;
}
interface Font {
  layout(text: string): { glyphs: { id: number }[] };
  glyphForCodePoint(c: number): { id: number };
  createSubset(): Subset;
}
type Fontkit = { openSync(file: string): Font };

/** A subset of the glyphs of `text`, in the order a document first draws them. */
function subsetOf(font: Font, text: string): Subset {
  const subset = font.createSubset();
  for (const g of font.layout(text).glyphs) subset.includeGlyph(g.id);
  return subset;
}

/** A subset of each character's glyph, in the order the characters first come (no shaping: quicker for long texts). */
function subsetOfCharacters(font: Font, text: string): Subset {
  const subset = font.createSubset();
  for (const c of new Set(text)) subset.includeGlyph(font.glyphForCodePoint(c.codePointAt(0)!).id);
  return subset;
}

const texts = [
  'Almaty, January 2022',
  'Ёлка, йогурт, «ёж»', // Cyrillic letters Roboto builds from others
  'Қаңтар айының басында: Ә Ғ Қ Ң Ө Ұ Ү Һ І',
  'café, naïve, Łódź',
];

describe('a font file cut for a document', () => {
  test.each(Object.entries(roboto))('%s: the same bytes as fontkit’s own subset', (_, file) => {
    const own = pristine<Fontkit>('fontkit').openSync(file);
    const quick = pristine<Fontkit>('fontkit').openSync(file);
    // Installed on this copy of fontkit's class (each `pristine` load has its own classes).
    const proto = Object.getPrototypeOf(quick.createSubset()) as Subset;
    const fontkits = proto._addGlyph;
    for (const text of texts) {
      const expected = subsetOf(own, text);
      const bytes = expected.encode();
      const made = subsetOf(quick, text);
      quickSubsets(made);
      expect(proto._addGlyph).not.toBe(fontkits);
      expect(Buffer.from(made.encode()).equals(Buffer.from(bytes))).toBe(true);
      expect(made.glyphs).toEqual(expected.glyphs);
    }
  });

  test('compound glyphs are among them, their parts added to the file', () => {
    const font = pristine<Fontkit>('fontkit').openSync(roboto.normal);
    const subset = subsetOf(font, 'Ёё Йй é');
    const asked = subset.glyphs.length;
    quickSubsets(subset);
    subset.encode();
    expect(subset.glyphs.length).toBeGreaterThan(asked);
  });

  test.each(Object.entries(roboto))(
    '%s: one file after another from the same face, each fontkit’s own, hinting tables and all',
    (_, file) => {
      const own = pristine<Fontkit>('fontkit').openSync(file);
      const face = pristine<Fontkit>('fontkit').openSync(file);
      // A view of the face, as each document has (write/pdfmake-fonts.ts), that counts how
      // often a subset reads the face's instructions.
      let reads = 0;
      const quick = Object.create(face) as Font & { _glyphs: object };
      quick._glyphs = {};
      Object.defineProperty(quick, 'fpgm', {
        get: () => (reads++, (face as unknown as { fpgm: unknown }).fpgm),
      });
      // Every framing text of the example, in three languages: files of every size.
      const dir = join(repoRoot, 'content/kazakhstan-2022');
      const framings = ['en', 'ru', 'kk'].flatMap((l) =>
        readdirSync(join(dir, l, 'framing')).map((f) => readFileSync(join(dir, l, 'framing', f), 'utf8')),
      );
      expect(framings.length).toBeGreaterThanOrEqual(6);
      for (const text of [...framings, ...texts]) {
        const bytes = Buffer.from(subsetOfCharacters(own, text).encode());
        const made = subsetOfCharacters(quick, text);
        quickSubsets(made);
        const mine = Buffer.from(made.encode());
        expect(mine.equals(bytes)).toBe(true);
        // The copied tables are there (a file without them would differ anyway).
        for (const tag of ['cvt ', 'prep', 'fpgm'])
          expect(mine.subarray(12, 12 + 16 * mine.readUInt16BE(4)).includes(tag)).toBe(true);
      }
      // Encoded for the face's first file only, and put in place in every later one.
      expect(reads).toBe(1);
    },
  );
});
