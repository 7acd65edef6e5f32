/**
 * PDF writer: the typed document as a pdfmake document definition, one small
 * renderer per block kind. Cover, contents with page numbers, outline, running
 * header and footer, references and metadata all come from the blocks and the meta.
 */
import type { Element, ElementContent, RootContent } from 'hast';
import { drawingMarkup } from './pdf-drawing.js';
import type {
  Column,
  Content,
  ContentAnchor,
  ContentColumns,
  ContentOrderedList,
  ContentStack,
  ContentTable,
  ContentText,
  ContentTocItem,
  TDocumentDefinitions,
  Table,
  TableCell,
} from 'pdfmake/interfaces.js';
import type {
  Block,
  Callout,
  Chart,
  Contacts,
  Masthead,
  Part,
  Chronology,
  Contents,
  Cover,
  Inline,
  KeyFigures,
  Prose,
  Recommendations,
  References,
  Section,
  SemanticDocument,
  Table as TableBlock,
} from '../model/document.js';
import { numberedAsks } from '../model/document.js';
import type { Logo } from '../model/project.js';
import { classList } from '../model/vocabulary.js';
import { renderPdf } from './pdfmake.js';
import { DOCUMENT_KEY, balanceKey } from './pdfmake-balance.js';
import { loadShaper } from '../fonts/shaper.js';
import { wrappedLines } from './wrapped-lines.js';
import { shownUrl, unbrokenPhone } from './contact-text.js';
import type { Keep } from './pdfmake-keep.js';
import type { RowRules } from './pdfmake-rows.js';
import { keepHeadings, textLength } from './pdf-keep.js';
import { ACCENT, COVER_META_SIZE, DEFAULT_STYLE, MUTED, RULE, stylesOf } from './pdf-styles.js';
import { MARGIN_X, TEXT_WIDTH } from '../model/page.js';
import { sha256 } from '../text/hash.js';

type Run = ContentText | string;

/** What the page-break rules read on a text node, beside pdfmake's own keys (pdfmake-keep.ts, pdf-keep.ts). */
interface Kept {
  keep?: Keep;
  /** A paragraph that introduces the quotation after it: kept with it as a heading is. */
  leadIn?: boolean;
  /** A part's forced break is not taken after a page filled less than this share. */
  joinPageUnder?: number;
}
type Text = ContentText & Kept & Partial<Pick<ContentAnchor, 'id'>>;
/** A heading: in the outline (ContentText) and in the contents (ContentTocItem). */
type Heading = Text & Pick<ContentTocItem, 'tocItem' | 'tocStyle' | 'tocNumberStyle' | 'tocMargin'>;
/** A chart with its caption and table, placed by pdfmake-float.ts. */
type Figure = ContentStack & { float: true; splitWhenTall: true; figureKey: string };

const isEl = (n: RootContent | ElementContent, tag?: string): n is Element =>
  n.type === 'element' && (!tag || n.tagName === tag);
const textOf = (n: RootContent | ElementContent): string =>
  n.type === 'text' ? n.value : n.type === 'element' ? n.children.map(textOf).join('') : '';
const squash = (s: string): string => s.replace(/\s+/g, ' ');
/** Text that is laid out keeps its no-break spaces: "3 811", "4 января", "(see Figure 2)" never break. */
const squashLine = (s: string): string => s.replace(/[^\S\u00a0\u202f]+/g, ' ');

interface Style {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  sup?: boolean;
  link?: string;
  background?: string;
  /** An external address (a source's URL), clickable in a PDF viewer. */
  url?: string;
  /** Kept on one line: a reference to a figure ("2-суретті" would break at its hyphen). */
  noWrap?: boolean;
}

/** Inline content of an element as pdfmake text runs. */
function inlines(nodes: readonly ElementContent[], style: Style = {}): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = squashLine(n.value);
      if (text) out.push({ text, ...runStyle(style) });
    } else if (n.type === 'element') {
      if (n.tagName === 'br') out.push({ text: '\n' });
      else if (n.tagName === 'strong') out.push(...inlines(n.children, { ...style, bold: true }));
      else if (n.tagName === 'em') out.push(...inlines(n.children, { ...style, italics: true }));
      else if (n.tagName === 'sup') out.push(...inlines(n.children, { ...style, sup: true, color: ACCENT }));
      else if (n.tagName === 'mark') out.push(...inlines(n.children, { ...style, background: '#fff2a8' }));
      else if (n.tagName === 'a') {
        const href = String(n.properties?.href ?? '');
        out.push(
          ...inlines(n.children, {
            ...style,
            ...(href.startsWith('#')
              ? { link: href.slice(1), ...(classList(n).includes('chartref') ? { noWrap: true } : {}) }
              : /^https?:\/\//.test(href)
                ? { url: href }
                : {}),
          }),
        );
      } else out.push(...inlines(n.children, style));
    }
  }
  return out;
}

