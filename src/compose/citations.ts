/**
 * Numbers citations in reading order and fills the reference list, on the final
 * tree, so the HTML and the PDF carry the same numbers.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { formatDate } from '../i18n/format.js';
import type { DocumentContext } from './context.js';

import { classList as classOf } from './vocabulary.js';
const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const txt = (value: string): ElementContent => ({ type: 'text', value });

/** Adjacent citation marks (a text's own and the template's) become one mark. */
function mergeAdjacent(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    const kids = node.children;
    for (let i = kids.length - 1; i > 0; i--) {
      const cur = kids[i];
      let j = i - 1;
      while (j >= 0 && kids[j]?.type === 'text' && !(kids[j] as { value: string }).value.trim()) j--;
      const prev = kids[j];
      if (cur?.type !== 'element' || prev?.type !== 'element') continue;
      if (
        cur.tagName !== 'sup' ||
        prev.tagName !== 'sup' ||
        !classOf(cur).includes('cite') ||
        !classOf(prev).includes('cite')
      )
        continue;
      const ids = new Set(
        [
          ...String(prev.properties?.dataSource ?? '').split(','),
          ...String(cur.properties?.dataSource ?? '').split(','),
        ].filter(Boolean),
      );
      prev.properties = { ...prev.properties, dataSource: [...ids].join(',') };
      kids.splice(j + 1, i - j);
    }
  });
}

export function numberCitations(tree: Root, ctx: DocumentContext): string[] {
  mergeAdjacent(tree);
  const order: string[] = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'sup' || !classOf(node).includes('cite')) return;
    // A citation mark hugs the word before it, whatever spacing the author typed.
    const before = parent && index !== undefined ? parent.children[index - 1] : undefined;
    if (before?.type === 'text') before.value = before.value.replace(/\s+$/, '');
    const ids = String(node.properties?.dataSource ?? '')
      .split(',')
      .filter(Boolean);
    const numbers = ids.map((id) => {
      let n = order.indexOf(id);
      if (n < 0) n = order.push(id) - 1;
      return n + 1;
    });
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    node.children = sorted.flatMap((n, i) => [
      ...(i ? [txt(',')] : []),
      el('a', { href: `#ref-${n}` }, [txt(String(n))]),
    ]);
  });
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'ol' || !classOf(node).includes('references')) return;
    node.children = order.map((id, i) => el('li', { id: `ref-${i + 1}` }, [txt(describeSource(id, ctx))]));
  });
  return order;
}

export function describeSource(id: string, ctx: DocumentContext): string {
  const s = ctx.project.sources.find((x) => x.id === id);
  if (!s) return id;
  const meta = (sid: string): string => {
    const src = ctx.project.sources.find((x) => x.id === sid);
    const author = ctx.text(`sources.${sid}.author`).value;
    const title = ctx.text(`sources.${sid}.title`).value;
    const date = src ? formatDate(ctx.t, src.date, 'UTC') : '';
    return `${author}, “${title}”, ${date}`;
  };
  const own = meta(id);
  return s.via ? `${own} (${ctx.t.t('reference.via', { release: meta(s.via) })})` : own;
}
