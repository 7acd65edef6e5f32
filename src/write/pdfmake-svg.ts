/**
 * pdfmake draws an SVG with svg-to-pdfkit; an SVG whose every part svg-plan.ts takes (the
 * charts Vega draws, the example's logo) is drawn by svg-draw.ts instead, with the same
 * pdfkit calls (the same bytes, a fraction of the time). Anything else (an SVG with a part
 * not taken there, or with a link) goes to pdfmake's own renderer, as before.
 */
import { pdfmakeClass } from './pdfmake-layout.js';
import { drawSvg, type Canvas, type FontFile } from './svg-draw.js';

export interface SvgItem {
  readonly svg: unknown;
  readonly x: number;
  readonly y: number;
  readonly font?: string;
  readonly options?: unknown;
  readonly link?: unknown;
  readonly linkToPage?: unknown;
  readonly linkToDestination?: unknown;
}

export interface PdfDocument extends Canvas {
  readonly fonts: Record<string, unknown>;
  getFontFile(family: string, bold: boolean, italic: boolean): string | null;
  getFontType(bold: boolean, italic: boolean): string;
}

export interface Renderer {
  readonly pdfDocument: PdfDocument;
  renderSVG(svg: SvgItem): void;
}

/** pdfmake's own choice of font for an SVG's text (Renderer.js: `findFont`, `fontCallback`). */
export function fontFile(doc: PdfDocument, fallback: string): FontFile {
  return (family, bold, italic) => {
    const wanted = family.split(',').map((f) => f.trim().replace(/('|")/g, '').toLowerCase());
    const font =
      wanted
        .map((w) => Object.keys(doc.fonts).find((f) => f.toLowerCase() === w))
        .find((f) => f !== undefined) ?? fallback;
    const file = doc.getFontFile(font, bold, italic);
    if (file === null)
      throw new Error(
        `Font '${font}' in style '${doc.getFontType(bold, italic)}' is not defined in the font section of the document definition.`,
      );
    return file;
  };
}

type RenderSvg = (this: Renderer, item: SvgItem) => void;

/** pdfmake's `renderSVG` with the drawer in front of it. */
export function withChartDrawing(renderSVG: RenderSvg): RenderSvg {
  return function (this: Renderer, item) {
    const plain =
      typeof item.svg === 'string' &&
      !item.options &&
      !item.link &&
      !item.linkToPage &&
      !item.linkToDestination;
    const font = fontFile(this.pdfDocument, item.font || 'Roboto');
    if (plain && drawSvg(this.pdfDocument, item.svg as string, item.x, item.y, font)) return;
    renderSVG.call(this, item);
  };
}

export function installChartDrawing(): void {
  const proto = pdfmakeClass<Renderer>('Renderer').prototype;
  proto.renderSVG = withChartDrawing(proto.renderSVG);
}