function runStyle(s: Style): Partial<ContentText> {
  return {
    ...(s.bold ? { bold: true } : {}),
    ...(s.italics ? { italics: true } : {}),
    ...(s.color ? { color: s.color } : {}),
    ...(s.sup ? { sup: true } : {}),
    ...(s.link ? { linkToDestination: s.link } : {}),
    ...(s.background ? { background: s.background } : {}),
    ...(s.url ? { link: s.url } : {}),
    ...(s.noWrap ? { noWrap: true } : {}),
  };
}

function trimRuns(runs: Run[]): Run[] {
  const first = runs[0];
  if (first && typeof first !== 'string' && typeof first.text === 'string')
    first.text = first.text.replace(/^\s+/, '');
  const last = runs[runs.length - 1];
  if (last && typeof last !== 'string' && typeof last.text === 'string')
    last.text = last.text.replace(/\s+$/, '');
  return runs;
}

const FLOW_BLOCKS = new Set(['p', 'ul', 'ol', 'blockquote', 'h3', 'h4', 'h5', 'div', 'aside']);
const hasBlocks = (e: Element): boolean => e.children.some((c) => isEl(c) && FLOW_BLOCKS.has(c.tagName));

interface Walk {
  /** Outline parent ids by heading level, so bookmarks nest like the headings. */
  parents: string[];
  readonly pageHeight: number;
}

/** A paragraph that splits leaves two lines or more on each page: no widow, no orphan. */
const PARAGRAPH_KEEP: Keep = { orphans: 2, widows: 2 };
/** A heading never splits (more lines than any heading has). */
const HEADING_KEEP: Keep = { orphans: 9, widows: 9 };

const paragraph = (run: Inline | readonly ElementContent[], style = 'p'): Text => ({
  text: trimRuns(inlines(run as ElementContent[])),
  style,
  keep: PARAGRAPH_KEEP,
});

/** A section heading: in the outline (bookmarks) and, to level 3, in the contents. */
function heading(s: Section, w: Walk): Heading {
  const text = squash(s.heading.map(textOf).join('')).trim();
  const parentId = s.level > 2 ? w.parents[s.level - 1] : undefined;
  w.parents[s.level] = s.id;
  w.parents.length = s.level + 1;
  return {
    text: trimRuns(inlines(s.heading)),
    style: `h${s.level}`,
    id: s.id,
    headlineLevel: s.level,
    keep: HEADING_KEEP,
    outline: true,
    outlineText: text,
    ...(parentId ? { outlineParentId: parentId } : {}),
    tocItem: true,
    ...(s.level === 2
      ? { tocStyle: 'toc2', tocNumberStyle: 'toc2', tocMargin: [0, 5, 0, 1] }
      : { tocStyle: 'toc3', tocNumberStyle: 'toc3', tocMargin: [14, 0, 0, 0] }),
  };
}

/** Markdown content: paragraphs, lists, quotations and the unit's own subheadings. */
function flow(nodes: readonly ElementContent[]): Content[] {
  const elements = nodes.filter((n): n is Element => isEl(n));
  return nodes.flatMap((n): Content[] => {
    if (n.type === 'text') {
      const t = squash(n.value).trim();
      return t ? [{ text: t, style: 'p' }] : [];
    }
    if (!isEl(n)) return [];
    switch (n.tagName) {
      case 'p':
        return [leadIn(paragraph(n.children), n, elements[elements.indexOf(n) + 1])];
      case 'h3':
      case 'h4':
      case 'h5':
        return [subheading(n)];
      case 'ul':
      case 'ol':
        return [list(n)];
      case 'blockquote':
        return [quote(flow(n.children))];
      default:
        return hasBlocks(n) ? flow(n.children) : [paragraph(n.children)];
    }
  });
}

