/**
 * A chart drawn into the PDF without pdfmake's SVG renderer (svg-to-pdfkit). That renderer
 * builds an object with some forty closures for every element and looks each style up
 * through its parents: a briefing's four charts took about a fifth of its PDF once warm.
 * What Vega draws is a small part of SVG (groups moved by `translate`, paths, lines,
 * rectangles, circles, text in lines), and this draws that part by making the same pdfkit calls in
 * the same order with the same numbers, so the PDF has the same bytes (tested against the
 * renderer on every chart of the example). A chart with anything else in it, or with
 * values read otherwise, is left to the renderer whole (`drawable` says which).
 */
import { parseSvg, type SvgElement } from './svg-parse.js';
import { ellipseCommands, pathCommands, rectCommands, subPaths, type PathCommand } from './svg-path.js';

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

type Rgb = [number, number, number];
/** A paint: a colour and its opacity, or none. */
type Paint = readonly [Rgb, number] | 'none';

/** The styles an element passes on to its children, as svg-to-pdfkit resolves them. */
interface Style {
  readonly fill: Paint;
  readonly stroke: Paint;
  readonly fillOpacity: number;
  readonly strokeOpacity: number;
  readonly strokeWidth: number;
  readonly dash: readonly number[];
  readonly dashOffset: number;
  readonly miterLimit: number;
  readonly lineJoin: string;
  readonly lineCap: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly anchor: string;
}

const INITIAL: Style = {
  fill: [[0, 0, 0], 1],
  stroke: 'none',
  fillOpacity: 1,
  strokeOpacity: 1,
  strokeWidth: 1,
  dash: [],
  dashOffset: 0,
  miterLimit: 4,
  lineJoin: 'miter',
  lineCap: 'butt',
  fontFamily: 'sans-serif',
  fontSize: 16,
  bold: false,
  italic: false,
  anchor: 'start',
};

/** Attributes that change nothing svg-to-pdfkit draws. */
const INERT = new Set([
  'class',
  'role',
  'aria-label',
  'aria-roledescription',
  'aria-hidden',
  'pointer-events',
  'version',
  'xmlns',
  'xmlns:xlink',
  'id',
]);
const PAINTING = [
  'fill',
  'stroke',
  'fill-opacity',
  'stroke-opacity',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-miterlimit',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'transform',
  'display',
];
const FONT = ['font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor'];
/** Each element this draws, and the attributes it reads of it. */
const READ: Record<string, ReadonlySet<string>> = {
  // Its own transform would also move the viewport's clip: not read here.
  svg: new Set(['width', 'height', 'viewBox', ...PAINTING.filter((p) => p !== 'transform'), ...FONT]),
  g: new Set([...PAINTING, ...FONT]),
  path: new Set(['d', ...PAINTING]),
  line: new Set(['x1', 'y1', 'x2', 'y2', ...PAINTING]),
  rect: new Set(['x', 'y', 'width', 'height', 'rx', 'ry', ...PAINTING]),
  circle: new Set(['cx', 'cy', 'r', ...PAINTING]),
  ellipse: new Set(['cx', 'cy', 'rx', 'ry', ...PAINTING]),
  // A text's own x and y would also place its first tspan's first glyph: only tspans have them here.
  text: new Set([...PAINTING, ...FONT]),
  tspan: new Set(['x', 'y', 'dx', 'dy', ...PAINTING, ...FONT]),
};
/** Lengths in user units (a percentage is not read here). */
const GEOMETRY = new Set([
  'x',
  'y',
  'dx',
  'dy',
  'x1',
  'y1',
  'x2',
  'y2',
  'width',
  'height',
  'rx',
  'ry',
  'r',
  'cx',
  'cy',
]);
/** Elements svg-to-pdfkit passes over inside a group (not among its allowed children). */
const SKIPPED = new Set(['title', 'desc']);

