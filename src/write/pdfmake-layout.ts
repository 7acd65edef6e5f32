/**
 * What the page-layout patches (pdfmake-keep, -float, -balance) read of pdfmake's
 * layout internals, in one place (and how any patch reaches pdfmake's modules, such as the
 * Renderer pdfmake-svg.ts patches): the classes they patch, where the writer stands on its
 * page, and how a document is laid out again. pdfmake is pinned, so these do not move.
 */
import { createRequire } from 'node:module';

/** Where the writer stands: its page, what is left of it, and the column groups it is inside. */
export interface PageContext {
  readonly y: number;
  readonly availableHeight: number;
  readonly pageMargins: { top: number; bottom: number };
  readonly snapshots: readonly unknown[];
}

/** The context, with the page it is on. */
export interface PageContextWithPage extends PageContext {
  getCurrentPage(): { pageSize: { height: number } };
}

/** A node pdfmake has laid out: it can put it back as it was before the layout. */
export interface LaidNode {
  resetXY?(): void;
  /** A table's bottom on each page and its row-span breaks, kept by pdfmake from its last layout. */
  _bottomByPage?: unknown;
  _breaksBySpan?: unknown;
}

/** Nothing placed yet on this page (a rule never moves anything off an empty page). */
export const atTop = (c: PageContext): boolean => c.y <= c.pageMargins.top + 0.5;

/** A page's text area, between its margins. */
export const textArea = (c: PageContextWithPage): number =>
  c.getCurrentPage().pageSize.height - c.pageMargins.top - c.pageMargins.bottom;

/**
 * Before another layout of the same document, as pdfmake does between its own, and more:
 * pdfmake keeps on each table where it ended on each page, and the next layout would read
 * those bottoms as its own (a figure's table laid out again after it was found taller
 * than a page drew borders down to where it had ended the first time, off the page).
 */
export function resetLaidOut(nodes: readonly LaidNode[] | undefined): void {
  for (const node of nodes ?? []) {
    node.resetXY?.();
    delete node._bottomByPage;
    delete node._breaksBySpan;
  }
}

const require = createRequire(import.meta.url);

/** What pdfmake's module `name` (LayoutBuilder, TextInlines …) exports, to patch it. */
export function pdfmakeModule<T>(name: string): T {
  return (require(`pdfmake/js/${name}.js`) as { default: T }).default;
}

/** pdfmake's class `name` (LayoutBuilder, PageElementWriter …), to patch its prototype. */
export const pdfmakeClass = <P>(name: string): { prototype: P } => pdfmakeModule<{ prototype: P }>(name);