/** The unit's own subheading: kept with what follows it (pdf-keep.ts), never in the outline. */
const subheading = (n: Element): Text => ({
  ...paragraph(n.children, `h${n.tagName[1]}`),
  headlineLevel: 4,
  keep: HEADING_KEEP,
});

function list(n: Element): Content {
  const items = n.children
    .filter((c): c is Element => isEl(c, 'li'))
    .map((li) => (hasBlocks(li) ? { stack: flow(li.children) } : paragraph(li.children, 'li')));
  const start = Number(n.properties?.start ?? 1);
  return n.tagName === 'ol'
    ? { ol: items, style: 'list', markerColor: ACCENT, ...(start > 1 ? { start } : {}) }
    : { ul: items, style: 'list', markerColor: ACCENT };
}

/**
 * A paragraph that introduces the quotation after it ("…told the media:") stays with its
 * start, as a heading does (pdf-keep.ts): never the last thing on a page.
 */
function leadIn(p: Text, n: Element, next: Element | undefined): Text {
  const ends = squash(textOf(n)).trim().endsWith(':');
  return ends && next && isEl(next, 'blockquote') ? { ...p, leadIn: true } : p;
}

/** A quotation of up to this many characters (about eight lines) is never split across pages. */
const QUOTE_WHOLE = 600;

function quote(stack: Content[]): ContentTable {
  return {
    table: { widths: ['*'], body: [[{ stack, style: 'quote' }]] },
    // Inside its rule a quotation flows as a table cell, where the widow and orphan rules
    // do not reach: a short one moves whole rather than leave its attribution alone.
    ...(textLength(stack) <= QUOTE_WHOLE ? { unbreakable: true } : {}),
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 2 : 0),
      vLineColor: () => ACCENT,
      paddingLeft: () => 10,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    margin: [0, 4, 0, 8],
  };
}

/** A shaded box that never splits: split across pages, it loses its title from its content. */
function box(stack: Content[], accent: string, fill: string): ContentTable {
  return {
    table: { widths: ['*'], body: [[{ stack, margin: [6, 4, 6, 4] }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 3 : 0),
      vLineColor: () => accent,
      fillColor: () => fill,
    },
    margin: [0, 6, 0, 10],
    unbreakable: true,
  };
}

function prose(p: Prose): Content[] {
  const body = flow(p.content);
  if (!p.untranslated) return body;
  return [box([{ text: p.untranslated.notice, style: 'note' }], MUTED, '#f7f7f7'), ...body];
}

function keyFigures(k: KeyFigures): Content {
  const rows = k.items.map((i): ContentColumns => ({
    columns: [
      { width: 110, text: squash(i.value.map(textOf).join('')).trim(), style: 'figureValue' },
      {
        width: '*',
        stack: [
          { text: [...trimRuns(inlines(i.label)), ...inlines(i.cite)], style: 'figureLabel' },
          { text: i.asOf, style: 'figureAsOf' },
          ...(i.earlier
            ? [{ text: squash(i.earlier.map(textOf).join('')).trim(), style: 'figureAsOf' }]
            : []),
        ],
      },
    ],
    columnGap: 8,
    margin: [0, 3, 0, 3],
  }));
  return box([{ text: k.heading, style: 'boxTitle' }, ...rows], ACCENT, '#f6f3ee');
}

function callout(c: Callout): Content {
  // Each addressee once, its asks under it, each with its recommendation's number.
  const groups = c.groups.flatMap((g): Content[] => {
    const numbered = numberedAsks(g);
    const items: Text[] = g.items.map((i) => ({
      text: trimRuns(inlines(i.text)),
      style: 'li',
      ...(numbered ? { counter: i.number } : {}),
    }));
    return [
      { text: plain(g.addressee), bold: true, style: 'li' },
      numbered
        ? { ol: items, style: 'list', markerColor: ACCENT }
        : { ul: items, style: 'list', markerColor: ACCENT },
    ];
  });
  const note: Content[] = c.note ? [{ text: c.note, style: 'note' }] : [];
  return box([{ text: c.heading, style: 'boxTitle' }, ...note, ...groups], '#1d2327', '#f7f7f7');
}

/** Rows a table keeps under its header at the foot of a page, and at least at the head of the next. */
const ORPHAN_ROWS = 2;
const WIDOW_ROWS = 2;

/**
 * Rows kept with the header: at least two, so a header (a day's date) never ends a page
 * alone or over a single row; more follow on the page as long as they fit. Not three: a
 * chronology's rows run to three or four lines, and a third row that did not fit moved the
 * date and its first two on, leaving a quarter of the page empty (the column headers
 * repeated at each page's head take the room that had let it fit). A table that cannot
 * leave two on each side of a break (three rows or fewer) is kept whole.
 */
export const rowsWithHeader = (rows: number): number =>
  rows < ORPHAN_ROWS + WIDOW_ROWS ? rows : ORPHAN_ROWS;

function tableBlock(
  body: TableCell[][],
  headerRows: number,
  widths: (number | string)[],
  day?: { continuedHeaderRows: number },
): ContentTable {
  const dayRow = day !== undefined;
  const table: Table & RowRules = {
    headerRows,
    keepWithHeaderRows: headerRows ? rowsWithHeader(body.length - headerRows) : 0,
    dontBreakRows: true,
    // Where a table breaks, its last rows move on together (pdfmake-rows.ts).
    widowRows: WIDOW_ROWS,
    ...(day?.continuedHeaderRows ? { continuedHeaderRows: day.continuedHeaderRows } : {}),
    widths,
    body,
  };
  return {
    table,
    layout: {
      // A day's table opens without a rule: its date, in the accent colour, starts it.
      hLineWidth: (i: number) => (i === headerRows ? 1 : dayRow && i === 0 ? 0 : 0.5),
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i === headerRows ? '#1d2327' : RULE),
      paddingTop: (i: number) => (dayRow && i === headerRows - 1 ? 6 : 3),
      paddingBottom: () => 3,
    },
    margin: [0, 4, 0, dayRow ? 2 : 10],
  };
}

