/**
 * fontkit's TrueType subset copies each glyph of a document's font file from the face's
 * `glyf` table, and decodes the glyph's whole outline first, every point of it, only to
 * learn whether it is built from other glyphs (a compound glyph, whose components it adds
 * and renumbers). A glyph's header says so in its first two bytes: its count of contours,
 * below zero for a compound glyph. Here only compound glyphs are decoded; the bytes copied,
 * and so every font file, are the same (a cold build's twelve PDFs, byte for byte).
 *
 * It also writes the face's hinting tables (`cvt `, `prep`, `fpgm`: some 5 KB of Roboto's
 * instructions, which every subset carries whole) into each file number by number through
 * restructure, about half of a subset's encoding. Those bytes are the same in every file cut
 * from the face: they are encoded once per face and put in place (`quickEncode`).
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

/** fontkit's TTFSubset, as far as its `_addGlyph` and `encode` use it. */
interface Subset {
  font: TrueTypeFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(this: Subset, gid: number): number;
  encode(this: Subset): Uint8Array;
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

/** The tables fontkit copies whole from the face into every subset (TTFSubset.encode). */
const WHOLE = ['cvt ', 'prep', 'fpgm'] as const;

interface Table {
  readonly tag: string;
  readonly bytes: Uint8Array;
}

/**
 * The tables of a font file as fontkit's Directory writes it: a 12-byte header, a 16-byte
 * record per table (tag, checksum, offset from the file's start, length), then the tables.
 */
function tablesOf(file: Uint8Array): Table[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  return Array.from({ length: view.getUint16(4) }, (_, i) => {
    const at = 12 + 16 * i;
    const offset = view.getUint32(at + 8);
    return {
      tag: String.fromCharCode(...file.subarray(at, at + 4)),
      bytes: file.subarray(offset, offset + view.getUint32(at + 12)),
    };
  });
}

/**
 * The file of these tables, as fontkit's Directory writes it: the tag `true`, the binary
 * search fields, checksums left at zero, the tables one after another in the given order.
 */
function fileOf(tables: readonly Table[]): Uint8Array {
  const n = tables.length;
  const power = 2 ** Math.floor(Math.log2(n));
  let offset = 12 + 16 * n;
  const file = new Uint8Array(offset + tables.reduce((sum, t) => sum + t.bytes.length, 0));
  const view = new DataView(file.buffer);
  file.set([0x74, 0x72, 0x75, 0x65]);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    for (let c = 0; c < 4; c++) file[at + c] = t.tag.charCodeAt(c);
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, t.bytes.length);
    file.set(t.bytes, offset);
    offset += t.bytes.length;
  });
  return file;
}

/** Per face (its file's bytes): the order of a subset's tables and the bytes of those copied whole. */
const wholeTables = new WeakMap<
  object,
  { readonly order: readonly string[]; readonly whole: Map<string, Uint8Array> }
>();

function quickEncode(original: Subset['encode']): Subset['encode'] {
  return function (this: Subset) {
    const font = this.font as TrueTypeFont & { readonly stream?: { readonly buffer?: object } };
    const face = font.stream?.buffer;
    const known = face && wholeTables.get(face);
    if (!face || !known) {
      // The first subset of a face: fontkit's own file, whose copied tables are kept.
      const file = original.call(this);
      const tables = tablesOf(file);
      if (face)
        wholeTables.set(face, {
          order: tables.map((t) => t.tag),
          whole: new Map(tables.filter((t) => isWhole(t.tag)).map((t) => [t.tag, t.bytes.slice()])),
        });
      return file;
    }
    // The same calls with the face's copied tables hidden from this subset alone. A glyph
    // made meanwhile (a compound glyph's part) names that font, which reads as the view but
    // for those three tables: no glyph reads them.
    const hidden = Object.create(font) as TrueTypeFont;
    for (const tag of WHOLE) Object.defineProperty(hidden, tag, { value: undefined });
    this.font = hidden;
    let rest: Table[];
    try {
      rest = tablesOf(original.call(this));
    } finally {
      this.font = font;
    }
    const byTag = new Map(rest.map((t) => [t.tag, t.bytes]));
    const same =
      rest.length + known.whole.size === known.order.length && rest.every((t) => known.order.includes(t.tag));
    // Another set of tables than the face's first subset had: fontkit's own file.
    if (!same) return original.call(this);
    return fileOf(known.order.map((tag) => ({ tag, bytes: known.whole.get(tag) ?? byTag.get(tag)! })));
  };
}

const isWhole = (tag: string): boolean => (WHOLE as readonly string[]).includes(tag);

const patched = new WeakSet<object>();

/**
 * Installs both on the class of this subset (fontkit does not export it), once; other kinds
 * of subset are left alone.
 */
export function quickSubsets(subset: object): void {
  const proto = Object.getPrototypeOf(subset) as Partial<Subset> | null;
  if (!proto || patched.has(proto) || typeof proto._addGlyph !== 'function') return;
  if (typeof proto.encode !== 'function') return;
  if (!('loca' in (subset as { font: object }).font)) return;
  patched.add(proto);
  proto._addGlyph = quickAddGlyph(proto._addGlyph);
  proto.encode = quickEncode(proto.encode);
}
