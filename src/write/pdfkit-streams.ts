/**
 * pdfkit turns every operator it writes into a content stream (a word's font, position
 * and glyphs, a colour: about ten per word) into a Buffer of its own, and joins them when
 * the stream ends. The operators are kept as text here and made into one Buffer when
 * the stream ends or binary data follows: the same bytes, in the same order, without
 * hundreds of thousands of small Buffers a document for the garbage collector. A stream's
 * bytes deflated before are not deflated again (`deflateKept`).
 */
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { BoundedBytes } from '../text/bounded.js';
import { sha256 } from '../text/hash.js';
import { guarded } from '../runtime/thread-stop.js';

interface Reference {
  buffer: Uint8Array[];
  uncompressedLength: number;
  compress: boolean;
  data: { Length?: number; Filter?: string };
  /** Operators written since the last Buffer, each with its newline (latin1, one byte a character). */
  pendingText?: string[];
  write(chunk: unknown): void;
  finalize(): void;
}

/** The operators kept as text, as the one Buffer pdfkit's own write would have made of them one by one. */
function flush(ref: Reference): void {
  if (!ref.pendingText?.length) return;
  ref.buffer.push(Buffer.from(ref.pendingText.join(''), 'latin1'));
  ref.pendingText = [];
}

/**
 * Streams deflated before, by their bytes' digest, the most recent last. A document written
 * again (`watch`, the build server, a rebuild after a text edit) mostly holds the same pages
 * and font subsets as the time before; deflating them again was a tenth of a warm PDF
 * writer's time. Deflating is a function of the bytes alone (pdfkit's own call, zlib's
 * defaults), so a kept stream is the very bytes it would make.
 */
/** Compressed bytes kept, 16 MB: every document of a few projects (a briefing's streams come to about 0.3 MB deflated). */
const deflated = new BoundedBytes<Buffer>(16 * 1024 * 1024);

export function deflateKept(raw: Buffer): Buffer {
  const key = sha256(raw);
  const hit = deflated.get(key, true);
  if (hit) return hit;
  const made = guarded(() => deflateSync(raw));
  deflated.keep(key, made);
  return made;
}

function install(proto: Reference): void {
  const { write, finalize } = proto;
  proto.write = function (this: Reference, chunk) {
    if (chunk instanceof Uint8Array) {
      flush(this);
      return write.call(this, chunk);
    }
    // What pdfkit's write does for text, but the bytes are made later, all at once.
    const text = `${String(chunk)}\n`;
    (this.pendingText ??= []).push(text);
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Reference) {
    flush(this);
    if (this.compress && this.buffer.length) {
      // Deflated here, perhaps from the kept ones; pdfkit's finalize then only joins and writes it.
      this.buffer = [deflateKept(Buffer.concat(this.buffer))];
      this.compress = false;
    }
    finalize.call(this);
  };
}

/**
 * Installs it in this thread, on pdfkit's reference class: pdfkit does not export it, so
 * it is reached through a document's first reference, and `ref` is itself again after.
 */
export function installTextStreams(): void {
  const require = createRequire(import.meta.url);
  const PDFKit = require('pdfkit') as { prototype: { ref(this: unknown, data?: object): unknown } };
  const ref = PDFKit.prototype.ref;
  PDFKit.prototype.ref = function (this: unknown, data) {
    PDFKit.prototype.ref = ref;
    const made = ref.call(this, data);
    install(Object.getPrototypeOf(made) as Reference);
    return made;
  };
}
