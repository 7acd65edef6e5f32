/**
 * Figures that float to the top of the next page instead of leaving a hole.
 *
 * A figure is kept whole (chart, caption, data table). When it does not fit in what is
 * left of a page, pdfmake moves it to the next page and leaves the rest of this one
 * empty: a third, even three quarters, of a page in the Kazakh annex. A node marked
 * `float` is laid out on its own like any block kept whole; if it does not fit and the
 * hole it would leave is large, it is held, the text after it fills this page, and it
 * is placed at the top of the next page (as in a printed report), below nothing but the
 * page's header. Figures keep their order; one still held when the document ends goes
 * after its last line.
 */
import {
  atTop,
  pdfmakeClass,
  resetLaidOut,
  textArea,
  type LaidNode,
  type PageContextWithPage,
} from './pdfmake-layout.js';

/** A hole smaller than this share of the page's text area is left: moving on costs less than reordering. */
const HOLE = 0.2;

interface Context extends PageContextWithPage {
  readonly pages: readonly Fragment[];
  readonly availableWidth: number;
}
interface Fragment {
  height: number;
  items: unknown[];
  xOffset?: number;
  yOffset?: number;
}
interface Writer {
  transactionLevel: number;
  readonly contextStack: readonly Context[];
  readonly repeatables: readonly unknown[];
  context(): Context;
  popContext(): void;
  addFragment(fragment: Fragment): boolean;
  moveToNextPage(orientation?: unknown): void;
  commitUnbreakableBlock(x?: number, y?: number): void;
  /** Figures held for the top of the next page, in order. */
  held?: Fragment[];
}
interface Node {
  /** Set on a block kept whole (`unbreakable`). */
  float?: boolean;
  /**
   * Taller than a page, the block is laid out as its first part kept whole and the rest
   * flowing after it (a chart, then its long data table), where it stands: the document
   * is laid out once more with the block marked `split`.
   */
  splitWhenTall?: boolean;
  split?: boolean;
  /** The figure's content, which with the styles of its tables and caption decides its height. */
  figureKey?: string;
  stack?: Node[];
  unbreakable?: boolean;
  pageBreak?: string;
  positions?: unknown[];
}
interface Builder {
  writer: Writer;
  /** Every node laid out so far, in order (pdfmake resets them between its own layouts). */
  linearNodeList: LaidNode[];
  /** A block was found taller than a page: the document is laid out again. */
  relayout?: boolean;
  /** The document's styles, as this layout has them. */
  floatStyles?: Record<string, unknown>;
  layoutDocument(...args: unknown[]): unknown;
  processNode(node: Node, ...rest: unknown[]): void;
  /** Depth of processNode calls: the document's root is done when it is back to zero. */
  floatDepth?: number;
  /** The nodes this layout marked `split`. */
  splitNodes?: Node[];
  /** Figures this layout splits from the start, whatever their height (splitFirst). */
  splitAgain?: (node: Node) => boolean;
}

function markSplit(b: Builder, node: Node): void {
  node.split = true;
  (b.splitNodes ??= []).push(node);
}

/** Places held figures here while they fit, in order. */
function placeHeld(w: Writer): void {
  const held = w.held;
  while (held?.length) {
    const next = held[0]!;
    const c = w.context();
    if (next.height > c.availableHeight && !atTop(c)) return;
    held.shift();
    if (!w.addFragment(next)) {
      // Taller than a page: pdfmake's own rule for a block kept whole that cannot fit.
      w.moveToNextPage();
      w.addFragment(next);
    }
  }
}

/** Only on the page itself: not inside a table, columns, or a block kept whole. */
const onPage = (w: Writer): boolean =>
  w.transactionLevel === 0 && w.repeatables.length === 0 && w.context().snapshots.length === 0;

/** Lays out a floating node as a block kept whole, then places it now or holds it. */
function processFloat(this: Builder, original: Builder['processNode'], node: Node, rest: unknown[]): void {
  const w = this.writer;
  const commit = w.commitUnbreakableBlock;
  // The writer's `this` shadows the builder's inside the commit below.
  const builder: Builder = this as Builder;
  w.commitUnbreakableBlock = function (this: Writer, x?: number, y?: number): void {
    const laid = this.context();
    // Blocks kept whole inside the figure (its table's rows) commit as usual.
    if (this.transactionLevel !== 1) return commit.call(this, x, y);
    w.commitUnbreakableBlock = commit;
    const page = this.contextStack[this.contextStack.length - 1];
    // More than a page (pdfmake would keep only its first page) or taller than one.
    const tall = laid.pages.length !== 1 || (page !== undefined && laid.y > textArea(page));
    if (node.splitWhenTall && node.stack?.length && tall) {
      markSplit(builder, node);
      const key = tallKey(builder, node);
      if (key) {
        if (tooTall.size >= KEPT) tooTall.clear();
        tooTall.add(key);
        foundTall.push(key);
      }
      builder.relayout = true;
      return commit.call(this, x, y);
    }
    if (laid.pages.length !== 1) return commit.call(this, x, y);
    const fragment = laid.pages[0]!;
    // Taller than a page, pdfmake would drop it (it adds a block kept whole only where it
    // fits): it opens a page and may run into the foot margin, as pdfmake draws such blocks.
    fragment.height = page ? Math.min(laid.y, textArea(page)) : laid.y;
    this.transactionLevel--;
    this.popContext();
    const c = this.context();
    const fits = fragment.height <= c.availableHeight;
    const hole = c.availableHeight / textArea(c);
    if (!this.held?.length && (fits || atTop(c) || hole < HOLE)) {
      if (!this.addFragment(fragment)) {
        this.moveToNextPage();
        this.addFragment(fragment);
      }
      return;
    }
    (this.held ??= []).push(fragment);
  };
  try {
    original.call(this, node, ...rest);
  } finally {
    w.commitUnbreakableBlock = commit;
  }
}