const LENGTH = /^([-+]?(?:[0-9]+[.][0-9]+|[0-9]+[.]|[.][0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?)(px)?$/;
const length = (v: string | undefined): number | undefined => {
  const m = v === undefined ? null : LENGTH.exec(v.trim());
  return m ? Number(m[1]) : undefined;
};
const TRANSLATE = /^translate\(\s*([^,\s)]+)(?:\s*[,\s]\s*([^,\s)]+))?\s*\)$/;
const HEX6 = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;
const HEX3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i;
const WEIGHTS: Record<string, boolean> = {
  bold: true,
  bolder: true,
  600: true,
  700: true,
  800: true,
  900: true,
  normal: false,
  lighter: false,
  100: false,
  200: false,
  300: false,
  400: false,
  500: false,
};
const clamp01 = (n: number): number => Math.max(0, Math.min(1, n));

/** A colour as svg-to-pdfkit parses it (hex only here), or 'none'. */
function paint(v: string): Paint | undefined {
  const s = v.trim();
  if (s === 'none' || s === 'transparent') return 'none';
  const six = HEX6.exec(s);
  if (six) return [[parseInt(six[1]!, 16), parseInt(six[2]!, 16), parseInt(six[3]!, 16)], 1];
  const three = HEX3.exec(s);
  if (three)
    return [
      [0x11 * parseInt(three[1]!, 16), 0x11 * parseInt(three[2]!, 16), 0x11 * parseInt(three[3]!, 16)],
      1,
    ];
  return undefined;
}

/** A `translate(x[, y])`, the only transform read here. */
function translation(v: string): [number, number] | undefined {
  const m = TRANSLATE.exec(v.trim());
  if (!m) return undefined;
  const x = Number(m[1]);
  const y = m[2] === undefined ? 0 : Number(m[2]);
  return Number.isFinite(x) &&
    Number.isFinite(y) &&
    LENGTH.test(m[1]!) &&
    (m[2] === undefined || LENGTH.test(m[2]))
    ? [x, y]
    : undefined;
}

/** A dash list of positive lengths, doubled when odd (svg-to-pdfkit); undefined for a zero or anything else. */
function dashes(v: string): number[] | undefined {
  if (v.trim() === 'none') return [];
  const parts = v
    .trim()
    .split(/\s*,\s*|\s+/)
    .map(length);
  if (parts.some((p) => p === undefined || p <= 0)) return undefined;
  const list = parts as number[];
  return list.length % 2 ? [...list, ...list] : list;
}

/** The element's own style over its parent's; undefined if a value is not read here. */
function styleOf(e: SvgElement, parent: Style): Style | undefined {
  const a = e.attributes;
  const s: { -readonly [K in keyof Style]: Style[K] } = { ...parent };
  for (const [name, value] of a) {
    switch (name) {
      case 'fill':
      case 'stroke': {
        const p = paint(value);
        if (!p) return undefined;
        s[name] = p;
        break;
      }
      case 'fill-opacity':
      case 'stroke-opacity': {
        const n = Number.parseFloat(value);
        if (Number.isNaN(n) || !LENGTH.test(value.trim())) return undefined;
        s[name === 'fill-opacity' ? 'fillOpacity' : 'strokeOpacity'] = clamp01(n);
        break;
      }
      case 'stroke-width': {
        const n = length(value);
        if (n === undefined || n < 0) return undefined;
        s.strokeWidth = n;
        break;
      }
      case 'stroke-dasharray': {
        const d = dashes(value);
        if (!d) return undefined;
        s.dash = d;
        break;
      }
      case 'stroke-dashoffset': {
        const n = length(value);
        if (n === undefined) return undefined;
        s.dashOffset = n;
        break;
      }
      case 'stroke-miterlimit': {
        const n = length(value);
        if (n === undefined || n < 1) return undefined;
        s.miterLimit = n;
        break;
      }
      case 'stroke-linejoin':
        if (!['miter', 'round', 'bevel'].includes(value)) return undefined;
        s.lineJoin = value;
        break;
      case 'stroke-linecap':
        if (!['butt', 'round', 'square'].includes(value)) return undefined;
        s.lineCap = value;
        break;
      case 'font-family':
        if (!value) return undefined;
        s.fontFamily = value;
        break;
      case 'font-size': {
        const n = length(value);
        if (n === undefined) return undefined;
        s.fontSize = n;
        break;
      }
      case 'font-weight':
        if (!(value in WEIGHTS)) return undefined;
        s.bold = WEIGHTS[value]!;
        break;
      case 'font-style':
        if (value !== 'normal' && value !== 'italic' && value !== 'oblique') return undefined;
        s.italic = value !== 'normal';
        break;
      case 'text-anchor':
        if (!['start', 'middle', 'end'].includes(value)) return undefined;
        s.anchor = value;
        break;
    }
  }
  return s;
}

