/**
 * What a PDF writer learns in one build that saves the next one time, kept between runs
 * in the memo store (build.ts): the figures found taller than a page (laid out split from
 * the start, write/pdfmake-float.ts) and the words already shaped (write/shaped-pack.ts).
 * Each only saves time: a document's bytes are the same with it or without.
 */
import { giveTallFigures, takeTallFigures } from '../write/pdfmake-float.js';
import { keepShapedWords, packShapedWords } from '../write/pdfmake-fonts.js';
import type { ShapedPack } from '../write/shaped-pack.js';

export interface Known {
  readonly figures: readonly string[];
  readonly shaped?: ShapedPack;
}

/** Tells this thread's PDF writer what earlier runs learned. */
export function tellKnown(known: Known): void {
  giveTallFigures(known.figures);
  if (known.shaped) keepShapedWords(known.shaped);
}

/** What this thread's PDF writer learned since it was last asked. */
export function whatWasLearned(): Known {
  const shaped = packShapedWords();
  return { figures: takeTallFigures(), ...(shaped ? { shaped } : {}) };
}
