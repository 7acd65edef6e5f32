/**
 * A line of text drawn as one text object. pdfmake draws each inline of a line (a word,
 * mostly) through pdfkit's text(), which wraps it in a text object of its own: opacity,
 * colour, an empty fill, save, flip, BT, position, font, glyphs, ET, restore, about a
 * dozen operators a word. Drawing text so was about 40% of a warm PDF's time. This way
 * the content streams have a third fewer bytes (Kazakh OSCE briefing: 1.43 → 0.96 MB)
 * and a warm document takes about 8% less time.
 *
 * Here a line is one save, one flip and one BT…ET: each inline keeps its own position
 * (Tm) and its glyph adjustments exactly as pdfkit computes them, so every glyph lands
 * where it did; the font is set when it changes, the opacity and colour when they change.
 * After the line, the graphics state is what pdfkit's would be (the last inline's
 * opacity and colour), for the decorations and whatever is drawn next.
 *
 * A line's links and its destination are added where pdfkit's text() adds them, with its
 * rectangles, a run of words with the same target as one link (linkLine): in the briefings
 * a third of the words are in such lines (citations, cross-references, sources, anchored
 * paragraphs), and drawn by pdfmake's code they took about as much time as all the others.
 *
 * Lines with anything more (page numbers filled in late, an outline entry, character
 * spacing, a line break inside an inline) are drawn by pdfmake's own code.
 */
import { pdfmakeClass, pdfmakeModule } from './pdfmake-layout.js';

type Position = Readonly<Record<string, number>>;

interface PdfFont {
  readonly id: string;
  readonly ascender: number;
  ref(): unknown;
  lineHeight(size: number): number;
  encode(text: string, features?: unknown): [string[], readonly Position[]];
}

interface Inline {
  readonly text: unknown;
  readonly x: number;
  readonly font: PdfFont;
  readonly fontSize: number;
  readonly color?: unknown;
  readonly opacity?: unknown;
  readonly sup?: boolean;
  readonly sub?: boolean;
  readonly fontFeatures?: unknown;
  readonly characterSpacing?: number;
  readonly link?: unknown;
  readonly linkToPage?: unknown;
  readonly linkToDestination?: unknown;
  readonly _pageNodeRef?: unknown;
  readonly width: number;
}

interface Line {
  readonly inlines: readonly Inline[];
  readonly id?: string;
  readonly _outline?: unknown;
  readonly _pageNodeRef?: unknown;
  getHeight(): number;
  getAscenderHeight(): number;
}

interface PdfDocument {
  readonly page: { readonly height: number; readonly fonts: Record<string, unknown> };
  _font: PdfFont;
  _fontSize: number;
  addContent(operator: string): unknown;
  opacity(opacity: number): unknown;
  fillColor(color: unknown): unknown;
  resolveColor(color: unknown, fallback: string): unknown;
  save(): unknown;
  restore(): unknown;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
  link(x: number, y: number, w: number, h: number, url: unknown, options: object): unknown;
  annotate(x: number, y: number, w: number, h: number, options: object): unknown;
  addNamedDestination(name: string, fit: 'XYZ', x: number, y: number, zoom: null): unknown;
}

interface Renderer {
  readonly pdfDocument: PdfDocument;
  renderLine(this: Renderer, line: Line, x: number, y: number): void;
}

interface Decorator {
  drawBackground(line: Line, x: number, y: number): void;
  drawDecorations(line: Line, x: number, y: number): void;
}

/** pdfkit's number(): six decimals. */
const num = (n: number): string => `${Math.round(n * 1e6) / 1e6}`;

/** What only pdfmake's own renderLine draws. */
function needsPdfmake(line: Line): boolean {
  if (line._outline || line._pageNodeRef) return true;
  for (const inline of line.inlines) {
    if (inline.linkToPage || inline._pageNodeRef) return true;
    if (inline.characterSpacing) return true;
    if (typeof inline.text === 'string' && inline.text.includes('\n')) return true;
  }
  return false;
}

/** pdfmake's fill colour and opacity of an inline. */
interface Paint {
  readonly opacity: number;
  readonly color: unknown;
}

const paintOf = (doc: PdfDocument, inline: Inline): Paint => ({
  opacity: typeof inline.opacity === 'number' ? inline.opacity : 1,
  color: doc.resolveColor(inline.color, 'black'),
});

