/**
 * The page around a document in HTML: the head (CSP, metadata), a bar of links to the
 * same document in the project's other languages, to the other editions, to its PDF
 * and to the index, and the reader-facing shape of the tree: every landmark named,
 * wide tables and charts scrolling inside themselves instead of the page.
 * Pure: the links come from the build, the document from compose.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { DocumentMeta } from '../model/document.js';
import { escapeHtml as escape } from '../compose/escape.js';

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
  /** The document's body (the composed tree, shaped by `shapeForScreen`), as HTML. */
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
<title>${escape(`${meta.shortTitle} — ${meta.audienceLabel}`)}</title>
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

const isElement = (n: unknown, tag?: string): n is Element =>
  typeof n === 'object' &&
  n !== null &&
  (n as Element).type === 'element' &&
  (tag === undefined || (n as Element).tagName === tag);

const headingRe = /^h[1-6]$/;

function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  return node.children.map(textOf).join('');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The tree as a screen shows it (a copy; the composed tree is shared with the PDF writer):
 * - every `nav` and `aside`, and every section headed by an `h2`, is a named landmark,
 *   named by its heading (`aria-labelledby`) or, without one, by its text;
 * - tables and charts scroll inside a focusable, named box, so a narrow screen never
 *   scrolls the page sideways and chart text keeps a readable size;
 * - a figure's caption comes first, before the chart and its data (a `figcaption` must be
 *   a figure's first or last child).
 */
export function shapeForScreen(tree: Root): Root {
  const copy = structuredClone(tree);
  const ids = new Set<string>();
  visit(copy, 'element', (e: Element) => {
    if (typeof e.properties?.id === 'string') ids.add(e.properties.id);
  });
  const freshId = (base: string): string => {
    let id = base;
    for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
    ids.add(id);
    return id;
  };
  // Templates leave indentation at line ends; HTML ignores it, validators and diffs do not.
  visit(copy, 'text', (t: { value: string }) => {
    t.value = t.value.replace(/[ \t]+\n/g, '\n');
  });
  nameLandmarks(copy, freshId);
  visit(copy, 'element', (e: Element) => {
    if (e.tagName === 'figure') captionFirst(e);
  });
  wrapScrolling(copy);
  return copy;
}

function nameLandmarks(tree: Root, freshId: (base: string) => string): void {
  let n = 0;
  visit(tree, 'element', (e: Element) => {
    const props = (e.properties ??= {});
    if (props.ariaLabel !== undefined || props.ariaLabelledBy !== undefined) return;
    const heading = e.children.find((c): c is Element => isElement(c) && headingRe.test(c.tagName));
    const landmark =
      e.tagName === 'nav' || e.tagName === 'aside' || (e.tagName === 'section' && heading?.tagName === 'h2');
    if (!landmark) return;
    n++;
    if (heading) {
      const hp = (heading.properties ??= {});
      const own = typeof props.id === 'string' ? props.id : `landmark-${n}`;
      if (typeof hp.id !== 'string') hp.id = freshId(`${own}-title`);
      props.ariaLabelledBy = [String(hp.id)];
    } else {
      props.ariaLabel = squash(textOf(e)).slice(0, 120);
    }
  });
}

function captionFirst(figure: Element): void {
  const i = figure.children.findIndex((c) => isElement(c, 'figcaption'));
  if (i <= 0) return;
  const [caption] = figure.children.splice(i, 1);
  // The line break that led to the caption goes with it.
  const before = figure.children[i - 1];
  if (before?.type === 'text' && before.value.trim() === '') figure.children.splice(i - 1, 1);
  if (caption) figure.children.unshift(caption);
}

/** The name a scrolling box takes: its figure's caption, else the heading of its section. */
function contextName(ancestors: readonly Element[]): string {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    const caption = a.tagName === 'figure' ? a.children.find((c) => isElement(c, 'figcaption')) : undefined;
    if (caption) return squash(textOf(caption));
    const heading = a.children.find((c): c is Element => isElement(c) && headingRe.test(c.tagName));
    if ((a.tagName === 'section' || a.tagName === 'aside') && heading) return squash(textOf(heading));
  }
  return '';
}

function wrapScrolling(tree: Root): void {
  const walk = (parent: Root | Element, ancestors: Element[]): void => {
    parent.children = parent.children.map((child) => {
      if (!isElement(child)) return child;
      const chartSvg = child.tagName === 'svg' && ancestors.at(-1)?.tagName === 'figure';
      if (child.tagName === 'table' || chartSvg) {
        const name = contextName(ancestors);
        return {
          type: 'element',
          tagName: 'div',
          properties: {
            className: [chartSvg ? 'chart-scroll' : 'table-scroll'],
            tabIndex: 0,
            role: 'group',
            ...(name ? { ariaLabel: name } : {}),
          },
          children: [child],
        } satisfies Element;
      }
      walk(child, [...ancestors, child]);
      return child;
    });
  };
  walk(tree, []);
}
