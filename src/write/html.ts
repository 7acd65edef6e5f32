/**
 * HTML writer: the semantic tree wrapped in one self-contained page. CSS and
 * charts are inline; the page makes no request to any host (a CSP says so too).
 */
import { toHtml } from 'hast-util-to-html';
import type { SemanticDocument } from '../model/document.js';

import { escapeHtml as escape } from '../compose/escape.js';

export function writeHtml(doc: SemanticDocument, css: string): string {
  const { meta } = doc;
  const body = toHtml(doc.tree);
  return `<!doctype html>
<html lang="${escape(meta.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${escape(`${meta.title} — ${meta.audienceLabel}`)}</title>
<meta name="author" content="${escape(meta.author)}">
<meta name="description" content="${escape(meta.subtitle)}">
<meta name="keywords" content="${escape(meta.keywords)}">
<meta name="date" content="${escape(meta.date)}">
<style>
${css}
</style>
</head>
<body class="${escape(meta.type)}">
${body}
</body>
</html>
`;
}
