/**
 * A document's font file, cut by fontkit's TrueType subset with the glyph copying of
 * write/fontkit-subset.ts (outlines decoded only for compound glyphs), is the file fontkit's
 * own code makes: the same bytes, compound glyphs' components added and renumbered alike.
 */
import { describe, expect, test } from 'vitest';
import { roboto } from '../src/fonts/roboto.js';
import { quickGlyphCopies } from '../src/write/fontkit-subset.js';
import { pristine } from './helpers/pristine.js';

interface Subset {
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
  _addGlyph: unknown;
}
interface Font {
  layout(text: string): { glyphs: { id: number }[] };
  createSubset(): Subset;
}
type Fontkit = { openSync(file: string): Font };

/** A subset of the glyphs of `text`, in the order a document first draws them. */
function subsetOf(font: Font, text: string): Subset {
  const subset = font.createSubset();
  for (const g of font.layout(text).glyphs) subset.includeGlyph(g.id);
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
      quickGlyphCopies(made);
      expect(proto._addGlyph).not.toBe(fontkits);
      expect(Buffer.from(made.encode()).equals(Buffer.from(bytes))).toBe(true);
      expect(made.glyphs).toEqual(expected.glyphs);
    }
  });

  test('compound glyphs are among them, their parts added to the file', () => {
    const font = pristine<Fontkit>('fontkit').openSync(roboto.normal);
    const subset = subsetOf(font, 'Ёё Йй é');
    const asked = subset.glyphs.length;
    quickGlyphCopies(subset);
    subset.encode();
    expect(subset.glyphs.length).toBeGreaterThan(asked);
  });
});
