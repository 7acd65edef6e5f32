/**
 * What a document really shows. Compose renders more than a template may print
 * (every chronology entry, every key figure); the figures that count are those whose
 * markup reached the tree. Their use numbers are read back here and then removed.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { ShownUse } from '../model/document.js';
import { classList } from './vocabulary.js';

export function collectShown(tree: Root, uses: readonly ShownUse[]): ShownUse[] {
  const shown: ShownUse[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'span' || !classList(node).includes('fig')) return;
    const index = Number(node.properties?.dataUse);
    const use = uses[index];
    if (use) shown.push(use);
    delete node.properties.dataUse;
  });
  return shown;
}

/** The newest date among the values shown: the document's information is at least that recent. */
export function newestShown(shown: readonly { asOf: string }[], stated: string): string {
  return shown.reduce((newest, u) => (u.asOf > newest ? u.asOf : newest), stated);
}
