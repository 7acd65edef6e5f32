/**
 * A number range ("4–6 January", "00:25–00:51") never ends a line after its dash: not in
 * the PDF, where the range moves to the next line whole and its text stays as written, and
 * not on screen, where a word joiner after the dash forbids the break (the browser's own
 * check of it is in scripts/e2e.mjs). Both writers ask text/ranges.ts which dashes are a
 * range's.
 */
import { describe, expect, test } from 'vitest';
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { rangeDashes } from '../src/text/ranges.js';
import { glueRanges } from '../src/write/pdfmake-ranges.js';
import { joinRanges, joinRangesText } from '../src/write/html-ranges.js';
import { renderPdf } from '../src/write/pdfmake.js';
import { typesetText } from '../src/compose/typography.js';
import { composeDocument } from '../src/pipeline/document.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { readPdf } from './helpers/pdf-text.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';
import { join } from 'node:path';

const WJ = '\u2060';
const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, children: ElementContent[]): ElementContent => ({
  type: 'element',
  tagName,
  properties: {},
  children,
});

describe("a range's dash", () => {
  test.each([
    ['4–6 January', [1]],
    ['approx. 00:25–00:51', [13]],
    ['2019–2022 and 1.5–2.0', [4, 17]],
    ['4 – 6 January', []],
    ['A–B, pages–6, 4–', []],
    ['4-6, COVID-19', []],
  ])('%j', (value, at) => expect(rangeDashes(value)).toEqual(at));
});

describe('PDF: a line never ends after a range’s dash', () => {
  test('glued words: in one run and across runs', () => {
    const words = glueRanges([
      { text: 'Watch ' },
      { text: '4–' },
      { text: '6 January, ' },
      { text: '00:25' },
      { text: '–' },
      { text: '00:51 ' },
      { text: 'pages–' },
      { text: '6' },
      { text: 'at 4–', lineEnd: true },
      { text: '6' },
    ]);
    expect(words.filter((w) => w.noNewLine).map((w) => w.text)).toEqual(['4–', '–']);
  });

  test('at every width of a column, each range is on one line and reads as written', async () => {
    // The same paragraph in columns 1 pt apart: somewhere each dash falls at a line's end.
    const widths = Array.from({ length: 70 }, (_, i) => 60 + i);
    const paragraph = (width: number): Content => ({
      columns: [
        {
          width,
          text: [
            'Human Rights Watch, 4–6 January, at ',
            { text: '00:25' },
            '–',
            { text: '00:51', bold: true },
            ' and 19:15–19:45.',
          ],
        },
        { width: '*', text: '' },
      ],
      margin: [0, 0, 0, 6],
    });
    const dd: TDocumentDefinitions = {
      content: widths.map(paragraph),
      defaultStyle: { font: 'Roboto', fontSize: 9 },
    };
    const { pages } = await readPdf(await renderPdf(dd));
    const all = pages.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/\d\u2013\s*\n/);
    // Wrapped: the paragraph takes several lines in the narrow columns…
    expect(all.split('\n').filter((l) => l.startsWith('Human')).length).toBe(widths.length);
    expect(all).toMatch(/Human[^\n]*\n[^\n]/);
    // …and every range is there whole, with nothing added to its text.
    for (const range of ['4–6', '00:25–00:51', '19:15–19:45'])
      expect(all.split(range).length - 1, range).toBe(widths.length);
    expect(all).not.toContain(WJ);
  }, 30_000);

  test('ranges chained wider than a column break after a dash, lines filled and every number whole', async () => {
    const years = Array.from({ length: 24 }, (_, i) => 2000 + i).join('–');
    const dd: TDocumentDefinitions = {
      content: [
        {
          columns: [
            { width: 80, text: `Years ${years}; 4–6 January.` },
            { width: '*', text: '' },
          ],
        },
      ],
      defaultStyle: { font: 'Roboto', fontSize: 9 },
    };
    const { pages } = await readPdf(await renderPdf(dd));
    const lines = pages[0]!.text.split('\n').filter((l) => /\d/.test(l));
    // Two or three years a line in 80 pt, the lines filled: not the 24 on one line past the edge.
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...lines.map((l) => l.match(/20\d\d/g)?.length ?? 0))).toBeLessThanOrEqual(3);
    expect(lines.filter((l) => (l.match(/20\d\d/g)?.length ?? 0) >= 2).length).toBeGreaterThanOrEqual(6);
    // Each year whole: a line is never cut inside a number to make room.
    expect(lines.flatMap((l) => l.match(/20\d\d/g) ?? []).length).toBe(24);
    expect(lines.join('')).toContain('4–6');
  });
});

describe('HTML: a word joiner after a range’s dash', () => {
  test('in text, and across the markup of two times', () => {
    const nodes = [
      text('Watch, 4–6 January; at '),
      el('time', [text('00:25')]),
      text('–'),
      el('time', [text('00:51')]),
      text(', pages–6'),
    ];
    const before = JSON.stringify(nodes);
    const out = toHtml({ type: 'root', children: [...joinRanges(nodes)] });
    expect(out).toBe(`Watch, 4–${WJ}6 January; at <time>00:25</time>–${WJ}<time>00:51</time>, pages–6`);
    // The document is the PDF writer's too: it is copied, not changed.
    expect(JSON.stringify(nodes)).toBe(before);
  });

  test('not in a drawing, and nothing copied without a range', () => {
    const svg = [el('svg', [el('text', [text('4–6')])])];
    expect(joinRanges(svg)).toBe(svg);
    const plain = [text('4 – 6 January')];
    expect(joinRanges(plain)).toBe(plain);
  });

  test('plain strings: a chronology’s time, a chart’s caption', () => {
    expect(joinRangesText('approx. 00:25–00:51')).toBe(`approx. 00:25–${WJ}00:51`);
    expect(joinRangesText('1–2 and 3–4')).toBe(`1–${WJ}2 and 3–${WJ}4`);
    expect(joinRangesText('no range')).toBe('no range');
  });
});

describe("a chronology's time", () => {
  test('"approx." may go above its time in the narrow column, as it may not in prose', () => {
    expect(typesetText('ок. 00:25–00:51')).toBe('ок.\u00a000:25–00:51');
    const root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
    try {
      const ws = loadWorkspace(root);
      const doc = composeDocument(ws, ws.projects[0]!, 'ru', 'briefing-osce');
      const times = doc.body
        .flatMap((b) => (b.kind === 'section' || b.kind === 'part' ? [b, ...b.children] : [b]))
        .flatMap((b) => (b.kind === 'section' ? b.children : [b]))
        .flatMap((b) => (b.kind === 'chronology' ? b.days.flatMap((d) => d.entries.map((e) => e.when)) : []));
      expect(times).toContain('ок. 00:25–00:51');
      expect(times.filter((t) => t.includes('\u00a0'))).toEqual([]);
    } finally {
      removeWorkspace(root);
    }
  });
});
