/**
 * pdf.js, loaded once per test process over Node's own built-in functions: its legacy build
 * (the one made for Node) replaces some of them as it loads, and they are put back
 * (tests/helpers/builtins.ts says why). What it adds, which Node 20 lacks, stays.
 */
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { builtins, restoreBuiltins } from './builtins.js';

let loaded: Promise<typeof PdfJs> | undefined;

async function load(): Promise<typeof PdfJs> {
  const before = builtins();
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Its worker runs in this process. Loaded now (it names itself in globalThis.pdfjsWorker, where
  // pdf.js looks first), its own copy of the replacements is undone with the rest.
  // @ts-expect-error: pdfjs-dist ships no types for its worker's module, and none are needed.
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  restoreBuiltins(before);
  return lib;
}

export const pdfjs = (): Promise<typeof PdfJs> => (loaded ??= load());