/**
 * Figures found taller than a page, by content and styles: the other editions of a
 * language show the same figure and are laid out split from the start, instead of once
 * more. The result is the same layout either way (a second layout starts afresh).
 */
const tooTall = new Set<string>();
const KEPT = 1000;
/** Found here since last taken: the pipeline keeps them between runs (pipeline/build.ts). */
let foundTall: string[] = [];

/** The figures the last layout of this builder split, by `figureKey` (undefined for one without). */
export function splitFigures(builder: object): (string | undefined)[] {
  return ((builder as Builder).splitNodes ?? []).map((n) => n.figureKey);
}

/**
 * Has the next layout of this builder split these figures from the start, whatever their
 * height there (pdfmake-balance.ts: the tighter layout splits what the usual one split): by
 * `figureKey`, and with `again`, the very nodes its last layout split (the same definition).
 */
export function splitFirst(builder: object, keys: ReadonlySet<string>, again = false): void {
  const nodes = new Set(again ? ((builder as Builder).splitNodes ?? []) : []);
  (builder as Builder).splitAgain = (n) =>
    nodes.has(n) || (n.figureKey !== undefined && keys.has(n.figureKey));
}

/**
 * Figures found too tall by an earlier run. Whether a figure is taller than a page
 * depends only on its key (its content, the styles of its table and caption, the room the
 * page gives it), so a writer told so lays the document out as it would have after finding
 * it itself.
 */
export function giveTallFigures(keys: readonly string[]): void {
  for (const key of keys) {
    // Full (a long session): start again, as finding one does (giveBalanceSteps says why).
    if (tooTall.size >= KEPT) tooTall.clear();
    tooTall.add(key);
  }
}

/** The figures this thread has found too tall since the last call. */
export function takeTallFigures(): string[] {
  const out = foundTall;
  foundTall = [];
  return out;
}

/** The figure's content, the styles of its table and caption, and the room the page gives it. */
const tallKey = (b: Builder, n: Node): string | undefined => {
  if (!n.figureKey) return undefined;
  const s = b.floatStyles ?? {};
  const page = b.writer.contextStack[0] ?? b.writer.context();
  return `${n.figureKey} ${JSON.stringify([s.td, s.th, s.caption, textArea(page), page.availableWidth])}`;
};

export function installFloats(): void {
  const builder = pdfmakeClass<Builder>('LayoutBuilder');
  const writer = pdfmakeClass<Writer>('PageElementWriter');
  const processNode = builder.prototype.processNode;
  builder.prototype.processNode = function (this: Builder, node: Node, ...rest: unknown[]): void {
    // A forced page break (the annex) comes after the figures held before it, on pages of
    // their own: whatever follows the break starts on a clean page, whatever came before
    // (pdfmake-balance.ts relies on it). Each new page places at least one held figure.
    if (node.pageBreak === 'before' && onPage(this.writer))
      while (this.writer.held?.length) this.writer.moveToNextPage();
    this.floatDepth = (this.floatDepth ?? 0) + 1;
    try {
      if (
        !node.split &&
        node.splitWhenTall &&
        (this.splitAgain?.(node) || tooTall.has(tallKey(this, node) ?? ''))
      )
        markSplit(this, node);
      if (node.split && node.stack?.length) {
        const [first, ...after] = node.stack;
        const whole: Node = { ...first!, unbreakable: true };
        processNode.call(this, whole, ...rest);
        for (const part of after) processNode.call(this, part, ...rest);
        // What pdfmake's container collects from each node it lays out.
        node.positions = [whole, ...after].flatMap((n) => n.positions ?? []);
      } else if (node.float && onPage(this.writer)) processFloat.call(this, processNode, node, rest);
      else processNode.call(this, node, ...rest);
    } finally {
      this.floatDepth--;
    }
    // The document's content is laid out: what is still held goes at its end.
    if (this.floatDepth === 0 && this.writer.held?.length) {
      placeHeld(this.writer);
      if (this.writer.held.length) this.writer.moveToNextPage();
    }
  };
  const layoutDocument = builder.prototype.layoutDocument;
  builder.prototype.layoutDocument = function (this: Builder, ...args: unknown[]): unknown {
    // Each layout splits what it finds too tall, and what it is told to (splitFirst): a mark
    // left by an earlier layout is not read, so a layout told its setting and one that
    // follows a layout at other styles split the same figures.
    for (const node of this.splitNodes?.splice(0) ?? []) delete node.split;
    this.relayout = false;
    this.floatStyles = args[2] as Record<string, unknown>;
    try {
      const pages = layoutDocument.apply(this, args);
      if (!this.relayout) return pages;
      resetLaidOut(this.linearNodeList);
      return layoutDocument.apply(this, args);
    } finally {
      // Not `delete`: V8 would make the builder, read all through a layout, a slow dictionary.
      this.splitAgain = undefined;
    }
  };
  const moveToNextPage = writer.prototype.moveToNextPage;
  writer.prototype.moveToNextPage = function (this: Writer, orientation?: unknown): void {
    moveToNextPage.call(this, orientation);
    if (this.held?.length && onPage(this)) placeHeld(this);
  };
}
