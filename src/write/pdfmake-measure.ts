/**
 * pdfmake reads a chart's size by parsing its SVG into an XML tree (xmldoc), and parses it
 * again to write the size it lays the chart out at, serializing the whole tree, before
 * svg-to-pdfkit parses that text once more to draw it. Both of pdfmake's answers need only
 * the root `<svg>` tag: they are read and written there, in the text, and the rest of the
 * SVG reaches svg-to-pdfkit as the writer made it. A cold 12-document build parsed 24
 * chart SVGs this way on the PDF worker (about 160 ms, a twentieth of its PDFs).
 *
 * It also draws wrapped chart labels where the HTML page draws them. xmldoc's copy is
 * indented: a line break and spaces between the `<tspan>` lines of a label, which
 * svg-to-pdfkit drew as a space at the end of a line, so a centred or right-aligned first
 * line stood off by half a space or a space. Anything else (not a string, no root tag
 * found) is left to pdfmake.
 */
import { pdfmakeClass } from './pdfmake-layout.js';

export interface SvgMeasure {
  measureSVG(svg: unknown): { width?: number; height?: number };
  writeDimensions(svg: unknown, size: { width: number; height: number }): unknown;
}

/** What may come before the root element: an XML declaration, comments, whitespace. */
const PROLOGUE = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg\b/y;
/** One attribute of the tag (values are kept as written, entities and all). */
const ATTRIBUTE = /\s+([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*\/?>/y;

interface Root {
  /** Where the tag's attributes start and end in the text. */
  readonly start: number;
  readonly end: number;
  readonly attributes: Map<string, string>;
}

/** The root tag's attributes, if the text opens with an `<svg` tag that can be read to its end. */
function rootOf(svg: string): Root | undefined {
  PROLOGUE.lastIndex = 0;
  if (!PROLOGUE.test(svg)) return undefined;
  const start = PROLOGUE.lastIndex;
  const attributes = new Map<string, string>();
  let at = start;
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const a = ATTRIBUTE.exec(svg);
    if (!a) break;
    attributes.set(a[1]!, a[2] ?? a[3] ?? '');
    at = ATTRIBUTE.lastIndex;
  }
  TAG_END.lastIndex = at;
  return TAG_END.test(svg) ? { start, end: at, attributes } : undefined;
}

/** pdfmake's reading of a length: a number with or without a unit, or nothing. */
const stripUnits = (text: string | undefined): number | undefined => {
  const n = parseFloat(text ?? '');
  return Number.isNaN(n) ? undefined : n;
};

function measure(root: Root): { width?: number; height?: number } {
  let width = stripUnits(root.attributes.get('width'));
  let height = stripUnits(root.attributes.get('height'));
  const viewBox = root.attributes.get('viewBox');
  if ((width === undefined || height === undefined) && viewBox !== undefined) {
    const parts = viewBox.split(/[,\s]+/);
    if (parts.length !== 4)
      throw new Error(`Unexpected svg viewBox format, should have 4 entries but found: '${viewBox}'`);
    width ??= stripUnits(parts[2]);
    height ??= stripUnits(parts[3]);
  }
  return { width, height };
}

/** The SVG with its root's width and height set (and a viewBox of its old size, if it had none), as pdfmake writes them. */
function resize(svg: string, root: Root, size: { width: number; height: number }): string {
  const attributes = new Map(root.attributes);
  if (!attributes.has('viewBox'))
    attributes.set(
      'viewBox',
      `0 0 ${stripUnits(attributes.get('width'))} ${stripUnits(attributes.get('height'))}`,
    );
  attributes.set('width', String(size.width));
  attributes.set('height', String(size.height));
  // Values are as written: one holding a double quote was written in single quotes.
  const text = [...attributes].map(([k, v]) => (v.includes('"') ? ` ${k}='${v}'` : ` ${k}="${v}"`)).join('');
  return svg.slice(0, root.start) + text + svg.slice(root.end);
}

/** Exposed for the test, which compares against an unpatched copy of the class. */
export function patchSvgMeasure(proto: SvgMeasure): void {
  const { measureSVG, writeDimensions } = proto;
  proto.measureSVG = function (this: SvgMeasure, svg) {
    const root = typeof svg === 'string' ? rootOf(svg) : undefined;
    return root ? measure(root) : measureSVG.call(this, svg);
  };
  proto.writeDimensions = function (this: SvgMeasure, svg, size) {
    const root = typeof svg === 'string' ? rootOf(svg) : undefined;
    return root ? resize(svg as string, root, size) : writeDimensions.call(this, svg, size);
  };
}

/** Installs it in this thread. */
export function installSvgMeasure(): void {
  patchSvgMeasure(pdfmakeClass<SvgMeasure>('SVGMeasure').prototype);
}
