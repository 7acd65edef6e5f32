/**
 * The pdfmake adapter. pdfmake may read only the font files it needs and no URL;
 * SVG reaching it is already stripped of `<image>` (charts are vectors only).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { roboto } from '../fonts/roboto.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { installFastStyleLookups } from './pdfmake-styles.js';
import { installWordMeasure } from './pdfmake-words.js';
import { installSvgMeasure } from './pdfmake-measure.js';
import { installKeepRules } from './pdfmake-keep.js';
import { installRowRules } from './pdfmake-rows.js';
import { installLineFill } from './pdfmake-line-fill.js';
import { installRangeGlue } from './pdfmake-ranges.js';
import { installFloats } from './pdfmake-float.js';
import { installBalance } from './pdfmake-balance.js';
import { shareParsedFonts } from './pdfmake-fonts.js';
import { installTextStreams } from './pdfkit-streams.js';
import { installLineText } from './pdfmake-lines.js';
import { installChartDrawing } from './pdfmake-svg.js';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(dd: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let instance: PdfMake | undefined;
let patched = false;

function pdfmake(): PdfMake {
  if (instance) return instance;
  const pm = require('pdfmake') as PdfMake;
  const fonts = { Roboto: roboto };
  const allowed = new Set(Object.values(fonts.Roboto).map((p) => resolve(p)));
  // Each patch wraps methods of pdfkit or pdfmake, so it is installed here only and once
  // per thread, even after a set-up that failed half way (twice would wrap the wrappers).
  if (!patched) {
    patched = true;
    fixOutlineDestinations();
    shareParsedFonts(allowed);
    installTextStreams();
    installFastStyleLookups();
    installWordMeasure();
    installSvgMeasure();
    installLineFill();
    installRangeGlue();
    installKeepRules();
    installRowRules();
    installFloats();
    installBalance();
    installLineText();
    installChartDrawing();
  }
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

export async function renderPdf(dd: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(dd).getBuffer();
}
