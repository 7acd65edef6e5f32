/**
 * HTML writer: the document's blocks, each drawn by its template, in one self-contained page. CSS, charts and the
 * charts' font are inline; the page makes no request to any host (a CSP says so too).
 */
import { visit } from 'unist-util-visit';
import type { Block, Chart, SemanticDocument } from '../model/document.js';
import { renderBlocks, type BlockTemplates } from './html-blocks.js';
import { CHART_FONT_FAMILY, chartFontCss } from '../fonts/subset.js';

import { escapeHtml as escape } from '../compose/escape.js';

/** The charts of a document, wherever they sit. */
function chartsOf(blocks: readonly Block[]): Chart[] {
  return blocks.flatMap((b) => (b.kind === 'chart' ? [b] : b.kind === 'section' ? chartsOf(b.children) : []));
}

/** Every character drawn by the charts' SVG text. */
function chartText(blocks: readonly Block[]): string {
  let text = '';
  for (const chart of chartsOf(blocks))
    visit(chart.svg, 'text', (t: { value: string }) => {
      text += t.value;
    });
  return text;
}

export async function writeHtml(
  doc: SemanticDocument,
  css: string,
  templates: BlockTemplates,
): Promise<string> {
  const { meta } = doc;
  const body = renderBlocks(doc.body, templates);
  const fontCss = await chartFontCss(chartText(doc.body));
  // CSS outranks the SVG's font-family="Roboto" attribute: the charts draw in the very
  // Roboto their labels were measured with, whatever the reader has installed.
  const chartCss = fontCss
    ? `${fontCss}\nsvg text { font-family: "${CHART_FONT_FAMILY}", Roboto, sans-serif; }\n`
    : '';
  return `<!doctype html>
<html lang="${escape(meta.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${escape(`${meta.title} — ${meta.audienceLabel}`)}</title>
<meta name="author" content="${escape(meta.author)}">
<meta name="description" content="${escape(meta.subtitle)}">
<meta name="keywords" content="${escape(meta.keywords)}">
<meta name="date" content="${escape(meta.date)}">
<style>
${css}
${chartCss}</style>
</head>
<body class="${escape(meta.type)}">
<main>
<article class="${escape(meta.type)}">
${body}
</article>
</main>
</body>
</html>
`;
}
