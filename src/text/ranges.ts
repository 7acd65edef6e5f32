/**
 * A number range ("4–6 January", "00:25–00:51", "2019–2022") is read as one word: a line
 * ended after its dash leaves "4–" alone, and the next line opens with what looks like a
 * number of its own. Unicode's line breaking allows that break (an en dash is a place to
 * break after), so each writer forbids it its own way: the PDF writer glues the words on
 * both sides of the dash (pdfmake-ranges.ts), the HTML writer puts a word joiner after it
 * (html-ranges.ts). Both ask this module which dashes are a range's.
 */

/** An en dash with a digit on either side. */
const RANGE_DASH = /(?<=\d)\u2013(?=\d)/gu;

/** Where in `text` a range's dash is (UTF-16 offsets). */
export function rangeDashes(text: string): number[] {
  return text.includes('\u2013') ? [...text.matchAll(RANGE_DASH)].map((m) => m.index) : [];
}

/** Whether a line may not end between `before` and `after`: `before` ends on a range's dash. */
export const endsRange = (before: string, after: string): boolean =>
  before.endsWith('\u2013') && rangeDashes(`${before}${after.charAt(0)}`).includes(before.length - 1);
