/**
 * A chart drawn into the PDF without pdfmake's SVG renderer (svg-to-pdfkit). That renderer
 * builds an object with some forty closures for every element and looks each style up
 * through its parents: a briefing's four charts took about a fifth of its PDF once warm.
 * What Vega draws is a small part of SVG (groups moved by `translate`, paths, lines,
 * rectangles, circles, text in lines): svg-parse.ts reads the markup, svg-plan.ts makes
 * the plan (or says the chart has a part it does not take), and this draws it by making
 * the same pdfkit calls in the same order with the same numbers, so the PDF has the same
 * bytes (tests/svg-draw.test.ts compares them with svg-to-pdfkit's).
 */
import { parseSvg } from './svg-parse.js';
import type { PathCommand } from './svg-path.js';
import {
  planSvg,
  type Group,
  type Mark,
  type Plan,
  type Shape,
  type Text,
  type TextPart,
} from './svg-plan.js';
import type { Paint, Rgb, Style } from './svg-style.js';

/** What is drawn with: pdfkit's document, the calls svg-to-pdfkit makes. */
export interface Canvas {
  _fillColor: unknown;
  _font: Font;
  page: { fonts: Record<string, unknown> };
  save(): Canvas;
  restore(): Canvas;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): Canvas;
  translate(x: number, y: number): Canvas;
  scale(factor: number): Canvas;
  fillColor(color: number[], opacity: number): Canvas;
  strokeColor(color: number[], opacity: number): Canvas;
  lineWidth(w: number): Canvas;
  miterLimit(m: number): Canvas;
  lineJoin(j: string): Canvas;
  lineCap(c: string): Canvas;
  dash(lengths: number[], options: { phase: number }): Canvas;
  moveTo(x: number, y: number): Canvas;
  lineTo(x: number, y: number): Canvas;
  bezierCurveTo(a: number, b: number, c: number, d: number, e: number, f: number): Canvas;
  closePath(): Canvas;
  clip(): Canvas;
  fill(rule: string): Canvas;
  stroke(): Canvas;
  fillAndStroke(rule: string): Canvas;
  addContent(operator: string): Canvas;
  font(src: string): Canvas;
}

interface Glyph {
  readonly advanceWidth: number;
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}
interface Font {
  readonly id: string;
  /** The characters of each glyph of the subset (pdfkit's embedded fonts). */
  readonly unicode?: readonly (readonly number[])[];
  ref(): unknown;
  encode(text: string): [string[], Glyph[]];
}

/** The font file for a family, bold or not, italic or not (pdfmake's callback). */
export type FontFile = (family: string, bold: boolean, italic: boolean) => string;

const validate = (n: number): number => (n > -1e21 && n < 1e21 ? Math.round(n * 1e6) / 1e6 : 0);

/** A glyph placed as svg-to-pdfkit places it. */
interface Placed {
  readonly glyph: string;
  readonly kern: number;
  x: number;
  readonly y: number;
  readonly width: number;
  readonly continuous: boolean;
}

/** A text part laid out: its font and size, and the glyphs of each of its runs of text. */
interface Run {
  readonly font: Font;
  readonly size: number;
  readonly pieces: Placed[][];
}
type LaidText = ReadonlyMap<TextPart, Run>;

const textContent = (p: TextPart): string =>
  p.content.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');

class Drawer {
  constructor(
    private readonly doc: Canvas,
    private readonly fontFile: FontFile,
  ) {}

  /** svg-to-pdfkit's fill or stroke of an element: its colour times its opacities, if any. */
  private colour(p: Paint, paintOpacity: number, opacity: number): readonly [Rgb, number] | undefined {
    if (p === 'none' || !opacity || !paintOpacity) return undefined;
    // Grouped as svg-to-pdfkit groups it (`opacityToColor`), so the product is the same number.
    return [p[0], p[1] * (paintOpacity * opacity)];
  }

  private fillOf(s: Style, opacity: number): readonly [Rgb, number] | undefined {
    return this.colour(s.fill, s.fillOpacity, opacity);
  }

  private strokeOf(s: Style, opacity: number): readonly [Rgb, number] | undefined {
    if (Math.abs(s.strokeWidth) < 1e-10) return undefined;
    return this.colour(s.stroke, s.strokeOpacity, opacity);
  }

  private moveBy(m: Mark): void {
    if (m.move) this.doc.transform(1, 0, 0, 1, m.move[0], m.move[1]);
  }

