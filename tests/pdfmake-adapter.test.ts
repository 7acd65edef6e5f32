/**
 * The pdfmake adapter's speed-ups change nothing a reader sees, and all but one change no
 * byte.
 *
 * - Style lookups without allocation, paragraphs measured once per thread, parsed fonts
 *   shared between documents, content streams kept as text, lines filled without a copy
 *   of the words after each (the fixture glues words across inlines at every place of a
 *   line, and cuts a word wider than a line): the same document, rendered
 *   through the adapter after another one, and again, is byte for byte what pdfmake makes
 *   of it in a process of its own with only the one patch that writes other operators.
 * - That one, a line of text as one text object (write/pdfmake-lines.ts): its pages
 *   paint the same glyphs at the same places in the same fonts, colours and opacity, the
 *   same paths, and give the same text, links, destinations and outline as plain pdfmake's,
 *   links and destinations included on the lines it now draws itself (where a run of words
 *   with one target is one link, not one per word: the same area to click).
 *
 * Two patches are meant to change what a reader sees, and are tested on their own: a chart's
 * size read and written on its root tag (write/pdfmake-measure.ts, its test) draws a
 * label wrapped on several lines where the HTML page draws it, and a number range is never
 * broken after its dash (write/pdfmake-ranges.ts, tests/ranges.test.ts). The fixture's chart
 * has no such label and its text no range, so its bytes are pdfmake's.
 */
import { pdfjs as loadPdfjs } from './helpers/pdfjs.js';
import { describe, expect, test } from 'vitest';
import { renderPdf } from '../src/write/pdfmake.js';
import { paintOf } from './helpers/pdf-paint.js';
import { readPdf } from './helpers/pdf-text.js';
import { definitions, pdfmakeAlone } from './helpers/pdfmake-alone.js';

const { documentDefinition, otherDocumentDefinition, restyledDocumentDefinition } = definitions;

/**
 * Everything a reader sees of a PDF (what each page paints, its text, links, destinations and
 * outline), and how many link annotations make its links.
 */
async function seen(pdf: Buffer): Promise<{ seen: unknown; annotations: number }> {
  const { pages, outline } = await readPdf(pdf);
  const { links, annotations, destinations } = await linksOf(pdf);
  const paint = await paintOf(pdf);
  return { seen: { paint, text: pages.map((p) => p.runs), outline, links, destinations }, annotations };
}

type Link = [page: number, subtype: unknown, url: unknown, dest: unknown, rect: number[]];

/**
 * What a reader can click: each annotation's page, kind, target and rectangle, with links
 * side by side on a line that go to the same place taken as one (pdfkit adds one per word,
 * the line patch one per run of words: the same area).
 */
function clickable(links: readonly Link[]): Link[] {
  const out: Link[] = [];
  for (const [page, subtype, url, dest, rect] of links) {
    const last = out.at(-1);
    const [, y1, , y2] = rect;
    if (
      last &&
      last[0] === page &&
      last[1] === subtype &&
      last[2] === url &&
      last[3] === dest &&
      last[4][1] === y1 &&
      last[4][3] === y2 &&
      Math.abs(last[4][2]! - rect[0]!) < 1e-3
    )
      last[4] = [last[4][0]!, y1!, rect[2]!, y2!];
    else out.push([page, subtype, url, dest, [...rect]]);
  }
  return out;
}

async function linksOf(pdf: Buffer): Promise<{ links: Link[]; annotations: number; destinations: unknown }> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false })
    .promise;
  const out: Link[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const annotations = (await (await doc.getPage(p)).getAnnotations()) as Record<string, unknown>[];
    for (const a of annotations) out.push([p, a.subtype, a.url, a.dest, a.rect as number[]]);
  }
  // Each destination's page by its number, not by its object's (which other objects move).
  const destinations: Record<string, unknown[]> = {};
  for (const [name, dest] of Object.entries((await doc.getDestinations()) as Record<string, unknown[]>)) {
    const [ref, ...rest] = dest;
    destinations[name] = [(await doc.getPageIndex(ref as { num: number; gen: number })) + 1, ...rest];
  }
  await doc.destroy();
  return { links: clickable(out), annotations: out.length, destinations };
}

describe('pdfmake adapter', () => {
  test('gives, on a document laid out several times, the bytes of pdfmake with the line patch alone', async () => {
    const expected = pdfmakeAlone('documentDefinition', 'lines');
    expect(expected.length).toBeGreaterThan(10_000);
    // Another document first: whatever a thread drew before, a document's bytes are its own
    // (its text layer maps ∆ and Ω to the code points it used, not to Δ and Ω).
    await renderPdf(otherDocumentDefinition());
    // Twice: the second document reuses the parsed fonts and the chart measured before.
    expect((await renderPdf(documentDefinition())).equals(expected)).toBe(true);
    expect((await renderPdf(documentDefinition())).equals(expected)).toBe(true);
  });

  test('draws lines of text that a reader cannot tell from plain pdfmake’s', async () => {
    const plain = pdfmakeAlone('documentDefinition', 'none');
    const ours = await renderPdf(documentDefinition());
    expect(ours.equals(plain)).toBe(false);
    const [mine, pdfkits] = [await seen(ours), await seen(plain)];
    const a = mine.seen;
    expect(a).toEqual(pdfkits.seen);
    // Words side by side with one target are one link here, one per word in pdfkit's.
    expect(mine.annotations).toBeLessThan(pdfkits.annotations);
    // The comparison sees what it should: colours, opacity, raised text, links, the outline.
    const { paint, links, destinations } = a as {
      paint: string[][];
      links: unknown[];
      destinations: Record<string, unknown>;
    };
    const glyphs = paint.flat().filter((g) => g.startsWith('glyph'));
    expect(glyphs.length).toBeGreaterThan(5000);
    expect(glyphs.some((g) => g.endsWith('#c0392b 1'))).toBe(true);
    expect(glyphs.some((g) => g.endsWith(' 0.4'))).toBe(true);
    expect(links.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(destinations).length).toBeGreaterThanOrEqual(1);
  });

  test('measures a paragraph again when a named style inside it has changed', async () => {
    // Paragraphs measured before (the tests above, or here) are kept per thread by their
    // text and style stack; the words styled `small` inside them now measure otherwise.
    await renderPdf(documentDefinition());
    const restyled = await renderPdf(restyledDocumentDefinition());
    expect(restyled.equals(pdfmakeAlone('restyledDocumentDefinition', 'lines'))).toBe(true);
    expect(restyled.equals(pdfmakeAlone('documentDefinition', 'lines'))).toBe(false);
  });
});