/** The element's opacity (not passed on to children). */
const opacityOf = (e: SvgElement): number => {
  const v = e.attributes.get('opacity');
  return v === undefined ? 1 : clamp01(Number.parseFloat(v));
};
const hidden = (e: SvgElement): boolean => e.attributes.get('display') === 'none';
const elements = (e: SvgElement): SvgElement[] =>
  e.children.filter((c): c is SvgElement => typeof c !== 'string');

/**
 * Whether every element and attribute of the chart is one this draws as svg-to-pdfkit
 * would. A group (or the chart) with an opacity below one is a transparency group there;
 * a stroke with round or square caps draws a dot where a subpath has no length.
 */
export function drawable(root: SvgElement): boolean {
  const check = (e: SvgElement, parent: Style, inText: boolean): boolean => {
    const read = READ[e.name];
    if (!read || (inText ? e.name !== 'tspan' : e.name === 'tspan')) return false;
    if (inText && e.children.some((c) => typeof c !== 'string')) return false;
    for (const [name, value] of e.attributes) {
      if (INERT.has(name)) continue;
      if (!read.has(name)) return false;
      if (name === 'display' && value !== 'none' && value !== 'inline') return false;
      if (name === 'transform' && !translation(value)) return false;
      if (name === 'opacity' && (Number.isNaN(Number.parseFloat(value)) || !LENGTH.test(value.trim())))
        return false;
      if (GEOMETRY.has(name) && length(value) === undefined) return false;
      if (['rx', 'ry', 'r'].includes(name) && length(value)! < 0) return false;
    }
    const style = styleOf(e, parent);
    if (!style) return false;
    if ((e.name === 'g' || e.name === 'svg') && opacityOf(e) < 1) return false;
    if (style.lineCap !== 'butt' && style.stroke !== 'none') return false;
    if (e.name === 'path' && !pathCommands(e.attributes.get('d') ?? '')) return false;
    if (e.name === 'text' || e.name === 'tspan') {
      if (style.italic || style.stroke !== 'none') return false;
      return e.children.every((c) => typeof c === 'string' || check(c, style, true));
    }
    if (inText) return false;
    return e.children.every((c) =>
      typeof c === 'string'
        ? !c.trim()
        : SKIPPED.has(c.name)
          ? c.children.every((t) => typeof t === 'string')
          : check(c, style, false),
    );
  };
  if (root.name !== 'svg') return false;
  const vb = root.attributes
    .get('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (!vb || vb.length !== 4 || vb.some((n) => !Number.isFinite(n)) || vb[2]! <= 0 || vb[3]! <= 0)
    return false;
  if (
    length(root.attributes.get('width')) === undefined ||
    length(root.attributes.get('height')) === undefined
  )
    return false;
  return check(root, INITIAL, false);
}

const validate = (n: number): number => (n > -1e21 && n < 1e21 ? Math.round(n * 1e6) / 1e6 : 0);

/** A glyph placed as svg-to-pdfkit places it. */
interface Placed {
  glyph: string;
  kern: number;
  x: number;
  y: number;
  width: number;
  continuous: boolean;
}

/** An element of a text (the text or a tspan): its font, its size, and the glyphs of each of its runs of text. */
interface Run {
  readonly font: Font;
  readonly size: number;
  readonly pieces: Placed[][];
}
/** A text element laid out as svg-to-pdfkit's SvgElemText does when it is made. */
type LaidText = ReadonlyMap<SvgElement, Run>;

class Drawer {
  constructor(
    private readonly doc: Canvas,
    private readonly fontFile: FontFile,
  ) {}

  /** svg-to-pdfkit's fill or stroke of an element: its colour times its opacities, if any. */
  private colour(p: Paint, paintOpacity: number, opacity: number): readonly [Rgb, number] | undefined {
    if (p === 'none' || !opacity || !paintOpacity) return undefined;
    return [p[0], p[1] * paintOpacity * opacity];
  }

  private fillOf(s: Style, opacity: number): readonly [Rgb, number] | undefined {
    return this.colour(s.fill, s.fillOpacity, opacity);
  }

  private strokeOf(s: Style, opacity: number): readonly [Rgb, number] | undefined {
    if (Math.abs(s.strokeWidth) < 1e-10) return undefined;
    return this.colour(s.stroke, s.strokeOpacity, opacity);
  }

  private moveBy(e: SvgElement): void {
    const t = e.attributes.get('transform');
    if (t) this.doc.transform(1, 0, 0, 1, ...translation(t)!);
  }

  root(svg: SvgElement, x: number, y: number): void {
    const doc = this.doc;
    const saved = doc._fillColor;
    doc.save().translate(x, y).scale(1);
    const style = styleOf(svg, INITIAL)!;
    const width = length(svg.attributes.get('width'))!;
    const height = length(svg.attributes.get('height'))!;
    const vb = svg.attributes
      .get('viewBox')!
      .trim()
      .split(/[\s,]+/)
      .map(Number) as [number, number, number, number];
    doc.save();
    // The viewport's clip (overflow is hidden on an <svg> unless it says otherwise).
    doc.moveTo(0, 0).lineTo(width, 0).lineTo(width, height).lineTo(0, height).closePath();
    doc.clip();
    // xMidYMid meet, then the viewBox's origin.
    const scale = Math.min(width / vb[2], height / vb[3]);
    const dx = 0.5 * (width - vb[2] * scale);
    const dy = 0.5 * (height - vb[3] * scale);
    const m = multiply([scale, 0, 0, scale, dx, dy], [1, 0, 0, 1, -vb[0], -vb[1]]);
    doc.transform(...m);
    this.children(svg, style);
    doc.restore();
    doc.restore();
    doc._fillColor = saved;
  }

  /** svg-to-pdfkit makes all of an element's children (laying out text) before drawing the first. */
  private children(e: SvgElement, style: Style): void {
    const kids = elements(e).filter((c) => !SKIPPED.has(c.name));
    const styles = kids.map((c) => styleOf(c, style)!);
    const laid = kids.map((c, i) => (c.name === 'text' ? this.layText(c, styles[i]!) : undefined));
    kids.forEach((c, i) => {
      if (hidden(c)) return;
      if (c.name === 'g') this.group(c, styles[i]!);
      else if (c.name === 'text') this.text(c, styles[i]!, laid[i]!);
      else this.shape(c, styles[i]!);
    });
  }

  private group(g: SvgElement, style: Style): void {
    this.doc.save();
    this.moveBy(g);
    this.children(g, style);
    this.doc.restore();
  }

  private commandsOf(e: SvgElement): PathCommand[] {
    const given = (k: string): number | undefined => length(e.attributes.get(k));
    const n = (k: string): number => given(k) ?? 0;
    switch (e.name) {
      case 'path':
        return pathCommands(e.attributes.get('d') ?? '')!;
      case 'line':
        return [
          ['move', n('x1'), n('y1')],
          ['line', n('x2'), n('y2')],
        ];
      case 'circle':
        return ellipseCommands(n('cx'), n('cy'), n('r'), n('r'));
      case 'ellipse':
        return ellipseCommands(n('cx'), n('cy'), n('rx'), n('ry'));
      default:
        return rectCommands(n('x'), n('y'), n('width'), n('height'), given('rx'), given('ry'));
    }
  }

  private shape(e: SvgElement, s: Style): void {
    const doc = this.doc;
    const opacity = opacityOf(e);
    doc.save();
    this.moveBy(e);
    const parts = subPaths(this.commandsOf(e));
    const fill = this.fillOf(s, opacity);
    const stroke = this.strokeOf(s, opacity);
    if (fill || stroke) {
      if (fill) doc.fillColor([...fill[0]], fill[1]);
      if (stroke) {
        doc.strokeColor([...stroke[0]], stroke[1]);
        doc.lineWidth(s.strokeWidth).miterLimit(s.miterLimit).lineJoin(s.lineJoin).lineCap(s.lineCap);
        this.dash(s);
      }
      for (const part of parts) if (part.drawn) for (const c of part.commands) this.command(c);
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

  /** svg-to-pdfkit's `docApplyDash`, for lists without a zero (anything else is not drawn here). */
  private dash(s: Style): void {
    const list = [...s.dash];
    let offset = s.dashOffset;
    const total = list.reduce((a, b) => a + b, 0);
    if (total > 0) while (offset < 0) offset += total;
    this.doc.dash(list, { phase: offset });
  }

  /**
   * The glyphs of a text element and its lines, placed: each run of text shaped with its
   * element's font, lines started at their `x`, `y`, `dx`, `dy`, and each line moved by
   * its anchor once it is complete (svg-to-pdfkit's `recursive` and `doAnchoring`).
   */
  private layText(text: SvgElement, style: Style): LaidText {
    const runs = new Map<SvgElement, Run>();
    const whole = textContent(text);
    let processed = '';
    let remaining = whole;
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
    const walk = (e: SvgElement, s: Style): void => {
      const at = (k: string): number | undefined => length(e.attributes.get(k));
      const [ax, ay, adx, ady] = [at('x'), at('y'), at('dx'), at('dy')];
      this.doc.font(this.fontFile(s.fontFamily, s.bold, s.italic));
      const font = this.doc._font;
      const run: Run = { font, size: s.fontSize, pieces: [] };
      runs.set(e, run);
      let index = 0;
      for (const child of e.children) {
        if (typeof child !== 'string') {
          walk(child, styleOf(child, s)!);
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
          // An element's x, y, dx and dy apply to its first character only.
          if (index === 0) {
            if (ax !== undefined) [continuous, x] = [false, (anchorChunk(), ax)];
            if (ay !== undefined) [continuous, y] = [false, (anchorChunk(), ay)];
            if (adx !== undefined) [continuous, x] = [false, x + adx];
            if (ady !== undefined) [continuous, y] = [false, y + ady];
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
          index += font.unicode ? (font.unicode[parseInt(glyph, 16)]?.length ?? 0) : 1;
          x += (p.xAdvance * s.fontSize) / 1000;
          y += (p.yAdvance * s.fontSize) / 1000;
        });
      }
      if (e.name === 'text') anchorChunk();
    };
    walk(text, style);
    return runs;
  }

  private text(text: SvgElement, style: Style, laid: LaidText): void {
    this.doc.save();
    this.moveBy(text);
    this.drawText(text, style, laid);
    this.doc.restore();
  }

  private drawText(e: SvgElement, s: Style, laid: LaidText): void {
    const fill = this.fillOf(s, opacityOf(e));
    const run = laid.get(e)!;
    let piece = 0;
    for (const child of e.children) {
      if (typeof child !== 'string') {
        if (!hidden(child)) this.drawText(child, styleOf(child, s)!, laid);
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

function textContent(e: SvgElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

type Matrix = [number, number, number, number, number, number];
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

/** Draws the chart at (x, y) if every part of it is drawn here; false leaves it to svg-to-pdfkit. */
export function drawSvg(doc: Canvas, markup: string, x: number, y: number, fontFile: FontFile): boolean {
  const root = parseSvg(markup);
  if (!root || !drawable(root)) return false;
  new Drawer(doc, fontFile).root(root, x, y);
  return true;
}
