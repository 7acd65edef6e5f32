/**
 * What a PDF writer learns in one build that saves the next one time, kept between runs
 * in the memo store (pipeline/build.ts): the figures found taller than a page (laid out split
 * from the start, pdfmake-float.ts), the words already shaped (shaped-pack.ts) and the
 * setting each document's sources came out with (laid out once, pdfmake-balance.ts).
 * Each only saves time: a document's bytes are the same with it or without.
 *
 * With pdf.ts, the PDF writer as the pipeline sees it: what it learned is opaque data here,
 * handed from thread to thread and kept, and pdfmake's own modules stay behind this one
 * (.dependency-cruiser.cjs: pdf-writer-behind-its-adapter). Imports none of pdfmake itself:
 * a build with nothing to make loads no PDF writer (pipeline/build.ts).
 */
import { giveTallFigures, takeTallFigures } from './pdfmake-float.js';
import { keepShapedWords, packShapedWords } from './pdfmake-fonts.js';
import { giveBalanceSteps, takeBalanceSteps, type KeptSetting } from './pdfmake-balance.js';
import { mergePacks, type ShapedPack } from './shaped-pack.js';

export interface Known {
  readonly figures: readonly string[];
  readonly shaped?: ShapedPack;
  /** Document key → the sources' setting it came out with (write/pdfmake-balance.ts). */
  readonly balance?: readonly KeptSetting[];
}

/**
 * What a thread is told. The shaped words come as the memo store keeps them (a
 * v8-serialized pack), read by the thread that shapes: 2 MB the command's thread would
 * otherwise read, and copy again to each worker, before it hands over its first document.
 */
export type Told = Omit<Known, 'shaped'> & { readonly shaped?: Uint8Array };

/** Tells this thread's PDF writer what earlier runs learned. */
export function tellKnown(known: Told): void {
  giveTallFigures(known.figures);
  if (known.shaped) keepShapedWords(known.shaped);
  if (known.balance) giveBalanceSteps(known.balance);
}

/** What this thread's PDF writer learned since it was last asked. */
export function whatWasLearned(): Known {
  const shaped = packShapedWords();
  const balance = takeBalanceSteps();
  return {
    figures: takeTallFigures(),
    ...(shaped ? { shaped } : {}),
    ...(balance.length ? { balance } : {}),
  };
}

/** What several threads' PDF writers learned, as one. */
export function mergeKnown(all: readonly Known[]): Known {
  const shaped = all.flatMap((k) => (k.shaped ? [k.shaped] : []));
  const balance = all.flatMap((k) => k.balance ?? []);
  return {
    figures: all.flatMap((k) => k.figures),
    ...(balance.length ? { balance } : {}),
    ...(shaped.length ? { shaped: shaped.length === 1 ? shaped[0]! : mergePacks(shaped) } : {}),
  };
}
