/**
 * What a document really shows: the figures whose markup reached its blocks. Their use numbers are read back here and then removed.
 */
import type { Block, ShownUse } from '../model/document.js';
import { eachElement, runs } from './walk.js';
import { classList } from '../model/vocabulary.js';

export function collectShown(body: readonly Block[], uses: readonly ShownUse[]): ShownUse[] {
  const shown: ShownUse[] = [];
  for (const run of runs(body))
    eachElement(run, (node) => {
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
