/**
 * Widows, orphans and headings kept with their text, in one layout pass: the rules
 * themselves, then real PDFs read back line by line with the text pushed down the
 * page a little more each time, so that every way of splitting is met.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Content, Table, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { nextBreak, type Keep } from '../src/write/pdfmake-keep.js';
import type { RowRules } from '../src/write/pdfmake-rows.js';
import { renderPdf } from '../src/write/pdfmake.js';
import { createRequire } from 'node:module';
import {
  DOCUMENT_KEY,
  TIGHTER,
  balanceKey,
  giveBalanceSteps,
  takeBalanceSteps,
} from '../src/write/pdfmake-balance.js';
import { giveTallFigures, takeTallFigures } from '../src/write/pdfmake-float.js';
import { readPdf, type PdfView } from './helpers/pdf-text.js';

const line = (h = 10) => ({ getHeight: () => h });
const lines = (n: number) => Array.from({ length: n }, () => line());
/** A page of 100 points of text area, `used` of them already used. */
const page = (used: number) => ({
  y: 50 + used,
  availableHeight: 100 - used,
  pageMargins: { top: 50, bottom: 50 },
  snapshots: [],
});
const PARA: Keep = { orphans: 2, widows: 2 };

// The writer records what it learns (the settings chosen, the figures found tall) until it is
// asked; other test files share the process, so each test here starts with nothing found.
beforeEach(() => {
  takeBalanceSteps();
  takeTallFigures();
});

describe('where a paragraph breaks', () => {
  test('the rest fits: no break', () => expect(nextBreak(lines(5), 0, page(40), PARA)).toBeUndefined());
  test('room for one line of ten: the paragraph moves on (no orphan)', () =>
    expect(nextBreak(lines(10), 0, page(90), PARA)).toBe(0));
  test('room for two lines: two stay', () => expect(nextBreak(lines(10), 0, page(80), PARA)).toBe(2));
  test('room for nine lines of ten: eight stay, two go (no widow)', () =>
    expect(nextBreak(lines(10), 0, page(10), PARA)).toBe(8));
  test('three lines with room for two: it cannot split and moves whole', () =>
    expect(nextBreak(lines(3), 0, page(80), PARA)).toBe(0));
  test('at the head of a page at least one line stays', () =>
    expect(nextBreak(lines(30), 0, page(0), PARA)).toBe(10));
  test('a continued paragraph breaks again with its widows kept', () =>
    expect(nextBreak(lines(21), 10, page(0), PARA)).toBe(19));
  test('continued on a page a held figure filled, with room for one line: the rest moves on again', () => {
    expect(nextBreak(lines(21), 10, page(90), PARA)).toBe(10);
    expect(nextBreak(lines(21), 10, page(80), PARA)).toBe(12);
  });
  test('a heading moves on unless the start of its text fits under it', () => {
    expect(nextBreak(lines(1), 0, page(60), { withNext: 30 })).toBeUndefined();
    expect(nextBreak(lines(1), 0, page(60), { withNext: 30.1 })).toBe(0);
    expect(nextBreak(lines(1), 0, page(0), { withNext: 500 })).toBeUndefined();
  });
});

const words = (tag: string, n: number): string => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

