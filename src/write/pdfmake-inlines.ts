/**
 * A text leaf measured once per thread: the same paragraph in the same style is the same
 * row of measured words in every document of the thread. The three briefings of a
 * language share most of their paragraphs, and `watch` draws the same document again on
 * every save, so measuring (splitting into words, resolving twenty style properties per
 * word, shaping) was a third of a PDF's layout time, spent on answers already known.
 *
 * What a leaf's words measure depends on its text (with the inline objects' own
 * properties and named styles), on the style stack it is measured in, and on the fonts.
 * The key holds the text, the stack's answer for every property pdfmake's measuring
 * reads, and the entries of the style dictionary its inline objects name; the fonts
 * are set once per thread (pdfmake.ts).
 *
 * A hit still asks the document's fonts for the same words in the same order as
 * measuring does: pdfkit numbers a document's fonts in the order they are first asked
 * for, and a glyph keeps the code points of the first word that made it in the document
 * (see pdfmake-fonts.ts). So a document's bytes do not depend on what the thread drew
 * before it.
 */
import { pdfmakeClass, pdfmakeModule } from './pdfmake-layout.js';

type Item = Record<string, unknown> & { text: string; fontSize: number; fontFeatures: unknown };

interface Font {
  widthOfString(text: string, size: number, features: unknown): number;
}
interface PdfDocument {
  provideFont(family: string, bold: boolean, italics: boolean): Font;
}
interface Stack {
  readonly styleDictionary: object;
  getProperty(property: string): unknown;
}
interface Built {
  readonly items: Item[];
  readonly minWidth: number;
  readonly maxWidth: number;
}
interface TextInlinesClass {
  prototype: {
    pdfDocument: PdfDocument;
    buildInlines(this: TextInlinesClass['prototype'], text: unknown, stack: Stack): Built;
  };
}
interface StyleStackClass {
  getStyleProperty(item: unknown, stack: Stack, property: string, fallback: unknown): unknown;
}

/** Every property pdfmake's TextBreaker and TextInlines.measure read of the stack. */
const PROPERTIES = [
  'font',
  'bold',
  'italics',
  'alignment',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'link',
  'linkToPage',
  'linkToDestination',
  'noWrap',
  'opacity',
  'sup',
  'sub',
  'lineHeight',
  'preserveLeadingSpaces',
  'preserveTrailingSpaces',
  'leadingIndent',
  'wordBreak',
] as const;

const LEADING = /^(\s)+/;
const TRAILING = /(\s)+$/;

interface Measured {
  /** The measured words as they were before layout changed them, without their font. */
  readonly items: readonly Item[];
  /** Each word's font, as asked of the document: family, bold, italics. */
  readonly fonts: readonly (readonly [string, boolean, boolean])[];
  /** Each word's calls to its font's widthOfString, in measuring's order. */
  readonly widths: readonly (readonly string[])[];
  readonly minWidth: number;
  readonly maxWidth: number;
}

/** Leaves kept per thread; past this many the thread starts afresh (a long watch session). */
const KEPT = 20_000;
const kept = new Map<string, Measured>();

/**
 * The entries of the style dictionary a text names (its inline objects' `style`): all a
 * leaf reads of the dictionary, since the stack's own named styles are in its answers. A
 * plain paragraph names none, so it is the same leaf under a document's usual styles and
 * under the tighter ones a second layout swaps in for its sources (pdfmake-balance.ts).
 */
function namedStyles(text: unknown, dictionary: Record<string, unknown>, out: Map<string, unknown>): void {
  if (Array.isArray(text)) {
    for (const t of text) namedStyles(t, dictionary, out);
    return;
  }
  if (text === null || typeof text !== 'object') return;
  const { style, text: inner } = text as { style?: unknown; text?: unknown };
  for (const name of Array.isArray(style) ? style : [style])
    if (typeof name === 'string' && !out.has(name)) out.set(name, dictionary[name] ?? null);
  namedStyles(inner, dictionary, out);
}