/**
 * The chronology, one table per day: the day's date is the table's header, so a day
 * that runs onto the next page repeats its date there, under "Time | Event" (which the
 * first day shows at its start too), and a date never ends a page alone.
 */
function chronology(c: Chronology): Content[] {
  const days = c.days.map((day, i) => {
    // Cells of their own for each day: pdfmake keeps a node's layout on the node.
    const columns: TableCell[] = c.columns.map((text) => ({ text, style: 'th' }));
    const dayHead: TableCell[] = [{ text: day.label, style: 'chronologyDay', colSpan: 2 }, {}];
    const rows = day.entries.map((e): TableCell[] => [
      { text: e.when, style: 'td' },
      {
        text: [
          ...(e.place ? [...trimRuns(inlines(e.place, { color: MUTED })), { text: '\n' }] : []),
          ...trimRuns(inlines(e.text)),
        ],
        style: 'td',
      },
    ]);
    return tableBlock([columns, dayHead, ...rows], 2, [86, '*'], { continuedHeaderRows: i === 0 ? 0 : 1 });
  });
  return [
    { text: c.note, style: 'note' },
    { stack: days, margin: [0, 0, 0, 10] },
  ];
}

/** Recommendations under their addressees; numbered once across addressees in a briefing. */
function recommendations(r: Recommendations, w: Walk): Content[] {
  return r.groups.flatMap((g, i) => {
    const items = g.items.map((item): Text => ({ ...paragraph(item.text, 'li'), id: `rec-${item.id}` }));
    const addressee: Section = {
      kind: 'section',
      id: `recommendations-${i + 1}`,
      level: 3,
      heading: g.addressee,
      role: 'addressee',
      lang: undefined,
      children: [],
    };
    return [
      heading(addressee, w),
      r.numbered
        ? { ol: items, style: 'list', markerColor: ACCENT, ...(g.start > 1 ? { start: g.start } : {}) }
        : { ul: items, style: 'list', markerColor: ACCENT },
    ];
  });
}

/** The padding Vega leaves around a drawing (charts/theme.ts): the title starts where the chart's text does. */
const CHART_PADDING = 8;

/** A chart's title and subtitle over its drawing, which is centred: from the drawing's left edge. */
function chartHeading(c: Chart, width: number): Text[] {
  const left = (TEXT_WIDTH - width) / 2 + CHART_PADDING;
  const title: Text[] = c.title.length
    ? [{ text: c.title.join('\n'), style: 'chartTitle', margin: [left, 0, 0, 0] }]
    : [];
  const subtitle: Text[] = c.subtitle.length
    ? [{ text: c.subtitle.join('\n'), style: 'chartSubtitle', margin: [left, c.title.length ? 3 : 0, 0, 0] }]
    : [];
  return [...title, ...subtitle];
}

