/**
 * PDF writer: the typed document as a pdfmake document definition, one small
 * renderer per block kind. Cover, contents with page numbers, outline, running
 * header and footer, references and metadata all come from the blocks and the meta.
 */
import type { Element, ElementContent, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces.js';
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
  Table,
} from '../model/document.js';
import type { Logo } from '../model/project.js';
import { classList } from '../model/vocabulary.js';
import { renderPdf } from './pdfmake.js';
import { DOCUMENT_KEY, balanceKey } from './pdfmake-balance.js';
import { loadShaper } from '../fonts/shaper.js';
import { wrappedLines } from './wrapped-lines.js';
import { shownUrl, unbrokenPhone } from './contact-text.js';
import type { Keep } from './pdfmake-keep.js';
import { keepHeadings, textLength } from './pdf-keep.js';
import { ACCENT, COVER_META_SIZE, DEFAULT_STYLE, MUTED, RULE, stylesOf } from './pdf-styles.js';
import { MARGIN_X, TEXT_WIDTH } from '../model/page.js';
import { sha256 } from '../text/hash.js';

type Run = ContentText | string;

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
  } as Partial<ContentText>;
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

const paragraph = (run: Inline | readonly ElementContent[], style = 'p'): Content =>
  ({ text: trimRuns(inlines(run as ElementContent[])), style, keep: PARAGRAPH_KEEP }) as Content;

/** A section heading: in the outline (bookmarks) and, to level 3, in the contents. */
function heading(s: Section, w: Walk): Content {
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
  } as Content;
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
        return [
          {
            ...(paragraph(n.children, `h${n.tagName[1]}`) as object),
            headlineLevel: 4,
            keep: HEADING_KEEP,
          } as unknown as Content,
        ];
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

function list(n: Element): Content {
  const items = n.children
    .filter((c): c is Element => isEl(c, 'li'))
    .map((li) => (hasBlocks(li) ? { stack: flow(li.children) } : paragraph(li.children, 'li')) as Content);
  const start = Number(n.properties?.start ?? 1);
  return (
    n.tagName === 'ol'
      ? { ol: items, style: 'list', markerColor: ACCENT, ...(start > 1 ? { start } : {}) }
      : { ul: items, style: 'list', markerColor: ACCENT }
  ) as Content;
}

/**
 * A paragraph that introduces the quotation after it ("…told the media:") stays with its
 * start, as a heading does (pdf-keep.ts): never the last thing on a page.
 */
function leadIn(p: Content, n: Element, next: Element | undefined): Content {
  const ends = squash(textOf(n)).trim().endsWith(':');
  return ends && next && isEl(next, 'blockquote')
    ? ({ ...(p as object), leadIn: true } as unknown as Content)
    : p;
}

/** A quotation of up to this many characters (about eight lines) is never split across pages. */
const QUOTE_WHOLE = 600;

function quote(stack: Content[]): Content {
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
  } as Content;
}

/** A shaded box that never splits: split across pages, it loses its title from its content. */
function box(stack: Content[], accent: string, fill: string): Content {
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
  } as Content;
}

function prose(p: Prose): Content[] {
  const body = flow(p.content);
  if (!p.untranslated) return body;
  return [box([{ text: p.untranslated.notice, style: 'note' }], MUTED, '#f7f7f7'), ...body];
}

function keyFigures(k: KeyFigures): Content {
  const rows = k.items.map(
    (i) =>
      ({
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
      }) as Content,
  );
  return box([{ text: k.heading, style: 'boxTitle' }, ...rows], ACCENT, '#f6f3ee');
}

function callout(c: Callout): Content {
  // Each addressee once, its asks under it, each with its recommendation's number.
  const groups = c.groups.flatMap((g) => {
    const numbered = g.items.every((i) => i.number !== undefined);
    const items = g.items.map(
      (i) =>
        ({
          text: trimRuns(inlines(i.text)),
          style: 'li',
          ...(numbered ? { counter: i.number } : {}),
        }) as Content,
    );
    return [
      { text: plain(g.addressee), bold: true, style: 'li' } as Content,
      { ...(numbered ? { ol: items } : { ul: items }), style: 'list', markerColor: ACCENT } as Content,
    ];
  });
  return box([{ text: c.heading, style: 'boxTitle' }, ...groups], '#1d2327', '#f7f7f7');
}

