/**
 * pdfmake measures a text's words one at a time, and for each word it resolves every style
 * property it sets on it (font, size, colour, decoration, link … twenty-three lookups through
 * the style stack). The words of one inline all carry that inline's own properties (pdfmake's
 * text breaker copies them onto each), so they all get the same answers: here the style is
 * resolved once for each run of words whose own properties are the same, and each word is
 * only measured.
 *
 * The answers are pdfmake's own (the same lookups, on the first word of the run), and the
 * fonts are asked for the same widths in the same order: a document's font numbers and the
 * code points its glyphs keep depend on that order (pdfmake-fonts.ts). Checked against
 * pdfmake's `measure` in tests/pdfmake-words.test.ts; pdfmake is pinned.
 *
 * Measured so, a text costs less than finding it among texts measured before: a thread kept
 * every leaf it had measured, by a key of its text and styles, and handed later documents
 * copies. Without them a cold build was 4–7% faster (docs/performance.md), with 8 MiB less at
 * its peak; the words' shapes are still kept per thread (pdfmake-fonts.ts), which is where
 * the time of a new word goes.
 */
import { pdfmakeModule } from './pdfmake-layout.js';

/** A word as pdfmake's text breaker made it, then as measuring completes it. */
type Word = Record<string, unknown> & { text: string; leadingCut?: number };

interface Font {
  widthOfString(text: string, size: number, features: unknown): number;
  lineHeight(size: number): number;
}
interface PdfDocument {
  provideFont(family: unknown, bold: unknown, italics: unknown): Font;
}
export interface StyleLookup {
  getStyleProperty(item: unknown, stack: unknown, property: string, fallback: unknown): unknown;
}
interface TextInlinesClass {
  prototype: { pdfDocument: PdfDocument; measure(array: Word[], stack: unknown): Word[] };
}

/**
 * What a word has of its own that is not style: its text, the marks the text breaker and
 * range glue set (pdfmake-ranges.ts), and the cut measuring sets on the first word before the
 * others. Two words that differ only in these resolve every style property alike.
 */
const NOT_STYLE = new Set(['text', 'lineEnd', 'noNewLine', 'rangeGlue', 'leadingCut', 'leadingIndent']);

function sameStyle(a: Word, b: Word): boolean {
  let count = 0;
  for (const key in a) {
    if (NOT_STYLE.has(key)) continue;
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (!NOT_STYLE.has(key)) count--;
  return count === 0;
}

/**
 * A run's style: what pdfmake's measuring sets on each of its words, and what it reads. The
 * lookups are pdfmake's, with its fallbacks; a lookup changes nothing, so their order does not
 * matter, but the font is asked for first, as pdfmake asks.
 */
function runStyle(doc: PdfDocument, styles: StyleLookup, word: Word, stack: unknown) {
  const get = (property: string, fallback: unknown): unknown =>
    styles.getStyleProperty(word, stack, property, fallback);
  const font = doc.provideFont(get('font', 'Roboto'), get('bold', false), get('italics', false));
  const sup = get('sup', false);
  const sub = get('sub', false);
  const size = get('fontSize', 12) as number;
  // pdfmake's size for a superscript or subscript.
  const fontSize = sup || sub ? size * 0.58 : size;
  const characterSpacing = get('characterSpacing', 0);
  return {
    font,
    alignment: get('alignment', 'left'),
    fontSize,
    fontFeatures: get('fontFeatures', null),
    characterSpacing,
    color: get('color', 'black'),
    decoration: get('decoration', null),
    decorationColor: get('decorationColor', null),
    decorationStyle: get('decorationStyle', null),
    decorationThickness: get('decorationThickness', null),
    background: get('background', null),
    link: get('link', null),
    linkToPage: get('linkToPage', null),
    linkToDestination: get('linkToDestination', null),
    noWrap: get('noWrap', null),
    opacity: get('opacity', 1),
    sup,
    sub,
    height: font.lineHeight(fontSize) * (get('lineHeight', 1) as number),
    spacing: (characterSpacing as number) || 0,
    keepLeading: !!get('preserveLeadingSpaces', false),
    keepTrailing: !!get('preserveTrailingSpaces', false),
  };
}
type RunStyle = ReturnType<typeof runStyle>;

const LEADING = /^(\s)+/;
const TRAILING = /(\s)+$/;

const widthOf = (text: string, s: RunStyle): number =>
  s.font.widthOfString(text, s.fontSize, s.fontFeatures) + s.spacing * (text.length - 1);

/** The run's style on one of its words, set in pdfmake's order: a word's properties come in the same order (V8's shapes). */
function setStyle(word: Word, style: RunStyle): void {
  word.font = style.font;
  word.alignment = style.alignment;
  word.fontSize = style.fontSize;
  word.fontFeatures = style.fontFeatures;
  word.characterSpacing = style.characterSpacing;
  word.color = style.color;
  word.decoration = style.decoration;
  word.decorationColor = style.decorationColor;
  word.decorationStyle = style.decorationStyle;
  word.decorationThickness = style.decorationThickness;
  word.background = style.background;
  word.link = style.link;
  word.linkToPage = style.linkToPage;
  word.linkToDestination = style.linkToDestination;
  word.noWrap = style.noWrap;
  word.opacity = style.opacity;
  word.sup = style.sup;
  word.sub = style.sub;
}

/** pdfmake's `TextInlines.measure`, with each run's style resolved once. */
export function measureWords(doc: PdfDocument, styles: StyleLookup, words: Word[], stack: unknown): Word[] {
  const first = words[0];
  if (first) {
    const indent = styles.getStyleProperty(first, stack, 'leadingIndent', 0) as number;
    if (indent) {
      first.leadingCut = -indent;
      first.leadingIndent = indent;
    }
  }
  // Where each run starts, told before measuring adds its properties to the words.
  const starts = words.map((word, i) => i === 0 || !sameStyle(words[i - 1]!, word));
  let style: RunStyle | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!style || starts[i]) style = runStyle(doc, styles, word, stack);
    setStyle(word, style);
    word.width = widthOf(word.text, style);
    word.height = style.height;
    if (!word.leadingCut) word.leadingCut = 0;
    const leading = style.keepLeading ? null : LEADING.exec(word.text);
    if (leading) word.leadingCut += widthOf(leading[0], style);
    word.trailingCut = 0;
    const trailing = style.keepTrailing ? null : TRAILING.exec(word.text);
    if (trailing) word.trailingCut = widthOf(trailing[0], style);
  }
  return words;
}

/** Installs it in this thread, in place of pdfmake's (after installFastStyleLookups, whose lookups it asks). */
export function installWordMeasure(): void {
  const styles = pdfmakeModule<StyleLookup>('StyleContextStack');
  const inlines = pdfmakeModule<TextInlinesClass>('TextInlines');
  inlines.prototype.measure = function (this: TextInlinesClass['prototype'], words, stack) {
    return measureWords(this.pdfDocument, styles, words, stack);
  };
}
