/**
 * PDFs a build server's worker wrote on a save, before any build asked for them
 * (cli/serve-ahead.ts), by the key of the document each was written from
 * (write/pdf.ts: `documentKey`). A build that then composes the same document takes the
 * bytes kept here instead of writing it again: the same content gives the same bytes.
 */

/** At most this many bytes kept; the oldest go first (a PDF of the example: 0.1–0.4 MB). */
const LIMIT = 32 * 1024 * 1024;
const made = new Map<string, Uint8Array>();
let size = 0;

export function keepMade(key: string, bytes: Uint8Array): void {
  if (made.has(key) || bytes.byteLength > LIMIT) return;
  made.set(key, bytes);
  size += bytes.byteLength;
  for (const [oldest, kept] of made) {
    if (size <= LIMIT) break;
    made.delete(oldest);
    size -= kept.byteLength;
  }
}

/** Whether anything is kept: a worker that has written nothing ahead looks for nothing. */
export const anyMade = (): boolean => made.size > 0;

export const isMade = (key: string): boolean => made.has(key);

/** A copy of the bytes written ahead for this document, if any: the caller may move it to another thread. */
export function takeMade(key: string): Uint8Array | undefined {
  const kept = made.get(key);
  return kept && new Uint8Array(kept);
}