/**
 * Drawn at its own size (one CSS pixel to one point) when it fits, so chart text matches
 * the body text; the chart and its caption are kept together, its data table follows.
 */
function chart(c: Chart): Content[] {
  const width = Math.min(TEXT_WIDTH, c.width ?? TEXT_WIDTH);
  const table = c.table
    ? tableBlock(
        [
          c.table.header.map((text) => ({ text, style: 'th' })),
          ...c.table.rows.map((r) => r.map((text) => ({ text, style: 'td' }))),
        ],
        1,
        // The label column takes the room the figures leave.
        c.table.header.map((_, i) => (i === 0 ? '*' : 'auto')),
      )
    : undefined;
  const drawn: ContentStack = {
    stack: [
      // The destination of references to this figure ("see Figure 2"): pdfmake names only text lines.
      { text: '\u200b', fontSize: 1, id: `chart-${c.id}` },
      ...chartHeading(c, width),
      { svg: sanitizeSvg(drawingMarkup(c.svg)), width, alignment: 'center' },
      { text: [...(c.label ? [{ text: `${c.label}. `, bold: true }] : []), c.caption], style: 'caption' },
    ],
  };
  // The chart, its caption and its data table are kept together, and where they do not
  // fit, the text after them fills the page and they open the next; together taller than
  // a page, the chart is kept whole and its table follows it (pdfmake-float.ts).
  const figure: Figure = {
    stack: [drawn, ...(table ? [table] : [])],
    unbreakable: true,
    float: true,
    splitWhenTall: true,
    // What decides its height, for pdfmake-float.ts to remember a figure it found too tall.
    figureKey: sha256(JSON.stringify([drawn, table ?? null])),
    margin: [0, 6, 0, 12],
  };
  return [figure];
}

function plainTable(t: TableBlock): Content {
  return tableBlock(
    [
      t.header.map((text) => ({ text, style: 'th' })),
      ...t.rows.map((r) => r.cells.map((c) => paragraph(c.content, 'td'))),
    ],
    1,
    t.header.map(() => '*'),
  );
}

/** The sources, with where they start for pdfmake-balance.ts. */
function references(r: References): ContentOrderedList & { balanceFrom: true } {
  return {
    ol: r.entries.map((e, i): Text => ({ ...paragraph(e, 'reference'), id: `ref-${i + 1}` })),
    style: 'references',
    // Where the sources start: how much a tighter setting can pull back (pdfmake-balance.ts).
    balanceFrom: true,
  };
}

function contents(c: Contents): Content {
  return { toc: { title: { text: c.heading, style: 'h2' } }, pageBreak: 'after' };
}

/** Defence in depth: pdfmake's SVG renderer must never be asked to fetch anything. */
export function sanitizeSvg(svg: string): string {
  return svg.replace(/<image\b[^>]*\/?>(<\/image>)?/gi, '').replace(/\s(xlink:)?href="(?!#)[^"]*"/gi, '');
}

const plain = (run: Inline): string => squash(run.map(textOf).join('')).trim();

/** The organisation's mark, at the size of a cover or masthead logo. */
function logo(l: Logo | undefined, width: number): Content[] {
  if (!l) return [];
  return [l.kind === 'svg' ? { svg: sanitizeSvg(l.svg), width } : { image: l.dataUrl, width }];
}

function orgLine(organisation: Inline, l: Logo | undefined, extra: Column[] = []): ContentColumns {
  return {
    columns: [
      ...(l ? [{ width: 'auto', stack: logo(l, 40) }] : []),
      {
        width: '*',
        text: plain(organisation).toUpperCase(),
        style: 'coverOrg',
        margin: [0, l ? 14 : 0, 0, 0],
      },
      ...extra,
    ],
    columnGap: 12,
  };
}

/** A contact as one line of text: name, email, phone, address. */
function contactText(e: Contacts['entries'][number]): string {
  return [plain(e.name), e.email, e.phone && unbrokenPhone(e.phone), e.url && shownUrl(e.url)]
    .filter(Boolean)
    .join(', ');
}

function contactLines(c: Contacts): Content[] {
  return c.entries.map((e) => ({
    text: [
      ...trimRuns(inlines(e.name)),
      ...(e.email ? [{ text: `, ${e.email}`, link: `mailto:${e.email}` }] : []),
      ...(e.phone ? [{ text: `, ${unbrokenPhone(e.phone)}` }] : []),
      ...(e.url ? [{ text: `, ${shownUrl(e.url)}`, link: e.url }] : []),
    ],
    style: 'coverMeta',
  }));
}

