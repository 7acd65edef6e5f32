/**
 * A chart's drawing as the PDF writer takes it: its tree serialized as SVG markup.
 *
 * The writer only turns a drawing's tree back into markup, in every document that shows
 * it, and a PDF worker is sent each document as a copy (structured clone), of which the
 * trees are most of the cost: a Kazakh briefing's four took it from 3.7 to 8.1 ms to copy
 * and read back. So a document goes to the PDF writer with each drawing's content already
 * serialized (`printable`), one raw node below the drawing's `<svg>`, made once per drawing
 * (the documents of a language share their drawings' trees), and the writer serializes
 * that to the very markup the whole tree would give (`drawingMarkup`).
 */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Block, Chart, SemanticDocument } from '../model/document.js';

// A raw node is only ever one made here, from a tree compose checked against the SVG
// vocabulary: nothing else in a document's drawing is written out unescaped.
const OPTIONS = { space: 'svg', allowDangerousHtml: true } as const;

/** The drawing's markup: the same bytes for its tree and for its tree with the content serialized. */
export function drawingMarkup(svg: Element): string {
  return toHtml(svg, OPTIONS);
}

/** Drawings already serialized, by their tree: each document of a language shows the same ones. */
const serializedTrees = new WeakMap<Element, Element>();

function serialized(svg: Element): Element {
  let made = serializedTrees.get(svg);
  if (!made) {
    const content: ElementContent = {
      type: 'raw',
      value: toHtml({ type: 'root', children: svg.children }, OPTIONS),
    };
    made = { ...svg, children: [content] };
    serializedTrees.set(svg, made);
  }
  return made;
}

const printableChart = (c: Chart): Chart => ({ ...c, svg: serialized(c.svg), phone: undefined });

function printableBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((b) => {
    if (b.kind === 'chart') return printableChart(b);
    if (b.kind === 'part' || b.kind === 'section') return { ...b, children: printableBlocks(b.children) };
    return b;
  });
}

/**
 * The document as the PDF writer takes it: what the writer reads of it is unchanged (a
 * phone's drawing, which a PDF does not show, is left out).
 */
export function printable(doc: SemanticDocument): SemanticDocument {
  return { ...doc, body: printableBlocks(doc.body) };
}
