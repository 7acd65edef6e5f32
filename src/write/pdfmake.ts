/**
 * The pdfmake adapter. pdfmake may read only the font files it needs and no URL;
 * SVG reaching it is already stripped of `<image>` (charts are vectors only).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { roboto } from '../fonts/roboto.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { installFastStyleLookups } from './pdfmake-styles.js';
import { installMeasureOnce } from './pdfmake-measure.js';
import { installKeepRules } from './pdfmake-keep.js';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(dd: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let instance: PdfMake | undefined;

function pdfmake(): PdfMake {
  if (instance) return instance;
  const pm = require('pdfmake') as PdfMake;
  const fonts = { Roboto: roboto };
  const allowed = new Set(Object.values(fonts.Roboto).map((p) => resolve(p)));
  fixOutlineDestinations();
  shareParsedFonts(allowed);
  installFastStyleLookups();
  installMeasureOnce();
  installKeepRules();
  pm.setFonts(fonts);
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => allowed.has(resolve(path)));
  instance = pm;
  return pm;
}

interface OutlineItem {
  document: { page: { width: number } };
  addItem(title: string, options?: Record<string, unknown>): OutlineItem;
}

/**
 * pdfkit 0.19 computes a bookmark's left edge as `page width − left`, so every
 * bookmark would scroll a zoomed-in reader to the right edge of the page. Passing
 * the page width as `left` gives the intended destination: the page's top-left.
 */
function fixOutlineDestinations(): void {
  const PDFKit = require('pdfkit') as { prototype: { initOutline(this: { outline: OutlineItem }): void } };
  const init = PDFKit.prototype.initOutline;
  PDFKit.prototype.initOutline = function (this: { outline: OutlineItem }) {
    init.call(this);
    const proto = Object.getPrototypeOf(this.outline) as OutlineItem & { fixed?: boolean };
    if (proto.fixed) return;
    const addItem = proto.addItem;
    proto.addItem = function (this: OutlineItem, title, options = {}) {
      return addItem.call(this, title, { ...options, left: this.document.page.width });
    };
    proto.fixed = true;
  };
}

interface FontHolder {
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont | undefined>;
  _font: EmbeddedFont | undefined;
}
interface EmbeddedFont {
  readonly name?: string;
  readonly font: FontkitFont;
  readonly constructor: new (doc: FontHolder, font: FontkitFont, id: string) => EmbeddedFont;
}
/** The parts of a fontkit font that hold per-document state (see fontView). */
interface FontkitFont {
  _glyphs: Record<number, unknown>;
  readonly _layoutEngine: object;
}

/**
 * A document's own view of a parsed font: the parsed tables are shared, the glyphs and
 * the shaping state are its own. fontkit keeps each glyph object with the code points
 * it was first asked for, and pdfkit writes those into the PDF's text layer (ToUnicode):
 * shared glyphs made a document's bytes, and its copied text ("г." read as "г"), depend
 * on the documents drawn before it in the same thread. A view starts as a fresh font
 * does, so a document's bytes are the same whatever was rendered before it.
 */
function fontView(parsed: FontkitFont): FontkitFont {
  const view = Object.create(parsed) as FontkitFont;
  view._glyphs = {};
  const Engine = parsed._layoutEngine.constructor as new (font: FontkitFont) => object;
  // fontkit caches its layout engine on the font object: the view gets its own, made for it.
  Object.defineProperty(view, '_layoutEngine', { value: new Engine(view) });
  return view;
}

/**
 * pdfkit parses a font file again for every document (fontkit.create, then every
 * table it reads). The parsed tables are read-only once made, and each document still
 * gets its own embedding (subset, widths, laid-out words) over its own view of the
 * font: so the first document parses each face and every later one in this thread
 * reuses the tables.
 */
function shareParsedFonts(allowed: ReadonlySet<string>): void {
  const PDFKit = require('pdfkit') as {
    prototype: { font(this: FontHolder, src: unknown, ...rest: unknown[]): FontHolder };
  };
  const font = PDFKit.prototype.font;
  const parsed = new Map<string, EmbeddedFont>();
  PDFKit.prototype.font = function (this: FontHolder, src, ...rest) {
    const first =
      typeof src === 'string' && rest.length === 0 && allowed.has(src) ? parsed.get(src) : undefined;
    if (typeof src === 'string' && first && !this._fontFamilies[src]) {
      // What pdfkit's own font() does after opening the file, with a view of the parsed font.
      const embedded = new first.constructor(this, fontView(first.font), `F${++this._fontCount}`);
      this._fontFamilies[src] = embedded;
      if (embedded.name && !this._fontFamilies[embedded.name]) this._fontFamilies[embedded.name] = embedded;
    }
    const out = font.call(this, src, ...rest);
    if (typeof src === 'string' && !first && rest.length === 0 && allowed.has(src) && this._font)
      parsed.set(src, this._font);
    return out;
  };
}

export async function renderPdf(dd: TDocumentDefinitions): Promise<Buffer> {
  // pdfmake wraps an array of content in a new `{ stack }` for every layout pass; wrapped
  // here once, the same node heads the style stack in every pass and what a pass
  // measured can be reused (see pdfmake-measure.ts). The layout is the same.
  const content = Array.isArray(dd.content) ? { stack: dd.content } : dd.content;
  return pdfmake()
    .createPdf({ ...dd, content })
    .getBuffer();
}