  root(plan: Plan, x: number, y: number): void {
    const doc = this.doc;
    const saved = doc._fillColor;
    doc.save().translate(x, y).scale(1);
    doc.save();
    // The viewport's clip (overflow is hidden on an <svg> unless it says otherwise).
    doc.moveTo(0, 0).lineTo(plan.width, 0).lineTo(plan.width, plan.height).lineTo(0, plan.height).closePath();
    doc.clip();
    doc.transform(...plan.matrix);
    this.children(plan.children);
    doc.restore();
    doc.restore();
    doc._fillColor = saved;
  }

  /** svg-to-pdfkit makes all of an element's children (laying out text, hidden or not) before drawing the first. */
  private children(marks: readonly Mark[]): void {
    const laid = marks.map((m) => (m.kind === 'text' ? this.layText(m) : undefined));
    marks.forEach((m, i) => {
      if (m.hidden) return;
      if (m.kind === 'group') this.group(m);
      else if (m.kind === 'text') this.text(m, laid[i]!);
      else this.shape(m);
    });
  }

  private group(g: Group): void {
    this.doc.save();
    this.moveBy(g);
    this.children(g.children);
    this.doc.restore();
  }

  private shape(m: Shape): void {
    const doc = this.doc;
    const s = m.style;
    doc.save();
    this.moveBy(m);
    const fill = this.fillOf(s, m.opacity);
    const stroke = this.strokeOf(s, m.opacity);
    if (fill || stroke) {
      if (fill) doc.fillColor([...fill[0]], fill[1]);
      if (stroke) {
        doc.strokeColor([...stroke[0]], stroke[1]);
        doc.lineWidth(s.strokeWidth).miterLimit(s.miterLimit).lineJoin(s.lineJoin).lineCap(s.lineCap);
        this.dash(s);
      }
      for (const part of m.parts) if (part.drawn) for (const c of part.commands) this.command(c);
      if (fill && stroke) doc.fillAndStroke('nonzero');
      else if (fill) doc.fill('nonzero');
      else doc.stroke();
    }
    doc.restore();
  }

  private command(c: PathCommand): void {
    if (c[0] === 'move') this.doc.moveTo(c[1], c[2]);
    else if (c[0] === 'line') this.doc.lineTo(c[1], c[2]);
    else if (c[0] === 'curve') this.doc.bezierCurveTo(c[1], c[2], c[3], c[4], c[5], c[6]);
    else this.doc.closePath();
  }

  /** svg-to-pdfkit's `docApplyDash`, for lists without a zero (svg-style.ts takes no other). */
  private dash(s: Style): void {
    const list = [...s.dash];
    let offset = s.dashOffset;
    const total = list.reduce((a, b) => a + b, 0);
    if (total > 0) while (offset < 0) offset += total;
    this.doc.dash(list, { phase: offset });
  }

