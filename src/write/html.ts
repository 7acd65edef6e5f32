/**
 * HTML writer: the semantic tree wrapped in one self-contained page. CSS, charts and the
 * charts' font are inline; the page makes no request to any host (a CSP says so too).
 * The page around the document (head, links, landmarks) is write/html-page.ts.
 */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { SemanticDocument } from '../model/document.js';
import { CHART_FONT_FAMILY, chartFontCss } from '../fonts/subset.js';
import { htmlPage, shapeForScreen, type PageLinks } from './html-page.js';

/** Every character drawn by the charts' SVG text. */
function chartText(tree: Root): string {
  let text = '';
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'svg') return;
    visit(node, 'text', (t: { value: string }) => {
      text += t.value;
    });
  });
  return text;
}

/** `links`: the document's siblings (languages, editions, PDF, index); none for a standalone page. */
export async function writeHtml(doc: SemanticDocument, css: string, links?: PageLinks): Promise<string> {
  const fontCss = await chartFontCss(chartText(doc.tree));
  // CSS outranks the SVG's font-family="Roboto" attribute: the charts draw in the very
  // Roboto their labels were measured with, whatever the reader has installed.
  const chartCss = fontCss
    ? `${fontCss}\nsvg text { font-family: "${CHART_FONT_FAMILY}", Roboto, sans-serif; }\n`
    : '';
  const body = toHtml(shapeForScreen(doc.tree));
  return htmlPage({ meta: doc.meta, body, css: `${css}\n${chartCss}`, links });
}
