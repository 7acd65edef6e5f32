/**
 * A chart's SVG tree (svg-parse.ts) as a plan for svg-draw.ts: groups, shapes and texts,
 * each with its style resolved (svg-style.ts) and its `translate`, a shape with its outline
 * as subpaths (svg-path.ts). Undefined if any part is one svg-draw.ts would not draw as
 * svg-to-pdfkit does; the chart is then left to svg-to-pdfkit whole. Among those parts:
 * a group (or the chart) with an opacity below one, which svg-to-pdfkit draws as a
 * transparency group; a stroke with round or square caps, where it draws a dot for a
 * subpath with no length; a text with its own x or y, which would also place its first
 * tspan's first glyph; italic or stroked text.
 */
import type { SvgElement } from './svg-parse.js';
import {
  NUMBER,
  SEPARATOR,
  ellipseCommands,
  pathCommands,
  rectCommands,
  subPaths,
  type PathCommand,
  type SubPath,
} from './svg-path.js';
import {
  GEOMETRY,
  INERT,
  INITIAL,
  LENGTH,
  READ,
  SKIPPED,
  isHidden,
  lengthOf,
  opacityOf,
  styleOf,
  translation,
  type Style,
} from './svg-style.js';

/** An element's own `translate`, if it has one. */
export type Move = readonly [number, number] | undefined;

export interface Group {
  readonly kind: 'group';
  readonly hidden: boolean;
  readonly move: Move;
  readonly children: readonly Mark[];
}

export interface Shape {
  readonly kind: 'shape';
  readonly hidden: boolean;
  readonly move: Move;
  readonly style: Style;
  readonly opacity: number;
  readonly parts: readonly SubPath[];
}

/** A `<text>` or one of its `<tspan>`s: its runs of text and tspans in order. */
export interface TextPart {
  readonly hidden: boolean;
  readonly style: Style;
  readonly opacity: number;
  /** Where its first glyph goes (a tspan's `x`, `y`, `dx`, `dy`). */
  readonly at: { readonly x?: number; readonly y?: number; readonly dx?: number; readonly dy?: number };
  readonly content: readonly (string | TextPart)[];
}

export interface Text {
  readonly kind: 'text';
  readonly hidden: boolean;
  readonly move: Move;
  readonly part: TextPart;
}

export type Mark = Group | Shape | Text;

export type Matrix = [number, number, number, number, number, number];

export interface Plan {
  readonly width: number;
  readonly height: number;
  /** The viewBox into the viewport: xMidYMid meet, then the viewBox's origin. */
  readonly matrix: Matrix;
  readonly children: readonly Mark[];
}

/** Every attribute is one read here, with a value read as svg-to-pdfkit reads it. */
function attributesRead(e: SvgElement): boolean {
  const read = Object.hasOwn(READ, e.name) ? READ[e.name] : undefined;
  if (!read) return false;
  for (const [name, value] of e.attributes) {
    if (INERT.has(name)) continue;
    if (!read.has(name)) return false;
    if (name === 'display' && value !== 'none' && value !== 'inline') return false;
    if (name === 'transform' && !translation(value)) return false;
    if (name === 'opacity' && !LENGTH.test(value.trim())) return false;
    if (GEOMETRY.has(name) && lengthOf(value) === undefined) return false;
    if (['rx', 'ry', 'r'].includes(name) && lengthOf(value)! < 0) return false;
  }
  return true;
}

const moveOf = (e: SvgElement): Move => {
  const t = e.attributes.get('transform');
  return t === undefined ? undefined : translation(t);
};

function outline(e: SvgElement): PathCommand[] | undefined {
  const given = (k: string): number | undefined => lengthOf(e.attributes.get(k));
  const n = (k: string): number => given(k) ?? 0;
  switch (e.name) {
    case 'path':
      return pathCommands(e.attributes.get('d') ?? '');
    case 'line':
      return [
        ['move', n('x1'), n('y1')],
        ['line', n('x2'), n('y2')],
      ];
    case 'circle':
      return ellipseCommands(n('cx'), n('cy'), n('r'), n('r'));
    case 'ellipse':
      return ellipseCommands(n('cx'), n('cy'), n('rx'), n('ry'));
    case 'rect':
      return rectCommands(n('x'), n('y'), n('width'), n('height'), given('rx'), given('ry'));
    default:
      return undefined;
  }
}

