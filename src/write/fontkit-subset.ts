/**
 * fontkit's TrueType subset copies each glyph of a document's font file from the face's
 * `glyf` table, and decodes the glyph's whole outline first, every point of it, only to
 * learn whether it is built from other glyphs (a compound glyph, whose components it adds
 * and renumbers). A glyph's header says so in its first two bytes: its count of contours,
 * below zero for a compound glyph. Here only compound glyphs are decoded; the bytes copied,
 * and so every font file, are the same (a cold build's twelve PDFs, byte for byte).
 */

interface Glyph {
  readonly advanceWidth: number;
  _getMetrics(): { readonly leftBearing: number };
  _decode(): { readonly components: readonly { readonly glyphID: number; readonly pos: number }[] } | null;
}

interface TrueTypeFont {
  readonly loca: { readonly offsets: readonly number[] };
  readonly _variationProcessor?: unknown;
  getGlyph(id: number): Glyph;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
}

/** fontkit's TTFSubset, as far as its `_addGlyph` uses it. */
interface Subset {
  readonly font: TrueTypeFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(this: Subset, gid: number): number;
}

/** The contour count in a glyph's header: a signed 16-bit number, big-endian. */
const contours = (bytes: Uint8Array): number => (((bytes[0]! << 8) | bytes[1]!) << 16) >> 16;

function quickAddGlyph(original: Subset['_addGlyph']): Subset['_addGlyph'] {
  return function (this: Subset, gid) {
    const font = this.font;
    // A varying font's glyphs are drawn again from their outline: fontkit's own way.
    if (font._variationProcessor) return original.call(this, gid);
    const glyph = font.getGlyph(gid);
    const start = font.loca.offsets[gid]!;
    const end = font.loca.offsets[gid + 1]!;
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    let bytes = stream.readBuffer(end - start);
    if (end > start && contours(bytes) < 0) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of glyph._decode()!.components)
        view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}

const patched = new WeakSet<object>();

/** Installs it on the class of this subset (fontkit does not export it), once; other kinds of subset are left alone. */
export function quickGlyphCopies(subset: object): void {
  const proto = Object.getPrototypeOf(subset) as Partial<Subset> | null;
  if (!proto || patched.has(proto) || typeof proto._addGlyph !== 'function') return;
  if (!('loca' in (subset as { font: object }).font)) return;
  patched.add(proto);
  proto._addGlyph = quickAddGlyph(proto._addGlyph);
}
