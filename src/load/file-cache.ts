/**
 * What a file held when this thread last read it, by its real path and its stat (inode,
 * size, times of modification and of change), as git's index knows a file unchanged
 * without reading it. `watch` reads every file of the workspace on each save (the content,
 * then the translations' checks the same files again), and opening, reading, decoding and
 * hashing them took about 10 ms of a save in which one file changed.
 *
 * A time of change is as fine as the file system's clock (a few milliseconds here, two
 * seconds on FAT): a file changed again within the same tick, to the same size, keeps its
 * stat. So only files changed well before they were read are kept (as git treats a file
 * changed as late as its index as "racily clean"): a later change then shows in the stat.
 * Like git's, this trusts the file system's clock to agree with this machine's within that
 * margin (a network share whose server runs behind could defeat it).
 */
import type { Stats } from 'node:fs';

export interface KnownFile {
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The text, once decoded (read.ts). */
  text?: string;
}

/** How long before it is read a file must have last changed for its stat to be trusted. */
const SETTLED_MS = 2000;
/** Bytes read kept at most (their decoded texts take about as much again): past this the thread starts afresh. */
const KEPT_BYTES = 64 * 1024 * 1024;

const known = new Map<string, { readonly key: string; readonly file: KnownFile }>();
let keptBytes = 0;

const keyOf = (s: Stats): string => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

/** The file as read before, if its stat is the same as then. */
export function knownFile(real: string, stat: Stats): KnownFile | undefined {
  const hit = known.get(real);
  return hit && hit.key === keyOf(stat) ? hit.file : undefined;
}

/** Keeps what was read (`readAt`: just before its bytes were read), if it had settled by then. */
export function keepFile(real: string, stat: Stats, file: KnownFile, readAt = Date.now()): void {
  if (readAt - Math.max(stat.mtimeMs, stat.ctimeMs) < SETTLED_MS) return;
  const before = known.get(real);
  if (before) keptBytes -= before.file.bytes.length;
  if (keptBytes + file.bytes.length > KEPT_BYTES) {
    known.clear();
    keptBytes = 0;
  }
  known.set(real, { key: keyOf(stat), file });
  keptBytes += file.bytes.length;
}
