/**
 * A chart's text laid out as svg-to-pdfkit lays it out when it makes a `<text>` element
 * (its `recursive` and `doAnchoring`): each run of text shaped with its part's font,
 * white space collapsed as SVG does by default, lines started at a tspan's `x`, `y`, `dx`
 * and `dy`, and each line moved by its anchor once it is complete. svg-draw.ts then
 * writes the glyphs. Laying out opens fonts and adds glyphs to the document's subsets, so
 * it happens where svg-to-pdfkit does it: for all of a group's texts before the group draws.
 */
import type { TextPart } from './svg-plan.js';

interface Glyph {
  readonly advanceWidth: number;
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

/** A font of pdfkit's document, as svg-to-pdfkit uses it. */
export interface Font {
  readonly id: string;
  /** The characters of each glyph of the subset (pdfkit's embedded fonts). */
  readonly unicode?: readonly (readonly number[])[];
  ref(): unknown;
  encode(text: string): [string[], Glyph[]];
}

/** The font file for a family, bold or not, italic or not (pdfmake's callback). */
export type FontFile = (family: string, bold: boolean, italic: boolean) => string;

/** What laying out asks of the document: to open a font, and the font it has. */
interface Fonts {
  readonly _font: Font;
  font(src: string): unknown;
}

/** A glyph placed as svg-to-pdfkit places it. */
export interface Placed {
  readonly glyph: string;
  readonly kern: number;
  x: number;
  readonly y: number;
  readonly width: number;
  readonly continuous: boolean;
}

/** A text part laid out: its font and size, and the glyphs of each of its runs of text. */
export interface Run {
  readonly font: Font;
  readonly size: number;
  readonly pieces: Placed[][];
}
export type LaidText = ReadonlyMap<TextPart, Run>;

const textContent = (p: TextPart): string =>
  p.content.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');

const SHIFT: Readonly<Record<string, number>> = { start: 0, middle: 0.5, end: 1 };

class Layout {
  readonly runs = new Map<TextPart, Run>();
  private processed = '';
  private remaining: string;
  private x = 0;
  private y = 0;
  /** The glyphs of the line being laid out, and the anchor of its first glyph's part. */
  private line: Placed[] = [];
  private anchor = 'start';

  constructor(
    private readonly doc: Fonts,
    private readonly fontFile: FontFile,
    text: TextPart,
  ) {
    this.remaining = textContent(text);
  }

  /** The line is complete: moved by its anchor. */
  endLine(): void {
    const first = this.line[0];
    const last = this.line.at(-1);
    if (first && last) {
      const shift = (SHIFT[this.anchor] ?? 0) * (last.x + last.width - first.x) || 0;
      for (const p of this.line) p.x -= shift;
    }
    this.line = [];
  }

  part(part: TextPart): void {
    const s = part.style;
    const file = this.fontFile(s.fontFamily, s.bold, s.italic);
    try {
      this.doc.font(file);
    } catch {
      // svg-to-pdfkit warns and goes on with the font it had.
    }
    const run: Run = { font: this.doc._font, size: s.fontSize, pieces: [] };
    this.runs.set(part, run);
    let index = 0;
    for (const child of part.content) {
      if (typeof child !== 'string') this.part(child);
      else index = this.run(part, run, child, index);
    }
  }

  /** One run of text of `part`; `index`: the characters of the part placed before it. */
  private run(part: TextPart, run: Run, text: string, index: number): number {
    this.remaining = this.remaining.substring(text.length);
    let rendered = text.replace(/[\s]+/g, ' ');
    if (/[\s]$|^$/.test(this.processed)) rendered = rendered.replace(/^[\s]/, '');
    if (/^[\s]*$/.test(this.remaining)) rendered = rendered.replace(/[\s]$/, '');
    this.processed += text;
    const [hex, positions] = run.font.encode(rendered);
    const piece: Placed[] = [];
    run.pieces.push(piece);
    hex.forEach((glyph, j) => {
      // A part's x, y, dx and dy apply to its first character only.
      const moved = index === 0 && this.moveTo(part);
      const placed = this.place(glyph, positions[j]!, part.style.fontSize, j !== 0 && !moved);
      piece.push(placed);
      if (this.line.length === 1) this.anchor = part.style.anchor;
      // pdfkit's encode records every glyph it gives in `unicode` (svg-to-pdfkit reads it unguarded).
      index += run.font.unicode ? (run.font.unicode[parseInt(glyph, 16)]?.length ?? 0) : 1;
    });
    return index;
  }

  /** A part's own position, if it has one: a new x or y ends the line before it. */
  private moveTo(part: TextPart): boolean {
    const { x, y, dx, dy } = part.at;
    if (x !== undefined) {
      this.endLine();
      this.x = x;
    }
    if (y !== undefined) {
      this.endLine();
      this.y = y;
    }
    if (dx !== undefined) this.x += dx;
    if (dy !== undefined) this.y += dy;
    return x !== undefined || y !== undefined || dx !== undefined || dy !== undefined;
  }

  private place(glyph: string, p: Glyph, size: number, continuous: boolean): Placed {
    const placed: Placed = {
      glyph,
      kern: p.advanceWidth - p.xAdvance,
      x: this.x + (p.xOffset * size) / 1000,
      y: this.y + (p.yOffset * size) / 1000,
      width: (p.advanceWidth * size) / 1000,
      continuous,
    };
    this.line.push(placed);
    this.x += (p.xAdvance * size) / 1000;
    this.y += (p.yAdvance * size) / 1000;
    return placed;
  }
}

/** The glyphs of a text and its tspans, placed. */
export function layText(doc: Fonts, fontFile: FontFile, text: TextPart): LaidText {
  const layout = new Layout(doc, fontFile, text);
  layout.part(text);
  layout.endLine();
  return layout.runs;
}
