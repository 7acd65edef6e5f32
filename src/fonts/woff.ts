/**
 * A TrueType font wrapped as WOFF 1.0 (https://www.w3.org/TR/WOFF/): the same tables,
 * each compressed with zlib when that makes it smaller. harfbuzz's own WOFF output
 * compresses inside WebAssembly at 10–30 ms a face; subsetting to TrueType takes about
 * 1 ms and Node's zlib compresses a face in under one more.
 */
import { deflateSync } from 'node:zlib';
import { guarded } from '../runtime/thread-stop.js';

const HEADER = 44;
const ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

const align4 = (n: number): number => (n + 3) & ~3;

interface Table {
  readonly tag: number;
  readonly checksum: number;
  readonly data: Buffer;
  readonly stored: Buffer;
}

/** The tables of a TrueType (sfnt) font, in tag order, as WOFF stores them. */
function tables(ttf: Buffer): Table[] {
  const count = ttf.readUInt16BE(4);
  const out: Table[] = [];
  for (let i = 0; i < count; i++) {
    const at = SFNT_HEADER + i * SFNT_ENTRY;
    const offset = ttf.readUInt32BE(at + 8);
    const data = ttf.subarray(offset, offset + ttf.readUInt32BE(at + 12));
    // A thread stopped while making a zlib stream aborts the process (runtime/thread-stop.ts).
    const packed = guarded(() => deflateSync(data));
    out.push({
      tag: ttf.readUInt32BE(at),
      checksum: ttf.readUInt32BE(at + 4),
      data,
      stored: packed.length < data.length ? packed : data,
    });
  }
  return out.sort((a, b) => a.tag - b.tag);
}

export function ttfToWoff(ttf: Buffer): Buffer {
  const list = tables(ttf);
  const directory = HEADER + list.length * ENTRY;
  const length = list.reduce((n, t) => n + align4(t.stored.length), directory);
  const woff = Buffer.alloc(length);
  woff.write('wOFF', 0, 'latin1');
  woff.writeUInt32BE(ttf.readUInt32BE(0), 4); // flavor: the sfnt version
  woff.writeUInt32BE(length, 8);
  woff.writeUInt16BE(list.length, 12);
  const sfntSize = list.reduce((n, t) => n + align4(t.data.length), SFNT_HEADER + list.length * SFNT_ENTRY);
  woff.writeUInt32BE(sfntSize, 16);
  // Version 0.0, no metadata, no private data: the rest of the header stays zero.
  let offset = directory;
  list.forEach((t, i) => {
    const at = HEADER + i * ENTRY;
    woff.writeUInt32BE(t.tag, at);
    woff.writeUInt32BE(offset, at + 4);
    woff.writeUInt32BE(t.stored.length, at + 8);
    woff.writeUInt32BE(t.data.length, at + 12);
    woff.writeUInt32BE(t.checksum, at + 16);
    t.stored.copy(woff, offset);
    offset += align4(t.stored.length);
  });
  return woff;
}
