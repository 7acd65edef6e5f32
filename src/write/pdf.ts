/**
 * PDF writer: walks the same semantic tree as the HTML writer and emits a pdfmake
 * document definition. Cover, contents with page numbers, outline, running
 * header and footer, references and metadata all come from the tree and its meta.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { SemanticDocument } from '../model/document.js';
import { renderPdf } from './pdfmake.js';

type Inline = ContentText | string;
const ACCENT = '#8a1c1c';
const MUTED = '#5c6670';
const RULE = '#d5d9dd';
const MARGIN_X = 56;
/** Points a heading needs below its top: itself plus about three lines of body text. */
const KEEP_WITH_HEADING = 72;
/** Width of the text block on A4, the narrower of the two page sizes. */
const TEXT_WIDTH = 595.28 - 2 * MARGIN_X;

import { classList as classes } from '../compose/vocabulary.js';
const isEl = (n: RootContent | ElementContent, tag?: string): n is Element =>
  n.type === 'element' && (!tag || n.tagName === tag);
const textOf = (n: RootContent | ElementContent): string =>
  n.type === 'text' ? n.value : n.type === 'element' ? n.children.map(textOf).join('') : '';
const squash = (s: string): string => s.replace(/\s+/g, ' ');

interface Style {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  sup?: boolean;
  link?: string;
  background?: string;
  /** An external address (a source's URL), clickable in a PDF viewer. */
  url?: string;
}

