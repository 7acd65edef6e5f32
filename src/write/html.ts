/**
 * HTML writer: the document's blocks, each drawn by its template, in one self-contained
 * page. CSS, charts and the charts' font are inline; the page makes no request to any
 * host (a CSP says so too). The page around the document (head, links) is write/html-page.ts.
 */
import { visit } from 'unist-util-visit';
import type { Block, Chart, SemanticDocument } from '../model/document.js';
import { renderBlocks, type BlockTemplates } from './html-blocks.js';
import { CHART_FONT_FAMILY, chartFontCss } from '../fonts/subset.js';
import { htmlPage, type PageLinks } from './html-page.js';

/** The charts of a document, wherever they sit. */
function chartsOf(blocks: readonly Block[]): Chart[] {
  return blocks.flatMap((b) =>
    b.kind === 'chart' ? [b] : b.kind === 'section' || b.kind === 'part' ? chartsOf(b.children) : [],
  );
}

/** Every character drawn by the charts' SVG text, in either drawing. */
function chartText(blocks: readonly Block[]): string {
  let text = '';
  for (const chart of chartsOf(blocks))
    for (const drawing of chart.phone ? [chart.svg, chart.phone] : [chart.svg])
      visit(drawing, 'text', (t: { value: string }) => {
        text += t.value;
      });
  return text;
}

/** The `@font-face` rules for the characters of the charts' text (fonts/subset.ts). */
export type ChartFonts = (text: string) => Promise<string>;

/**
 * `links`: the document's siblings (languages, editions, PDF, index); none for a standalone
 * page. `chartFonts`: where the charts' font comes from (the pipeline keeps it between runs).
 */
export async function writeHtml(
  doc: SemanticDocument,
  css: string,
  templates: BlockTemplates,
  links?: PageLinks,
  chartFonts: ChartFonts = chartFontCss,
): Promise<string> {
  const fontCss = await chartFonts(chartText(doc.body));
  // CSS outranks the SVG's font-family="Roboto" attribute: the charts draw in the very
  // Roboto their labels were measured with, whatever the reader has installed.
  const chartCss = fontCss
    ? `${fontCss}\nsvg text { font-family: "${CHART_FONT_FAMILY}", Roboto, sans-serif; }\n`
    : '';
  // Templates leave indentation at line ends; HTML ignores it, validators and diffs do not.
  const blocks = renderBlocks(doc.body, templates).replace(/[ \t]+\n/g, '\n');
  const body = `<article class="${doc.meta.type}">\n${blocks}\n</article>`;
  return htmlPage({ meta: doc.meta, body, css: `${css}\n${chartCss}`, links });
}
