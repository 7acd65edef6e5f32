/**
 * The printed briefing, read back as a reader would: outline, contents page,
 * running footers, reference numbers and metadata, in every locale.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packFor } from '../src/i18n/languages/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { readPdf, type OutlineEntry, type PdfView } from './helpers/pdf-text.js';
import { kazakhstanBuilt } from './helpers/shared-build.js';
import { makeWorkspace, removeWorkspace, runCli } from './helpers/workspace.js';

const locales = ['en', 'ru', 'kk'] as const;
const briefings = ['briefing-osce', 'briefing-un', 'briefing-eu'] as const;
const kinds = [...briefings, 'release'] as const;
type Locale = (typeof locales)[number];

/** How each language says "page 2 of 19", written out here rather than read from the locale files. */
const pageLabel: Record<Locale, (page: number, pages: number) => string> = {
  en: (p, n) => `Page ${p} of ${n}`,
  ru: (p, n) => `Стр. ${p} из ${n}`,
  kk: (p, n) => `${n} беттің ${p}-беті`,
};

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const textOf = (n: Root | Element | Root['children'][number]): string =>
  n.type === 'text' ? n.value : 'children' in n ? n.children.map(textOf).join('') : '';
const cls = (e: Element): string[] => {
  const c = e.properties?.className;
  return Array.isArray(c) ? c.map(String) : [];
};

interface HtmlView {
  /** Section headings (h2) with their subsections (h3), as the outline should mirror them. */
  headings: { title: string; children: string[] }[];
  /** Citation numbers in reading order. */
  citations: number[];
  references: number;
  coverTitle: string;
  hasContents: boolean;
  /** Section title by the section's id (`recommendations`, `references` …). */
  sections: Record<string, string>;
}

function readHtml(path: string): HtmlView {
  const tree = fromHtml(readFileSync(path, 'utf8'));
  const view: HtmlView = {
    headings: [],
    citations: [],
    references: 0,
    coverTitle: '',
    hasContents: false,
    sections: {},
  };
  const walk = (n: Root | Element, outside: boolean): void => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      // Box titles, the cover, the contents title and chart titles are not sections.
      const boxed = outside || ['nav', 'aside', 'header', 'figure'].includes(c.tagName);
      if (c.tagName === 'h1' && !view.coverTitle) view.coverTitle = squash(textOf(c));
      if (c.tagName === 'nav' && cls(c).includes('contents')) view.hasContents = true;
      if (!boxed && c.tagName === 'h2') {
        view.headings.push({ title: squash(textOf(c)), children: [] });
        if (n.type === 'element' && n.tagName === 'section' && n.properties?.id)
          view.sections[String(n.properties.id)] = squash(textOf(c));
      }
      // A part's title (the annex) is listed where the contents list it.
      if (!boxed && c.tagName === 'p' && cls(c).includes('part-title'))
        view.headings.push({ title: squash(textOf(c)), children: [] });
      if (!boxed && c.tagName === 'h3')
        view.headings[view.headings.length - 1]?.children.push(squash(textOf(c)));
      if (c.tagName === 'sup' && cls(c).includes('cite'))
        view.citations.push(...(textOf(c).match(/\d+/g) ?? []).map(Number));
      if (c.tagName === 'li' && String(c.properties?.id ?? '').startsWith('ref-')) view.references++;
      walk(c, boxed);
    }
  };
  walk(tree, false);
  return view;
}

/** Superscript reference marks are the only small numerals in running text (0.58 × body size). */
const citationsIn = (pdf: PdfView): number[] =>
  pdf.pages.flatMap((p) =>
    p.runs
      .filter((r) => r.size < 6.5 && /^[\d,\s]+$/.test(r.str))
      .flatMap((r) => (r.str.match(/\d+/g) ?? []).map(Number)),
  );

const flat = (entries: OutlineEntry[]): OutlineEntry[] => entries.flatMap((e) => [e, ...flat(e.children)]);