  /**
   * The glyphs of a text and its tspans, placed: each run of text shaped with its part's
   * font, lines started at their `x`, `y`, `dx`, `dy`, and each line moved by its anchor
   * once it is complete (svg-to-pdfkit's `recursive` and `doAnchoring`).
   */
  private layText(text: Text): LaidText {
    const runs = new Map<TextPart, Run>();
    let processed = '';
    let remaining = textContent(text.part);
    let x = 0;
    let y = 0;
    let chunk: Placed[] = [];
    let anchor = 'start';
    const anchorChunk = (): void => {
      if (chunk.length) {
        const first = chunk[0]!;
        const last = chunk.at(-1)!;
        const width = last.x + last.width - first.x;
        const shift = ({ start: 0, middle: 0.5, end: 1 }[anchor] ?? 0) * width || 0;
        for (const p of chunk) p.x -= shift;
      }
      chunk = [];
    };
    const walk = (part: TextPart, top: boolean): void => {
      const s = part.style;
      const file = this.fontFile(s.fontFamily, s.bold, s.italic);
      try {
        this.doc.font(file);
      } catch {
        // svg-to-pdfkit warns and goes on with the font it had.
      }
      const font = this.doc._font;
      const run: Run = { font, size: s.fontSize, pieces: [] };
      runs.set(part, run);
      let index = 0;
      for (const child of part.content) {
        if (typeof child !== 'string') {
          walk(child, false);
          continue;
        }
        remaining = remaining.substring(child.length);
        let rendered = child.replace(/[\s]+/g, ' ');
        if (/[\s]$|^$/.test(processed)) rendered = rendered.replace(/^[\s]/, '');
        if (/^[\s]*$/.test(remaining)) rendered = rendered.replace(/[\s]$/, '');
        processed += child;
        const [hex, positions] = font.encode(rendered);
        const piece: Placed[] = [];
        run.pieces.push(piece);
        hex.forEach((glyph, j) => {
          const p = positions[j]!;
          let continuous = j !== 0;
          // A part's x, y, dx and dy apply to its first character only.
          if (index === 0) {
            const { x: ax, y: ay, dx, dy } = part.at;
            // A new x or y ends the line before it, which is then moved by its anchor.
            if (ax !== undefined || ay !== undefined || dx !== undefined || dy !== undefined)
              continuous = false;
            if (ax !== undefined) {
              anchorChunk();
              x = ax;
            }
            if (ay !== undefined) {
              anchorChunk();
              y = ay;
            }
            if (dx !== undefined) x += dx;
            if (dy !== undefined) y += dy;
          }
          const placed: Placed = {
            glyph,
            kern: p.advanceWidth - p.xAdvance,
            x: x + (p.xOffset * s.fontSize) / 1000,
            y: y + (p.yOffset * s.fontSize) / 1000,
            width: (p.advanceWidth * s.fontSize) / 1000,
            continuous,
          };
          chunk.push(placed);
          piece.push(placed);
          if (chunk.length === 1) anchor = s.anchor;
          // pdfkit's encode records every glyph it gives in `unicode` (svg-to-pdfkit reads it unguarded).
          index += font.unicode ? (font.unicode[parseInt(glyph, 16)]?.length ?? 0) : 1;
          x += (p.xAdvance * s.fontSize) / 1000;
          y += (p.yAdvance * s.fontSize) / 1000;
        });
      }
      if (top) anchorChunk();
    };
    walk(text.part, true);
    return runs;
  }

  private text(text: Text, laid: LaidText): void {
    this.doc.save();
    this.moveBy(text);
    this.drawPart(text.part, laid);
    this.doc.restore();
  }

  private drawPart(part: TextPart, laid: LaidText): void {
    const fill = this.fillOf(part.style, part.opacity);
    const run = laid.get(part)!;
    let piece = 0;
    for (const child of part.content) {
      if (typeof child !== 'string') {
        if (!child.hidden) this.drawPart(child, laid);
        continue;
      }
      const glyphs = run.pieces[piece++]!;
      if (!fill) continue;
      this.doc.fillColor([...fill[0]], fill[1]);
      if (!this.doc.page.fonts[run.font.id]) this.doc.page.fonts[run.font.id] = run.font.ref();
      this.doc.addContent('BT').addContent(`/${run.font.id} ${run.size} Tf`);
      this.doc.addContent('0 Tr');
      this.glyphs(glyphs);
      this.doc.addContent('ET');
    }
  }

  /** svg-to-pdfkit's `docWriteGlyphs`, without rotation or skew. */
  private glyphs(placed: readonly Placed[]): void {
    let commands: string[] = [];
    let pending = '';
    const flush = (): void => {
      if (pending.length) {
        commands.push(`<${pending}> 0`);
        pending = '';
      }
      if (commands.length) {
        this.doc.addContent(`[${commands.join(' ')}] TJ`);
        commands = [];
      }
    };
    const add = (p: Placed): void => {
      pending += p.glyph;
      if (p.kern === 0) return;
      commands.push(`<${pending}> ${validate(p.kern)}`);
      pending = '';
    };
    for (const p of placed) {
      if (Math.abs(p.width) < 1e-10) {
        flush();
        continue;
      }
      if (p.continuous) {
        add(p);
        continue;
      }
      flush();
      this.doc.addContent(`1 0 0 -1 ${validate(p.x)} ${validate(p.y)} Tm`);
      add(p);
    }
    flush();
  }
}

/** Draws the chart at (x, y) if every part of it is planned; false leaves it to svg-to-pdfkit. */
export function drawSvg(doc: Canvas, markup: string, x: number, y: number, fontFile: FontFile): boolean {
  const root = parseSvg(markup);
  const plan = root && planSvg(root);
  if (!plan) return false;
  new Drawer(doc, fontFile).root(plan, x, y);
  return true;
}
