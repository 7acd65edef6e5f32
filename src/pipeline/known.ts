/**
 * What a PDF writer learns in one build that saves the next one time, kept between runs
 * in the memo store (build.ts): the figures found taller than a page (laid out split from
 * the start, write/pdfmake-float.ts), the words already shaped (write/shaped-pack.ts) and
 * the setting each document's sources came out with (laid out once, write/pdfmake-balance.ts).
 * Each only saves time: a document's bytes are the same with it or without.
 */
import { giveTallFigures, takeTallFigures } from '../write/pdfmake-float.js';
import { keepShapedWords, packShapedWords } from '../write/pdfmake-fonts.js';
import { giveBalanceSteps, takeBalanceSteps, type KeptSetting } from '../write/pdfmake-balance.js';
import type { ShapedPack } from '../write/shaped-pack.js';

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