interface ChronologyView {
  columns: string[];
  days: string[];
  /** How many entries each day has. */
  entries: number[];
}

/** The chronology's column headers and day labels, as the HTML shows them. */
function chronologyOf(path: string): ChronologyView {
  const html = readFileSync(path, 'utf8');
  const table = /<table class="chronology">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const cells = (re: RegExp): string[] =>
    [...table.matchAll(re)].map((m) => squash(m[1]!.replace(/<[^>]+>/g, '')));
  const entries = table
    .split('<tbody>')
    .slice(1)
    .map((day) => day.match(/<tr id=/g)?.length ?? 0);
  return {
    columns: cells(/<th scope="col">(.*?)<\/th>/g),
    days: cells(/<time [^>]*>(.*?)<\/time>/g),
    entries,
  };
}

interface ChronologyPage {
  /** The page's index in the PDF. */
  page: number;
  /** The page opens with the column headers, above anything else of the chronology. */
  headed: boolean;
  /** How many times the column headers appear on the page. */
  headers: number;
  /**
   * The days on the page in order, with how many of their rows it holds, where the date's
   * baseline is and where each row's last line is (PDF points from the page's foot).
   */
  days: { day: string; rows: number; date: number; ends: number[] }[];
  /** The baseline of the page's lowest line. */
  foot: number;
}

/**
 * The chronology as it is printed, page by page. A row starts where the event column's
 * lines leave more room than their line step (the row's padding and rule).
 */
function chronologyPages(pdf: PdfView, c: ChronologyView): ChronologyPage[] {
  const out: ChronologyPage[] = [];
  for (const [index, page] of pdf.pages.entries()) {
    const body = page.runs.filter((r) => r.y > 70 && r.y < 780).sort((a, b) => b.y - a.y || a.x - b.x);
    const heads = body.filter((r) => r.str === c.columns[0]);
    const dates = body.filter((r) => c.days.includes(squash(r.str)));
    if (!dates.length) continue;
    const eventX = body.find((r) => r.str === c.columns[1])?.x ?? Math.max(...dates.map((d) => d.x)) + 80;
    const lines = [...new Set(body.filter((r) => Math.abs(r.x - eventX) < 1 && r.size > 6).map((r) => r.y))];
    const step = Math.min(...lines.slice(1).map((y, i) => lines[i]! - y));
    const days: ChronologyPage['days'] = [];
    let last = Infinity;
    for (const y of [...lines, ...dates.map((d) => d.y)].sort((a, b) => b - a)) {
      const date = dates.find((d) => d.y === y);
      const day = days[days.length - 1];
      if (date) days.push({ day: squash(date.str), rows: 0, date: y, ends: [] });
      else if (day && last - y > step + 2) day.ends[day.rows++] = y;
      else if (day?.rows) day.ends[day.rows - 1] = y;
      last = y;
    }
    const first = body.find((r) => r.str === c.columns[0] || dates.includes(r));
    const foot = Math.min(...body.map((r) => r.y));
    out.push({
      page: index,
      headed: first?.str === c.columns[0] && first !== dates[0],
      headers: heads.length,
      days,
      foot,
    });
  }
  return out;
}

