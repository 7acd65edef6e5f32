import type { Root, Element, RootContent, ElementContent } from 'hast';

/** The visible text of a tree (charts' SVG excluded), as a reader would see it. */
export function toText(node: Root | Element | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'svg') return ' ';
  if ('children' in node) return node.children.map((c) => toText(c as ElementContent)).join(' ');
  return '';
}
