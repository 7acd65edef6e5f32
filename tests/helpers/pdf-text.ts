/** Text of every page of a PDF, as a reader's copy-and-paste would give it (pdf.js). */
import { readFileSync } from 'node:fs';

export async function pdfPages(path: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(readFileSync(path));
  const doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

export async function pdfInfo(path: string): Promise<{
  info: Record<string, unknown>;
  outline: { title: string; items: unknown[] }[] | null;
  pages: number;
}> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(path)),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const meta = await doc.getMetadata();
  const outline = (await doc.getOutline()) as { title: string; items: unknown[] }[] | null;
  const pages = doc.numPages;
  await doc.destroy();
  return { info: meta.info as Record<string, unknown>, outline, pages };
}
