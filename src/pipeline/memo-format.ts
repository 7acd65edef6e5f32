/**
 * The memo store's file: a header, the fingerprint, then each entry as its key, its age and
 * its bytes, each preceded by its length. Written as pieces (each entry's bytes as they are
 * kept: memo-file.ts writes them one after another) and read as views of the file's bytes.
 * `v8.serialize` wrote the same 2,703 entries of the example (5.9 MB) in 20–26 ms and read
 * them in 5–14, each entry's bytes a call back into JavaScript.
 *
 * Read strictly: anything but a whole file of this layout (cut short, zeroed, another
 * layout, trailing bytes) is not a store, and the caller starts empty.
 */
import type { StoredEntry } from '../text/memo.js';

const MAGIC = Buffer.from('briefing memo\n', 'latin1');
/** Changed when the layout changes. */
const LAYOUT = 3;

export interface Store {
  readonly fingerprint: string;
  readonly entries: ReadonlyMap<string, StoredEntry>;
}

/**
 * The file's bytes as pieces, in order: each entry's bytes are the kept buffer itself, not a
 * copy. Encoding the example's 5.9 MB into one buffer and writing it took 46 ms in a process
 * of its own, writing these pieces 26: the copy's fresh pages cost more than the copy.
 */
export function storePieces({ fingerprint, entries }: Store): Uint8Array[] {
  const texts = [fingerprint, ...entries.keys()].map((t) => Buffer.from(t, 'utf8'));
  // The lengths, ages and keys: one small buffer, viewed piece by piece between the entries' bytes.
  let size = MAGIC.length + 4 + 4 + 4 + texts[0]!.length;
  for (const t of texts.slice(1)) size += 4 + t.length + 8;
  const small = Buffer.allocUnsafe(size);
  const pieces: Uint8Array[] = [];
  let from = 0;
  let at = MAGIC.copy(small, 0);
  at = small.writeUInt32LE(LAYOUT, at);
  const text = (t: Buffer): void => {
    at = small.writeUInt32LE(t.length, at);
    at += t.copy(small, at);
  };
  text(texts[0]!);
  at = small.writeUInt32LE(entries.size, at);
  let i = 1;
  for (const [bytes, age] of entries.values()) {
    text(texts[i++]!);
    at = small.writeUInt32LE(age, at);
    at = small.writeUInt32LE(bytes.length, at);
    pieces.push(small.subarray(from, at));
    from = at;
    if (bytes.length) pieces.push(bytes);
  }
  if (from < at) pieces.push(small.subarray(from, at));
  return pieces;
}

/** The whole file in one buffer. */
export const encodeStore = (store: Store): Buffer => Buffer.concat(storePieces(store));

/** The store in `file`, or undefined when it is not one whole. */
export function decodeStore(file: Buffer): Store | undefined {
  let at = 0;
  const need = (n: number): boolean => n >= 0 && at + n <= file.length;
  const u32 = (): number | undefined => {
    if (!need(4)) return undefined;
    const n = file.readUInt32LE(at);
    at += 4;
    return n;
  };
  const slice = (n: number | undefined): Buffer | undefined => {
    if (n === undefined || !need(n)) return undefined;
    const b = file.subarray(at, at + n);
    at += n;
    return b;
  };
  if (!need(MAGIC.length) || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  at = MAGIC.length;
  if (u32() !== LAYOUT) return undefined;
  const fingerprint = slice(u32())?.toString('utf8');
  const count = u32();
  if (fingerprint === undefined || count === undefined) return undefined;
  const entries = new Map<string, StoredEntry>();
  for (let i = 0; i < count; i++) {
    const key = slice(u32())?.toString('utf8');
    const age = u32();
    const bytes = slice(u32());
    if (key === undefined || age === undefined || bytes === undefined) return undefined;
    entries.set(key, [bytes, age]);
  }
  return at === file.length ? { fingerprint, entries } : undefined;
}