function tableBlock(
  body: Content[][],
  headerRows: number,
  widths: (number | string)[],
  dayRow = false,
): Content {
  return {
    // A table never leaves fewer than three of its rows under its header at the foot of a page.
    table: {
      headerRows,
      keepWithHeaderRows: headerRows ? Math.min(3, body.length - headerRows) : 0,
      dontBreakRows: true,
      widths,
      body,
    },
    layout: {
      // A day's table opens without a rule: its date, in the accent colour, starts it.
      hLineWidth: (i: number) => (i === headerRows ? 1 : dayRow && i === 0 ? 0 : 0.5),
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i === headerRows ? '#1d2327' : RULE),
      paddingTop: (i: number) => (dayRow && i === headerRows - 1 ? 6 : 3),
      paddingBottom: () => 3,
    },
    margin: [0, 4, 0, dayRow ? 2 : 10],
  } as Content;
}

/**
 * The chronology, one table per day: the day's date is the table's header, so a day
 * that runs onto the next page repeats its date there, and a date never ends a page alone.
 */
function chronology(c: Chronology): Content[] {
  const columns = c.columns.map((text) => ({ text, style: 'th' }) as Content);
  const days = c.days.map((day, i) => {
    const dayHead = [{ text: day.label, style: 'chronologyDay', colSpan: 2 } as Content, {} as Content];
    const header = i === 0 ? [columns, dayHead] : [dayHead];
    const rows = day.entries.map((e) => [
      { text: e.when, style: 'td' } as Content,
      {
        text: [
          ...(e.place ? [...trimRuns(inlines(e.place, { color: MUTED })), { text: '\n' }] : []),
          ...trimRuns(inlines(e.text)),
        ],
        style: 'td',
      } as Content,
    ]);
    return tableBlock([...header, ...rows], header.length, [86, '*'], true);
  });
  return [{ text: c.note, style: 'note' }, { stack: days, margin: [0, 0, 0, 10] } as Content];
}

/** Recommendations under their addressees; numbered once across addressees in a briefing. */
function recommendations(r: Recommendations, w: Walk): Content[] {
  return r.groups.flatMap((g, i) => {
    const items = g.items.map(
      (item) => ({ ...(paragraph(item.text, 'li') as object), id: `rec-${item.id}` }) as Content,
    );
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
      (r.numbered
        ? { ol: items, style: 'list', markerColor: ACCENT, ...(g.start > 1 ? { start: g.start } : {}) }
        : { ul: items, style: 'list', markerColor: ACCENT }) as Content,
    ];
  });
}

/**
 * Drawn at its own size (one CSS pixel to one point) when it fits, so chart text matches
 * the body text; the chart and its caption are kept together, its data table follows.
 */
function chart(c: Chart): Content[] {
  const table = c.table
    ? tableBlock(
        [
          c.table.header.map((text) => ({ text, style: 'th' }) as Content),
          ...c.table.rows.map((r) => r.map((text) => ({ text, style: 'td' }) as Content)),
        ],
        1,
        // The label column takes the room the figures leave.
        c.table.header.map((_, i) => (i === 0 ? '*' : 'auto')),
      )
    : undefined;
  const drawn = {
    stack: [
      // The destination of references to this figure ("see Figure 2"): pdfmake names only text lines.
      { text: '\u200b', fontSize: 1, id: `chart-${c.id}` },
      {
        svg: sanitizeSvg(toHtml(c.svg, { space: 'svg' })),
        width: Math.min(TEXT_WIDTH, c.width ?? TEXT_WIDTH),
        alignment: 'center',
      },
      { text: [...(c.label ? [{ text: `${c.label}. `, bold: true }] : []), c.caption], style: 'caption' },
    ],
  } as Content;
  // The chart, its caption and its data table are kept together, and where they do not
  // fit, the text after them fills the page and they open the next; together taller than
  // a page, the chart is kept whole and its table follows it (pdfmake-float.ts).
  return [
    {
      stack: [drawn, ...(table ? [table] : [])],
      unbreakable: true,
      float: true,
      splitWhenTall: true,
      // What decides its height, for pdfmake-float.ts to remember a figure it found too tall.
      figureKey: sha256(JSON.stringify([drawn, table ?? null])),
      margin: [0, 6, 0, 12],
    } as Content,
  ];
}

function plainTable(t: Table): Content {
  return tableBlock(
    [
      t.header.map((text) => ({ text, style: 'th' }) as Content),
      ...t.rows.map((r) => r.cells.map((c) => paragraph(c.content, 'td'))),
    ],
    1,
    t.header.map(() => '*'),
  );
}

