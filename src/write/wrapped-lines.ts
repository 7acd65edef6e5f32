/**
 * How many lines a text takes at a width, for what is placed by coordinates rather than
 * laid out in the flow (the cover's foot is anchored to the page's bottom: a line more
 * than planned ran off the page onto the next). Measured with the font the PDF embeds;
 * words are broken only at spaces, so the count is never lower than the layout's, which
 * may break at more places (after a slash, a hyphen).
 */
import { faceBytes, roboto } from '../fonts/roboto.js';
import { advance } from '../fonts/shaper.js';

/** Roboto's widest common letters are about this wide: what a word HarfBuzz leaves to fontkit is counted at. */
const FALLBACK_EM = 0.6;

const emsOf = (bytes: Uint8Array, text: string): number =>
  advance(bytes, text) ?? FALLBACK_EM * [...text].length;

export function wrappedLines(text: string, fontSize: number, width: number, bold = false): number {
  const bytes = faceBytes(bold ? roboto.bold : roboto.normal);
  const space = emsOf(bytes, ' ') * fontSize;
  let lines = 1;
  let used = 0;
  for (const word of text.split(/ +/).filter(Boolean)) {
    const w = emsOf(bytes, word) * fontSize;
    if (used > 0 && used + space + w <= width) {
      used += space + w;
      continue;
    }
    if (used > 0) lines++;
    // A word wider than the line is broken where it reaches the edge.
    lines += Math.max(0, Math.ceil(w / width) - 1);
    used = w % width || Math.min(w, width);
  }
  return lines;
}