/** Inline content of an element as pdfmake text runs. */
function inlines(nodes: readonly ElementContent[], style: Style = {}): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = squash(n.value);
      if (text) out.push({ text, ...runStyle(style) });
    } else if (n.type === 'element') {
      if (n.tagName === 'br') out.push({ text: '\n' });
      else if (n.tagName === 'strong') out.push(...inlines(n.children, { ...style, bold: true }));
      else if (n.tagName === 'em' || n.tagName === 'cite')
        out.push(...inlines(n.children, { ...style, italics: true }));
      else if (n.tagName === 'sup') out.push(...inlines(n.children, { ...style, sup: true, color: ACCENT }));
      else if (n.tagName === 'mark') out.push(...inlines(n.children, { ...style, background: '#fff2a8' }));
      // The place that heads a chronology entry.
      else if (n.tagName === 'span' && classes(n).includes('place'))
        out.push(...inlines(n.children, { ...style, color: MUTED }));
      else if (n.tagName === 'a') {
        const href = String(n.properties?.href ?? '');
        out.push(
          ...inlines(n.children, {
            ...style,
            ...(href.startsWith('#')
              ? { link: href.slice(1) }
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
  } as Partial<ContentText>;
}

function trimRuns(runs: Inline[]): Inline[] {
  const first = runs[0];
  if (first && typeof first !== 'string' && typeof first.text === 'string')
    first.text = first.text.replace(/^\s+/, '');
  const last = runs[runs.length - 1];
  if (last && typeof last !== 'string' && typeof last.text === 'string')
    last.text = last.text.replace(/\s+$/, '');
  return runs;
}

const hasBlocks = (e: Element): boolean =>
  e.children.some(
    (c) =>
      isEl(c) &&
      [
        'p',
        'ul',
        'ol',
        'table',
        'blockquote',
        'aside',
        'div',
        'section',
        'h3',
        'h4',
        'figure',
        'details',
      ].includes(c.tagName),
  );

interface Walk {
  /** Outline parent ids by heading level, so bookmarks nest like the headings. */
  parents: string[];
  counter: number;
}

function blocks(nodes: readonly (RootContent | ElementContent)[], w: Walk): Content[] {
  return nodes.flatMap((n) => block(n, w));
}

function heading(e: Element, level: number, w: Walk, sectionId: string | undefined): Content {
  const id = sectionId ?? `h-${++w.counter}`;
  const text = squash(textOf(e)).trim();
  const parentId = level > 2 ? w.parents[level - 1] : undefined;
  w.parents[level] = id;
  w.parents.length = level + 1;
  return {
    text: trimRuns(inlines(e.children)),
    style: `h${level}`,
    id,
    headlineLevel: level,
    ...(level <= 3
      ? { outline: true, outlineText: text, ...(parentId ? { outlineParentId: parentId } : {}) }
      : {}),
    ...(level === 2
      ? { tocItem: true, tocStyle: 'toc2', tocNumberStyle: 'toc2', tocMargin: [0, 5, 0, 1] }
      : {}),
    ...(level === 3
      ? { tocItem: true, tocStyle: 'toc3', tocNumberStyle: 'toc3', tocMargin: [14, 0, 0, 0] }
      : {}),
  } as Content;
}

function block(n: RootContent | ElementContent, w: Walk): Content[] {
  if (n.type === 'text') {
    const t = squash(n.value).trim();
    return t ? [{ text: t, style: 'p' }] : [];
  }
  if (!isEl(n)) return [];
  const cls = classes(n);
  switch (n.tagName) {
    case 'article':
    case 'div':
    case 'footer':
      return blocks(n.children, w);
    case 'header':
      return cls.includes('cover') ? [cover(n)] : blocks(n.children, w);
    case 'nav':
      if (!cls.includes('contents')) return [];
      return [
        {
          toc: {
            title: {
              text: squash(
                textOf(n.children.find((c) => isEl(c, 'h2')) ?? { type: 'text', value: '' }),
              ).trim(),
              style: 'h2',
            },
          },
          pageBreak: 'after',
        } as Content,
      ];
    case 'section': {
      const id = n.properties?.id ? String(n.properties.id) : undefined;
      let first = true;
      return n.children.flatMap((c) => {
        if (isEl(c) && /^h[2-4]$/.test(c.tagName) && first) {
          first = false;
          return [heading(c, Number(c.tagName[1]), w, id)];
        }
        return block(c, w);
      });
    }
    case 'h1':
      return [{ text: squash(textOf(n)).trim(), style: 'h1' }];
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
      return [heading(n, Math.min(4, Number(n.tagName[1])), w, undefined)];
    case 'p':
      return [{ text: trimRuns(inlines(n.children)), style: cls.includes('note') ? 'note' : 'p' }];
    case 'ul':
    case 'ol': {
      const items = n.children
        .filter((c): c is Element => isEl(c, 'li'))
        .map((li) => {
          const id = li.properties?.id ? String(li.properties.id) : undefined;
          const body: Content = hasBlocks(li)
            ? { stack: blocks(li.children, w) }
            : { text: trimRuns(inlines(li.children)), style: 'li' };
          return (id ? { ...(body as object), id } : body) as Content;
        });
      if (cls.includes('references')) return [{ ol: items, style: 'references' } as Content];
      const start = Number(n.properties?.start ?? 1);
      return [
        (n.tagName === 'ol'
          ? { ol: items, style: 'list', markerColor: ACCENT, ...(start > 1 ? { start } : {}) }
          : { ul: items, style: 'list', markerColor: ACCENT }) as Content,
      ];
    }
    case 'blockquote':
      return [
        {
          table: { widths: ['*'], body: [[{ stack: blocks(n.children, w), style: 'quote' }]] },
          layout: {
            hLineWidth: () => 0,
            vLineWidth: (i: number) => (i === 0 ? 2 : 0),
            vLineColor: () => ACCENT,
            paddingLeft: () => 10,
            paddingTop: () => 2,
            paddingBottom: () => 2,
          },
          margin: [0, 4, 0, 8],
        } as Content,
      ];
    case 'aside': {
      const keyFigures = cls.includes('key-figures');
      return [
        {
          table: {
            widths: ['*'],
            body: [[{ stack: keyFigures ? keyFigureRows(n) : boxBlocks(n, w), margin: [6, 4, 6, 4] }]],
          },
          layout: {
            hLineWidth: () => 0,
            vLineWidth: (i: number) => (i === 0 ? 3 : 0),
            vLineColor: () => (keyFigures ? ACCENT : '#1d2327'),
            fillColor: () => (keyFigures ? '#f6f3ee' : '#f7f7f7'),
          },
          margin: [0, 6, 0, 10],
          // A box split across pages loses its title from its content.
          unbreakable: true,
        } as Content,
      ];
    }
    case 'table':
      return [table(n)];
    case 'figure':
      return [figure(n, w)];
    case 'details':
      return blocks(
        n.children.filter((c) => !isEl(c, 'summary')),
        w,
      );
    case 'svg': {
      // Drawn at its own size (one CSS pixel to one point) when it fits, so chart text
      // matches the body text; scaled down to the text width when it does not.
      const own = Number(n.properties?.width) || TEXT_WIDTH;
      return [
        {
          svg: sanitizeSvg(toHtml(n, { space: 'svg' })),
          width: Math.min(TEXT_WIDTH, own),
          alignment: 'center',
        } as Content,
      ];
    }
    default:
      return hasBlocks(n) ? blocks(n.children, w) : [{ text: trimRuns(inlines(n.children)), style: 'p' }];
  }
}

/** A box's heading is its title, not a section: it stays out of the contents and the outline. */
function boxBlocks(aside: Element, w: Walk): Content[] {
  return aside.children.flatMap((c) =>
    isEl(c) && /^h[2-5]$/.test(c.tagName)
      ? [{ text: squash(textOf(c)).trim(), style: 'boxTitle' } as Content]
      : block(c, w),
  );
}

function keyFigureRows(aside: Element): Content[] {
  const out: Content[] = [];
  for (const c of aside.children) {
    if (isEl(c, 'h3')) out.push({ text: squash(textOf(c)).trim(), style: 'boxTitle' });
    if (isEl(c, 'ul')) {
      for (const li of c.children.filter((x): x is Element => isEl(x, 'li'))) {
        const part = (name: string): Element | undefined =>
          li.children.find((x): x is Element => isEl(x) && classes(x).includes(name));
        const value = part('value');
        const label = part('label');
        const asof = part('asof');
        const earlier = part('earlier');
        const cite = li.children.find((x): x is Element => isEl(x, 'sup'));
        out.push({
          columns: [
            { width: 110, text: value ? squash(textOf(value)).trim() : '', style: 'figureValue' },
            {
              width: '*',
              stack: [
                {
                  text: [
                    ...trimRuns(label ? inlines(label.children) : []),
                    ...(cite ? inlines([cite], { sup: true, color: ACCENT }) : []),
                  ],
                  style: 'figureLabel',
                },
                { text: asof ? squash(textOf(asof)).trim() : '', style: 'figureAsOf' },
                ...(earlier ? [{ text: squash(textOf(earlier)).trim(), style: 'figureAsOf' }] : []),
              ],
            },
          ],
          columnGap: 8,
          margin: [0, 3, 0, 3],
        } as Content);
      }
    }
  }
  return out;
}

const rowsOf = (part: Element): Element[] =>
  part.tagName === 'tr' ? [part] : part.children.filter((r): r is Element => isEl(r, 'tr'));

/** A row's cells as pdfmake cells; a cell spanning columns is followed by the empty cells pdfmake wants. */
function cellsOf(r: Element, style: string): Content[] {
  return r.children
    .filter((c): c is Element => isEl(c, 'td') || isEl(c, 'th'))
    .flatMap((cell) => {
      const span = Number(cell.properties?.colSpan ?? 1) || 1;
      const text = trimRuns(inlines(cell.children));
      if (span === 1) return [{ text, style } as Content];
      return [
        { text, style, colSpan: span } as Content,
        ...Array.from({ length: span - 1 }, () => ({}) as Content),
      ];
    });
}

function tableBlock(
  body: Content[][],
  headerRows: number,
  widths: (number | string)[],
  dayRow = false,
): Content {
  return {
    table: { headerRows, keepWithHeaderRows: headerRows ? 1 : 0, dontBreakRows: true, widths, body },
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
function chronologyTables(t: Element): Content {
  const head = t.children.find((c): c is Element => isEl(c, 'thead'));
  const columns = head ? cellsOf(rowsOf(head)[0] ?? head, 'th') : [];
  const widths = [86, '*'];
  const days = t.children.filter((c): c is Element => isEl(c, 'tbody'));
  return {
    stack: days.map((day, i) => {
      const [first, ...rest] = rowsOf(day);
      const dayHead = first ? cellsOf(first, 'chronologyDay') : [];
      const header = i === 0 && columns.length ? [columns, dayHead] : [dayHead];
      return tableBlock([...header, ...rest.map((r) => cellsOf(r, 'td'))], header.length, widths, true);
    }),
    margin: [0, 0, 0, 10],
  } as Content;
}

function table(t: Element): Content {
  if (classes(t).includes('chronology')) return chronologyTables(t);
  const rows = t.children.filter((c): c is Element => isEl(c)).flatMap(rowsOf);
  const headerRows = t.children.some((c) => isEl(c, 'thead')) ? 1 : 0;
  const body = rows.map((r, i) => cellsOf(r, i < headerRows ? 'th' : 'td'));
  const columns = body[0]?.length ?? 1;
  return tableBlock(
    body,
    headerRows,
    Array.from({ length: columns }, () => '*'),
  );
}

function figure(f: Element, w: Walk): Content {
  const parts: Content[] = [];
  for (const c of f.children) {
    if (!isEl(c)) continue;
    if (c.tagName === 'svg') parts.push(...block(c, w));
    else if (c.tagName === 'figcaption')
      parts.push({ text: trimRuns(inlines(c.children)), style: 'caption' });
    else if (c.tagName === 'details')
      parts.push(
        ...blocks(
          c.children.filter((x) => !isEl(x, 'summary')),
          w,
        ),
      );
    else parts.push(...block(c, w));
  }
  return { stack: parts, margin: [0, 6, 0, 12] } as Content;
}

/** Defence in depth: pdfmake's SVG renderer must never be asked to fetch anything. */
export function sanitizeSvg(svg: string): string {
  return svg.replace(/<image\b[^>]*\/?>(<\/image>)?/gi, '').replace(/\s(xlink:)?href="(?!#)[^"]*"/gi, '');
}

function cover(h: Element): Content {
  const by = (name: string): string => {
    const e = h.children.find((c): c is Element => isEl(c) && classes(c).includes(name));
    return e ? squash(textOf(e)).trim() : '';
  };
  const title = squash(textOf(h.children.find((c) => isEl(c, 'h1')) ?? { type: 'text', value: '' })).trim();
  return {
    stack: [
      { text: by('organisation').toUpperCase(), style: 'coverOrg' },
      { canvas: [{ type: 'rect', x: 0, y: 0, w: 60, h: 4, color: ACCENT }], margin: [0, 12, 0, 24] },
      { text: by('doctype'), style: 'coverType' },
      { text: title, style: 'coverTitle' },
      { text: by('subtitle'), style: 'coverSubtitle' },
      ...(by('audience') ? [{ text: by('audience'), style: 'coverAudience' }] : []),
      { text: by('date'), style: 'coverMeta', margin: [0, 180, 0, 0] },
      { text: by('language'), style: 'coverMeta' },
      ...(by('distribution') ? [{ text: by('distribution'), style: 'coverMeta' }] : []),
    ],
    margin: [0, 80, 0, 0],
    pageBreak: 'after',
  } as Content;
}

export function toDocDefinition(doc: SemanticDocument): TDocumentDefinitions {
  const { meta } = doc;
  const w: Walk = { parents: [], counter: 0 };
  const content = blocks((doc.tree as Root).children, w);
  const label = (page: number, pages: number): string =>
    meta.pageLabel.replace('{{page}}', String(page)).replace('{{pages}}', String(pages));
  const date = new Date(`${meta.date}T00:00:00Z`);
  return {
    pageSize: meta.pageSize,
    pageMargins: [MARGIN_X, 64, MARGIN_X, 60],
    version: '1.7',
    language: meta.locale,
    tagged: true,
    displayTitle: true,
    compress: true,
    info: {
      title: `${meta.title} — ${meta.audienceLabel}`,
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
              { text: meta.audienceLabel, style: 'running', alignment: 'right', width: '*' },
            ],
            columnGap: 24,
            style: 'running',
            margin: [56, 28, 56, 0],
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
    // Keep a heading with what follows it: never leave it alone at the foot of a page.
    // pdfmake also lists the running header and footer among the "following" nodes
    // (hence their `running` style), so only content below the heading counts; and a heading needs room for
    // itself and a few lines of its text.
    pageBreakBefore: (node, nodes) => {
      if (!(node as { headlineLevel?: number }).headlineLevel) return false;
      const at = node.startPosition as { top: number; verticalRatio: number; pageInnerHeight: number };
      const below = (nodes.getFollowingNodesOnPage?.() ?? []).filter(
        // A stack is a container: its position is where it was opened, even when all
        // of its content (a chart) moved to the next page.
        (n) =>
          !(n as { stack?: boolean }).stack &&
          n.style !== 'running' &&
          (n.startPosition as { top: number }).top > at.top,
      );
      const room = (1 - at.verticalRatio) * at.pageInnerHeight;
      // A heading directly above a subheading needs room for both: pdfmake decides the
      // subheading's break after this one's, and would leave this heading alone.
      const next = below[0] as { headlineLevel?: number } | undefined;
      return (
        below.length === 0 || room < KEEP_WITH_HEADING + (next?.headlineLevel ? KEEP_WITH_HEADING / 2 : 0)
      );
    },
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.3, color: '#1d2327' },
    styles: {
      coverOrg: { fontSize: 10, color: MUTED },
      coverType: { fontSize: 12, color: MUTED, margin: [0, 0, 0, 6] },
      coverTitle: { fontSize: 28, bold: true, lineHeight: 1.1, margin: [0, 0, 0, 12] },
      coverSubtitle: { fontSize: 15, color: MUTED, margin: [0, 0, 0, 28] },
      coverAudience: { fontSize: 13, bold: true, color: ACCENT },
      coverMeta: { fontSize: 10, color: MUTED, margin: [0, 2, 0, 0] },
      h1: { fontSize: 22, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 16, bold: true, margin: [0, 16, 0, 8], color: '#1d2327' },
      h3: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 5] },
      h4: { fontSize: 11, bold: true, italics: true, margin: [0, 8, 0, 4] },
      p: { margin: [0, 0, 0, 7] },
      note: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 4] },
      li: { margin: [0, 0, 0, 4] },
      list: { margin: [0, 0, 0, 8] },
      quote: { italics: true, color: '#333333' },
      th: { bold: true, fontSize: 9 },
      td: { fontSize: 9 },
      chronologyDay: { bold: true, fontSize: 10, color: ACCENT },
      caption: { fontSize: 9, color: MUTED, margin: [0, 4, 0, 4] },
      references: { fontSize: 9 },
      boxTitle: { bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
      figureValue: { fontSize: 16, bold: true, color: ACCENT },
      figureLabel: { fontSize: 10 },
      figureAsOf: { fontSize: 8.5, color: MUTED },
      running: { fontSize: 8, color: MUTED, lineHeight: 1.15 },
      toc2: { fontSize: 10.5, bold: true, lineHeight: 1.2 },
      toc3: { fontSize: 9, color: '#333333', lineHeight: 1.15 },
    },
  } as TDocumentDefinitions;
}

export async function writePdf(doc: SemanticDocument): Promise<Buffer> {
  return renderPdf(toDocDefinition(doc));
}
