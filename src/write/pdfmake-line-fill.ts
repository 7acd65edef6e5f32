/**
 * pdfmake's filling of a line with words, without the copies it made. Its `buildNextLine`
 * asked whether each word fits with a copy of every word after it (`_inlines.slice(1)`),
 * which `hasEnoughSpaceForInline` reads only for a word glued to the next (`noNewLine`):
 * a paragraph of n words copied about n²/2 of them: 26 MB in a cold build, about a sixth of
 * what laying out its pages allocated, measuring aside (V8's sampling heap profile, see
 * docs/performance.md). And `Line.getHeight`, asked for every line by the page-break rules
 * and by pdfmake, made a closure for each call.
 *
 * The same decisions in the same order: the copy is made where it is read, and nowhere else.
 */
import { pdfmakeClass, pdfmakeModule } from './pdfmake-layout.js';

interface Inline {
  text: string;
  width: number;
  height?: number;
  noWrap?: boolean;
  noNewLine?: boolean;
  /** Glued to the next word only where the two fit on one line (pdfmake-ranges.ts). */
  rangeGlue?: boolean;
}

interface Line {
  readonly inlines: readonly Inline[];
  lastLineInParagraph?: boolean;
  hasEnoughSpaceForInline(inline: Inline, next: readonly Inline[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: Inline): void;
  getHeight(): number;
}

interface TextNode {
  _inlines?: Inline[];
}

interface Builder {
  writer: { context(): { availableWidth: number } };
  buildNextLine(node: TextNode): Line | null;
}

type LineClass = new (maxWidth: number) => Line;
type TextInlinesClass = new (pdfDocument: null) => {
  widthOfText(text: string, inline: Inline): number;
};

const none: readonly Inline[] = [];

/** pdfmake's own: a copy of the inline (its constructor is Object). */
function cloneInline(inline: Inline): Inline {
  const copy = (inline.constructor as () => Record<string, unknown>)();
  for (const key in inline) copy[key] = (inline as unknown as Record<string, unknown>)[key];
  return copy as unknown as Inline;
}

/** pdfmake's own: how many characters of `text` fit in `maxWidth`, at least one. */
function findMaxFitLength(text: string, maxWidth: number, measure: (part: string) => number): number {
  let low = 1;
  let high = text.length;
  let bestFit = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (measure(text.substring(0, mid)) <= maxWidth) {
      bestFit = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return bestFit;
}

/**
 * What must share a line with a range's word ending on its dash: the word after the dash, and
 * what pdfmake glues to that word. Not the rest of a chain of ranges ("2000–2001–2002"),
 * which would put each on a line of its own.
 */
function pairedWith(inlines: readonly Inline[]): Inline[] {
  let end = 1;
  while (end < inlines.length && inlines[end]!.noNewLine && !inlines[end]!.rangeGlue) end++;
  return inlines.slice(1, end + 1);
}

/** Whether the first inline goes on `line`: what follows it is copied only when it is read. */
function fits(line: Line, inlines: Inline[]): boolean {
  const first = inlines[0]!;
  if (!first.noNewLine) return line.hasEnoughSpaceForInline(first, none);
  return line.hasEnoughSpaceForInline(first, first.rangeGlue ? pairedWith(inlines) : inlines.slice(1));
}

/**
 * pdfmake 0.3's `LayoutBuilder.buildNextLine`, line for line but for `fits`, and a range's
 * glue, which never puts a word on a line it does not fit (pdfmake-ranges.ts).
 */
function buildNextLine(Line: LineClass, TextInlines: TextInlinesClass) {
  return function (this: Builder, textNode: TextNode): Line | null {
    if (!textNode._inlines || textNode._inlines.length === 0) return null;
    const line = new Line(this.writer.context().availableWidth);
    const textInlines = new TextInlines(null);
    let isForceContinue = false;
    while (
      textNode._inlines &&
      textNode._inlines.length > 0 &&
      (fits(line, textNode._inlines) || isForceContinue)
    ) {
      let isHardWrap = false;
      const inline = textNode._inlines.shift()!;
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (txt) =>
          textInlines.widthOfText(txt, inline),
        );
        if (maxChars < inline.text.length) {
          const newInline = cloneInline(inline);
          newInline.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          newInline.width = textInlines.widthOfText(newInline.text, newInline);
          inline.width = textInlines.widthOfText(inline.text, inline);
          textNode._inlines.unshift(newInline);
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = Boolean(inline.noNewLine) && !inline.rangeGlue && !isHardWrap;
    }
    line.lastLineInParagraph = textNode._inlines.length === 0;
    return line;
  };
}

/** pdfmake's `Line.getHeight`: the tallest inline's height, without a closure per call. */
function getHeight(this: Line): number {
  let max = 0;
  for (const item of this.inlines) max = Math.max(max, item.height || 0);
  return max;
}

export function installLineFill(): void {
  const Line = pdfmakeModule<LineClass & { prototype: Line }>('Line');
  Line.prototype.getHeight = getHeight;
  const builder = pdfmakeClass<Builder>('LayoutBuilder');
  builder.prototype.buildNextLine = buildNextLine(Line, pdfmakeModule<TextInlinesClass>('TextInlines'));
}
