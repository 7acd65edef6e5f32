/**
 * A PDF's streams deflated once: a stream with the bytes of one deflated before is not
 * deflated again, and what is kept is what zlib makes of those bytes.
 */
import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { deflateKept } from '../src/write/pdfkit-streams.js';

describe('deflateKept', () => {
  test('gives the bytes zlib gives, and the kept ones for the same bytes again', () => {
    const page = Buffer.from('BT /F1 11 Tf 72 720 Td <0041> Tj ET\n'.repeat(400), 'latin1');
    const first = deflateKept(page);
    expect(first.equals(deflateSync(page))).toBe(true);
    expect(deflateKept(Buffer.from(page))).toBe(first);
    const other = Buffer.from(page);
    other[other.length - 2] = 0x42;
    expect(deflateKept(other).equals(deflateSync(other))).toBe(true);
  });

  test('keeps a bounded amount, the least recently used going first', () => {
    const early = Buffer.from('q 1 0 0 1 0 0 cm Q\n'.repeat(100), 'latin1');
    const kept = deflateKept(early);
    // Random bytes do not deflate smaller: 28 MB of them push the early stream out.
    for (let i = 0; i < 7; i++) deflateKept(randomBytes(4 * 1024 * 1024));
    const again = deflateKept(early);
    expect(again).not.toBe(kept);
    expect(again.equals(kept)).toBe(true);
  });
});