describe('print-quality PDF of the Kazakhstan briefings', () => {
  let root: string;
  const pdfs = new Map<string, PdfView>();
  const htmls = new Map<string, HtmlView>();
  let release = (): void => {};
  beforeAll(async () => {
    // The run's one build of the example, which e2e.test.ts reads too.
    const built = await kazakhstanBuilt();
    ({ root, release } = built);
    if (built.result.status !== 0) throw new Error(built.result.stderr);
    for (const locale of locales)
      for (const kind of kinds) {
        const base = join(root, 'output', 'kazakhstan-2022', locale, kind);
        pdfs.set(`${locale}/${kind}`, await readPdf(`${base}.pdf`));
        htmls.set(`${locale}/${kind}`, readHtml(`${base}.html`));
      }
  }, 120_000);
  afterAll(() => release());

  const each = locales.flatMap((l) => kinds.map((k) => [l, k] as [Locale, string]));

  test.each(each)('%s %s: the outline mirrors the section headings', (locale, kind) => {
    const pdf = pdfs.get(`${locale}/${kind}`)!;
    const html = htmls.get(`${locale}/${kind}`)!;
    expect(html.headings.length).toBeGreaterThanOrEqual(3);
    // A news release has no cover: its headline is its first bookmark, on its first page.
    const headline = kind === 'release' ? [{ title: html.coverTitle, children: [] }] : [];
    expect(pdf.outline.map((o) => ({ title: o.title, children: o.children.map((c) => c.title) }))).toEqual([
      ...headline,
      ...html.headings,
    ]);
    if (kind === 'release') expect(pdf.outline[0]!.page).toBe(1);
  });

  test.each(each)('%s %s: "page X of Y" on every page but the cover', (locale, kind) => {
    const { pages } = pdfs.get(`${locale}/${kind}`)!;
    expect(pages.length).toBeGreaterThan(2);
    const label = pageLabel[locale];
    expect(pages[0]!.text).not.toContain(label(1, pages.length));
    pages.slice(1).forEach((p, i) => expect(squash(p.text)).toContain(label(i + 2, pages.length)));
  });

  test.each(each)(
    '%s %s: every section opens on the page its bookmark and contents entry name',
    (locale, kind) => {
      const pdf = pdfs.get(`${locale}/${kind}`)!;
      const html = htmls.get(`${locale}/${kind}`)!;
      const entries = flat(pdf.outline);
      const firstSection = Math.min(...entries.map((e) => e.page));
      const contents = squash(
        pdf.pages
          .slice(1, firstSection - 1)
          .map((p) => p.text)
          .join(' '),
      );
      const header = squash(
        pdf.pages[1]!.runs.filter((r) => r.y > 780)
          .map((r) => r.str)
          .join(' '),
      );
      for (const e of entries) {
        const page = squash(pdf.pages[e.page - 1]!.text);
        expect(page).toContain(e.title);
        if (html.hasContents) expect(contents).toContain(`${e.title} ${e.page}`);
        // Never a heading alone at the foot of a page: body text follows it on the same page.
        const after = page
          .slice(page.indexOf(e.title) + e.title.length)
          .replace(pageLabel[locale](e.page, pdf.pages.length), '')
          .replace(header, '');
        expect(`${e.title}: ${squash(after).slice(0, 40)}`).toMatch(/: .{20}/);
      }
    },
  );

  test.each(each)('%s %s: no page ends on the words that introduce a quotation', (locale, kind) => {
    const { pages } = pdfs.get(`${locale}/${kind}`)!;
    for (const [i, p] of pages.slice(0, -1).entries()) {
      // The body's last line: below the running header, above the page number.
      const body = p.runs.filter((r) => r.y > 70 && r.y < 780 && r.str.trim());
      const lowest = Math.min(...body.map((r) => r.y));
      const line = squash(
        body
          .filter((r) => Math.abs(r.y - lowest) < 2)
          .sort((a, b) => a.x - b.x)
          .map((r) => r.str)
          .join(' '),
      );
      expect(`page ${i + 1}: ${line}`).not.toMatch(/:$/);
    }
  });

  test.each(each)(
    '%s %s: every reference number resolves to the source list, as in the HTML',
    (locale, kind) => {
      const pdf = pdfs.get(`${locale}/${kind}`)!;
      const html = htmls.get(`${locale}/${kind}`)!;
      const cited = citationsIn(pdf);
      expect(cited.length).toBeGreaterThan(3);
      expect(cited).toEqual(html.citations);
      const sources = pdf.outline.find((o) => o.title === html.sections.references)!;
      const listed = pdf.pages
        .slice(sources.page - 1)
        // Sources are set at 8.5 pt (8 pt in a news release), or tighter when that keeps
        // them off a last page of their own (write/pdfmake-balance.ts); body text is 11 pt.
        .flatMap((p) => p.runs.filter((r) => /^\d+\.$/.test(r.str) && r.size >= 7.5 && r.size <= 8.5))
        .map((r) => Number(r.str.slice(0, -1)));
      expect(listed).toEqual(Array.from({ length: html.references }, (_, i) => i + 1));
      expect(new Set(cited)).toEqual(new Set(listed));
    },
  );

  test.each(locales.flatMap((l) => briefings.map((k) => [l, k] as [Locale, string])))(
    '%s %s: the chronology, continued on a page, opens it under its column headers, never with one row',
    (locale, kind) => {
      const c = chronologyOf(join(root, 'output', 'kazakhstan-2022', locale, `${kind}.html`));
      const pages = chronologyPages(pdfs.get(`${locale}/${kind}`)!, c);
      expect(c.columns).toHaveLength(2);
      expect(pages.length).toBeGreaterThan(2);
      // "Time | Event" at the head of every page the chronology holds, and nowhere else.
      for (const [i, p] of pages.entries()) {
        expect(`page ${i + 1} of the chronology: ${p.headers}`).toBe(`page ${i + 1} of the chronology: 1`);
        expect(p.headed).toBe(true);
      }
      // A day carried onto the next page (its date repeated there) brings two rows or more.
      for (const [i, p] of pages.slice(1).entries()) {
        const before = pages[i]!.days.at(-1)!;
        const carried = p.days[0]!;
        if (carried.day !== before.day) continue;
        expect(`${carried.day} continued on page ${i + 2}: ${carried.rows} rows`).toMatch(
          /: ([2-9]|\d\d) rows/,
        );
        expect(before.rows).toBeGreaterThanOrEqual(2);
      }
    },
  );

  test.each(locales.flatMap((l) => briefings.map((k) => [l, k] as [Locale, string])))(
    '%s %s: a page of the chronology is filled: the day the next page opens with did not fit at its foot',
    (locale, kind) => {
      const c = chronologyOf(join(root, 'output', 'kazakhstan-2022', locale, `${kind}.html`));
      const pages = chronologyPages(pdfs.get(`${locale}/${kind}`)!, c);
      for (const [i, p] of pages.slice(0, -1).entries()) {
        const next = pages[i + 1]!;
        const day = next.days[0]!;
        if (next.page !== p.page + 1 || day.day === p.days.at(-1)!.day) continue;
        // What the day keeps together: its date and two rows, the whole day if it has three
        // or fewer (two on each side of a break, or no break).
        const entries = c.entries[c.days.indexOf(day.day)]!;
        const kept = entries <= 3 ? entries : 2;
        // From baselines (9 pt rows, 10 pt dates, lines of 1.3): above the date's, its padding
        // of 6 and its ascent, 15.3 points; below a row's last, the rest of its line, its
        // padding and rule, 8.9; between two days, their margins of 2 and 4. The room: from
        // under the page's last row, with both margins, to the text area's foot at 60.
        const need = day.date - day.ends[kept - 1]! + 15.3 + 8.9;
        const room = p.foot - 8.9 - 6 - 60;
        const found = room < need + 1 ? 'filled' : `room ${Math.round(room)} for ${Math.round(need)}`;
        expect(`page ${p.page + 1}: ${found}`).toBe(`page ${p.page + 1}: filled`);
      }
    },
  );

  test.each(locales.flatMap((l) => briefings.map((k) => [l, k] as [Locale, string])))(
    '%s %s: the annex opens a page of its own only after a page filled a quarter or more',
    (locale, kind) => {
      const html = readFileSync(join(root, 'output', 'kazakhstan-2022', locale, `${kind}.html`), 'utf8');
      const annex = squash(/<p class="part-title"[^>]*>(.*?)<\/p>/.exec(html)![1]!);
      const { pages } = pdfs.get(`${locale}/${kind}`)!;
      // The text area, in PDF points from the page's foot: between the running header and footer.
      const body = (i: number) => pages[i]!.runs.filter((r) => r.y > 60 && r.y < 785);
      const at = pages.findIndex((_, i) => body(i).some((r) => squash(r.str) === annex && r.size >= 20));
      expect(at).toBeGreaterThan(1);
      const title = body(at).find((r) => squash(r.str) === annex)!;
      if (Math.max(...body(at).map((r) => r.y)) > title.y) return; // It starts under the main part's end.
      const lowest = Math.min(...body(at - 1).map((r) => r.y));
      const fill = (782 - lowest) / (782 - 60);
      expect(`page ${at}: ${fill >= 0.25 ? 'a quarter or more' : fill.toFixed(2)}`).toBe(
        `page ${at}: a quarter or more`,
      );
    },
  );

  test.each(each)('%s %s: metadata names the document and its language', (locale, kind) => {
    const { info, pages } = pdfs.get(`${locale}/${kind}`)!;
    const html = htmls.get(`${locale}/${kind}`)!;
    expect(String(info.Title)).toContain(html.coverTitle);
    // Title · audience, as the HTML page's title: a dash in the audience's label («государств —
    // участников») made two dashes of one.
    expect(String(info.Title).split(' · ')).toHaveLength(2);
    expect(String(info.Title)).not.toContain(' — ');
    expect(info.Language).toBe(locale);
    // No claim of tags (/MarkInfo, /StructTreeRoot) the content does not carry: a screen
    // reader trusts the claim and finds an empty structure.
    const bytes = readFileSync(join(root, 'output', 'kazakhstan-2022', locale, `${kind}.pdf`)).toString(
      'latin1',
    );
    expect(bytes).not.toMatch(/\/MarkInfo|\/StructTreeRoot/);
    for (const field of ['Author', 'Subject', 'Keywords']) expect(String(info[field] ?? '')).not.toBe('');
    expect(String(info.CreationDate)).toMatch(/^D:20220116/);
    for (const p of pages) expect(p.size).toEqual([595.28, 841.89]);
  });

  test.each(locales)('%s: recommendations are numbered once across addressees', (locale) => {
    const pdf = pdfs.get(`${locale}/briefing-osce`)!;
    const title = htmls.get(`${locale}/briefing-osce`)!.sections.recommendations;
    const at = pdf.outline.findIndex((o) => o.title === title);
    const [section, next] = [pdf.outline[at]!, pdf.outline[at + 1]!];
    // List markers between the section heading and the next section's heading, in reading order.
    const top = (page: number, title: string): number =>
      pdf.pages[page - 1]!.runs.find((r) => title.startsWith(r.str.trim()) && r.size >= 12)?.y ?? Infinity;
    const markers: number[] = [];
    for (let page = section.page; page <= next.page; page++) {
      const from = page === section.page ? top(page, section.title) : Infinity;
      const to = page === next.page ? top(page, next.title) : -Infinity;
      for (const r of pdf.pages[page - 1]!.runs)
        if (r.y < from && r.y > to && /^\d+\.$/.test(r.str) && r.size === 11)
          markers.push(Number(r.str.slice(0, -1)));
    }
    expect(section.children.length).toBeGreaterThan(1);
    expect(markers.length).toBeGreaterThan(section.children.length);
    expect(markers).toEqual(Array.from({ length: markers.length }, (_, i) => i + 1));
  });

  // Read from the same build: another build of the same documents would only cost time.
  // «разгон на пл. / Республики» in a chart's label, «и / соразмерно» in prose: the word keeps the
  // one after it (i18n/keep-next.ts).
  test.each(each)('%s %s: no line ends on a word that keeps the next', (locale, kind) => {
    const { abbreviations, shortWords } = packFor(locale);
    const words = new Set([...abbreviations, ...shortWords].map((w) => w.toLowerCase()));
    const { pages } = pdfs.get(`${locale}/${kind}`)!;
    const ending = pages.flatMap((p) =>
      p.text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => words.has(l.split(/\s+/).at(-1)!.toLowerCase())),
    );
    expect(ending).toEqual([]);
  });

  test.each(locales)('%s: each addressee is named once, above its asks', async (locale) => {
    const base = join(root, 'output', 'kazakhstan-2022', locale, 'briefing-osce');
    const tree = fromHtml(readFileSync(`${base}.html`, 'utf8'));
    const all = (n: Root | Element): Element[] =>
      n.children.flatMap((c) => (c.type === 'element' ? [c, ...all(c)] : []));
    const box = all(tree).find((e) => e.tagName === 'aside' && cls(e).includes('key-asks'))!;
    const heading = squash(textOf(all(box).find((e) => e.tagName === 'h3')!));
    const addressees = all(box)
      .filter((e) => cls(e).includes('addressee'))
      .map((e) => squash(textOf(e)));
    const next = squash(
      textOf(all(tree).find((e) => e.tagName === 'h2' && e.properties?.id === 'recommendations-title')!),
    );
    // The box's note names the recommendations section too («Нумерация — как в разделе «Рекомендации»»).
    const note = squash(textOf(all(box).find((e) => cls(e).includes('note'))!));
    const text = squash((await readPdf(`${base}.pdf`)).pages.map((p) => p.text).join(' '));
    const from = text.indexOf(`${heading} ${note}`);
    expect(from).toBeGreaterThanOrEqual(0);
    const inBox = text.slice(from, text.indexOf(next, from + heading.length + note.length + 1));
    expect(addressees.length).toBe(2);
    for (const a of addressees) expect(inBox.split(a).length - 1).toBe(1);
  });
});

