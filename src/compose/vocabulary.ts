/**
 * The small vocabulary of the semantic document (docs/document-vocabulary.md).
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

export function outsideVocabulary(tree: Root): string[] {
  const found = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'svg') return 'skip';
    if (!vocabulary.has(node.tagName)) found.add(node.tagName);
    return undefined;
  });
  return [...found];
}
