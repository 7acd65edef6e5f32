/** Bytes kept within a bound (text/bounded.ts): what a long session keeps between documents. */
import { expect, test } from 'vitest';
import { BoundedBytes } from '../src/text/bounded.js';

const bytes = (n: number): Uint8Array => new Uint8Array(n);

test('past its bound the oldest go first; one asked for fresh goes last', () => {
  const kept = new BoundedBytes<Uint8Array>(10);
  kept.keep('a', bytes(4));
  kept.keep('b', bytes(4));
  expect(kept.get('a', true)).toHaveLength(4);
  kept.keep('c', bytes(4));
  expect(['a', 'b', 'c'].map((k) => kept.has(k))).toEqual([true, false, true]);
  // Asked for without `fresh`, the order stays: `a` is the oldest now.
  expect(kept.get('a')).toHaveLength(4);
  kept.keep('d', bytes(4));
  expect(['a', 'c', 'd'].map((k) => kept.has(k))).toEqual([false, true, true]);
  expect(kept.count).toBe(2);
});

test('the first value kept for a key stays, and one larger than the bound is not kept', () => {
  const kept = new BoundedBytes<Uint8Array>(10);
  kept.keep('a', new Uint8Array([1]));
  kept.keep('a', new Uint8Array([2]));
  expect(kept.get('a')).toEqual(new Uint8Array([1]));
  kept.keep('huge', bytes(11));
  expect([kept.has('huge'), kept.has('a')]).toEqual([false, true]);
});
