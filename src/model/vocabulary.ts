/**
 * The markup templates may use (docs/document-model.md).
 * Both writers understand exactly these elements; anything else is a template error.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export const vocabulary = new Set([
  'article',
  'header',
  'nav',
  'section',
  'div',
  'aside',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'p',
  'ul',
  'ol',
  'li',
  'blockquote',
  'br',
  'strong',
  'em',
  'span',
  'sup',
  'a',
  'time',
  'cite',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'details',
  'summary',
  // Charts are inline SVG; their inner elements are the chart renderer's own.
  'svg',
]);

/** The class names of an element, however hast stored them. */
export function classList(e: Element): string[] {
  const c: unknown = e.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(' ') : [];
}

/** What Vega draws: shapes, text and grouping; nothing that runs, embeds or fetches. */
export const svgVocabulary = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'clippath',
  'clipPath',
  'lineargradient',
  'linearGradient',
  'radialgradient',
  'radialGradient',
  'stop',
]);

/** `url(#id)`: a reference inside the same drawing (a gradient, a clip path). */
const localUrl = /url\(\s*(['"]?)#[^'"()\s\\]*\1\s*\)/gi;

/**
 * Whether a value names something outside its document through CSS `url(…)`: any
 * `url(` but `url(#id)`, in any attribute (`fill`, `stroke`, `filter`, `mask`,
 * `clip-path`, `marker-*`, `cursor`…), which SVG reads as CSS and a browser fetches.
 * A CSS escape before a parenthesis (`\75 rl(`) would spell `url(` past this test, so
 * it is refused too (unless `escapes` is false: in text that is no CSS).
 */
export function externalUrl(value: string, escapes = true): boolean {
  const rest = value.replace(localUrl, '');
  return /url\s*\(/i.test(rest) || (escapes && /\\/.test(rest) && /\(/.test(rest));
}

/**
 * Attributes that run script or fetch: event handlers, `href`/`src` to anything
 * but an in-document `#anchor`, or an https or mailto link on `<a>`, inline `style` with
 * `url(`, any other attribute with a `url(` that is not `url(#id)`, `srcset`, `formaction`...
 */
function unsafeAttribute(tagName: string, name: string, value: unknown): boolean {
  const n = name.toLowerCase();
  const v = (Array.isArray(value) ? value.join(' ') : String(value)).trim();
  if (/^on/.test(n)) return true;
  if (['srcset', 'formaction', 'action', 'background', 'poster', 'ping', 'xmlns:xlink'].includes(n))
    return true;
  if (n === 'href' || n === 'xlinkhref' || n === 'xlink:href' || n === 'src') {
    if (v.startsWith('#')) return false;
    return !(tagName === 'a' && /^(https:\/\/|mailto:)/i.test(v));
  }
  if (n === 'style') return /url\s*\(|expression\s*\(|@import/i.test(v);
  // ARIA texts are read out, never fetched: a chart's labels may say anything there.
  if (/^aria/.test(n)) return false;
  return externalUrl(v);
}

/**
 * Elements and attributes outside the vocabulary, SVG included: a template or a
 * chart can never publish script, event handlers, javascript: links,
 * foreignObject or a reference to another host.
 */
export function vocabularyProblems(tree: Root): { what: string; line?: number; column?: number }[] {
  const found = new Map<string, { what: string; line?: number; column?: number }>();
  const add = (what: string, node: Element): void => {
    if (!found.has(what)) found.set(what, { what, ...(node.position?.start ?? {}) });
  };
  const check = (node: Element, inSvg: boolean): void => {
    const tag = node.tagName;
    const allowed = inSvg ? svgVocabulary.has(tag) : vocabulary.has(tag);
    if (!allowed) add(inSvg ? `svg ${tag}` : tag, node);
    for (const [name, value] of Object.entries(node.properties ?? {}))
      if (unsafeAttribute(tag, name, value)) add(`${tag}[${name}]`, node);
    for (const c of node.children) if (c.type === 'element') check(c, inSvg || tag === 'svg');
  };
  visit(tree, 'element', (node: Element) => {
    check(node, false);
    return 'skip';
  });
  return [...found.values()];
}

export function outsideVocabulary(tree: Root): string[] {
  return vocabularyProblems(tree).map((p) => p.what);
}