/** Colours compare by value when they are names or codes; other colours are set again. */
const samePaint = (a: Paint, b: Paint): boolean =>
  a.opacity === b.opacity && a.color === b.color && typeof a.color === 'string';

/** What pdfmake's opacity() and fill(colour) set, without fill's empty path. */
function setPaint(doc: PdfDocument, paint: Paint): void {
  doc.opacity(paint.opacity);
  if (paint.color) doc.fillColor(paint.color);
}

/**
 * Each font's words as drawn before in its document, by text: the TJ operator that shows
 * it ('' for none). pdfkit makes a font, and its subset, per document; a word drawn again
 * has its glyphs in the subset already, and its operator does not depend on where it is,
 * as long as no glyph of it has an x or y offset (then it is not kept). Most words of a
 * briefing are drawn more than once: 3,906 of the 6,276 the Kazakh OSCE briefing draws.
 */
const drawnWords = new WeakMap<PdfFont, Map<string, string>>();

function wordsOf(font: PdfFont): Map<string, string> {
  let words = drawnWords.get(font);
  if (!words) drawnWords.set(font, (words = new Map()));
  return words;
}

/** The glyphs of one inline, at (x, y) in the flipped text space: pdfkit's _fragment, from its Tm on. */
function showText(
  doc: PdfDocument,
  font: PdfFont,
  size: number,
  text: string,
  features: unknown,
  x: number,
  y: number,
): void {
  doc.addContent(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
  const words = features === undefined ? wordsOf(font) : undefined;
  const kept = words?.get(text);
  if (kept !== undefined) {
    if (kept) doc.addContent(kept);
    return;
  }
  const operator = glyphRuns(doc, font, size, text, features, x, y);
  if (operator !== undefined) words?.set(text, operator);
}

/**
 * Shows the glyphs, as pdfkit's _fragment does after its Tm. Returns the one operator it
 * added ('' for none), or undefined when a glyph with an x or y offset needed more.
 */
function glyphRuns(
  doc: PdfDocument,
  font: PdfFont,
  size: number,
  text: string,
  features: unknown,
  x: number,
  y: number,
): string | undefined {
  const [encoded, positions] = font.encode(text, features);
  const scale = size / 1000;
  let operator = '';
  let placed = false;
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  const addSegment = (cur: number): void => {
    if (last < cur) {
      const pos = positions[cur - 1]!;
      commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(pos.xAdvance! - pos.advanceWidth!))}`);
    }
    last = cur;
  };
  const flush = (i: number): void => {
    addSegment(i);
    if (commands.length > 0) {
      operator = `[${commands.join(' ')}] TJ`;
      doc.addContent(operator);
      commands.length = 0;
    }
  };
  let i = 0;
  for (; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      placed = true;
      flush(i);
      doc.addContent(`1 0 0 1 ${num(x + pos.xOffset! * scale)} ${num(y + pos.yOffset! * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        doc.addContent(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance! - pos.advanceWidth! !== 0) addSegment(i + 1);
    }
    x += pos.xAdvance! * scale;
  }
  flush(i);
  return placed ? undefined : operator;
}

/** Where pdfmake has pdfkit draw an inline: the top of its line box, raised or lowered. */
function topOf(inline: Inline, y: number, lineHeight: number, descent: number): number {
  // In pdfmake's order of operations, so that every position rounds as it did.
  const shiftToBaseline = lineHeight - (inline.font.ascender / 1000) * inline.fontSize - descent;
  let top = y + shiftToBaseline;
  if (inline.sup) top -= inline.fontSize * 0.75;
  if (inline.sub) top += inline.fontSize * 0.35;
  return top;
}

/** One link of a line: a run of its inlines that go to the same place, side by side. */
interface LinkRun {
  readonly kind: 'link' | 'goTo';
  readonly target: unknown;
  readonly left: number;
  right: number;
  readonly top: number;
  readonly height: number;
}

/** Whether `run` goes on into a box starting at `left`, with the same target, top and height. */
const continues = (
  run: LinkRun | undefined,
  target: unknown,
  left: number,
  top: number,
  height: number,
): boolean =>
  run !== undefined &&
  run.target === target &&
  run.top === top &&
  run.height === height &&
  Math.abs(run.right - left) < 1e-6;

function addLink(doc: PdfDocument, run: LinkRun): void {
  const width = run.right - run.left;
  if (run.kind === 'link') doc.link(run.left, run.top, width, run.height, run.target, {});
  // pdfkit's goTo, with its action written inside the link: pdfkit makes the action an
  // object of its own, one more for every link in the document (a briefing has hundreds).
  else
    doc.annotate(run.left, run.top, width, run.height, {
      Subtype: 'Link',
      A: { S: 'GoTo', D: new String(run.target) },
    });
}

/**
 * The line's links and destination, with the rectangles pdfkit's text() gives each inline,
 * while the page's transformation is the one pdfkit's text() sees (before the line's text
 * object). Words side by side that go to the same place are one link, not one per word as
 * pdfkit adds them: the same area to click, one stop for a reader moving from link to link,
 * and one PDF object instead of two per word (the English OSCE briefing: 489 links, now 246).
 * An inline without text gets none, as in pdfkit.
 */
function linkLine(
  doc: PdfDocument,
  line: Line,
  x: number,
  y: number,
  lineHeight: number,
  descent: number,
): void {
  const open: { link?: LinkRun; goTo?: LinkRun } = {};
  const extend = (
    kind: 'link' | 'goTo',
    target: unknown,
    left: number,
    right: number,
    top: number,
    height: number,
  ): void => {
    const run = open[kind];
    if (continues(run, target, left, top, height)) {
      run!.right = right;
      return;
    }
    if (run) addLink(doc, run);
    open[kind] = { kind, target, left, right, top, height };
  };
  line.inlines.forEach((inline, i) => {
    const target = inline.link != null || inline.linkToDestination != null || (line.id && i === 0);
    if (!target || !`${inline.text ?? ''}`) return;
    const left = x + inline.x;
    const top = topOf(inline, y, lineHeight, descent);
    const height = inline.font.lineHeight(inline.fontSize);
    const right = left + inline.width;
    if (inline.link != null) extend('link', inline.link, left, right, top, height);
    if (inline.linkToDestination != null) extend('goTo', inline.linkToDestination, left, right, top, height);
    if (line.id && i === 0) doc.addNamedDestination(line.id, 'XYZ', left, top, null);
  });
  for (const run of [open.link, open.goTo]) if (run) addLink(doc, run);
}

function drawLine(doc: PdfDocument, decorator: Decorator, line: Line, x: number, y: number): void {
  const lineHeight = line.getHeight();
  const descent = lineHeight - line.getAscenderHeight();
  decorator.drawBackground(line, x, y);
  const inlines = line.inlines;
  if (!inlines.length) return decorator.drawDecorations(line, x, y);
  linkLine(doc, line, x, y, lineHeight, descent);
  const first = paintOf(doc, inlines[0]!);
  setPaint(doc, first);
  let paint = first;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  doc.addContent('BT');
  let font: PdfFont | undefined;
  let size = 0;
  for (const inline of inlines) {
    const next = paintOf(doc, inline);
    if (!samePaint(paint, next)) setPaint(doc, next);
    paint = next;
    const text = `${inline.text ?? ''}`;
    if (!text) continue;
    if (doc.page.fonts[inline.font.id] == null) doc.page.fonts[inline.font.id] = inline.font.ref();
    if (inline.font !== font || inline.fontSize !== size) {
      font = inline.font;
      size = inline.fontSize;
      doc.addContent(`/${font.id} ${num(size)} Tf`);
    }
    const ascent = (inline.font.ascender / 1000) * inline.fontSize;
    const top = topOf(inline, y, lineHeight, descent);
    showText(
      doc,
      inline.font,
      inline.fontSize,
      text,
      inline.fontFeatures || undefined,
      x + inline.x,
      doc.page.height - top - ascent,
    );
  }
  doc.addContent('ET');
  doc.restore();
  // The state pdfkit would leave: the last inline's opacity and colour.
  if (!samePaint(first, paint)) setPaint(doc, paint);
  const lastInline = inlines[inlines.length - 1]!;
  doc._font = lastInline.font;
  doc._fontSize = lastInline.fontSize;
  decorator.drawDecorations(line, x, y);
}

/** Installs it in this thread. */
export function installLineText(): void {
  const proto = pdfmakeClass<Renderer>('Renderer').prototype;
  const TextDecorator = pdfmakeModule<new (doc: PdfDocument) => Decorator>('TextDecorator');
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: Renderer, line, x, y) {
    if (needsPdfmake(line)) return renderLine.call(this, line, x, y);
    drawLine(this.pdfDocument, new TextDecorator(this.pdfDocument), line, x || 0, y || 0);
  };
}
