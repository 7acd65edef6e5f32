/**
 * pdfmake keeps a heading with its text by laying the whole document out again each
 * time `pageBreakBefore` adds a break: two to six layouts a briefing, each measuring
 * every word of every paragraph again, and parsing every chart's SVG twice. What a
 * layout measures does not change between those passes, so it is kept:
 *
 * - a text leaf's words (its inlines) per document, for the same node, text and style
 *   stack; every pass gets fresh copies, since layout consumes and moves them;
 * - a chart's size, and its SVG rewritten to that size, by SVG text (pure functions).
 *
 * The PDF bytes are the same (tests/pdf.test.ts and the golden outputs check them).
 */
import { createRequire } from 'node:module';

type Inline = Record<string, unknown>;
interface LeafNode {
  text?: unknown;
  _inlines?: Inline[];
  _minWidth?: number;
  _maxWidth?: number;
}
interface DocMeasure {
  styleStack: { styleOverrides: unknown[] };
  measureLeaf(node: LeafNode): LeafNode;
}
interface SvgMeasure {
  measureSVG(svg: unknown): { width?: number; height?: number };
  writeDimensions(svg: unknown, size: { width: number; height: number }): unknown;
}

interface Measured {
  readonly owner: DocMeasure;
  readonly text: unknown;
  readonly stack: readonly unknown[];
  readonly inlines: readonly Inline[];
  readonly minWidth: number | undefined;
  readonly maxWidth: number | undefined;
}

/** Keys whose values pdfmake makes anew for each pass (page and text references, TOC entries). */
const perPass = ['_textRef', '_pageRef', '_tocItemRef', 'pageReference', 'textReference'];

/** A leaf whose words depend only on its text and styles: no reference resolved per pass. */
function stable(text: unknown, depth = 0): boolean {
  if (typeof text === 'string') return true;
  if (Array.isArray(text)) return depth < 8 && text.every((t) => stable(t, depth + 1));
  if (!text || typeof text !== 'object') return false;
  const item = text as Record<string, unknown>;
  return !perPass.some((k) => k in item) && stable(item.text ?? '', depth + 1);
}

const sameEntries = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const copies = (inlines: readonly Inline[]): Inline[] => inlines.map((i) => ({ ...i }));

const measured = new WeakMap<LeafNode, Measured>();

function measureLeafOnce(original: DocMeasure['measureLeaf']): DocMeasure['measureLeaf'] {
  return function (this: DocMeasure, node: LeafNode): LeafNode {
    if (!stable(node)) return original.call(this, node);
    const stack = this.styleStack.styleOverrides;
    const known = measured.get(node);
    if (known && known.owner === this && known.text === node.text && sameEntries(known.stack, stack)) {
      node._inlines = copies(known.inlines);
      node._minWidth = known.minWidth;
      node._maxWidth = known.maxWidth;
      return node;
    }
    const out = original.call(this, node);
    measured.set(node, {
      owner: this,
      text: node.text,
      stack: [...stack],
      // Copied before layout moves or splits them.
      inlines: copies(node._inlines ?? []),
      minWidth: node._minWidth,
      maxWidth: node._maxWidth,
    });
    return out;
  };
}

/** At most this many charts' answers are kept per thread (a watch session sees charts change). */
const keptSvgs = 64;

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (cache.size >= keptSvgs) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, value);
  return value;
}

function svgOnce(proto: SvgMeasure): void {
  const { measureSVG, writeDimensions } = proto;
  const sizes = new Map<string, { width?: number; height?: number }>();
  const resized = new Map<string, unknown>();
  proto.measureSVG = function (this: SvgMeasure, svg) {
    if (typeof svg !== 'string') return measureSVG.call(this, svg);
    return { ...remember(sizes, svg, () => measureSVG.call(this, svg)) };
  };
  proto.writeDimensions = function (this: SvgMeasure, svg, size) {
    if (typeof svg !== 'string') return writeDimensions.call(this, svg, size);
    return remember(resized, `${size.width} ${size.height} ${svg}`, () =>
      writeDimensions.call(this, svg, size),
    );
  };
}

let installed = false;

/** Installs both in this thread (once). */
export function installMeasureOnce(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const docMeasure = (require('pdfmake/js/DocMeasure.js') as { default: { prototype: DocMeasure } }).default;
  docMeasure.prototype.measureLeaf = measureLeafOnce(docMeasure.prototype.measureLeaf);
  svgOnce((require('pdfmake/js/SVGMeasure.js') as { default: { prototype: SvgMeasure } }).default.prototype);
}
