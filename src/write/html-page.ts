/**
 * The page around a document in HTML: the head (CSP, metadata) and a bar of links to the
 * same document in the project's other languages, to the other editions, to its PDF and
 * to the index. Pure: the links come from the build, the document's HTML from its blocks'
 * templates (which name every landmark and let wide tables and charts scroll inside themselves).
 */
import type { DocumentMeta } from '../model/document.js';
import { escapeHtml as escape } from '../text/escape.js';

export interface PageLink {
  readonly href: string;
  readonly label: string;
  /** The page this link stands for is the one being read. */
  readonly current?: boolean;
}

/** Where a document sits among its siblings: worked out by the build, which knows the set. */
export interface PageLinks {
  /** The same document in each language of the project, each named in its own language. */
  readonly languages: readonly (PageLink & { readonly lang: string })[];
  /** Every document of the project in this language (the audiences' briefings, the release). */
  readonly editions: readonly PageLink[];
  /** This document as PDF. */
  readonly pdf?: PageLink;
  /** The list of every document. */
  readonly index: PageLink;
  /** Names of the navigation landmarks, in the document's language. */
  readonly labels: { readonly languages: string; readonly editions: string };
}

export interface PageInput {
  readonly meta: DocumentMeta;
  /** The document's body, as HTML. */
  readonly body: string;
  readonly css: string;
  readonly links?: PageLinks | undefined;
}

export function htmlPage({ meta, body, css, links }: PageInput): string {
  return `<!DOCTYPE html>
<html lang="${escape(meta.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${escape(`${meta.shortTitle} · ${meta.audienceLabel}`)}</title>
<meta name="author" content="${escape(meta.author)}">
<meta name="description" content="${escape(meta.subtitle)}">
<meta name="keywords" content="${escape(meta.keywords)}">
<meta name="date" content="${escape(meta.date)}">
${links ? alternates(links) : ''}<style>
${css.trimEnd()}
</style>
</head>
<body class="${escape(meta.type)}">
${links ? pageBar(links) : ''}<main>
${body.trimEnd()}
</main>
</body>
</html>
`;
}

/** `<link rel="alternate" hreflang>`: the same document in the other languages, for browsers and search. */
function alternates(links: PageLinks): string {
  return links.languages
    .filter((l) => !l.current)
    .map((l) => `<link rel="alternate" hreflang="${escape(l.lang)}" href="${escape(l.href)}">\n`)
    .join('');
}

const anchor = (l: PageLink, extra = ''): string =>
  `<a href="${escape(l.href)}"${l.current ? ' aria-current="page"' : ''}${extra}>${escape(l.label)}</a>`;

/** The bar above the document: languages, editions, PDF, index. It is hidden in print. */
function pageBar(links: PageLinks): string {
  const languages = links.languages
    .map((l) => `<li>${anchor(l, ` hreflang="${escape(l.lang)}" lang="${escape(l.lang)}"`)}</li>`)
    .join('');
  const editions = links.editions.map((e) => `<li>${anchor(e)}</li>`).join('');
  const files = [links.pdf ? anchor(links.pdf, ' type="application/pdf"') : '', anchor(links.index)]
    .filter(Boolean)
    .join(' ');
  return `<header class="page-bar">
<nav class="languages" aria-label="${escape(links.labels.languages)}"><ul>${languages}</ul></nav>
<p class="files">${files}</p>
<nav class="editions" aria-label="${escape(links.labels.editions)}"><details><summary>${escape(links.labels.editions)}</summary><ul>${editions}</ul></details></nav>
</header>
`;
}
