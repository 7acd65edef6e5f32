/**
 * Bytes of a content file to text. Editors on other systems save UTF-8 with a
 * byte-order mark, or UTF-16; both are read (the mark is dropped, so columns
 * stay right). Anything else that is not valid UTF-8 text is refused rather
 * than read as replacement characters. A file whose lines end in a carriage return
 * alone (classic Mac OS) is read with line feeds: YAML and CommonMark both break a
 * line there, but the `yaml` library does not, and every place we report counts line
 * feeds. One character for one, so offsets stay where they were.
 */
import { codePointName } from '../diagnostics/code-point.js';

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function utf16(bytes: Uint8Array, littleEndian: boolean): Decoded {
  try {
    return {
      ok: true,
      text: new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes),
    };
  } catch {
    return { ok: false, message: 'not valid UTF-16 text; save the file as UTF-8' };
  }
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return check(utf16(bytes, true));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return check(utf16(bytes, false));
  let text: string;
  try {
    // Drops a UTF-8 byte-order mark.
    text = fatalUtf8.decode(bytes);
  } catch {
    return { ok: false, message: 'not valid UTF-8 text; save the file as UTF-8' };
  }
  return check({ ok: true, text });
}

/** Control characters other than tab and line ends: a binary file, not text. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const LONE_CR = /\r(?!\n)/g;

/** Control characters (other than tab and line ends) mean a binary file, not text. */
function check(d: Decoded): Decoded {
  if (!d.ok) return d;
  let text = d.text.replace(/^\uFEFF/, '');
  if (text.includes('\r')) text = text.replace(LONE_CR, '\n');
  const control = CONTROL_CHARACTER.exec(text);
  if (control)
    return {
      ok: false,
      message: `holds a control character (${codePointName(control[0])}) at offset ${control.index}; it is not a text file`,
    };
  return { ok: true, text };
}
