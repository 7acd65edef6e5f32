/**
 * Words shaped by HarfBuzz (harfbuzzjs, WebAssembly) instead of fontkit: the same glyphs
 * and positions, four to nine times sooner. A cold build's PDF worker shaped every word
 * of a language with fontkit, about a sixth of its time.
 *
 * Checked against fontkit for every word of the content, the interface strings and the
 * test fixtures, in the four Roboto faces: the same glyph ids, the same code points per
 * glyph and the same positions (tests/shaper.test.ts). Where the two would tell
 * a glyph's code points differently (a combining mark or a format character such as a
 * joiner or a soft hyphen, which HarfBuzz keeps in one cluster with its neighbour), a lone
 * surrogate, or a glyph that shares its cluster, the word is left to fontkit: `shape`
 * answers undefined.
 */
import type * as Harfbuzz from 'harfbuzzjs';
import { importModule } from '../runtime/code-cache.js';

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };

/** A word as HarfBuzz shaped it, in font units. */
export interface ShapedWord {
  readonly ids: readonly number[];
  readonly codePoints: readonly (readonly number[])[];
  readonly positions: readonly Position[];
}

let hb: typeof Harfbuzz | undefined;
let loading: Promise<void> | undefined;
let buffer: Harfbuzz.Buffer | undefined;
const fonts = new WeakMap<Uint8Array, Harfbuzz.Font>();

/** Loads HarfBuzz in this thread, once. If it cannot be loaded, fontkit shapes every word. */
export function loadShaper(): Promise<void> {
  loading ??= importModule<typeof Harfbuzz>('harfbuzzjs').then(
    (m) => {
      hb = m;
    },
    () => undefined,
  );
  return loading;
}

/**
 * Words HarfBuzz and fontkit would give different code points for (a mark or a format
 * character), or different glyphs (a lone surrogate: HarfBuzz draws U+FFFD, fontkit none).
 */
const clustered = /[\p{M}\p{Cf}\p{Cs}]/u;

function fontOf(h: typeof Harfbuzz, bytes: Uint8Array): Harfbuzz.Font {
  let font = fonts.get(bytes);
  if (!font) {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    font = new h.Font(new h.Face(new h.Blob(copy)));
    fonts.set(bytes, font);
  }
  return font;
}

/**
 * A word of nothing but characters a reader never sees (a zero-width space: the PDF writer
 * anchors each chart's destination on one): fontkit draws each as the face's space with no
 * advance, its code point the space's (its `hideDefaultIgnorables`, over the characters its
 * `isDefaultIgnorable` names). Given to fontkit, such a word made it parse the face's
 * substitution and positioning tables, about 25 ms of a PDF worker's first briefing.
 * Not the variation selectors (U+FE00–FE0F): fontkit joins one to the character before it,
 * or drops it, so a word with one is not a glyph a character.
 */
const IGNORABLE: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x17b4, 0x17b5],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff0, 0xfff8],
];

/** Whether every character of `text` is one of them (all are in the BMP: one UTF-16 unit each). */
function onlyIgnorable(text: string): boolean {
  if (!text) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xad || !IGNORABLE.some(([from, to]) => c >= from && c <= to)) return false;
  }
  return true;
}

function hidden(bytes: Uint8Array, text: string): ShapedWord | undefined {
  const space = shape(bytes, ' ');
  if (space?.ids.length !== 1) return undefined;
  return {
    ids: [...text].map(() => space.ids[0]!),
    codePoints: [...text].map(() => [0x20]),
    positions: [...text].map(() => ({ xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 })),
  };
}

/** The word shaped with the face in `bytes` (a font file), or undefined: then fontkit shapes it. */
export function shape(bytes: Uint8Array, text: string): ShapedWord | undefined {
  const h = hb;
  if (h && onlyIgnorable(text)) return hidden(bytes, text);
  if (!h || clustered.test(text)) return undefined;
  const b = (buffer ??= new h.Buffer());
  b.reset();
  b.addText(text);
  b.guessSegmentProperties();
  h.shape(fontOf(h, bytes), b);
  const infos = b.getGlyphInfos();
  const positions = b.getGlyphPositions();
  const ids: number[] = [];
  const codePoints: number[][] = [];
  let missing: string | undefined;
  for (let i = 0; i < infos.length; i++) {
    const start = infos[i]!.cluster;
    const end = i + 1 < infos.length ? infos[i + 1]!.cluster : text.length;
    // Left to right, one glyph per cluster: else fontkit says which code points are whose.
    if (end <= start) return undefined;
    const points = [...text.slice(start, end)].map((c) => c.codePointAt(0)!);
    // Characters the font lacks share its glyph 0, which fontkit gives the code points of the
    // first of them: a word with two different ones is left to it (Georgian, say).
    if (infos[i]!.codepoint === 0) {
      if (missing !== undefined && missing !== points.join()) return undefined;
      missing = points.join();
    }
    ids.push(infos[i]!.codepoint);
    codePoints.push(points);
  }
  return {
    ids,
    codePoints,
    positions: positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    })),
  };
}

/**
 * How wide `text` is set in the face in `bytes`, in ems, or undefined where `shape` answers
 * undefined: then fontkit measures it. The charts measure their labels with it (charts/
 * text-metrics.ts), without loading fontkit in a thread that writes no PDF.
 */
export function advance(bytes: Uint8Array, text: string): number | undefined {
  const word = shape(bytes, text);
  if (!word || !hb) return undefined;
  let units = 0;
  for (const p of word.positions) units += p.xAdvance;
  return units / fontOf(hb, bytes).face.upem;
}
