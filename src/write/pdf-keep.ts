/**
 * Keeps each heading with the start of what it introduces, in the document
 * definition, before layout (pdfmake-keep.ts applies the rules while laying out):
 *
 * - followed by something kept whole (a short paragraph, a box, a chart, a heading
 *   already grouped with its own text), the heading and it become one block kept whole;
 * - followed by something that may split (a long paragraph, a list, a table), the
 *   heading asks for room below it for that thing's first lines (`withNext`).
 *
 * A paragraph that leads into a quotation (`leadIn`) is kept with it the same way.
 */
import type { Content, Style } from 'pdfmake/interfaces.js';
import { TEXT_WIDTH } from '../model/page.js';
import type { Keep } from './pdfmake-keep.js';
import { DEFAULT_STYLE, type Styles } from './pdf-styles.js';

/** Roboto's line height per point of type (ascender − descender over units per em). */
const ROBOTO_LINE = (1900 + 500) / 2048;
/** An average Roboto character's width per point of type, rounded up: lines are never fewer than this says. */
const CHAR_WIDTH = 0.52;
/** Room kept under a heading above a table or anything not estimated: a header and a few rows. */
const ROOM_FALLBACK = 72;
/** A paragraph of up to this many lines cannot split under the widow and orphan rule (two and two). */
const WHOLE_LINES = 3;

interface Node {
  text?: unknown;
  style?: string;
  stack?: Node[];
  ul?: Node[];
  ol?: Node[];
  table?: unknown;
  svg?: unknown;
  unbreakable?: boolean;
  headlineLevel?: number;
  /** A paragraph that introduces what follows (a quotation): kept with it as a heading is. */
  leadIn?: boolean;
  keep?: Keep;
  margin?: number[];
}

/** Characters of text in a node and all it holds. */
export const textLength = (t: unknown): number =>
  typeof t === 'string'
    ? t.length
    : Array.isArray(t)
      ? t.reduce((n: number, x) => n + textLength(x), 0)
      : t && typeof t === 'object'
        ? textLength((t as { text?: unknown; stack?: unknown }).text ?? (t as { stack?: unknown }).stack)
        : 0;

function styleOf(n: Node, styles: Styles): Required<Pick<Style, 'fontSize' | 'lineHeight'>> & Style {
  const s = (n.style && styles[n.style]) || {};
  return { ...DEFAULT_STYLE, ...s } as Required<Pick<Style, 'fontSize' | 'lineHeight'>> & Style;
}

const lineHeight = (s: Style): number => (s.fontSize ?? 11) * (s.lineHeight ?? 1) * ROBOTO_LINE;

/** Lines a text takes at its style, never underestimated by much. */
function lines(n: Node, s: Style): number {
  const perLine = Math.max(1, Math.floor(TEXT_WIDTH / ((s.fontSize ?? 11) * CHAR_WIDTH)));
  return Math.max(1, Math.ceil(textLength(n.text) / perLine));
}

const marginsY = (m: unknown): number =>
  Array.isArray(m) && m.length === 4 ? Number(m[1]) + Number(m[3]) : 0;

/** A heading's own height, with its margins. */
function headingHeight(n: Node, styles: Styles): number {
  const s = styleOf(n, styles);
  return lines(n, s) * lineHeight(s) + marginsY(s.margin);
}

/** What follows a heading that may not be separated from it at all. */
function keptWhole(n: Node, styles: Styles): boolean {
  if (n.unbreakable) return true;
  if (n.text === undefined || n.headlineLevel) return false;
  return lines(n, styleOf(n, styles)) <= WHOLE_LINES;
}

/** Points a heading needs under it for the first lines of what follows. */
function roomFor(n: Node, styles: Styles): number {
  if (n.headlineLevel) return headingHeight(n, styles) + (n.keep?.withNext ?? 0);
  const first = n.ul?.[0] ?? n.ol?.[0];
  const text = n.text !== undefined ? n : first?.text !== undefined ? first : undefined;
  if (!text) return ROOM_FALLBACK;
  const s = styleOf(text, styles);
  return Math.min(lines(text, s), WHOLE_LINES) * lineHeight(s) + marginsY(s.margin) + 2;
}

export function keepHeadings(content: Content[], styles: Styles): Content[] {
  const out: Node[] = [];
  // From the end: a heading meets what follows it already grouped.
  for (let i = content.length - 1; i >= 0; i--) {
    const item = content[i] as Node;
    const next = out[out.length - 1];
    const leads = item.headlineLevel ?? (item.leadIn ? 2 : 0);
    if (!leads || !next) out.push(item);
    // A part's title keeps its own rule (a new page when the page is full enough).
    else if (leads > 1 && (!item.leadIn || keptWhole(item, styles)) && keptWhole(next, styles)) {
      out.pop();
      out.push({ stack: [item, next], unbreakable: true });
    } else out.push({ ...item, keep: { ...item.keep, withNext: roomFor(next, styles) } });
  }
  return out.reverse() as Content[];
}
