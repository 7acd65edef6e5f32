/** What a reader of a PDF sees, through pdf.js: page text, text runs with their size, outline, metadata. */
import { pdfjs as loadPdfjs } from './pdfjs.js';
import { readFileSync } from 'node:fs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextRun {
  readonly str: string;
  /** Font size in points: superscript reference numbers are the small ones. */
  readonly size: number;
  readonly x: number;
  readonly y: number;
}

export interface OutlineEntry {
  readonly title: string;
  /** 1-based page the bookmark opens. */
  readonly page: number;
  readonly children: OutlineEntry[];
}

export interface PdfView {
  readonly info: Record<string, unknown>;
  readonly pages: { readonly text: string; readonly runs: TextRun[]; readonly size: [number, number] }[];
  readonly outline: OutlineEntry[];
}

type Doc = PDFDocumentProxy;
interface RawOutline {
  title: string;
  dest: string | unknown[] | null;
  items: RawOutline[];
}

async function open(source: string | Uint8Array): Promise<Doc> {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument({
    data: new Uint8Array(typeof source === 'string' ? readFileSync(source) : source),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

async function outlineOf(doc: Doc, items: RawOutline[]): Promise<OutlineEntry[]> {
  const out: OutlineEntry[] = [];
  for (const item of items) {
    const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
    const ref = dest?.[0] as { num: number; gen: number } | undefined;
    const page = ref ? (await doc.getPageIndex(ref)) + 1 : 0;
    out.push({ title: item.title, page, children: await outlineOf(doc, item.items) });
  }
  return out;
}

/** A PDF file (its path) or its bytes, as a reader sees it. */
export async function readPdf(source: string | Uint8Array): Promise<PdfView> {
  const doc = await open(source);
  const pages: PdfView['pages'][number][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    let text = '';
    for (const it of content.items) {
      if (!('str' in it)) continue;
      text += it.str + (it.hasEOL ? '\n' : '');
      if (it.str.trim())
        runs.push({
          str: it.str,
          size: Math.round(Math.hypot(Number(it.transform[0]), Number(it.transform[1])) * 10) / 10,
          x: Number(it.transform[4]),
          y: Number(it.transform[5]),
        });
    }
    const [, , w, h] = page.view;
    pages.push({ text, runs, size: [Number(w), Number(h)] });
  }
  const meta = await doc.getMetadata();
  const outline = await outlineOf(doc, ((await doc.getOutline()) ?? []) as RawOutline[]);
  await doc.destroy();
  return { info: meta.info as Record<string, unknown>, pages, outline };
}

/** Text of every page of a PDF, as a reader's copy-and-paste would give it. */
export async function pdfPages(path: string): Promise<string[]> {
  return (await readPdf(path)).pages.map((p) => p.text);
}
