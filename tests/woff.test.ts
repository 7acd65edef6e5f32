/**
 * The chart fonts of an HTML page are WOFF made here from harfbuzz's TrueType subset
 * (src/fonts/woff.ts): every table comes back byte for byte, and a font reader sees the
 * same font.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { ttfToWoff } from '../src/fonts/woff.js';
import { roboto } from '../src/fonts/roboto.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as {
  create(b: Buffer): {
    type: string;
    numGlyphs: number;
    glyphForCodePoint(c: number): { id: number; advanceWidth: number };
  };
};

/** Tag → table bytes of a TrueType font. */
function ttfTables(ttf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < ttf.readUInt16BE(4); i++) {
    const at = 12 + i * 16;
    const offset = ttf.readUInt32BE(at + 8);
    out.set(ttf.toString('latin1', at, at + 4), ttf.subarray(offset, offset + ttf.readUInt32BE(at + 12)));
  }
  return out;
}

/** Tag → table bytes of a WOFF font, read as the specification lays it out. */
function woffTables(woff: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < woff.readUInt16BE(12); i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    expect(offset % 4).toBe(0);
    const stored = woff.subarray(offset, offset + woff.readUInt32BE(at + 8));
    const length = woff.readUInt32BE(at + 12);
    out.set(woff.toString('latin1', at, at + 4), stored.length < length ? inflateSync(stored) : stored);
  }
  return out;
}

describe('WOFF from a TrueType subset', () => {
  const text = 'Қаңтар 2022: Алматы, Almaty — 225 адам; ӘҒҚҢӨҰҮҺІ';

  test('keeps every table and reads as the same font', async () => {
    const ttf = await subsetFont(readFileSync(roboto.normal), text, { targetFormat: 'truetype' });
    const woff = ttfToWoff(ttf);
    expect(woff.toString('latin1', 0, 4)).toBe('wOFF');
    expect(woff.readUInt32BE(8)).toBe(woff.length);
    const tags = [...woffTables(woff).keys()];
    expect(tags).toEqual([...tags].sort());
    expect(woffTables(woff)).toEqual(ttfTables(ttf));
    // Smaller than the TrueType it holds.
    expect(woff.length).toBeLessThan(ttf.length);

    const a = fontkit.create(ttf);
    const b = fontkit.create(woff);
    expect(b.type).toBe('WOFF');
    expect(b.numGlyphs).toBe(a.numGlyphs);
    for (const ch of new Set(text)) {
      const code = ch.codePointAt(0)!;
      expect(b.glyphForCodePoint(code).id).toBe(a.glyphForCodePoint(code).id);
      expect(b.glyphForCodePoint(code).advanceWidth).toBe(a.glyphForCodePoint(code).advanceWidth);
    }
  });
});
