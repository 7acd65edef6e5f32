/**
 * pdfkit's EmbeddedFont.layout, replaced in write/pdfmake-fonts.ts by one that allocates
 * less, gives what pdfkit's own gives: the same glyphs, positions and width, from the same
 * pieces asked of the font in the same order (cut after each space or tab), for texts with
 * runs of them, at either end, in three scripts.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { roboto } from '../src/fonts/roboto.js';
import { layoutPieces } from '../src/write/pdfmake-fonts.js';
import { loadShaper } from '../src/fonts/shaper.js';
import { renderPdf } from '../src/write/pdfmake.js';
import { definitions, pdfmakeAlone } from './helpers/pdfmake-alone.js';
import { pristine } from './helpers/pristine.js';

interface Laid {
  readonly glyphs: readonly { readonly id: number }[] | null;
  readonly positions: readonly object[] | null;
  readonly advanceWidth: number;
}
interface Font {
  layout(text: string, features?: unknown, onlyWidth?: boolean): Laid;
  layoutCached(text: string): Laid;
}

const require = createRequire(import.meta.url);
// pdfkit as it comes, even when this process has written a PDF (tests/helpers/pristine.ts).
const PDFDocument = pristine<new (options: object) => { font(src: string): { _font: Font } }>('pdfkit');

const texts = [
  '',
  'word',
  'word ',
  ' lead',
  'Almaty, January 2022',
  'two  spaces\tand a tab\t',
  '\t\t',
  'Қаңтар айының басында, Алматыда',
  'Силы безопасности открыли огонь',
];

describe('font layout in pieces', () => {
  test.each(Object.keys(roboto) as (keyof typeof roboto)[])('is pdfkit’s own: %s', (style) => {
    const font = new PDFDocument({ autoFirstPage: false }).font(roboto[style])._font;
    // The pieces asked of the font's cache of runs, in order.
    let asked: string[] = [];
    const cached = font.layoutCached.bind(font);
    font.layoutCached = (piece) => (asked.push(piece), cached(piece));
    const run = (layout: () => Laid): unknown => {
      asked = [];
      const { glyphs, positions, advanceWidth } = layout();
      return { pieces: asked, glyphs: glyphs?.map((g) => g.id) ?? null, positions, advanceWidth };
    };
    for (const text of texts) {
      for (const onlyWidth of [false, true]) {
        const theirs = run(() => font.layout(text, undefined, onlyWidth));
        const ours = run(() => layoutPieces.call(font as never, text, undefined, onlyWidth) as Laid);
        expect(ours).toEqual(theirs);
      }
    }
  });
});

describe('words shaped by harfbuzz', () => {
  test('give the bytes of the same document shaped by fontkit, as pdfmake shapes it', async () => {
    // Loaded, harfbuzz shapes every word new to this thread (write/shaper.ts);
    // pdfmake in a process of its own shapes them all with fontkit.
    await loadShaper();
    const ours = await renderPdf(definitions.documentDefinition());
    expect(ours.equals(pdfmakeAlone('documentDefinition', 'lines'))).toBe(true);
  });
});

describe('font files', () => {
  test('a document written again takes them from the time before: no subset made again, the same bytes', async () => {
    // fontkit's subset class, reached through a subset of the face (fontkit does not export it).
    const fontkit = require('fontkit') as { create(b: Buffer): { createSubset(): object } };
    const proto = Object.getPrototypeOf(fontkit.create(readFileSync(roboto.normal)).createSubset()) as {
      encode(this: unknown): Uint8Array;
    };
    const encode = proto.encode;
    let made = 0;
    proto.encode = function (this: unknown) {
      made++;
      return encode.call(this);
    };
    try {
      await loadShaper();
      await renderPdf(definitions.documentDefinition());
      await renderPdf(definitions.documentDefinition());
      made = 0;
      const again = await renderPdf(definitions.documentDefinition());
      expect(made).toBe(0);
      expect(again.equals(pdfmakeAlone('documentDefinition', 'lines'))).toBe(true);
      // Other glyphs: their files are made. The files kept belong to the process, and other
      // test files share it, so these glyphs come in an order no text draws: the alphabet
      // shuffled once.
      const other = definitions.otherDocumentDefinition();
      await renderPdf({ ...other, content: [...(other.content as string[]), 'qzjxkvbpgwymfculdrhsnioate'] });
      expect(made).toBeGreaterThan(0);
    } finally {
      proto.encode = encode;
    }
  });
});
