/**
 * compose/walk.ts eachElement walks a tree as unist-util-visit's `visit(tree, 'element', …)`
 * does, for the ways compose uses it: reading, changing an element's children, and
 * replacing or removing an element and going on at the index it returns.
 */
import { describe, expect, test } from 'vitest';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { eachElement, type Parent } from '../src/compose/walk.js';

const el = (tagName: string, ...children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties: {},
  children,
});
const tx = (value: string): ElementContent => ({ type: 'text', value });

const tree = (): Root => ({
  type: 'root',
  children: [
    el('p', tx('a'), el('a', tx('ref')), tx(' b '), el('sup', tx('1')), el('em', el('a', tx('x')))),
    el('ul', el('li', el('span', tx('fig')), el('a', tx('gone')))),
  ],
});

/** Replaces each `a` by two spans, removes each `sup`, gives each `em` a child, and records the order. */
function visitor(seen: string[]) {
  return (node: Element, index: number | undefined, parent: Parent | undefined): number | undefined => {
    seen.push(node.tagName);
    if (!parent || index === undefined) return undefined;
    if (node.tagName === 'a') {
      parent.children.splice(index, 1, el('span', tx('1')), el('span', tx('2')));
      return index + 2;
    }
    if (node.tagName === 'sup') {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.tagName === 'em') node.children.push(el('b'));
    return undefined;
  };
}

describe('eachElement', () => {
  test('visits, changes and replaces as unist-util-visit does', () => {
    const ours = tree();
    const theirs = tree();
    const seenOurs: string[] = [];
    const seenTheirs: string[] = [];
    eachElement(ours, visitor(seenOurs));
    visit(theirs, 'element', visitor(seenTheirs));
    expect(seenOurs).toEqual(seenTheirs);
    expect(ours).toEqual(theirs);
    // What the visitor did is there: the a's replaced, the sup gone, the em's new child visited.
    expect(seenOurs).toEqual(['p', 'a', 'sup', 'em', 'a', 'b', 'ul', 'li', 'span', 'a']);
    expect(JSON.stringify(ours)).not.toContain('"sup"');
  });
});
