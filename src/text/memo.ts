/**
 * Results of pure functions (a Markdown text parsed, a YAML file parsed, a translation
 * checked against the glossary), kept under a key made of everything the result depends
 * on. `watch` keeps them in memory from one save to the next; `build` keeps them on disk
 * between runs (pipeline/memo-file.ts). A result is never shared: each hit is a fresh
 * copy, so a caller may change what it gets, and a result comes out exactly as it was
 * computed (the V8 serializer keeps every plain value, undefined and -0 included).
 *
 * Correctness rests on the key: it must name every input of the function, and the code
 * of the function itself is covered by the fingerprint of the stored file.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

interface Entry {
  readonly bytes: Buffer;
  /** Asked for since the last `startRound`: kept when the store is written. */
  used: boolean;
}

const entries = new Map<string, Entry>();
let changed = false;
let enabled = true;

/** The key of a kind of result and its inputs; the inputs are named in full, in order. */
function keyOf(kind: string, inputs: readonly unknown[]): string {
  return `${kind}:${createHash('sha256').update(JSON.stringify(inputs)).digest('base64url')}`;
}

/**
 * `compute()`'s result, or a copy of the one computed earlier for the same inputs. A
 * result the serializer cannot copy (a function inside) is returned and not kept.
 */
export function memo<T>(kind: string, inputs: readonly unknown[], compute: () => T): T {
  if (!enabled) return compute();
  const key = keyOf(kind, inputs);
  const hit = entries.get(key);
  if (hit) {
    hit.used = true;
    return deserialize(hit.bytes) as T;
  }
  const value = compute();
  let bytes: Buffer;
  try {
    bytes = serialize(value);
  } catch {
    return value;
  }
  entries.set(key, { bytes, used: true });
  changed = true;
  return value;
}

/** Turns the store off (every call computes) or on again; tests compare both. */
export function setMemoEnabled(on: boolean): void {
  enabled = on;
  if (!on) entries.clear();
}

/** Starts a build: what it does not ask for is dropped when the store is next taken. */
export function startRound(): void {
  for (const e of entries.values()) e.used = false;
}

/** Entries read from disk (see memo-file.ts); those already here are kept. */
export function addEntries(stored: ReadonlyMap<string, Buffer>): void {
  for (const [key, bytes] of stored) if (!entries.has(key)) entries.set(key, { bytes, used: false });
}

/**
 * The entries the last round used, and whether they differ from what was added from disk
 * (something new computed, or something unused dropped). Unused entries leave memory too,
 * so a long `watch` session keeps only what its workspace needs now.
 */
export function takeEntries(): { entries: Map<string, Buffer>; changed: boolean } {
  let dropped = false;
  for (const [key, e] of entries)
    if (!e.used) {
      entries.delete(key);
      dropped = true;
    }
  const result = { entries: new Map([...entries].map(([k, e]) => [k, e.bytes])), changed: changed || dropped };
  changed = false;
  return result;
}
