/**
 * No last page holding a few lines. A document ends with its sources, and when the
 * last of them spill onto a page of their own (under a third of it), the document is
 * laid out again with its sources set tighter (the styles the definition lists under
 * TIGHTER, tightest last), until they are pulled back or the list runs out. Only such
 * documents pay for another layout: a third of them, once or twice.
 */
import { createRequire } from 'node:module';

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
interface Builder {
  linearNodeList?: { resetXY?(): void }[];
  layoutDocument(doc: unknown, pdf: unknown, styles: Styles, ...rest: unknown[]): Page[];
}

/** How much of a page's text area its lines fill (the running header and footer are outside it). */
export function fill(page: Page): number {
  const top = page.pageMargins.top;
  const bottom = page.pageSize.height - page.pageMargins.bottom;
  let lowest = top;
  for (const { type, item } of page.items) {
    if (type !== 'line' || item.y === undefined || item.y < top || item.y >= bottom) continue;
    lowest = Math.max(lowest, item.y + (item.getHeight?.() ?? 0));
  }
  return (lowest - top) / (bottom - top);
}

let installed = false;

export function installBalance(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const builder = (require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: Builder } }).default;
  const layoutDocument = builder.prototype.layoutDocument;
  builder.prototype.layoutDocument = function (this: Builder, doc, pdf, styles, ...rest) {
    let pages = layoutDocument.call(this, doc, pdf, styles, ...rest);
    const tighter = (styles[TIGHTER] ?? []) as Styles[];
    delete styles[TIGHTER];
    for (const step of tighter) {
      const last = pages[pages.length - 1];
      if (pages.length < 2 || !last || fill(last) >= LAST_PAGE_MIN) break;
      // As pdfmake does between its own layouts of one document.
      for (const node of this.linearNodeList ?? []) node.resetXY?.();
      Object.assign(styles, step);
      pages = layoutDocument.call(this, doc, pdf, styles, ...rest);
    }
    return pages;
  };
}
