/**
 * Fonts parsed once per thread, and words shaped once per thread, while every document
 * keeps the bytes it would have if it were the only one drawn.
 *
 * - pdfkit parses a font file again for every document (fontkit.create, then every table
 *   it reads). The parsed tables are read-only once made: the first document parses each
 *   face and every later one in this thread gets its own view of them (fontView).
 * - pdfkit shapes every word (fontkit's OpenType substitution and positioning) once per
 *   document and face: over half of a PDF's layout time, for words the other editions
 *   of the same language shaped already. Shaping a word is a pure function of the face
 *   and the word, so its result (glyph ids, code points, positions) is kept per thread.
 * - pdfkit makes each face's font file for every document from the glyphs it drew: a
 *   document written again with the same glyphs (a save in `watch`) takes the file made
 *   the time before (keepSubsetFiles).
 *
 * fontkit keeps each glyph object with the code points it was first asked for, and
 * pdfkit writes those into the PDF's text layer (ToUnicode): shared glyphs made a
 * document's bytes, and its copied text ("г." read as "г"), depend on the documents
 * drawn before it. So a document's glyphs are still its own view's (`getGlyph`), made
 * by the first word that uses them in this document, as when it was drawn alone.
 */
import { createRequire } from 'node:module';
import { deserialize } from 'node:v8';
import { packFace, runOf, unpackFace, wordNumbers, type ShapedFace, type ShapedPack } from './shaped-pack.js';
import { shape } from '../fonts/shaper.js';
import { quickSubsets } from './fontkit-subset.js';

interface GlyphIds {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advanceWidth: number;
}
interface Glyph extends GlyphIds {
  /** fontkit's metrics of the glyph, made when first asked for (decoding its outline). */
  _metrics?: object;
  _getMetrics(): object;
}
type Position = Record<string, number>;
interface Run {
  readonly glyphs: readonly GlyphIds[];
  readonly positions: readonly Position[];
  readonly advanceWidth: number;
}
/** The parts of a fontkit font used here. */
interface FontkitFont {
  _glyphs: Record<number, unknown>;
  createSubset(): FontSubset;
  /** The font file the face was parsed from. */
  readonly stream: { readonly buffer: Uint8Array };
  readonly _layoutEngine: object;
  getGlyph(id: number, codePoints?: readonly number[]): Glyph;
  layout(text: string): { glyphs: Glyph[]; positions: Position[] };
}
interface EmbeddedFont {
  readonly name?: string;
  readonly font: FontkitFont;
  readonly scale: number;
  layoutCache?: Record<string, Run>;
  layoutCached(text: string): Run;
  layoutRun(text: string, features: unknown): Run;
  layout(text: string, features?: unknown, onlyWidth?: boolean): LaidText;
  readonly constructor: new (doc: FontHolder, font: FontkitFont, id: string) => EmbeddedFont;
}
/** What pdfkit's EmbeddedFont.layout returns: glyphs and positions are null when only the width is asked for. */
interface LaidText {
  readonly glyphs: readonly GlyphIds[] | null;
  readonly positions: readonly Position[] | null;
  readonly advanceWidth: number;
}
interface FontHolder {
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont | undefined>;
  _font: EmbeddedFont | undefined;
}

/** The parsed face behind each view. */
const faces = new WeakMap<FontkitFont, FontkitFont>();

/** fontkit's subset of a face: the glyphs a document drew, in the order it first drew them. */
interface FontSubset {
  glyphs: number[];
  mapping: Record<number, number>;
  encode(): Uint8Array;
}

/** Subsets made before, per face, by their glyphs: their bytes and their glyphs after. */
const subsets = new WeakMap<FontkitFont, Map<string, { bytes: Uint8Array; glyphs: readonly number[] }>>();
/** Per face: a few documents' worth of each font's subset (20–60 KB each). */
const keptSubsets = 48;

/**
 * A subset's font file is made from the face and its list of glyphs alone (the outlines,
 * metrics and hinting of each): a document written again with the same glyphs in the same
 * order (`watch`, the build server) takes the bytes made the time before. Encoding adds the
 * parts of a compound glyph to the list, so the list after it is kept too.
 */