/** Points a line of the cover's foot takes, its space above included. */
const FOOT_LINE = 15;

/** Title high on the page; dates, language, distribution and contacts anchored at its foot. */
function cover(c: Cover, pageHeight: number): Content {
  const meta = [c.issued, c.date, c.language, ...(c.distribution ? [c.distribution] : [])];
  const contacts = c.contacts?.entries ?? [];
  const head = c.contacts?.heading;
  const foot: Content[] = [
    ...meta.map((text) => ({ text, style: 'coverMeta' })),
    ...(c.contacts && head && contacts.length
      ? [{ text: head, style: 'coverMetaHead' }, ...contactLines(c.contacts)]
      : []),
  ];
  // The foot is placed by its height, so each of its texts is counted in the lines it
  // wraps to: a long contact had run off the cover onto the contents page.
  const size = COVER_META_SIZE;
  const lines =
    [...meta, ...contacts.map(contactText)].reduce((n, text) => n + wrappedLines(text, size, TEXT_WIDTH), 0) +
    (head && contacts.length ? wrappedLines(head, size, TEXT_WIDTH, true) : 0);
  return {
    stack: [
      orgLine(c.organisation, c.logo),
      { canvas: [{ type: 'rect', x: 0, y: 0, w: 60, h: 4, color: ACCENT }], margin: [0, 12, 0, 24] },
      { text: c.doctype, style: 'coverType' },
      { text: plain(c.title), style: 'coverTitle' },
      { text: plain(c.subtitle), style: 'coverSubtitle' },
      ...(c.audience ? [{ text: c.audience, style: 'coverAudience' }] : []),
      {
        stack: [
          {
            canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: RULE }],
          },
          { stack: foot, margin: [0, 10, 0, 0] },
        ],
        absolutePosition: { x: MARGIN_X, y: pageHeight - 96 - FOOT_LINE * lines },
      },
    ],
    margin: [0, 60, 0, 0],
    pageBreak: 'after',
  };
}

/** The head of a news release: mark and kind of document, headline, standfirst. */
function masthead(m: Masthead): Content {
  return {
    stack: [
      orgLine(m.organisation, m.logo, [
        {
          width: 'auto',
          text: m.doctype.toUpperCase(),
          style: 'coverOrg',
          noWrap: true,
          margin: [0, m.logo ? 14 : 0, 0, 0],
        },
      ]),
      { canvas: [{ type: 'rect', x: 0, y: 0, w: TEXT_WIDTH, h: 2, color: ACCENT }], margin: [0, 8, 0, 16] },
      // The release's first bookmark, above its sections' (as a briefing's start with its title's section).
      {
        text: trimRuns(inlines(m.headline)),
        style: 'headline',
        outline: true,
        outlineText: plain(m.headline),
      },
      ...(m.standfirst ? [{ text: trimRuns(inlines(m.standfirst)), style: 'standfirst' }] : []),
    ],
  };
}

function contacts(c: Contacts, w: Walk): Content[] {
  const head: Section = {
    kind: 'section',
    id: 'contacts',
    level: 2,
    heading: [{ type: 'text', value: c.heading }],
    role: undefined,
    lang: undefined,
    children: [],
  };
  return [
    ...(c.endMark ? [{ text: c.endMark, style: 'endMark' }] : []),
    ...(c.entries.length ? [heading(head, w), ...contactLines(c)] : []),
  ];
}

/**
 * The share of a page under which the main part's last page is taken for a stray one: one
 * heading and one recommendation over a page's head, the rest of it white. The annex starts
 * on it, and a page is saved; a page filled more keeps the annex on a page of its own.
 */
const PART_JOINS_UNDER = 0.25;

/** A part opens on a new page under its title, in the outline and the contents. */
function part(p: Part, w: Walk): Content[] {
  w.parents.length = 0;
  const title: Heading = {
    text: p.heading,
    style: 'partTitle',
    id: p.id,
    headlineLevel: 1,
    // A part (the annex) opens a page of its own, as a report's parts do, unless the page
    // before it would be left nearly empty: then it starts on that page (pdfmake-keep.ts).
    pageBreak: 'before',
    joinPageUnder: PART_JOINS_UNDER,
    keep: HEADING_KEEP,
    // A bookmark where the contents list it: between the main part's sections and the annex's.
    outline: true,
    outlineText: p.heading,
    tocItem: true,
    tocStyle: 'toc2',
    tocNumberStyle: 'toc2',
    tocMargin: [0, 8, 0, 1],
  };
  return [title, ...p.children.flatMap((c) => block(c, w))];
}

