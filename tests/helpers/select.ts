import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Every element with this tag name, in document order. */
export function selectAll(tree: Root | Element, tagName: string): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (e: Element) => {
    if (e.tagName === tagName) out.push(e);
  });
  return out;
}
