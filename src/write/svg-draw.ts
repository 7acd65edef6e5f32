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
import { layText, type Font, type FontFile, type LaidText, type Placed } from './svg-text.js';

export type { FontFile };

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

const validate = (n: number): number => (n > -1e21 && n < 1e21 ? Math.round(n * 1e6) / 1e6 : 0);

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
    const laid = marks.map((m) => (m.kind === 'text' ? layText(this.doc, this.fontFile, m.part) : undefined));
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

/**
 * The plans of the drawings drawn last, by their markup: a chart is drawn into each briefing
 * of its language, and the organisation's logo into every document, each time from the same
 * SVG. A plan is only read by the drawer. Kept few, as a long `watch` or `serve` session
 * draws each changed chart anew.
 */
const plans = new Map<string, Plan | undefined>();
const PLANS_KEPT = 32;

export function planOf(markup: string): Plan | undefined {
  if (plans.has(markup)) {
    const known = plans.get(markup);
    plans.delete(markup);
    plans.set(markup, known);
    return known;
  }
  const root = parseSvg(markup);
  const plan = root && planSvg(root);
  if (plans.size >= PLANS_KEPT) plans.delete(plans.keys().next().value!);
  plans.set(markup, plan);
  return plan;
}

/** Draws the chart at (x, y) if every part of it is planned; false leaves it to svg-to-pdfkit. */
export function drawSvg(doc: Canvas, markup: string, x: number, y: number, fontFile: FontFile): boolean {
  const plan = planOf(markup);
  if (!plan) return false;
  new Drawer(doc, fontFile).root(plan, x, y);
  return true;
}
