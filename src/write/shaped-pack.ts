/**
 * Shaped words kept from one build for the next (see pdfmake-fonts.ts): a face's words,
 * and the numbers fontkit gave for each, in one array of whole numbers. A Kazakh text
 * edited in one document made a new process shape all its words again (about 0.2 s of
 * its 0.6 s PDF); read back, a word comes out as the same run its shaping gave.
 *
 * One word, in font units: its glyph count, then per glyph its id, advance width,
 * the four position values fontkit gives (x and y advance, x and y offset), and its code
 * points (count first). Only words whose numbers are all whole are kept.
 */

/** The shaped words of one face, by font file. */
export interface ShapedFace {
  readonly file: string;
  /** The words, each followed by a NUL. */
  readonly words: string;
  readonly data: Int32Array;
}

export type ShapedPack = readonly ShapedFace[];

interface GlyphIds {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advanceWidth: number;
}

const POSITION_KEYS = ['xAdvance', 'yAdvance', 'xOffset', 'yOffset'] as const;

/** One word's numbers, or undefined when fontkit gave other fields or numbers that are not whole. */
export function wordNumbers(
  glyphs: readonly GlyphIds[],
  positions: readonly Record<string, number>[],
): number[] | undefined {
  const out = [glyphs.length];
  for (const [i, g] of glyphs.entries()) {
    const p = positions[i];
    const keys = p ? Object.keys(p) : [];
    if (!p || keys.length !== 4 || keys.some((k, j) => k !== POSITION_KEYS[j])) return undefined;
    out.push(g.id, g.advanceWidth, p.xAdvance!, p.yAdvance!, p.xOffset!, p.yOffset!, g.codePoints.length);
    out.push(...g.codePoints);
  }
  return out.every(Number.isSafeInteger) && out.every((n) => n >= -0x80000000 && n <= 0x7fffffff)
    ? out
    : undefined;
}

/** Where the word starting at `at` ends. */
function wordEnd(data: Int32Array, at: number): number {
  let i = at + 1;
  for (let g = data[at] ?? 0; g > 0; g--) i += 7 + (data[i + 6] ?? 0);
  return i;
}

/** Each word of a packed face and its numbers (a view of the array, not a copy). */
export function unpackFace(face: ShapedFace): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  const words = face.words.split('\0');
  let at = 0;
  for (const word of words.slice(0, -1)) {
    const end = wordEnd(face.data, at);
    if (end > face.data.length) break;
    out.set(word, face.data.subarray(at, end));
    at = end;
  }
  return out;
}

/** Packs from several threads as one: each face's words, the first numbers found for each. */
export function mergePacks(packs: readonly ShapedPack[]): ShapedPack {
  const faces = new Map<string, Map<string, ArrayLike<number>>>();
  for (const pack of packs)
    for (const face of pack) {
      const words = faces.get(face.file) ?? new Map<string, ArrayLike<number>>();
      for (const [word, numbers] of unpackFace(face)) if (!words.has(word)) words.set(word, numbers);
      faces.set(face.file, words);
    }
  return [...faces].map(([file, words]) => packFace(file, words));
}

/** A face's words and their numbers, packed. */
export function packFace(file: string, words: ReadonlyMap<string, ArrayLike<number>>): ShapedFace {
  let length = 0;
  const kept: [string, ArrayLike<number>][] = [];
  for (const entry of words)
    if (!entry[0].includes('\0')) {
      kept.push(entry);
      length += entry[1].length;
    }
  const data = new Int32Array(length);
  let at = 0;
  for (const [, numbers] of kept) {
    data.set(numbers, at);
    at += numbers.length;
  }
  return { file, words: kept.map(([w]) => `${w}\0`).join(''), data };
}

/**
 * The glyphs and positions of a word, in font units, from its numbers: what fontkit gave.
 * Plain loops: a build after an edit reads every word of its document back this way, on the
 * way to its PDF.
 */
export function runOf(numbers: ArrayLike<number>): {
  glyphs: GlyphIds[];
  positions: Record<string, number>[];
} {
  const count = numbers[0] ?? 0;
  const glyphs: GlyphIds[] = [];
  const positions: Record<string, number>[] = [];
  let i = 1;
  for (let g = 0; g < count; g++) {
    const points = numbers[i + 6] ?? 0;
    const codePoints: number[] = [];
    for (let c = 0; c < points; c++) codePoints.push(numbers[i + 7 + c] ?? 0);
    glyphs.push({ id: numbers[i] ?? 0, codePoints, advanceWidth: numbers[i + 1] ?? 0 });
    positions.push({
      xAdvance: numbers[i + 2] ?? 0,
      yAdvance: numbers[i + 3] ?? 0,
      xOffset: numbers[i + 4] ?? 0,
      yOffset: numbers[i + 5] ?? 0,
    });
    i += 7 + points;
  }
  return { glyphs, positions };
}
