/**
 * No last page holding a few lines. A document ends with its sources, and when the
 * last of them spill onto a page of their own (under a third of it), the document is
 * laid out once more with its sources set tighter: the mildest of the settings the
 * definition lists under TIGHTER that should pull them back, judged from how many pages
 * the sources take and what share of it each setting saves, else the tightest. Only
 * such documents pay for the one more layout.
 */
import { pdfmakeClass, resetLaidOut, type LaidNode } from './pdfmake-layout.js';

/** The styles a document may swap in for a second layout (a key pdfmake does not read). */
export const TIGHTER = 'tighterForLastPage';

/** A last page filled less than this share of its text area is laid out again. */
const LAST_PAGE_MIN = 0.3;

interface Item {
  readonly type: string;
  readonly item: { readonly y?: number; getHeight?(): number };
}
interface Page {
  readonly items: readonly Item[];
  readonly pageSize: { readonly height: number };
  readonly pageMargins: { readonly top: number; readonly bottom: number };
}
type Styles = Record<string, unknown>;

/** A tighter setting: the styles it swaps in and, if known, the share of the sources' height it saves. */
export interface TighterStep {
  readonly shrink?: number;
  readonly styles: Styles;
}

interface SourcesNode extends LaidNode {
  readonly balanceFrom?: boolean;
  readonly positions?: readonly { readonly pageNumber: number; readonly verticalRatio: number }[];
}
interface Builder {
  linearNodeList?: SourcesNode[];
  layoutDocument(doc: unknown, pdf: unknown, styles: Styles, ...rest: unknown[]): Page[];
}

/** How much of a page's text area its lines fill (the running header and footer are outside it). */
function fill(page: Page): number {
  const top = page.pageMargins.top;
  const bottom = page.pageSize.height - page.pageMargins.bottom;
  let lowest = top;
  for (const { type, item } of page.items) {
    if (type !== 'line' || item.y === undefined || item.y < top || item.y >= bottom) continue;
    lowest = Math.max(lowest, item.y + (item.getHeight?.() ?? 0));
  }
  return (lowest - top) / (bottom - top);
}

export function installBalance(): void {
  const builder = pdfmakeClass<Builder>('LayoutBuilder');
  const layoutDocument = builder.prototype.layoutDocument;
  builder.prototype.layoutDocument = function (this: Builder, doc, pdf, styles, ...rest) {
    const pages = layoutDocument.call(this, doc, pdf, styles, ...rest);
    const steps = (styles[TIGHTER] ?? []) as TighterStep[];
    delete styles[TIGHTER];
    const last = pages[pages.length - 1];
    if (!steps.length || pages.length < 2 || !last || fill(last) >= LAST_PAGE_MIN) return pages;
    // The sources' length in pages, from where they start to where they end.
    const start = this.linearNodeList?.find((n) => n.balanceFrom)?.positions?.[0];
    const span = start ? pages.length - start.pageNumber + fill(last) - start.verticalRatio : 0;
    const need = fill(last) + 0.02;
    const step =
      steps.find((s) => s.shrink !== undefined && span * s.shrink >= need) ?? steps[steps.length - 1]!;
    resetLaidOut(this.linearNodeList);
    Object.assign(styles, step.styles);
    return layoutDocument.call(this, doc, pdf, styles, ...rest);
  };
}