/** The document rendered and read back as a reader sees it (through a temporary file). */
async function readBack(dd: TDocumentDefinitions): Promise<PdfView> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-keep-'));
  try {
    const file = join(dir, 'keep.pdf');
    writeFileSync(file, await renderPdf(dd));
    return await readPdf(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A document rendered, with how many times pdfmake laid it out for it. */
async function laidOut(dd: TDocumentDefinitions): Promise<{ bytes: Buffer; layouts: number }> {
  const builder = (
    createRequire(import.meta.url)('pdfmake/js/LayoutBuilder.js') as {
      default: { prototype: { tryLayoutDocument(...a: unknown[]): unknown } };
    }
  ).default.prototype;
  const layout = builder.tryLayoutDocument;
  let layouts = 0;
  builder.tryLayoutDocument = function (...a: unknown[]) {
    layouts++;
    return layout.apply(this, a);
  };
  try {
    return { bytes: await renderPdf(dd), layouts };
  } finally {
    builder.tryLayoutDocument = layout;
  }
}

const texts = async (dd: TDocumentDefinitions): Promise<string[]> =>
  (await readBack(dd)).pages.map((p) => p.text);

async function linesByPage(dd: TDocumentDefinitions, tag: string): Promise<number[]> {
  const pdf = await readBack(dd);
  return pdf.pages
    .map((p) => new Set(p.runs.filter((r) => r.str.includes(tag)).map((r) => Math.round(r.y))).size)
    .filter((n) => n > 0);
}

const doc = (content: Content[]): TDocumentDefinitions => ({
  pageSize: 'A6',
  pageMargins: [30, 30, 30, 30],
  defaultStyle: { font: 'Roboto', fontSize: 10 },
  content,
});

describe('in a real PDF', () => {
  const offsets = Array.from({ length: 16 }, (_, i) => i * 18);

  test('a long paragraph never leaves one line on a page, wherever it starts', async () => {
    for (const offset of offsets) {
      const counts = await linesByPage(
        doc([{ text: 'above', margin: [0, offset, 0, 0] }, { text: words('zq', 90), keep: PARA } as Content]),
        'zq',
      );
      expect(counts.length).toBeGreaterThan(0);
      // The offset is in the comparison so that a failure names where the text started.
      expect([offset, Math.min(...counts) >= 2]).toEqual([offset, true]);
    }
  });

  test('without the rule, the same text does leave single lines (the test can fail)', async () => {
    const singles: number[] = [];
    for (const offset of offsets) {
      const counts = await linesByPage(
        doc([{ text: 'above', margin: [0, offset, 0, 0] }, { text: words('zq', 90) }]),
        'zq',
      );
      if (counts.length > 1 && Math.min(...counts) < 2) singles.push(offset);
    }
    expect(singles.length).toBeGreaterThan(0);
  });

  test('a heading is never the last thing on its page', async () => {
    for (const offset of offsets) {
      const pdf = await readBack(
        doc([
          { text: 'above', margin: [0, offset + 200, 0, 0] },
          { text: 'HEADINGX', fontSize: 14, keep: { orphans: 9, widows: 9, withNext: 30 } } as Content,
          { text: words('zq', 60), keep: PARA } as Content,
        ]),
      );
      const at = pdf.pages.findIndex((p) => p.text.includes('HEADINGX'));
      const below = new Set(pdf.pages[at]!.runs.filter((r) => r.str.includes('zq')).map((r) => r.y));
      expect([offset, below.size >= 2]).toEqual([offset, true]);
    }
  });
});

describe('the rows of a table', () => {
  const offsets = Array.from({ length: 16 }, (_, i) => i * 12);
  /** Rows "rowN" under a two-row header ("COLS", "DAYHEAD"), the first shown only at a page's head. */
  const table = (offset: number, rules: RowRules): Content[] => [
    { text: 'above', margin: [0, offset, 0, 0] },
    {
      table: {
        headerRows: 2,
        keepWithHeaderRows: 3,
        dontBreakRows: true,
        ...rules,
        widths: [40, '*'],
        body: [
          [{ text: 'COLS' }, { text: 'EVENT' }],
          [{ text: 'DAYHEAD', colSpan: 2 }, {}],
          ...Array.from({ length: 9 }, (_, i) => [{ text: `row${i}` }, { text: words('w', 12) }]),
        ],
      } as Table & RowRules,
    },
  ];
  const rowsByPage = async (dd: TDocumentDefinitions) =>
    (await readBack(dd)).pages.map((p) => ({
      rows: p.runs.filter((r) => /^row\d$/.test(r.str)).length,
      cols: p.runs.filter((r) => r.str === 'COLS').length,
      day: p.runs.filter((r) => r.str === 'DAYHEAD').length,
    }));

  test('where a table breaks, its last rows move on together, wherever it starts', async () => {
    let broken = 0;
    for (const offset of offsets) {
      const pages = await rowsByPage(doc(table(offset, { widowRows: 2 })));
      expect(pages.reduce((n, p) => n + p.rows, 0)).toBe(9);
      expect([offset, pages.every((p) => p.rows !== 1)]).toEqual([offset, true]);
      if (pages.filter((p) => p.rows > 0).length > 1) broken++;
    }
    expect(broken).toBeGreaterThan(offsets.length / 2);
  });

  test('without the rule, a last row is carried alone (the test can fail)', async () => {
    const alone: number[] = [];
    for (const offset of offsets) {
      const pages = await rowsByPage(doc(table(offset, {})));
      if (pages.some((p) => p.rows === 1)) alone.push(offset);
    }
    expect(alone.length).toBeGreaterThan(0);
  });

  test('header rows shown only where the table continues: at the head of each page, not where it starts', async () => {
    const pages = await rowsByPage(doc(table(100, { continuedHeaderRows: 1 })));
    expect(pages.length).toBe(2);
    expect(pages.map((p) => [p.cols, p.day])).toEqual([[0, 1], ...pages.slice(1).map(() => [1, 1])]);
  });

  test('a table that opens a page opens it under those rows too', async () => {
    // Too tall for what is left of the first page: the header and its first rows move on whole.
    const pages = await rowsByPage(doc(table(330, { continuedHeaderRows: 1 })));
    expect(pages[0]).toEqual({ rows: 0, cols: 0, day: 0 });
    expect(pages.slice(1).map((p) => [p.cols, p.day])).toEqual(pages.slice(1).map(() => [1, 1]));
  });

  test('a table that starts at the head of a page, with nothing moved on, opens it under those rows', async () => {
    const [, start] = table(0, { continuedHeaderRows: 1 });
    const pages = await rowsByPage(doc([{ text: 'above', pageBreak: 'after' }, start!]));
    expect(pages[1]).toMatchObject({ cols: 1, day: 1 });
  });

  test('days one after another: each page they run onto opens under the column headers, wherever a day ends', async () => {
    // As the chronology sets its days (write/pdf.ts), with margins of 4 points above and 2
    // below each. Where a day ends within them of a page's foot, pdfmake starts the next
    // one on the next page before laying out its header: at the head of a page, not moved.
    const day = (rows: number): Content => {
      const [, t] = table(0, { continuedHeaderRows: 1, widowRows: 2 }) as [Content, { table: Table }];
      const body = t.table.body.slice(0, 2 + rows);
      return { table: { ...t.table, keepWithHeaderRows: 2, body }, margin: [0, 4, 0, 2] } as Content;
    };
    // A short first day ends at every height near the foot of the first page.
    for (let offset = 240; offset <= 300; offset += 2) {
      const pdf = await readBack(
        doc([{ text: 'above', margin: [0, offset, 0, 0] }, { stack: [day(2), day(6)] }]),
      );
      for (const [i, p] of pdf.pages.entries()) {
        if (i === 0 || !p.runs.some((r) => /^row\d$/.test(r.str))) continue;
        const top = [...p.runs].sort((a, b) => b.y - a.y)[0]!;
        expect(`offset ${offset}, page ${i + 1}: ${top.str}`).toBe(`offset ${offset}, page ${i + 1}: COLS`);
      }
    }
  });
});

describe('a page break before a part', () => {
  test('on a page with nothing on it yet adds no blank page, wherever the text before it ends', async () => {
    // Text ending near the foot of a page, at every height it can end at: where its bottom
    // margin does not fit, pdfmake moves on to the next page, and the part's break had then
    // added one more (the Russian UN briefing of a second project had a blank page so).
    for (let n = 160; n <= 320; n += 4) {
      const pdf = await readBack(
        doc([
          { text: words('zq', n), keep: PARA, margin: [0, 0, 0, 40] } as Content,
          { text: 'PARTX', pageBreak: 'before' } as Content,
          { text: 'after' },
        ]),
      );
      const last = pdf.pages.findLastIndex((p) => p.text.includes('zq'));
      expect([n, pdf.pages.findIndex((p) => p.text.includes('PARTX'))]).toEqual([n, last + 1]);
    }
  });

  test('after a page its predecessor leaves nearly empty, starts on that page; after a fuller one, on a page of its own', async () => {
    // On A6 (about 360 points of text area), 20 words take three lines: under a quarter.
    const at = async (n: number) => {
      const pdf = await readBack(
        doc([
          { text: 'first', pageBreak: 'after' },
          { text: words('zq', n) },
          { text: 'PARTX', pageBreak: 'before', joinPageUnder: 0.25 } as Content,
          { text: 'after' },
        ]),
      );
      const last = pdf.pages.findLastIndex((p) => p.text.includes('zq'));
      return pdf.pages.findIndex((p) => p.text.includes('PARTX')) - last;
    };
    expect(await at(20)).toBe(0);
    expect(await at(120)).toBe(1);
    // Without the share, the same short page is left as it is (the test can fail).
    const pdf = await readBack(
      doc([
        { text: 'first', pageBreak: 'after' },
        { text: words('zq', 20) },
        { text: 'PARTX', pageBreak: 'before' },
      ]),
    );
    expect(pdf.pages.findIndex((p) => p.text.includes('PARTX'))).toBe(
      pdf.pages.findLastIndex((p) => p.text.includes('zq')) + 1,
    );
  });

  test('after a page break, a second one adds no page', async () => {
    const pdf = await readBack(
      doc([{ text: 'one', pageBreak: 'after' }, { text: 'two', pageBreak: 'before' } as Content]),
    );
    expect(pdf.pages.map((p) => p.text.trim())).toEqual(['one', 'two']);
  });
});

describe('figures that do not fit', () => {
  /** A figure 250 points tall: a drawn box with its caption, kept whole and floating. */
  const figure = (float: boolean): Content =>
    ({
      stack: [{ canvas: [{ type: 'rect', x: 0, y: 0, w: 100, h: 230, color: '#888' }] }, { text: 'FIGCAP' }],
      unbreakable: true,
      float,
    }) as unknown as Content;
  const text = (tag: string, n: number): Content => ({ text: words(tag, n), keep: PARA }) as Content;

  // A6: 360 points of text area; the first text takes about half of it.
  const pages = (float: boolean): Promise<string[]> =>
    texts(doc([text('aa', 120), figure(float), text('bb', 200)]));

  test('the text after a floating figure fills the page, and the figure opens the next', async () => {
    const [first, second] = await pages(true);
    expect(first).toContain('bb0');
    expect(first).not.toContain('FIGCAP');
    expect(second).toContain('FIGCAP');
    // At the top of its page: nothing of the text before it.
    expect(second!.indexOf('FIGCAP')).toBeLessThan(second!.search(/bb\d+/));
  });

  test('without floating, the figure leaves the rest of the page empty (the test can fail)', async () => {
    const [first, second] = await pages(false);
    expect(first).not.toContain('bb0');
    expect(second).toContain('FIGCAP');
  });

  test('figures held at a forced page break go on pages of their own: what follows opens a page', async () => {
    // Three figures held after text that leaves less than one of them room: more than a page of them.
    const broken = await texts(
      doc([
        text('aa', 120),
        figure(true),
        figure(true),
        figure(true),
        { text: 'PARTX', pageBreak: 'before' },
        text('cc', 20),
      ]),
    );
    const part = broken.findIndex((p) => p.includes('PARTX'));
    expect(part).toBeGreaterThan(0);
    expect(broken[part]).not.toContain('FIGCAP');
    expect(
      broken
        .slice(0, part)
        .join('\n')
        .match(/FIGCAP/g),
    ).toHaveLength(3);
  });

  test('a figure still held at the end of the document comes after its last line', async () => {
    const all = (await texts(doc([text('aa', 120), figure(true), text('bb', 10)]))).join('\n');
    expect(all.indexOf('bb9')).toBeLessThan(all.indexOf('FIGCAP'));
    expect(all).toContain('FIGCAP');
  });
});

describe('a last page of a few lines', () => {
  test('is laid out again with the tighter styles, and the spill comes back', async () => {
    // Enough notes to spill a few lines past the first A6 page at 10 pt; at 8 pt they fit.
    const notes = Array.from({ length: 33 }, (_, i) => ({
      text: `note${i} ${words('nn', 6)}`,
      style: 'references',
    }));
    const dd = (tighter: boolean): TDocumentDefinitions => ({
      ...doc(notes as Content[]),
      // The tighter styles ride in the style dictionary, under a key pdfmake does not read.
      styles: {
        references: { fontSize: 10 },
        ...(tighter ? { [TIGHTER]: [{ styles: { references: { fontSize: 8 } } }] } : {}),
      } as TDocumentDefinitions['styles'],
    });
    expect((await readBack(dd(false))).pages.length).toBe(2);
    expect((await readBack(dd(true))).pages.length).toBe(1);
  });

  test('told the setting an earlier run chose for the same document, is laid out once: the same bytes', async () => {
    const notes = Array.from({ length: 33 }, (_, i) => ({
      text: `note${i} ${words('nn', 6)}`,
      style: 'references',
    }));
    const dd = (key: string, steps: unknown[]): TDocumentDefinitions => ({
      ...doc(notes as Content[]),
      info: { title: 'balance', creationDate: new Date(Date.UTC(2022, 0, 16)) },
      styles: {
        references: { fontSize: 10 },
        [TIGHTER]: steps,
        [DOCUMENT_KEY]: key,
      } as unknown as TDocumentDefinitions['styles'],
    });
    const tighter = [
      { styles: { references: { fontSize: 9 } } },
      { styles: { references: { fontSize: 8 } } },
    ];
    const found = await laidOut(dd('doc-a', tighter));
    expect(found.layouts).toBe(2);
    const chosen = takeBalanceSteps();
    expect(chosen).toEqual([['doc-a', [1]]]);
    // As a new run is told it, under the key its document has there, in a process that
    // already holds as many settings as it keeps (a long session).
    giveBalanceSteps(Array.from({ length: 1000 }, (_, i) => [`earlier-${i}`, [0]] as const));
    giveBalanceSteps([['doc-b', [1]]]);
    const told = await laidOut(dd('doc-b', tighter));
    expect(told.layouts).toBe(1);
    expect(told.bytes.equals(found.bytes)).toBe(true);
    expect(takeBalanceSteps()).toEqual([]);
    // A document whose last page is full enough is remembered as needing nothing.
    await renderPdf(dd('doc-c', []));
    expect(takeBalanceSteps()).toEqual([['doc-c', [-1]]]);
  });
});

describe('a tighter setting that does not fill the last page', () => {
  // One line a note: 30 to an A6 page at 10 pt, 32 at 9.5, 36 at 8.5.
  const notes = (n: number): Content[] =>
    Array.from({ length: n }, (_, i) => ({ text: `note${i} ${words('nn', 6)}`, style: 'references' }));
  const dd = (n: number, steps: unknown[], key?: string): TDocumentDefinitions => ({
    ...doc([{ stack: notes(n), balanceFrom: true } as Content]),
    info: { title: 'balance', creationDate: new Date(Date.UTC(2022, 0, 16)) },
    styles: {
      references: { fontSize: 10 },
      [TIGHTER]: steps,
      ...(key ? { [DOCUMENT_KEY]: key } : {}),
    } as unknown as TDocumentDefinitions['styles'],
  });
  const perPage = async (d: TDocumentDefinitions): Promise<number[]> => linesByPage(d, 'nn');

  test('is followed by the next tighter one where the estimate fell short', async () => {
    // 35 notes: 30 and 5 at 10 pt. The first step says it saves half the sources' height, and
    // would do: at 9.5 pt it leaves 3 on the last page; the next, at 8.5 pt, fits them all.
    const steps = [
      { shrink: 0.5, styles: { references: { fontSize: 9.5 } } },
      { styles: { references: { fontSize: 8.5 } } },
    ];
    const { layouts } = await laidOut(dd(35, steps));
    expect(layouts).toBe(3);
    expect(takeBalanceSteps()).toEqual([]);
    expect(await perPage(dd(35, steps))).toEqual([35]);
  });

  test('is not tried where no setting could save enough: one layout', async () => {
    // 20 lines of body, then 18 notes from two thirds down the page: 8 spill onto page 2, more
    // than any setting saves of sources under half a page long (MOST_SAVED).
    const body = Array.from({ length: 20 }, (_, i) => ({ text: `body${i}` }));
    const steps = [
      { shrink: 0.1, styles: { references: { fontSize: 9 } } },
      { styles: { references: { fontSize: 8 } } },
    ];
    const dd: TDocumentDefinitions = {
      ...doc([...body, { stack: notes(18), balanceFrom: true }] as Content[]),
      info: { title: 'balance', creationDate: new Date(Date.UTC(2022, 0, 16)) },
      styles: {
        references: { fontSize: 10 },
        [TIGHTER]: steps,
        [DOCUMENT_KEY]: 'doc-far',
      } as unknown as TDocumentDefinitions['styles'],
    };
    const { layouts } = await laidOut(dd);
    expect(layouts).toBe(1);
    expect(takeBalanceSteps()).toEqual([['doc-far', [-1]]]);
    expect(await perPage(dd)).toEqual([10, 8]);
  });

  test('is not kept where it leaves fewer lines alone on the last page than the usual setting', async () => {
    // 37 notes: 30 and 7 at 10 pt; at 8.5 pt, 36 and 1, worse. The usual layout is kept.
    const steps = [{ styles: { references: { fontSize: 8.5 } } }];
    expect(await perPage(dd(37, []))).toEqual([30, 7]);
    expect(await perPage(dd(37, steps))).toEqual([30, 7]);
    const found = await laidOut(dd(37, steps, 'doc-37'));
    // The usual, the tighter, and the usual again (the tighter one's layout replaced it).
    expect(found.layouts).toBe(3);
    expect(takeBalanceSteps()).toEqual([['doc-37', [-1]]]);
    // Told, it is laid out once, to the same bytes.
    giveBalanceSteps([['doc-37b', [-1]]]);
    const told = await laidOut(dd(37, steps, 'doc-37b'));
    expect(told.layouts).toBe(1);
    expect(told.bytes.equals(found.bytes)).toBe(true);
  });
});

describe('what decides the setting of the sources', () => {
  // A body, then a part on a page of its own (the annex) with sources that spill a few
  // lines onto a last page of their own at 10 pt; at 8 pt they fit.
  const notes = (n = 33): Content[] =>
    Array.from({ length: n }, (_, i) => ({ text: `note${i} ${words('nn', 6)}`, style: 'references' }));
  const styles = { references: { fontSize: 10 }, [TIGHTER]: [{ styles: { references: { fontSize: 8 } } }] };
  const definition = (body: string, sources = notes(), sourcesFirst = false): TDocumentDefinitions => {
    const annex = [
      { text: 'ANNEX', pageBreak: 'before' },
      { stack: sources, balanceFrom: true },
    ];
    const head = { text: body, margin: [0, 0, 0, 4] };
    return {
      ...doc((sourcesFirst ? [head, annex[1], annex[0]] : [head, ...annex]) as Content[]),
      info: { title: 'balance', creationDate: new Date(Date.UTC(2022, 0, 16)) },
      styles: styles as unknown as TDocumentDefinitions['styles'],
    };
  };
  const keyed = (dd: TDocumentDefinitions): TDocumentDefinitions => ({
    ...dd,
    styles: { ...dd.styles, [DOCUMENT_KEY]: balanceKey(dd) } as unknown as TDocumentDefinitions['styles'],
  });

  test('is what follows the last forced page break, with the styles and the page', () => {
    const key = balanceKey(definition(words('bb', 20)));
    expect(balanceKey(definition(words('cc', 300)))).toBe(key);
    expect(balanceKey(definition(words('bb', 20), notes(34)))).not.toBe(key);
    expect(balanceKey({ ...definition(words('bb', 20)), pageSize: 'A5' })).not.toBe(key);
    // The running header as it stands on the pages (a long one could reach into the text).
    expect(balanceKey({ ...definition(words('bb', 20)), header: () => ({ text: 'running' }) })).not.toBe(key);
    expect(balanceKey({ ...definition(words('bb', 20)), styles: { references: { fontSize: 9 } } })).not.toBe(
      key,
    );
    // Sources before the break: the whole content decides.
    const before = balanceKey(definition(words('bb', 20), notes(), true));
    expect(balanceKey(definition(words('cc', 20), notes(), true))).not.toBe(before);
  });

  test('is the whole content wherever pdfmake lets something cross the break', () => {
    const annex = (extra: Content[] = []): Content[] => [
      { text: 'ANNEX', pageBreak: 'before' },
      ...extra,
      { stack: notes(), balanceFrom: true } as Content,
    ];
    const keyOf = (
      before: Content[],
      after: Content[] = [],
      more: Partial<TDocumentDefinitions> = {},
    ): string =>
      balanceKey({ ...doc([{ text: words('bb', 20) }, ...before, ...annex(after)]), styles, ...more });
    const crossing: [string, Content[], Content[], Partial<TDocumentDefinitions>][] = [
      [
        'a page turned',
        [{ text: 'turn', pageBreak: 'before', pageOrientation: 'landscape' } as Content],
        [],
        {},
      ],
      [
        'a section of another size',
        [{ section: [{ text: 'A5' }], pageSize: 'A5' } as unknown as Content],
        [],
        {},
      ],
      [
        'text taken from before the break',
        [{ text: 'here', id: 'here' } as Content],
        [{ text: '', textReference: 'here' } as unknown as Content],
        {},
      ],
      ['a background', [], [], { background: () => ({ text: 'bg' }) } as Partial<TDocumentDefinitions>],
    ];
    for (const [what, before, after, more] of crossing) {
      // The body edited: a key of the annex alone would stay.
      const edited = [{ text: words('cc', 40) } as Content, ...before];
      expect([what, keyOf(before, after, more) === keyOf(edited, after, more)]).toEqual([what, false]);
    }
  });

  test('a block placed by position that runs over onto the annex: the setting found afresh, not taken', async () => {
    // On A6 at y 300, 700 words run over several pages, past where the annex would start.
    const placed = (n: number): Content[] => [
      { text: words('bb', 20) },
      { text: words('pp', n), absolutePosition: { x: 30, y: 300 } } as Content,
      // An annex of its own: the tests share the thread's kept settings.
      { text: 'PLACED ANNEX', pageBreak: 'before' },
      { stack: notes(), balanceFrom: true } as Content,
    ];
    const at = (n: number): TDocumentDefinitions => ({
      ...doc(placed(n)),
      info: { title: 'placed', creationDate: new Date(Date.UTC(2022, 0, 16)) },
      styles: styles as unknown as TDocumentDefinitions['styles'],
    });
    expect(balanceKey(at(700))).toBe(balanceKey(at(3)));
    await laidOut(keyed(at(3)));
    expect(takeBalanceSteps()).toHaveLength(1);
    const told = await laidOut(keyed(at(700)));
    expect(takeBalanceSteps()).toEqual([]);
    expect(told.bytes.equals((await laidOut(at(700))).bytes)).toBe(true);
  });

  test('an annex that starts on the page before it (a short one): the setting found afresh, not kept', async () => {
    // The same annex after a long body and after a short last page: what it starts under differs.
    const joined = (body: string): TDocumentDefinitions => ({
      ...doc([
        { text: 'first', pageBreak: 'after' },
        { text: body },
        { text: 'JOINED ANNEX', pageBreak: 'before', joinPageUnder: 0.25 } as Content,
        { stack: notes(), balanceFrom: true } as Content,
      ]),
      info: { title: 'joined', creationDate: new Date(Date.UTC(2022, 0, 16)) },
      styles: styles as unknown as TDocumentDefinitions['styles'],
    });
    const [short, full] = [joined(words('zq', 10)), joined(words('ff', 150))];
    expect(balanceKey(short)).toBe(balanceKey(full));
    await laidOut(keyed(short));
    expect(takeBalanceSteps()).toEqual([]);
    await laidOut(keyed(full));
    expect(takeBalanceSteps()).toHaveLength(1);
    // Told the setting the full one came out with, the short one finds its own: the bytes of a fresh layout.
    const told = await laidOut(keyed(short));
    expect(takeBalanceSteps()).toEqual([]);
    expect(told.bytes.equals((await laidOut(short)).bytes)).toBe(true);
  });

  test('a document edited before its annex is laid out once, with the setting a fresh layout gives', async () => {
    const first = await laidOut(keyed(definition(words('bb', 20))));
    expect(first.layouts).toBe(2);
    expect(takeBalanceSteps()).toHaveLength(1);
    // A body twice as long and more: the annex starts a page later.
    const edited = definition(words('cc', 400));
    const told = await laidOut(keyed(edited));
    expect(told.layouts).toBe(1);
    // As if never seen (no key), and from nodes no layout has marked: laid out twice, to the same bytes.
    const fresh = await laidOut(definition(words('cc', 400)));
    expect(fresh.layouts).toBe(2);
    expect(told.bytes.equals(fresh.bytes)).toBe(true);
    const pages = async (dd: TDocumentDefinitions): Promise<number> =>
      (await readBack(keyed(dd))).pages.length;
    expect(await pages(edited)).toBeGreaterThan(await pages(definition(words('bb', 20))));
  });
});

describe('a layout told the setting gives the bytes of one that decides it', () => {
  const notes = (style: 'whole' | 'inline'): Content[] =>
    Array.from({ length: 33 }, (_, i) =>
      style === 'whole'
        ? { text: `note${i} ${words('nn', 6)}`, style: 'references' }
        : { text: [{ text: `note${i} ${words('nn', 6)}`, style: 'references' }] },
    );
  /** A chart, its caption and a table of `rows`: of 16, taller than an A6 page at 9 pt, not at 7. */
  const figure = (rows: number): Content =>
    ({
      stack: [
        {
          stack: [{ canvas: [{ type: 'rect', x: 0, y: 0, w: 100, h: 120, color: '#888' }] }, { text: 'CAP' }],
        },
        {
          table: {
            headerRows: 1,
            widths: ['*', 'auto'],
            body: [
              [
                { text: 'H1', style: 'th' },
                { text: 'H2', style: 'th' },
              ],
              ...Array.from({ length: rows }, (_, i) => [
                { text: `tf${i} ${words('w', 5)}`, style: 'td' },
                { text: `${i}`, style: 'td' },
              ]),
            ],
          },
        },
      ],
      unbreakable: true,
      float: true,
      splitWhenTall: true,
      figureKey: `told-${rows}`,
    }) as unknown as Content;
  const definition = (content: Content[]): TDocumentDefinitions => ({
    ...doc([{ text: words('aa', 20) }, ...content]),
    info: { title: 'told', creationDate: new Date(Date.UTC(2022, 0, 16)) },
    styles: {
      references: { fontSize: 10 },
      td: { fontSize: 9 },
      th: { fontSize: 9 },
      [TIGHTER]: [{ styles: { references: { fontSize: 8 }, td: { fontSize: 7 }, th: { fontSize: 7 } } }],
    } as unknown as TDocumentDefinitions['styles'],
  });
  /**
   * Laid out twice under one key: deciding its setting (the tighter one, `split` the figures
   * it splits), then told it. Each time a new definition: a layout marks its nodes.
   */
  async function decidedThenTold(make: () => Content[], split: string[] = []): Promise<[Buffer, Buffer]> {
    const key = `told-${Math.random()}`;
    const keyed = (): TDocumentDefinitions => {
      const dd = definition(make());
      return {
        ...dd,
        styles: { ...dd.styles, [DOCUMENT_KEY]: key } as unknown as TDocumentDefinitions['styles'],
      };
    };
    const decided = await laidOut(keyed());
    expect(takeBalanceSteps()).toEqual([[key, [0, ...split]]]);
    const told = await laidOut(keyed());
    expect(told.layouts).toBe(1);
    return [decided.bytes, told.bytes];
  }
  const annex = (sources: Content[]): Content[] => [
    { text: 'ANNEX', pageBreak: 'before' },
    { stack: sources, balanceFrom: true } as Content,
  ];

  test('a figure too tall at the usual setting, not at the tighter one, stays split at the tighter', async () => {
    const [decided, told] = await decidedThenTold(() => [figure(16), ...annex(notes('whole'))], ['told-16']);
    expect(told.equals(decided)).toBe(true);
  });

  test('sources whose words carry the named style the tighter setting changes', async () => {
    const [decided, told] = await decidedThenTold(() => annex(notes('inline')));
    expect(told.equals(decided)).toBe(true);
  });
});

describe('a figure taller than a page', () => {
  /** Its chart and caption, then a table of 40 rows: taller than an A6 page. */
  const tall = (figureKey?: string): Content => {
    const rows = Array.from({ length: 40 }, (_, i) => [{ text: `row${i}` }]);
    return {
      stack: [
        {
          stack: [
            { canvas: [{ type: 'rect', x: 0, y: 0, w: 100, h: 200, color: '#888' }] },
            { text: 'FIGCAP' },
          ],
        },
        { table: { headerRows: 1, body: [[{ text: 'HEAD' }], ...rows] } },
      ],
      unbreakable: true,
      float: true,
      splitWhenTall: true,
      figureKey,
    } as unknown as Content;
  };

  test('told by an earlier run, it is laid out split from the start: the same bytes', async () => {
    const at = (key: string): TDocumentDefinitions => ({
      ...doc([{ text: words('aa', 30) }, tall(key), { text: 'AFTER' }]),
      info: { title: 'tall', creationDate: new Date(Date.UTC(2022, 0, 16)) },
    });
    const found = await renderPdf(at('figure-a'));
    const keys = takeTallFigures();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain('figure-a');
    // The same figure under another key, as a new run would be told it, in a process that
    // already holds as many figures as it keeps (a long session).
    giveTallFigures(Array.from({ length: 1000 }, (_, i) => `earlier-${i}`));
    giveTallFigures([keys[0]!.replace('figure-a', 'figure-b')]);
    const told = await renderPdf(at('figure-b'));
    expect(takeTallFigures()).toEqual([]);
    expect(told.equals(found)).toBe(true);
  });

  test('found too tall on a small page, is not taken for too tall on a larger one', async () => {
    // Far down its page: whole, it waits for the next page; split, its chart stays on this one.
    const on = (pageSize: string, key: string): TDocumentDefinitions => ({
      ...doc([{ text: 'x', margin: [0, pageSize === 'A6' ? 0 : 600, 0, 0] }, tall(key), { text: 'AFTER' }]),
      pageSize: pageSize as TDocumentDefinitions['pageSize'],
      info: { title: 'tall', creationDate: new Date(Date.UTC(2022, 0, 16)) },
    });
    await renderPdf(on('A6', 'figure-room'));
    expect(takeTallFigures()).toHaveLength(1);
    // On A3 the same figure fits: laid out whole, as one never seen.
    const told = await renderPdf(on('A3', 'figure-room'));
    expect(takeTallFigures()).toEqual([]);
    expect(told.equals(await renderPdf(on('A3', 'figure-unseen')))).toBe(true);
  });

  test('is laid out as its chart kept whole and its table flowing after it, nothing lost', async () => {
    const pages = await texts(doc([{ text: words('aa', 30) }, tall(), { text: 'AFTER' }]));
    const all = pages.join('\n');
    for (let i = 0; i < 40; i++) expect(all).toContain(`row${i}`);
    expect(all.indexOf('FIGCAP')).toBeLessThan(all.indexOf('row0'));
    expect(all.indexOf('row39')).toBeLessThan(all.indexOf('AFTER'));
    expect(pages[0]).toContain('FIGCAP');
  });
});
