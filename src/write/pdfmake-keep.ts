/**
 * Page-break rules decided while a text is laid out, in one pass.
 *
 * pdfmake's own hook for such rules, `pageBreakBefore`, is asked after a whole layout
 * and lays the whole document out again for every break it adds: five layouts a
 * briefing, over half of the time a PDF took. Here a text node carries its rule
 * (`keep`), and the rule is applied just before each of its lines is placed, when the
 * room left on the page is known:
 *
 * - `orphans`/`widows`: a paragraph that splits leaves at least this many lines at the
 *   foot of the page and at the head of the next (typographers' widow and orphan
 *   control); one too short to split that way moves whole;
 * - `withNext`: a heading moves on unless it fits with this many points below it (the
 *   start of what it introduces).
 *
 * Only flowing text on the page is ruled: inside a table, columns or a block kept whole
 * the node is laid out as pdfmake lays out any text.
 */
import {
  atTop,
  pdfmakeClass,
  textArea,
  type PageContext,
  type PageContextWithPage,
} from './pdfmake-layout.js';

/** What a text node of the document definition may carry (pdfmake ignores it). */
export interface Keep {
  readonly orphans?: number;
  readonly widows?: number;
  readonly withNext?: number;
}

interface Line {
  getHeight(): number;
}
interface Writer {
  readonly transactionLevel: number;
  context(): PageContextWithPage & { moveDown(offset: number): boolean };
  moveToNextPage(orientation?: unknown): void;
}
interface LeafNode {
  keep?: Keep;
  pageOrientation?: unknown;
}
interface Builder {
  writer: Writer;
  buildNextLine(node: LeafNode): Line | null;
  processLeaf(node: LeafNode): void;
}

/** How many of `lines`, from `from`, fit in `room`. */
function fitting(lines: readonly Line[], from: number, room: number): number {
  let used = 0;
  for (let i = from; i < lines.length; i++) {
    used += lines[i]!.getHeight();
    if (used > room + 0.01) return i - from;
  }
  return lines.length - from;
}

const total = (lines: readonly Line[]): number => lines.reduce((h, l) => h + l.getHeight(), 0);

/**
 * Where the node's lines, from `from` (the first on this page), break next: the index of
 * the first line for the next page; `from` when the node must move on now; undefined
 * when the rest fits on this page.
 */
export function nextBreak(
  lines: readonly Line[],
  from: number,
  c: PageContext,
  keep: Keep,
): number | undefined {
  const n = lines.length;
  const fresh = atTop(c);
  if (from === 0 && !fresh && keep.withNext !== undefined) {
    if (total(lines) + keep.withNext > c.availableHeight + 0.01) return 0;
  }
  const fit = fitting(lines, from, c.availableHeight);
  if (from + fit >= n) return undefined;
  // Not even one line fits: on an empty page pdfmake places it anyway.
  if (fit === 0) return fresh ? undefined : from;
  const at = Math.min(from + fit, n - (keep.widows ?? 1));
  // Too few lines for the foot of this page: all move on. So also on a page that a figure
  // held for its top has just filled, where the rest of a paragraph would leave one line.
  if (!fresh && at - from < (keep.orphans ?? 1)) return from;
  // At the head of a page at least one line stays: moving on would not help.
  return Math.max(at, from + 1);
}

function ruledLeaf(original: Builder['processLeaf']): Builder['processLeaf'] {
  return function (this: Builder, node: LeafNode): void {
    const keep = node.keep;
    const writer = this.writer;
    if (!keep || writer.transactionLevel > 0 || writer.context().snapshots.length > 0)
      return original.call(this, node);
    const build = this.buildNextLine;
    const lines: Line[] = [];
    // Line widths depend only on the column's width, the same on every page of it.
    for (let l = build.call(this, node); l; l = build.call(this, node)) lines.push(l);
    let next = 0;
    let breakAt: number | undefined;
    // pdfmake asks for each line just before it places it: the moment to move on.
    this.buildNextLine = (n: LeafNode): Line | null => {
      if (n !== node) return build.call(this, n);
      const i = next++;
      if (i >= lines.length) return null;
      if (i === 0) breakAt = nextBreak(lines, 0, writer.context(), keep);
      // Moving on may place figures held for the next page's top (pdfmake-float.ts), and
      // leave too little room there too: then on again, to a page they have not filled.
      for (let moves = 0; i === breakAt && !atTop(writer.context()) && moves < 4; moves++) {
        writer.moveToNextPage(node.pageOrientation);
        breakAt = nextBreak(lines, i, writer.context(), keep);
      }
      return lines[i]!;
    };
    try {
      original.call(this, node);
    } finally {
      delete (this as Partial<Builder>).buildNextLine;
    }
  };
}

interface BreakingNode {
  pageBreak?: unknown;
  /**
   * The share of a page's text area under which a forced break before the node is not
   * taken: the node starts on that page, below what is there (a part after a page its
   * predecessor leaves nearly empty).
   */
  joinPageUnder?: number;
}

/** Room left above a node that starts on the page a forced break would have left. */
const JOIN_SPACE = 28;

/** How much of the page's text area is used, from its top. */
const used = (c: PageContextWithPage): number => (c.y - c.pageMargins.top) / textArea(c);

/**
 * A page break before a node is not taken where it would add a page the node does not need:
 *
 * - the node would start on a page with nothing on it yet: pdfmake always adds a page, so a
 *   part (the annex) that followed text ending at the very foot of a page (which had already
 *   moved the writer on) left a blank page before it;
 * - the page holds less than the node's `joinPageUnder`: one heading and one recommendation
 *   left alone on the main part's last page, then the annex on the next (a fifth of the page
 *   and four fifths empty), read as a stray page; the annex starts under them instead.
 */
function pageBreakRules(original: (this: Builder, node: BreakingNode) => void) {
  return function (this: Builder, node: BreakingNode): void {
    const c = this.writer.context();
    if (node.pageBreak !== 'before' || c.snapshots.length > 0) return original.call(this, node);
    const fresh = atTop(c);
    const joins =
      node.joinPageUnder !== undefined && this.writer.transactionLevel === 0 && used(c) < node.joinPageUnder;
    if (!fresh && !joins) return original.call(this, node);
    if (!fresh) c.moveDown(JOIN_SPACE);
    node.pageBreak = undefined;
    try {
      original.call(this, node);
    } finally {
      node.pageBreak = 'before';
    }
  };
}

/** Installs the rules in this thread's pdfmake. */
export function installKeepRules(): void {
  const builder = pdfmakeClass<Builder & { processNode(node: BreakingNode): void }>('LayoutBuilder');
  builder.prototype.processLeaf = ruledLeaf(builder.prototype.processLeaf);
  builder.prototype.processNode = pageBreakRules(builder.prototype.processNode);
}
