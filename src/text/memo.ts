/**
 * Results of pure functions (a Markdown text parsed, a YAML file parsed, a translation
 * checked against the glossary), kept under a key made of everything the result depends
 * on. `watch` keeps them in memory from one save to the next; `build` keeps them on disk
 * between runs (pipeline/memo-file.ts). A hit is a fresh copy, so a caller may change
 * what it gets, or, in a long session (`shareResults`), one copy shared and frozen; either
 * way a result comes out exactly as it was computed (the V8 serializer keeps every plain
 * value, undefined and -0 included).
 *
 * Correctness rests on the key: it must name every input of the function, and the code
 * of the function itself is covered by the fingerprint of the stored file.
 */
import { hash } from 'node:crypto';
import { isMap, isSet } from 'node:util/types';
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
function hashKey(kind: string, inputs: readonly unknown[]): string {
  return `${kind}:${hash('sha256', JSON.stringify(inputs), 'base64url')}`;
}

/**
 * Keys of inputs that end in a long text (a file's, most often), by that text and the rest:
 * `watch` asks on every save for the results of every unchanged file, and hashing their
 * texts again for the keys took 4–6 ms of each save. A text is found in a Map by its
 * characters, as the hash is, so a key found here is the key `hashKey` gives.
 */
const keysByText = new Map<string, Map<string, string>>();
let keyedChars = 0;
const LONG_TEXT = 1024;
const KEYED_CHARS = 4 * 1024 * 1024;

function keyOf(kind: string, inputs: readonly unknown[]): string {
  const text = inputs[inputs.length - 1];
  if (typeof text !== 'string' || text.length < LONG_TEXT) return hashKey(kind, inputs);
  const rest = `${kind}\u0000${JSON.stringify(inputs.slice(0, -1))}`;
  let byRest = keysByText.get(text);
  let key = byRest?.get(rest);
  if (key === undefined) {
    key = hashKey(kind, inputs);
    if (!byRest) {
      if (keyedChars + text.length > KEYED_CHARS) {
        keysByText.clear();
        keyedChars = 0;
      }
      keysByText.set(text, (byRest = new Map()));
      keyedChars += text.length;
    }
    byRest.set(rest, key);
  }
  return key;
}

/**
 * Results handed out frozen and shared instead of copied, by key: in a long session
 * (`watch`) every save asks again for nearly every result of the last one, and copying
 * them out was 13 ms of each save's load. Frozen, a caller that changes one fails at once
 * instead of changing what the next caller gets.
 */
let shared: Map<string, unknown> | undefined;

/** Hands results out shared and frozen from now on (see `shared`), or copied again. */
export function shareResults(on: boolean): void {
  shared = on ? new Map() : undefined;
}

const refuse = (): never => {
  throw new TypeError('a shared result of the memo store cannot be changed');
};

/** The value and everything it holds, frozen (a Map's or Set's entries too); returns it. */
function deepFreeze<T>(value: T): T {
  // Typed arrays cannot be frozen: they stay writable, and are only read (write/shaped-pack.ts).
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value))
    return value;
  // By the tag, not instanceof: the deserializer may make them in another realm (a test's).
  const changes = isMap(value) ? ['set', 'delete', 'clear'] : isSet(value) ? ['add', 'delete', 'clear'] : [];
  for (const method of changes) Object.defineProperty(value, method, { value: refuse });
  Object.freeze(value);
  if (isMap(value))
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
  else if (isSet(value)) for (const v of value) deepFreeze(v);
  else for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** The entry kept under this key, if any, made young again: a build asked for it. */
function asked(key: string): Entry | undefined {
  const hit = enabled ? entries.get(key) : undefined;
  if (hit) hit.age = 0;
  return hit;
}

/** The result kept for these inputs, if any: a copy, or the shared frozen one (`shareResults`). */
export function peek<T>(kind: string, inputs: readonly unknown[]): T | undefined {
  const key = keyOf(kind, inputs);
  const hit = asked(key);
  if (!hit) return undefined;
  if (!shared) return deserialize(hit.bytes) as T;
  if (!shared.has(key)) shared.set(key, deepFreeze(deserialize(hit.bytes)));
  return shared.get(key) as T;
}

/**
 * The result kept for these inputs as the store holds it (v8-serialized), not read: for
 * a result another thread reads, so that this one neither reads nor copies it on the way.
 */
export function peekSerialized(kind: string, inputs: readonly unknown[]): Uint8Array | undefined {
  return asked(keyOf(kind, inputs))?.bytes;
}

/**
 * Keeps a result for these inputs; one the serializer cannot copy (a function inside) is
 * not kept. One that is cheap to compute again (`worthStoring` false) is stored with the
 * others when they are, but is no reason by itself to write the store file again.
 */
export function keep(kind: string, inputs: readonly unknown[], value: unknown, worthStoring = true): void {
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
  changed ||= worthStoring;
  // The earliest kept go first.
  for (const first of entries.keys()) {
    if (held <= MAX_BYTES) break;
    drop(first);
  }
}

/**
 * `compute()`'s result, or (a copy of) the one computed earlier for the same inputs;
 * `worthStoring` as for `keep`.
 */
export function memo<T>(kind: string, inputs: readonly unknown[], compute: () => T, worthStoring = true): T {
  if (!enabled) return compute();
  const hit = peek<T>(kind, inputs);
  if (hit !== undefined) return hit;
  const value = compute();
  keep(kind, inputs, value, worthStoring);
  return value;
}

/** `memo` for results that take a while: a failure is not kept (the next run tries again). */
export async function memoAsync<T>(
  kind: string,
  inputs: readonly unknown[],
  compute: () => Promise<T>,
): Promise<T> {
  const hit = peek<T>(kind, inputs);
  if (hit !== undefined) return hit;
  const value = await compute();
  keep(kind, inputs, value);
  return value;
}

/** Results still on their way (what PDF workers learned), kept as they arrive. */
const coming = new Set<Promise<void>>();

/** Keeps what `arriving` keeps once it settles; a failure keeps nothing. */
export function keepWhenReady(arriving: Promise<unknown>): void {
  const settled = arriving.then(
    () => undefined,
    () => undefined,
  );
  coming.add(settled);
  void settled.then(() => coming.delete(settled));
}

/** Waits until everything on its way is kept: before the store is saved. */
export async function allKept(): Promise<void> {
  await Promise.all([...coming]);
}

function drop(key: string): void {
  const e = entries.get(key);
  if (!e) return;
  held -= e.bytes.length;
  entries.delete(key);
  shared?.delete(key);
}

/** Turns the store off (every call computes) or on again; tests compare both. */
export function setMemoEnabled(on: boolean): void {
  enabled = on;
  if (!on) {
    entries.clear();
    shared?.clear();
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