function keyOf(text: unknown, stack: Stack): string | undefined {
  try {
    const values = PROPERTIES.map((p) => stack.getProperty(p) ?? null);
    // A plain string names no style: no map made for most of the leaves.
    const named = typeof text === 'string' ? undefined : new Map<string, unknown>();
    if (named) namedStyles(text, stack.styleDictionary as Record<string, unknown>, named);
    const styles = named?.size ? JSON.stringify([...named]) : '';
    return `${styles}\u0000${JSON.stringify(values)}\u0000${JSON.stringify(text)}`;
  } catch {
    // Text that is not plain data (a cycle, a function): measured every time.
    return undefined;
  }
}

/** The font each measured word was given, by the font object pdfmake's provideFont returned. */
const fontSpecs = new WeakMap<Font, readonly [string, boolean, boolean]>();

function record(built: Built, stack: Stack, styles: StyleStackClass): Measured | undefined {
  const fonts: (readonly [string, boolean, boolean])[] = [];
  const widths: string[][] = [];
  const items: Item[] = [];
  for (const item of built.items) {
    const spec = fontSpecs.get(item.font as Font);
    if (!spec) return undefined;
    fonts.push(spec);
    const calls = [item.text];
    const prop = (name: string): unknown => styles.getStyleProperty(item, stack, name, false);
    const leading = prop('preserveLeadingSpaces') ? null : LEADING.exec(item.text);
    if (leading) calls.push(leading[0]);
    const trailing = prop('preserveTrailingSpaces') ? null : TRAILING.exec(item.text);
    if (trailing) calls.push(trailing[0]);
    widths.push(calls);
    // A copy of the same shape (a spread of a spread is V8's fast clone), without the
    // document's font, which would keep the whole document alive.
    const copy = { ...item };
    copy.font = null;
    items.push(copy);
  }
  return { items, fonts, widths, minWidth: built.minWidth, maxWidth: built.maxWidth };
}

/**
 * The texts a document's font has measured without OpenType features: asked again, the
 * font answers from the words it keeps and changes nothing, so replay skips them (a
 * document measures its common words many times, and every text again when it is laid
 * out a second time).
 */
const measuredBy = new WeakMap<Font, Set<string>>();

function replay(doc: PdfDocument, m: Measured): Built {
  const items = m.items.map((template, i) => {
    const [family, bold, italics] = m.fonts[i]!;
    const font = doc.provideFont(family, bold, italics);
    const plain = template.fontFeatures == null;
    let seen = plain ? measuredBy.get(font) : undefined;
    if (plain && !seen) measuredBy.set(font, (seen = new Set()));
    for (const text of m.widths[i]!) {
      if (seen?.has(text)) continue;
      font.widthOfString(text, template.fontSize, template.fontFeatures);
      seen?.add(text);
    }
    const item = { ...template };
    item.font = font;
    return item;
  });
  return { items, minWidth: m.minWidth, maxWidth: m.maxWidth };
}

/** Keeps measured leaves in this thread (after installFastStyleLookups, whose answers it keeps). */
export function installInlineCache(): void {
  const docClass = pdfmakeClass<PdfDocument>('PDFDocument');
  const provideFont = docClass.prototype.provideFont;
  docClass.prototype.provideFont = function (this: PdfDocument, family, bold, italics) {
    const font = provideFont.call(this, family, bold, italics);
    if (!fontSpecs.has(font)) fontSpecs.set(font, [family, bold, italics]);
    return font;
  };
  const styles = pdfmakeModule<StyleStackClass>('StyleContextStack');
  const inlines = pdfmakeModule<TextInlinesClass>('TextInlines');
  const buildInlines = inlines.prototype.buildInlines;
  inlines.prototype.buildInlines = function (text, stack) {
    const key = keyOf(text, stack);
    const known = key === undefined ? undefined : kept.get(key);
    if (known) return replay(this.pdfDocument, known);
    const built = buildInlines.call(this, text, stack);
    const measured = key === undefined ? undefined : record(built, stack, styles);
    if (measured && key !== undefined) {
      if (kept.size >= KEPT) kept.clear();
      kept.set(key, measured);
    }
    return built;
  };
}