function textPart(e: SvgElement, style: Style, inText: boolean): TextPart | undefined {
  if (style.italic || style.stroke !== 'none') return undefined;
  const content: (string | TextPart)[] = [];
  for (const c of e.children) {
    if (typeof c === 'string') {
      content.push(c);
      continue;
    }
    // A tspan in a text, never deeper.
    if (inText || c.name !== 'tspan' || !attributesRead(c)) return undefined;
    const s = styleOf(c, style);
    const part = s && textPart(c, s, true);
    if (!part) return undefined;
    content.push(part);
  }
  const at = (k: string): number | undefined => lengthOf(e.attributes.get(k));
  return {
    hidden: isHidden(e),
    style,
    opacity: opacityOf(e),
    at: { x: at('x'), y: at('y'), dx: at('dx'), dy: at('dy') },
    content,
  };
}

function mark(e: SvgElement, parent: Style): Mark | undefined {
  if (!attributesRead(e) || e.name === 'svg' || e.name === 'tspan') return undefined;
  const style = styleOf(e, parent);
  if (!style) return undefined;
  const base = { hidden: isHidden(e), move: moveOf(e) };
  if (e.name === 'g') {
    const children = marks(e, style);
    return children && opacityOf(e) >= 1 ? { kind: 'group', ...base, children } : undefined;
  }
  if (e.name === 'text') {
    if (['x', 'y', 'dx', 'dy'].some((k) => e.attributes.has(k))) return undefined;
    const part = textPart(e, style, false);
    return part && { kind: 'text', ...base, part };
  }
  if (style.lineCap !== 'butt' && style.stroke !== 'none') return undefined;
  if (e.children.some((c) => typeof c !== 'string' || c.trim())) return undefined;
  const commands = outline(e);
  return commands && { kind: 'shape', ...base, style, opacity: opacityOf(e), parts: subPaths(commands) };
}

/** The children a group draws (svg-to-pdfkit passes over text, `<title>` and `<desc>`). */
function marks(e: SvgElement, style: Style): Mark[] | undefined {
  const out: Mark[] = [];
  for (const c of e.children) {
    if (typeof c === 'string') {
      if (c.trim()) return undefined;
      continue;
    }
    if (SKIPPED.has(c.name)) {
      if (c.children.some((t) => typeof t !== 'string')) return undefined;
      continue;
    }
    const m = mark(c, style);
    if (!m) return undefined;
    out.push(m);
  }
  return out;
}

/** The chart as a plan, or undefined if any part of it is left to svg-to-pdfkit. */
export function planSvg(root: SvgElement): Plan | undefined {
  if (root.name !== 'svg' || !attributesRead(root) || root.attributes.has('transform')) return undefined;
  if (opacityOf(root) < 1) return undefined;
  const vb = numberList(root.attributes.get('viewBox') ?? '');
  const width = lengthOf(root.attributes.get('width'));
  const height = lengthOf(root.attributes.get('height'));
  if (!vb || vb.length !== 4 || vb.some((n) => !Number.isFinite(n)) || !(vb[2]! > 0 && vb[3]! > 0))
    return undefined;
  if (width === undefined || height === undefined) return undefined;
  const style = styleOf(root, INITIAL);
  const children = style && marks(root, style);
  if (!children) return undefined;
  const scale = Math.min(width / vb[2]!, height / vb[3]!);
  const matrix = multiply(
    [scale, 0, 0, scale, 0.5 * (width - vb[2]! * scale), 0.5 * (height - vb[3]! * scale)],
    [1, 0, 0, 1, -vb[0]!, -vb[1]!],
  );
  return { width, height, matrix, children };
}

/**
 * A list of numbers as svg-to-pdfkit reads one (`getNumberList`): numbers apart by spaces or a
 * comma; undefined if anything else is left, where svg-to-pdfkit would read fewer.
 */
function numberList(text: string): number[] | undefined {
  const out: number[] = [];
  let rest = text.trim();
  for (let m = NUMBER.exec(rest); m; m = NUMBER.exec(rest)) {
    out.push(Number(m[0]));
    rest = rest.slice(m[0].length).replace(SEPARATOR, '');
  }
  return rest === '' ? out : undefined;
}

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
