/** The PDFs a build server's worker wrote on a save, kept for the build that asks for them. */
import { describe, expect, test } from 'vitest';
import { anyMade, isMade, keepMade, takeMade } from '../src/pipeline/made-ahead.js';

const MB = 1024 * 1024;

describe('PDFs written ahead', () => {
  test('are found by the key of their document, as a copy the caller may move to another thread', () => {
    expect(anyMade()).toBe(false);
    const bytes = new Uint8Array([37, 80, 68, 70]);
    keepMade('a', bytes);
    expect(anyMade()).toBe(true);
    expect(isMade('a')).toBe(true);
    expect(takeMade('b')).toBeUndefined();
    const taken = takeMade('a');
    expect(taken).toEqual(bytes);
    expect(taken?.buffer).not.toBe(bytes.buffer);
    expect(taken?.byteLength).toBe(taken?.buffer.byteLength);
    // Taken again: still there (a second build of the same content finds it too).
    expect(takeMade('a')).toEqual(bytes);
  });

  test('the first kept for a key stays; past 32 MB the oldest go first', () => {
    keepMade('a', new Uint8Array([37, 80, 68, 70]));
    keepMade('c', new Uint8Array([1]));
    keepMade('c', new Uint8Array([2]));
    expect(takeMade('c')).toEqual(new Uint8Array([1]));
    keepMade('big1', new Uint8Array(12 * MB));
    keepMade('big2', new Uint8Array(12 * MB));
    expect(isMade('a')).toBe(true);
    keepMade('big3', new Uint8Array(12 * MB));
    expect(['a', 'c', 'big1'].map(isMade)).toEqual([false, false, false]);
    expect(['big2', 'big3'].map(isMade)).toEqual([true, true]);
    // One larger than the whole store is not kept, and drops nothing.
    keepMade('huge', new Uint8Array(33 * MB));
    expect(['huge', 'big2', 'big3'].map(isMade)).toEqual([false, true, true]);
  });
});