function keepSubsetFiles(subset: FontSubset, face: FontkitFont): FontSubset {
  const known = subsets.get(face) ?? new Map<string, { bytes: Uint8Array; glyphs: readonly number[] }>();
  subsets.set(face, known);
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = subset.glyphs.join(',');
    const hit = known.get(key);
    if (hit) {
      subset.glyphs = [...hit.glyphs];
      subset.mapping = Object.fromEntries(hit.glyphs.map((g, i) => [g, i]));
      return hit.bytes;
    }
    const bytes = encode();
    if (known.size >= keptSubsets) known.delete(known.keys().next().value ?? '');
    known.set(key, { bytes, glyphs: [...subset.glyphs] });
    return bytes;
  };
  return subset;
}

/** A view of a parsed font: the parsed tables are shared, the glyphs and the shaping state are its own. */
function fontView(parsed: FontkitFont): FontkitFont {
  const view = Object.create(parsed) as FontkitFont;
  view._glyphs = {};
  view.createSubset = function (this: FontkitFont) {
    const subset = parsed.createSubset.call(this);
    quickSubsets(subset);
    return keepSubsetFiles(subset, parsed);
  };
  const Engine = parsed._layoutEngine.constructor as new (font: FontkitFont) => object;
  // fontkit caches its layout engine on the font object: the view gets its own, made for it.
  Object.defineProperty(view, '_layoutEngine', { value: new Engine(view) });
  faces.set(view, parsed);
  return view;
}

/** Shaped words kept per face; past this many the face starts afresh (a watch session, a huge project). */
const keptWords = 50_000;

interface Shaper {
  /** A view used only to shape, each word with no glyph made before it. */
  readonly alone: FontkitFont;
  readonly words: Map<string, Run>;
  /**
   * A glyph's metrics by id: the same for every glyph object of the face, and costly
   * (without a vmtx table, fontkit decodes the outline for the top bearing).
   */
  readonly metrics: Map<number, object>;
  /** Words as numbers (shaped-pack.ts): kept from an earlier build, or packed here already. */
  readonly numbers: Map<string, ArrayLike<number>>;
  /** Words were shaped here since the last pack: one is worth keeping again. */
  grown: boolean;
  /** How many of `numbers` the cache already holds: those an earlier build kept, or the last pack. */
  stored: number;
}

/** The glyph, with the metrics already known for its id. */
function withMetrics(g: Glyph, metrics: Map<number, object>): Glyph {
  if (!g._metrics) {
    const known = metrics.get(g.id);
    if (known) g._metrics = known;
    else metrics.set(g.id, g._getMetrics());
  }
  return g;
}

const shapers = new WeakMap<FontkitFont, Shaper>();

function shaperFor(font: FontkitFont): Shaper {
  const face = faces.get(font) ?? font;
  let s = shapers.get(face);
  if (!s) {
    const alone = fontView(face);
    const metrics = new Map<number, object>();
    const getGlyph = alone.getGlyph;
    alone.getGlyph = (id, codePoints) => withMetrics(getGlyph.call(alone, id, codePoints), metrics);
    s = { alone, words: new Map(), metrics, numbers: new Map(), grown: false, stored: 0 };
    shapers.set(face, s);
  }
  return s;
}

/**
 * The word shaped on its own, positions in the document's units (as pdfkit's layoutRun).
 * Shaped by harfbuzz, its glyphs are ids, code points and advance widths, not fontkit's
 * glyph objects: a fresh one per glyph of every new word was a fifth of shaping. (A
 * document's own glyph objects are still made from them, by the first word that uses
 * each glyph, in layoutShared.)
 */
function shapeAlone(s: Shaper, text: string, scale: number): Run {
  s.grown = true;
  const quick = shape(s.alone.stream.buffer, text);
  if (quick) {
    const glyphs = quick.ids.map((id, i) => ({
      id,
      codePoints: quick.codePoints[i]!,
      // The shaping view's glyph of that id, kept across words here, with its metrics by id.
      advanceWidth: s.alone.getGlyph(id).advanceWidth,
    }));
    // Its numbers for the store made now, from HarfBuzz's own whole numbers, while this code
    // is warm: made for every word at the end of a cold build, they took the PDF worker
    // 80–150 ms after its last PDF, which the build waited for (packShapedWords).
    const numbers = wordNumbers(glyphs, quick.positions);
    if (numbers && !s.numbers.has(text)) s.numbers.set(text, numbers);
    return scaled(glyphs, quick.positions, scale);
  }
  s.alone._glyphs = {};
  const run = s.alone.layout(text);
  return scaled(run.glyphs, run.positions, scale);
}

