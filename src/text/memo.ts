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
import { hash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

interface Entry {
  readonly bytes: Buffer;
  /** Builds (`startRound`) since it was last asked for: 0 when this one asked. */
  age: number;
}

/**
 * A result no build asked for in this many builds is dropped: a build of one project or
 * one language keeps the others' results, a long `watch` session forgets old versions.
 */
const MAX_AGE = 10;

const entries = new Map<string, Entry>();
/** Bytes held: a process that never stores (a test run, a fuzz run) stays within bounds too. */
let held = 0;
const MAX_BYTES = 256 * 1024 * 1024;
let changed = false;
let enabled = true;

/** The key of a kind of result and its inputs; the inputs are named in full, in order. */
function keyOf(kind: string, inputs: readonly unknown[]): string {
  return `${kind}:${hash('sha256', JSON.stringify(inputs), 'base64url')}`;
}

/** A copy of the result kept for these inputs, if any. */
export function peek<T>(kind: string, inputs: readonly unknown[]): T | undefined {
  if (!enabled) return undefined;
  const hit = entries.get(keyOf(kind, inputs));
  if (!hit) return undefined;
  hit.age = 0;
  return deserialize(hit.bytes) as T;
}

/** Keeps a result for these inputs; one the serializer cannot copy (a function inside) is not kept. */
export function keep(kind: string, inputs: readonly unknown[], value: unknown): void {
  if (!enabled) return;
  let bytes: Buffer;
  try {
    bytes = serialize(value);
  } catch {
    return;
  }
  const key = keyOf(kind, inputs);
  drop(key);
  entries.set(key, { bytes, age: 0 });
  held += bytes.length;
  changed = true;
  // The earliest kept go first.
  for (const first of entries.keys()) {
    if (held <= MAX_BYTES) break;
    drop(first);
  }
}

/** `compute()`'s result, or a copy of the one computed earlier for the same inputs. */
export function memo<T>(kind: string, inputs: readonly unknown[], compute: () => T): T {
  if (!enabled) return compute();
  const hit = peek<T>(kind, inputs);
  if (hit !== undefined) return hit;
  const value = compute();
  keep(kind, inputs, value);
  return value;
}

/**
 * `memo` for results that take a while: a failure is not kept (the next run tries again),
 * nor a result `keepIf` refuses.
 */
export async function memoAsync<T>(
  kind: string,
  inputs: readonly unknown[],
  compute: () => Promise<T>,
  keepIf: (value: T) => boolean = () => true,
): Promise<T> {
  const hit = peek<T>(kind, inputs);
  if (hit !== undefined) return hit;
  const value = await compute();
  if (keepIf(value)) keep(kind, inputs, value);
  return value;
}

function drop(key: string): void {
  const e = entries.get(key);
  if (!e) return;
  held -= e.bytes.length;
  entries.delete(key);
}

/** Turns the store off (every call computes) or on again; tests compare both. */
export function setMemoEnabled(on: boolean): void {
  enabled = on;
  if (!on) {
    entries.clear();
    held = 0;
  }
}

/** Starts a build: every result ages by one until it is asked for. */
export function startRound(): void {
  for (const e of entries.values()) e.age++;
}

/** A kept result and its age, as stored on disk (see memo-file.ts). */
export type StoredEntry = readonly [bytes: Buffer, age: number];

/** Entries read from disk; those already here are kept. */
export function addEntries(stored: ReadonlyMap<string, StoredEntry>): void {
  for (const [key, [bytes, age]] of stored)
    if (!entries.has(key)) {
      entries.set(key, { bytes, age });
      held += bytes.length;
    }
}

/**
 * The entries to store, and whether they differ from what was added from disk (something
 * new computed, or something too old dropped: here too, so memory stays bounded). When
 * nothing else changed, ages alone do not call for a write: on disk they stay younger.
 */
export function takeEntries(): { entries: Map<string, StoredEntry>; changed: boolean } {
  let dropped = false;
  for (const [key, e] of entries)
    if (e.age > MAX_AGE) {
      drop(key);
      dropped = true;
    }
  const result = {
    entries: new Map([...entries].map(([k, e]): [string, StoredEntry] => [k, [e.bytes, e.age]])),
    changed: changed || dropped,
  };
  changed = false;
  return result;
}
