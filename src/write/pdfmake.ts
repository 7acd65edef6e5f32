/**
 * The pdfmake adapter. pdfmake may read only the font files it needs and no URL;
 * SVG reaching it is already stripped of `<image>` (charts are vectors only).
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

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
  // Roboto, bundled with pdfmake, covers Cyrillic and the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І).
  const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const fonts = {
    Roboto: {
      normal: join(dir, 'Roboto-Regular.ttf'),
      bold: join(dir, 'Roboto-Medium.ttf'),
      italics: join(dir, 'Roboto-Italic.ttf'),
      bolditalics: join(dir, 'Roboto-MediumItalic.ttf'),
    },
  };
  const allowed = new Set(Object.values(fonts.Roboto).map((p) => resolve(p)));
  pm.setFonts(fonts);
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => allowed.has(resolve(path)));
  instance = pm;
  return pm;
}

export async function renderPdf(dd: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(dd).getBuffer();
}
