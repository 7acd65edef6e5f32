/**
 * What a PDF paints, page by page, as pdf.js reads it: every glyph (its character, where
 * its origin lands on the page, font, size, fill colour and opacity) and every path
 * filled or stroked (its points, colours and opacity), in painting order. Two PDFs
 * written with different operators but painting the same are equal here.
 */
import { pdfjs as loadPdfjs } from './pdfjs.js';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type Matrix = [number, number, number, number, number, number];
interface State {
  ctm: Matrix;
  fill: string;
  stroke: string;
  alpha: { ca: number; CA: number };
  font: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
}
interface Glyph {
  readonly unicode: string;
  readonly width: number;
  readonly isSpace: boolean;
}

const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];
const round = (n: number): string => (Math.round(n * 1000) / 1000).toFixed(3);
const matrixOf = (a: unknown): Matrix => Object.values(a as object).map(Number) as Matrix;

/** Painted glyphs and paths of each page. */
export async function paintOf(bytes: Uint8Array): Promise<string[][]> {
  const pdfjs = await loadPdfjs();
  const ops = Object.fromEntries(Object.entries(pdfjs.OPS).map(([k, v]) => [v, k])) as Record<number, string>;
  const doc: PDFDocumentProxy = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: string[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const list = await page.getOperatorList();
    const fontName = (loaded: string): string => {
      const font = page.commonObjs.get(loaded) as { name?: string } | undefined;
      return font?.name ?? loaded;
    };
    let s: State = {
      ctm: [1, 0, 0, 1, 0, 0],
      fill: '#000000',
      stroke: '#000000',
      alpha: { ca: 1, CA: 1 },
      font: '',
      size: 0,
      charSpacing: 0,
      wordSpacing: 0,
    };
    const stack: State[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let line: Matrix = tm;
    const painted: string[] = [];
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i] as unknown[];
      switch (ops[fn]) {
        case 'save':
          stack.push({ ...s, alpha: { ...s.alpha } });
          break;
        case 'restore':
          s = stack.pop() ?? s;
          break;
        case 'transform':
          s.ctm = times(args.map(Number) as Matrix, s.ctm);
          break;
        case 'setFillRGBColor':
          s.fill = String(args[0]);
          break;
        case 'setStrokeRGBColor':
          s.stroke = String(args[0]);
          break;
        case 'setGState':
          for (const [key, value] of args[0] as [string, unknown][])
            if (key === 'ca' || key === 'CA') s.alpha[key] = Number(value);
          break;
        case 'setFont':
          s.font = fontName(String(args[0]));
          s.size = Number(args[1]);
          break;
        case 'setCharSpacing':
          s.charSpacing = Number(args[0]);
          break;
        case 'setWordSpacing':
          s.wordSpacing = Number(args[0]);
          break;
        case 'beginText':
          tm = line = [1, 0, 0, 1, 0, 0];
          break;
        case 'setTextMatrix':
          tm = line = matrixOf(args[0]);
          break;
        case 'moveText':
          tm = line = times([1, 0, 0, 1, Number(args[0]), Number(args[1])], line);
          break;
        case 'showText': {
          let x = 0;
          for (const g of args[0] as (Glyph | number)[]) {
            if (typeof g === 'number') {
              x -= (g / 1000) * s.size;
              continue;
            }
            const [gx, gy] = apply(times(tm, s.ctm), x, 0);
            painted.push(
              `glyph ${g.unicode} ${round(gx)} ${round(gy)} ${s.font} ${s.size} ${s.fill} ${s.alpha.ca}`,
            );
            x += (g.width / 1000) * s.size + s.charSpacing + (g.isSpace ? s.wordSpacing : 0);
          }
          break;
        }
        case 'constructPath': {
          const [op, [data]] = args as [number, [ArrayLike<number> | null]];
          if (!data) break;
          const points = Array.from(Object.values(data), (n) => round(Number(n))).join(' ');
          const paint = `${s.fill} ${s.stroke} ${s.alpha.ca} ${s.alpha.CA}`;
          painted.push(`path ${op} ${s.ctm.map(round).join(' ')} ${points} ${paint}`);
          break;
        }
      }
    });
    pages.push(painted);
  }
  await doc.destroy();
  return pages;
}