function references(r: References): Content {
  return {
    ol: r.entries.map(
      (e, i) => ({ ...(paragraph(e, 'reference') as object), id: `ref-${i + 1}` }) as Content,
    ),
    style: 'references',
    // Where the sources start: how much a tighter setting can pull back (pdfmake-balance.ts).
    balanceFrom: true,
  } as Content;
}

function contents(c: Contents): Content {
  return { toc: { title: { text: c.heading, style: 'h2' } }, pageBreak: 'after' } as Content;
}

/** Defence in depth: pdfmake's SVG renderer must never be asked to fetch anything. */
export function sanitizeSvg(svg: string): string {
  return svg.replace(/<image\b[^>]*\/?>(<\/image>)?/gi, '').replace(/\s(xlink:)?href="(?!#)[^"]*"/gi, '');
}

const plain = (run: Inline): string => squash(run.map(textOf).join('')).trim();

/** The organisation's mark, at the size of a cover or masthead logo. */
function logo(l: Logo | undefined, width: number): Content[] {
  if (!l) return [];
  return [(l.kind === 'svg' ? { svg: sanitizeSvg(l.svg), width } : { image: l.dataUrl, width }) as Content];
}

function orgLine(organisation: Inline, l: Logo | undefined, extra: Content[] = []): Content {
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
  } as Content;
}

/** A contact as one line of text: name, email, phone, address. */
function contactText(e: Contacts['entries'][number]): string {
  return [plain(e.name), e.email, e.phone && unbrokenPhone(e.phone), e.url && shownUrl(e.url)]
    .filter(Boolean)
    .join(', ');
}

function contactLines(c: Contacts): Content[] {
  return c.entries.map(
    (e) =>
      ({
        text: [
          ...trimRuns(inlines(e.name)),
          ...(e.email ? [{ text: `, ${e.email}`, link: `mailto:${e.email}` }] : []),
          ...(e.phone ? [{ text: `, ${unbrokenPhone(e.phone)}` }] : []),
          ...(e.url ? [{ text: `, ${shownUrl(e.url)}`, link: e.url }] : []),
        ],
        style: 'coverMeta',
      }) as Content,
  );
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
  } as Content;
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
        } as Content,
      ]),
      { canvas: [{ type: 'rect', x: 0, y: 0, w: TEXT_WIDTH, h: 2, color: ACCENT }], margin: [0, 8, 0, 16] },
      { text: trimRuns(inlines(m.headline)), style: 'headline' },
      ...(m.standfirst ? [{ text: trimRuns(inlines(m.standfirst)), style: 'standfirst' }] : []),
    ],
  } as Content;
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
    ...(c.endMark ? [{ text: c.endMark, style: 'endMark' } as Content] : []),
    ...(c.entries.length ? [heading(head, w), ...contactLines(c)] : []),
  ];
}

/** A part opens on a new page under its title, in the outline and the contents. */
function part(p: Part, w: Walk): Content[] {
  w.parents.length = 0;
  return [
    {
      text: p.heading,
      style: 'partTitle',
      id: p.id,
      headlineLevel: 1,
      // A part (the annex) opens a page of its own, as a report's parts do.
      pageBreak: 'before',
      keep: HEADING_KEEP,
      // A bookmark where the contents list it: between the main part's sections and the annex's.
      outline: true,
      outlineText: p.heading,
      tocItem: true,
      tocStyle: 'toc2',
      tocNumberStyle: 'toc2',
      tocMargin: [0, 8, 0, 1],
    } as Content,
    ...p.children.flatMap((c) => block(c, w)),
  ];
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
        : ({
            // The audience label can be long (UN, in Kazakh): it takes the room the short title leaves.
            columns: [
              { text: meta.shortTitle, style: 'running', width: 'auto' },
              { text: meta.runningLabel, style: 'running', alignment: 'right', width: '*' },
            ],
            columnGap: 24,
            style: 'running',
            margin: [MARGIN_X, 28, MARGIN_X, 0],
          } as Content),
    footer: (page: number, pages: number) =>
      page === 1
        ? ''
        : ({
            text: label(page, pages),
            style: 'running',
            alignment: 'center',
            margin: [0, 20, 0, 0],
          } as Content),
    content,
    defaultStyle: DEFAULT_STYLE,
    styles,
  } as TDocumentDefinitions;
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
