/**
 * A chart's SVG attributes as pdfmake's SVG renderer (svg-to-pdfkit) reads them, for the
 * part of SVG that svg-plan.ts takes: which elements and attributes are read, lengths in
 * user units, colours in hex, `translate` as the only transform, and each element's style
 * resolved over its parent's (svg-to-pdfkit's initial values and inheritance). A value
 * read otherwise gives undefined, and the chart is left to svg-to-pdfkit.
 */
import type { SvgElement } from './svg-parse.js';
import { NUMBER } from './svg-path.js';

export type Rgb = [number, number, number];
/** A paint: a colour and its opacity, or none. */
export type Paint = readonly [Rgb, number] | 'none';

/** The styles an element passes on to its children, as svg-to-pdfkit resolves them. */
export interface Style {
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

export const INITIAL: Style = {
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
export const INERT = new Set([
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
export const READ: Record<string, ReadonlySet<string>> = {
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
export const GEOMETRY = new Set([
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
export const SKIPPED = new Set(['title', 'desc']);

/** A length in user units: svg-to-pdfkit's number (svg-path.ts `NUMBER`), alone or in px. */
export const LENGTH = new RegExp(`^(${NUMBER.source.slice(1)})(px)?$`);
export const lengthOf = (v: string | undefined): number | undefined => {
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
  // svg-to-pdfkit takes exactly these two words as no paint, and trims a colour.
  if (v === 'none' || v === 'transparent') return 'none';
  const s = v.trim();
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
export function translation(v: string): [number, number] | undefined {
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
  // Only the exact word: svg-to-pdfkit fails to read ' none' and keeps the parent's dashes.
  if (v === 'none') return [];
  const parts = v
    .trim()
    .split(/\s*,\s*|\s+/)
    .map((p) => lengthOf(p));
  if (parts.some((p) => p === undefined || p <= 0)) return undefined;
  const list = parts as number[];
  return list.length % 2 ? [...list, ...list] : list;
}

type Mutable = { -readonly [K in keyof Style]: Style[K] };
/** A value read into the style being made, or false when it is not read here. */
type Reader = (value: string, s: Mutable) => boolean;

const number =
  (key: 'strokeWidth' | 'dashOffset' | 'miterLimit' | 'fontSize', least = -Infinity): Reader =>
  (v, s) => {
    const n = lengthOf(v);
    if (n === undefined || n < least) return false;
    s[key] = n;
    return true;
  };
const opacity =
  (key: 'fillOpacity' | 'strokeOpacity'): Reader =>
  (v, s) => {
    if (!LENGTH.test(v.trim())) return false;
    s[key] = clamp01(Number.parseFloat(v));
    return true;
  };
const word =
  (key: 'lineJoin' | 'lineCap' | 'anchor', words: readonly string[]): Reader =>
  (v, s) => {
    if (!words.includes(v)) return false;
    s[key] = v;
    return true;
  };
const colour =
  (key: 'fill' | 'stroke'): Reader =>
  (v, s) => {
    const p = paint(v);
    if (p) s[key] = p;
    return p !== undefined;
  };

/** How each style attribute is read (svg-to-pdfkit's `get`, for the values read here). */
const READERS: Readonly<Record<string, Reader>> = {
  fill: colour('fill'),
  stroke: colour('stroke'),
  'fill-opacity': opacity('fillOpacity'),
  'stroke-opacity': opacity('strokeOpacity'),
  'stroke-width': number('strokeWidth', 0),
  'stroke-dashoffset': number('dashOffset'),
  'stroke-miterlimit': number('miterLimit', 1),
  'font-size': number('fontSize'),
  'stroke-linejoin': word('lineJoin', ['miter', 'round', 'bevel']),
  'stroke-linecap': word('lineCap', ['butt', 'round', 'square']),
  'text-anchor': word('anchor', ['start', 'middle', 'end']),
  'stroke-dasharray': (v, s) => {
    const d = dashes(v);
    if (d) s.dash = d;
    return d !== undefined;
  },
  'font-family': (v, s) => {
    s.fontFamily = v;
    return v !== '';
  },
  'font-weight': (v, s) => {
    s.bold = WEIGHTS[v] === true;
    return Object.hasOwn(WEIGHTS, v);
  },
  'font-style': (v, s) => {
    s.italic = v !== 'normal';
    return ['normal', 'italic', 'oblique'].includes(v);
  },
};

/** The element's own style over its parent's; undefined if a value is not read here. */
export function styleOf(e: SvgElement, parent: Style): Style | undefined {
  const s: Mutable = { ...parent };
  for (const [name, value] of e.attributes) {
    // svg-to-pdfkit reads `inherit` as the parent's value of any property: not read here.
    if (value === 'inherit') return undefined;
    const read = Object.hasOwn(READERS, name) ? READERS[name] : undefined;
    if (read && !read(value, s)) return undefined;
  }
  return s;
}

/** The element's opacity (not passed on to children). */
export const opacityOf = (e: SvgElement): number => {
  const v = e.attributes.get('opacity');
  return v === undefined ? 1 : clamp01(Number.parseFloat(v));
};
export const isHidden = (e: SvgElement): boolean => e.attributes.get('display') === 'none';