/** A run in the document's units, from fontkit's glyphs and positions in font units. */
function scaled(glyphs: readonly GlyphIds[], positions: readonly Position[], scale: number): Run {
  let advanceWidth = 0;
  const out = positions.map((p, i) => {
    const scaled: Position = {};
    for (const key in p) scaled[key] = p[key]! * scale;
    scaled.advanceWidth = glyphs[i]!.advanceWidth * scale;
    advanceWidth += scaled.xAdvance ?? 0;
    return Object.freeze(scaled);
  });
  const ids = glyphs.map((g) => ({
    id: g.id,
    codePoints: [...g.codePoints],
    advanceWidth: g.advanceWidth,
  }));
  return { glyphs: ids, positions: Object.freeze(out), advanceWidth };
}

/** The word as shaped before, here or by an earlier build, else shaped now. */
function shapedWord(s: Shaper, text: string, scale: number): Run {
  const known = s.numbers.get(text);
  if (!known) return shapeAlone(s, text, scale);
  const { glyphs, positions } = runOf(known);
  return scaled(glyphs, positions, scale);
}

/** pdfkit's layoutCached (a document's words by text), over the thread's shaped words. */
function layoutShared(this: EmbeddedFont, text: string): Run {
  const cache = (this.layoutCache ??= Object.create(null) as Record<string, Run>);
  const known = cache[text];
  if (known) return known;
  const s = shaperFor(this.font);
  let shaped = s.words.get(text);
  if (!shaped) {
    if (s.words.size >= keptWords) {
      s.words.clear();
      s.numbers.clear();
    }
    shaped = shapedWord(s, text, this.scale);
    s.words.set(text, shaped);
  }
  const run: Run = {
    glyphs: shaped.glyphs.map((g) => withMetrics(this.font.getGlyph(g.id, g.codePoints), s.metrics)),
    // Shared by every document: pdfkit only reads a word's positions (it copies the one
    // it stretches for word spacing), and frozen they stay so.
    positions: shaped.positions,
    advanceWidth: shaped.advanceWidth,
  };
  cache[text] = run;
  return run;
}

/**
 * pdfkit's EmbeddedFont.layout, with its result: a text cut after each space or tab, each
 * piece laid out by layoutCached, the pieces' widths added in order. pdfkit's own made an
 * array for every character it tested and joined the glyphs by concatenation, piece by
 * piece: 3% of a cold build's PDF worker.
 */