describe('page size', () => {
  test('a project can ask for US Letter', async () => {
    const root = makeWorkspace();
    try {
      const config = join(root, 'content', 'test', 'project.yaml');
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace(/^pageSize:.*$/m, '') + 'pageSize: LETTER\n',
      );
      // A process of its own: in this one, the file's only build would first load the whole pipeline.
      const r = runCli(['build', '--format', 'pdf', '--locale', 'en', '--audience', 'osce'], root);
      expect(r.status).toBe(0);
      const pdf = await readPdf(join(root, 'output', 'test', 'en', 'briefing-osce.pdf'));
      for (const p of pdf.pages) expect(p.size).toEqual([612, 792]);
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('cover', () => {
  test("a contact with every detail stays on the cover's foot, on paper and on screen", async () => {
    const root = makeWorkspace();
    try {
      const dir = join(root, 'content', 'test');
      const config = join(dir, 'project.yaml');
      writeFileSync(
        config,
        `${readFileSync(config, 'utf8')}organisation:\n  contacts:\n    - id: press\n` +
          '      email: press-and-advocacy@monitoring-organisation.example\n' +
          '      phone: "+995 32 200 0000"\n      url: https://monitoring-organisation.example/contact/\n',
      );
      const texts = join(dir, 'en', 'texts.yaml');
      writeFileSync(
        texts,
        `${readFileSync(texts, 'utf8')}contacts:\n  press: Press and advocacy office, Human Rights Monitoring Organisation\n`,
      );
      const r = runCli(['build', '--locale', 'en', '--audience', 'osce'], root);
      expect(r.status).toBe(0);
      const pdf = await readPdf(join(root, 'output', 'test', 'en', 'briefing-osce.pdf'));
      const [cover, next] = pdf.pages.map((p) => squash(p.text));
      // Too long for one line: wrapped at the foot of the cover, not carried onto the next page.
      expect(cover).toContain('+995 32 200 0000');
      expect(cover).toMatch(/monitoring-\s?organisation\.example\/contact$/);
      expect(next).not.toMatch(/monitoring-organisation|contact/);
      const html = readFileSync(join(root, 'output', 'test', 'en', 'briefing-osce.html'), 'utf8');
      const foot = /<p class="contact">(.*?)<\/p>/s.exec(html)?.[1] ?? '';
      expect(foot).toContain(
        '<a href="https://monitoring-organisation.example/contact/">monitoring-organisation.example/contact</a>',
      );
    } finally {
      removeWorkspace(root);
    }
  });
});