/** A heading and its content (see keepHeadings for what keeps them together). */
function section(s: Section, w: Walk): Content[] {
  return [heading(s, w), ...s.children.flatMap((c) => block(c, w))];
}

/** One renderer per block kind. */
function block(b: Block, w: Walk): Content[] {
  switch (b.kind) {
    case 'cover':
      return [cover(b, w.pageHeight)];
    case 'masthead':
      return [masthead(b)];
    case 'contacts':
      return contacts(b, w);
    case 'part':
      return part(b, w);
    case 'contents':
      return [contents(b)];
    case 'section':
      return section(b, w);
    case 'prose':
      return prose(b);
    case 'keyFigures':
      return [keyFigures(b)];
    case 'callout':
      return [callout(b)];
    case 'chart':
      return chart(b);
    case 'chronology':
      return chronology(b);
    case 'recommendations':
      return recommendations(b, w);
    case 'references':
      return [references(b)];
    case 'table':
      return [plainTable(b)];
  }
}

export function toDocDefinition(doc: SemanticDocument): TDocumentDefinitions {
  const { meta } = doc;
  const w: Walk = { parents: [], pageHeight: meta.pageSize === 'LETTER' ? 792 : 841.89 };
  const styles = stylesOf(meta);
  const content = keepHeadings(
    doc.body.flatMap((b) => block(b, w)),
    styles,
  );
  const label = (page: number, pages: number): string =>
    meta.pageLabel.replace('{{page}}', String(page)).replace('{{pages}}', String(pages));
  const date = new Date(`${meta.date}T00:00:00Z`);
  return {
    pageSize: meta.pageSize,
    pageMargins: [MARGIN_X, 64, MARGIN_X, 60],
    version: '1.7',
    language: meta.locale,
    // Not `tagged`: pdfkit then declares the file tagged (/MarkInfo) with an empty structure
    // tree, and a screen reader that trusts the claim finds no heading, paragraph or figure.
    tagged: false,
    displayTitle: true,
    compress: true,
    info: {
      // As the HTML page titles it: an audience label may hold a dash of its own («государств — участников»).
      title: `${meta.title} · ${meta.audienceLabel}`,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords,
      creator: 'briefing',
      producer: 'briefing (pdfmake)',
      creationDate: date,
      modDate: date,
    },
    header: (page: number) =>
      page === 1
        ? ''
        : {
            // The audience label can be long (UN, in Kazakh): it takes the room the short title leaves.
            columns: [
              { text: meta.shortTitle, style: 'running', width: 'auto' },
              { text: meta.runningLabel, style: 'running', alignment: 'right', width: '*' },
            ],
            columnGap: 24,
            style: 'running',
            margin: [MARGIN_X, 28, MARGIN_X, 0],
          },
    footer: (page: number, pages: number) =>
      page === 1
        ? ''
        : {
            text: label(page, pages),
            style: 'running',
            alignment: 'center',
            margin: [0, 20, 0, 0],
          },
    content,
    defaultStyle: DEFAULT_STYLE,
    styles,
  };
}

/**
 * The document's whole content names it: written again, it gives the same bytes (a PDF
 * written ahead is taken by that key: pipeline/made-ahead.ts). As JSON: plain data, written out
 * whole even where a subtree is shared (v8's serializer writes a shared object once, so the
 * same content could hash two ways). Hashed as UTF-16, a copy of the text's code units: as
 * UTF-8 a Kazakh briefing's 0.36 MB took 4 ms to hash, against 1.3.
 */
export const documentKey = (doc: SemanticDocument): string =>
  sha256(Buffer.from(JSON.stringify(doc), 'utf16le'));

export async function writePdf(doc: SemanticDocument): Promise<Buffer> {
  await loadShaper();
  const dd = toDocDefinition(doc);
  (dd.styles as Record<string, unknown>)[DOCUMENT_KEY] = balanceKey(dd);
  return renderPdf(dd);
}