export function layoutPieces(
  this: EmbeddedFont,
  text: string,
  features?: unknown,
  onlyWidth?: boolean,
): LaidText {
  if (features) return this.layoutRun(text, features);
  const glyphs: GlyphIds[] | null = onlyWidth ? null : [];
  const positions: Position[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  const add = (piece: string): void => {
    const run = this.layoutCached(piece);
    if (glyphs && positions) {
      for (const g of run.glyphs) glyphs.push(g);
      for (const p of run.positions) positions.push(p);
    }
    advanceWidth += run.advanceWidth;
  };
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      add(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) add(text.slice(last));
  return { glyphs, positions, advanceWidth };
}

/** The first document's font of each file this thread has parsed, by file. */
const parsed = new Map<string, EmbeddedFont>();
/** Words kept from an earlier build for faces not parsed yet, by file. */
const pending = new Map<string, ShapedFace>();
/** Kept words still as the memo store holds them: read when this thread first parses a face. */
let serialized: Uint8Array | undefined;

function addNumbers(s: Shaper, words: ReadonlyMap<string, Int32Array>): void {
  for (const [word, numbers] of words)
    if (s.numbers.size < keptWords && !s.numbers.has(word)) s.numbers.set(word, numbers);
}

/** The words kept for a face, read once the face is parsed: a thread that writes no PDF never reads them. */
function adopt(file: string): void {
  if (serialized && parsed.has(file)) {
    for (const face of deserialize(serialized) as ShapedPack) pending.set(face.file, face);
    serialized = undefined;
  }
  const face = pending.get(file);
  const embedded = parsed.get(file);
  if (!face || !embedded) return;
  pending.delete(file);
  const s = shaperFor(embedded.font);
  addNumbers(s, unpackFace(face));
  s.stored = s.numbers.size;
}

/**
 * Words shaped by an earlier build (see shaped-pack.ts), as the memo store keeps them
 * (a v8-serialized pack), used here instead of shaping them again.
 */
export function keepShapedWords(pack: Uint8Array): void {
  serialized = pack;
  for (const file of parsed.keys()) adopt(file);
}

/**
 * A shaped word's numbers in font units, read back from its run (the scale undone), or
 * undefined when that does not give back the very same run: for the words fontkit shaped
 * (HarfBuzz's get theirs as they are shaped, in shapeAlone).
 */
function numbersOf(run: Run, scale: number): number[] | undefined {
  const raw: Position[] = [];
  for (const p of run.positions) {
    const { advanceWidth, ...own } = p;
    const units: Position = {};
    for (const key in own) units[key] = own[key]! / scale;
    if (advanceWidth === undefined || Object.keys(units).some((k) => units[k]! * scale !== own[k]))
      return undefined;
    raw.push(units);
  }
  return wordNumbers(run.glyphs, raw);
}

/**
 * Every face's shaped words, packed for the next build, if this thread shaped words the
 * cache does not hold yet. A worker shapes its warm-up's words before it is told the kept
 * ones, every build: those alone are no reason to pack and store 2 MB again.
 */
export function packShapedWords(): ShapedPack | undefined {
  const faces = [...parsed].map(([file, e]) => ({ file, scale: e.scale, s: shaperFor(e.font) }));
  let more = false;
  for (const { scale, s } of faces) {
    if (!s.grown) continue;
    s.grown = false;
    // Each word's numbers made once: a watch session packs again after every save that shapes a word.
    for (const [word, run] of s.words)
      if (!s.numbers.has(word)) {
        const numbers = numbersOf(run, scale);
        if (numbers) s.numbers.set(word, numbers);
      }
    more ||= s.numbers.size > s.stored;
  }
  if (!more) return undefined;
  return faces.map(({ file, s }) => {
    s.stored = s.numbers.size;
    return packFace(file, s.numbers);
  });
}

/** Parsed fonts and shaped words shared by the documents of this thread, for the font files `allowed`. */
export function shareParsedFonts(allowed: ReadonlySet<string>): void {
  const require = createRequire(import.meta.url);
  const PDFKit = require('pdfkit') as {
    prototype: { font(this: FontHolder, src: unknown, ...rest: unknown[]): FontHolder };
  };
  const font = PDFKit.prototype.font;
  PDFKit.prototype.font = function (this: FontHolder, src, ...rest) {
    const first =
      typeof src === 'string' && rest.length === 0 && allowed.has(src) ? parsed.get(src) : undefined;
    if (typeof src === 'string' && first && !this._fontFamilies[src]) {
      // What pdfkit's own font() does after opening the file, with a view of the parsed font.
      const embedded = new first.constructor(this, fontView(first.font), `F${++this._fontCount}`);
      this._fontFamilies[src] = embedded;
      if (embedded.name && !this._fontFamilies[embedded.name]) this._fontFamilies[embedded.name] = embedded;
    }
    const out = font.call(this, src, ...rest);
    if (typeof src === 'string' && !first && rest.length === 0 && allowed.has(src) && this._font) {
      parsed.set(src, this._font);
      adopt(src);
      // pdfkit does not export its EmbeddedFont class: it is reached through the first one made.
      const proto = Object.getPrototypeOf(this._font) as EmbeddedFont;
      if (proto.layoutCached !== layoutShared) proto.layoutCached = layoutShared;
      if (proto.layout !== layoutPieces) proto.layout = layoutPieces;
    }
    return out;
  };
}
