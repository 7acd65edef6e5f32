/**
 * Reading the typed document in reading order: its inline runs (where figures and
 * citation marks are) and its text blocks with the section each is in.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { Block, Inline } from '../model/document.js';

/** The inline and Markdown content of one block, in reading order. */
function runsOf(block: Block): Inline[] {
  switch (block.kind) {
    case 'cover':
      return [
        block.organisation,
        block.title,
        block.subtitle,
        ...(block.contacts ? runsOf(block.contacts) : []),
      ];
    case 'masthead':
      return [block.organisation, block.headline, ...(block.standfirst ? [block.standfirst] : [])];
    case 'contacts':
      return block.entries.map((e) => e.name);
    case 'part':
      return block.children.flatMap(runsOf);
    case 'contents':
      return [];
    case 'section':
      return [block.heading, ...block.children.flatMap(runsOf)];
    case 'prose':
      return [block.content];
    case 'keyFigures':
      return block.items.flatMap((i) => [i.value, i.label, ...(i.earlier ? [i.earlier] : []), i.cite]);
    case 'callout':
      return block.groups.flatMap((g) => [g.addressee, ...g.items.map((i) => i.text)]);
    case 'chart':
      return [];
    case 'chronology':
      return block.days.flatMap((d) => d.entries.flatMap((e) => [...(e.place ? [e.place] : []), e.text]));
    case 'recommendations':
      return block.groups.flatMap((g) => [g.addressee, ...g.items.map((i) => i.text)]);
    case 'references':
      return block.entries;
    case 'table':
      return block.rows.flatMap((r) => r.cells.map((c) => c.content));
  }
}

/** Every run of inline or Markdown content of the document, in reading order. */
export function inlineRuns(body: readonly Block[]): Inline[] {
  return body.flatMap(runsOf);
}

/**
 * Every run of the document as a hast root sharing the run's array, so a tree
 * utility (unist-util-visit) can read and change it in place.
 */
export function runs(body: readonly Block[]): Root[] {
  return body.flatMap(runsOf).map((children) => ({ type: 'root', children }));
}

/** A hast node that holds others. */
export type Parent = Root | Element;

/**
 * Calls `visitor` on every element under `parent`, depth first in reading order, as
 * unist-util-visit's `visit(tree, 'element', visitor)` does: an element's children are
 * read after its visitor has run (it may change them), and a visitor that returns an
 * index has the walk go on at that index of its parent's children (it replaced or removed
 * the element). Compose walks every run of a document several times (citations, chart
 * references, the figures shown); unist-util-visit makes a closure per node, and these
 * walks took a quarter of the time to compose a document.
 */
export function eachElement(
  parent: Parent,
  visitor: (node: Element, index: number, parent: Parent) => number | void,
): void {
  const children = parent.children;
  for (let i = 0; i < children.length;) {
    const node = children[i]!;
    if (node.type !== 'element') {
      i++;
      continue;
    }
    const next = visitor(node, i, parent);
    eachElement(node, visitor);
    i = typeof next === 'number' ? next : i + 1;
  }
}

/** A block of text as its reader sees it: a paragraph, a list item, a table row. */
export interface TextBlock {
  /** The headings it is under: "Findings › Incident 1". */
  readonly section: string;
  readonly content: readonly ElementContent[];
  /** Markdown content, whose paragraphs and items are blocks of their own. */
  readonly flow: boolean;
}

/** The text of inline content, as a reader sees it without its markup. */
export const plainText = (run: Inline): string =>
  run.map((n) => (n.type === 'text' ? n.value : n.type === 'element' ? plainText(n.children) : '')).join('');

const space: ElementContent = { type: 'text', value: ' ' };
const joined = (...parts: (Inline | string | undefined)[]): ElementContent[] =>
  parts
    .filter((p): p is Inline | string => p !== undefined && p !== '')
    .flatMap((p, i) => [
      ...(i ? [space] : []),
      ...(typeof p === 'string' ? [{ type: 'text' as const, value: p }] : p),
    ]);

const dot: ElementContent = { type: 'text', value: ' · ' };
const after = (part: Inline | string | undefined): ElementContent[] =>
  part === undefined || part === '' ? [] : [dot, ...joined(part)];

function blocksOf(block: Block, heads: string[], out: TextBlock[]): void {
  const section = heads.filter(Boolean).join(' › ');
  const add = (content: ElementContent[], flow = false): void => {
    out.push({ section, content, flow });
  };
  switch (block.kind) {
    case 'section': {
      const inner = [...heads];
      inner.length = block.level - 2;
      inner[block.level - 2] = plainText(block.heading).replace(/\s+/g, ' ').trim();
      for (const c of block.children) blocksOf(c, inner, out);
      return;
    }
    case 'prose':
      return add(block.content, true);
    case 'keyFigures':
      // The box sets value, label, date and earlier values on lines of their own; in a
      // change report's one line they need a mark between them to read.
      for (const i of block.items)
        add([...joined(i.value, i.label, i.cite), ...after(i.asOf), ...after(i.earlier)]);
      return;
    case 'callout':
      for (const g of block.groups) for (const i of g.items) add(i.text);
      return;
    case 'part':
      for (const c of block.children) blocksOf(c, heads, out);
      return;
    case 'masthead':
      if (block.standfirst) add(block.standfirst);
      return;
    case 'chronology':
      for (const d of block.days) for (const e of d.entries) add(e.text);
      return;
    case 'recommendations':
      for (const g of block.groups) for (const i of g.items) add(i.text);
      return;
    case 'chart':
      if (block.caption) add(joined(block.caption));
      return;
    default:
      return;
  }
}

export function textBlocks(body: readonly Block[]): TextBlock[] {
  const out: TextBlock[] = [];
  for (const b of body) blocksOf(b, [], out);
  return out;
}
