/**
 * PDFs a build server's worker wrote on a save, before any build asked for them
 * (cli/serve-ahead.ts), by the key of the document each was written from
 * (write/pdf.ts: `documentKey`). A build that then composes the same document takes the
 * bytes kept here instead of writing it again: the same content gives the same bytes.
 */
import { BoundedBytes } from '../text/bounded.js';

/** At most 32 MB kept; the oldest go first (a PDF of the example: 0.1–0.4 MB). */
const made = new BoundedBytes<Uint8Array>(32 * 1024 * 1024);

export const keepMade = (key: string, bytes: Uint8Array): void => made.keep(key, bytes);

/** Whether anything is kept: a worker that has written nothing ahead looks for nothing. */
export const anyMade = (): boolean => made.count > 0;

export const isMade = (key: string): boolean => made.has(key);

/** A copy of the bytes written ahead for this document, if any: the caller may move it to another thread. */
export function takeMade(key: string): Uint8Array | undefined {
  const kept = made.get(key);
  return kept && new Uint8Array(kept);
}
