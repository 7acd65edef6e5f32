/**
 * No line ends inside a number range ("4–" above "6 January", "00:25–" above "00:51"):
 * pdfmake breaks text where Unicode's rules allow, and they allow a break after an en dash.
 * The word before a range's dash is glued to the word after it (`noNewLine`, pdfmake's own
 * mark for words that must share a line, which its line filling weighs as one): the range
 * moves to the next line whole. The text itself is left as it is, so a reader who copies
 * or searches the PDF finds the range as written.
 *
 * pdfmake puts glued words on one line even when they are wider than the line, and they
 * then run past its edge. A range's glue (`rangeGlue`) only moves the range to a line of
 * its own: one wider than a whole line ("1–2–3–…" in a narrow column) breaks after a dash
 * as before (pdfmake-line-fill.ts).
 */
import { endsRange } from '../text/ranges.js';
import { pdfmakeModule } from './pdfmake-layout.js';

interface Word {
  text: string;
  lineEnd?: boolean;
  noNewLine?: boolean;
  rangeGlue?: boolean;
}

interface TextBreakerClass {
  prototype: { getBreaks(this: unknown, texts: unknown, stack: unknown): Word[] };
}

/** Marks each word that ends on a range's dash as glued to the next. Exported for its tests. */
export function glueRanges(words: Word[]): Word[] {
  for (let i = 0; i + 1 < words.length; i++) {
    const word = words[i]!;
    // Glued by pdfmake already (the word after it has no break before it): left as pdfmake made it.
    if (word.lineEnd || word.noNewLine || !word.text.endsWith('\u2013')) continue;
    // The dash alone is a word when the number before it is an inline of its own ("<time>00:25</time>–").
    const prev = words[i - 1];
    const before = word.text.length === 1 && prev && !prev.lineEnd ? prev.text + word.text : word.text;
    if (endsRange(before, words[i + 1]!.text)) {
      word.noNewLine = true;
      word.rangeGlue = true;
    }
  }
  return words;
}

/** Installs it in this thread, on pdfmake's text breaker. */
export function installRangeGlue(): void {
  const breaker = pdfmakeModule<TextBreakerClass>('TextBreaker');
  const getBreaks = breaker.prototype.getBreaks;
  breaker.prototype.getBreaks = function (texts, stack) {
    return glueRanges(getBreaks.call(this, texts, stack));
  };
}
