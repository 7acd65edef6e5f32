/**
 * A path's data as pdfmake's SVG renderer (svg-to-pdfkit) reads it: its commands in
 * absolute coordinates, arcs made into the same Bézier curves, split into subpaths at
 * each move, each with whether it has any length (one with none is not drawn). The
 * arithmetic is svg-to-pdfkit's, step for step, so the PDF gets the same numbers. A
 * command this does not read (S, Q, T), or data it cannot parse, gives undefined.
 */

export type PathCommand =
  | readonly ['move', number, number]
  | readonly ['line', number, number]
  | readonly ['curve', number, number, number, number, number, number]
  | readonly ['close'];

export interface SubPath {
  readonly commands: readonly PathCommand[];
  /** Any segment of non-zero length: svg-to-pdfkit draws only such subpaths. */
  readonly drawn: boolean;
}

const ARGUMENTS: Record<string, number> = {
  A: 7,
  a: 7,
  C: 6,
  c: 6,
  H: 1,
  h: 1,
  L: 2,
  l: 2,
  M: 2,
  m: 2,
  V: 1,
  v: 1,
  Z: 0,
  z: 0,
};
const COMMAND = /^[ACHLMVZachlmvz]/;
export const NUMBER = /^(?:[-+]?(?:[0-9]+[.][0-9]+|[0-9]+[.]|[.][0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?)/;
const FLAG = /^[01]/;
export const SEPARATOR = /^(?:\s*,\s*|\s*|)/;
/** svg-to-pdfkit's default precision: arcs in segments of at most π/3. */
const PRECISION = 3;
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-10;

class Builder {
  readonly commands: PathCommand[] = [];
  x = 0;
  y = 0;
  private startX = 0;
  private startY = 0;

  move(x: number, y: number): void {
    this.commands.push(['move', x, y]);
    this.startX = this.x = x;
    this.startY = this.y = y;
  }
  line(x: number, y: number): void {
    this.commands.push(['line', x, y]);
    this.x = x;
    this.y = y;
  }
  curve(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void {
    this.commands.push(['curve', c1x, c1y, c2x, c2y, x, y]);
    this.x = x;
    this.y = y;
  }
  close(): void {
    this.commands.push(['close']);
    this.x = this.startX;
    this.y = this.startY;
  }

  /** svg-to-pdfkit's `SvgShape.A`. */
  arc(rx: number, ry: number, fi: number, fa: number, fs: number, x: number, y: number): void {
    if (same(rx, 0) || same(ry, 0)) return this.line(x, y);
    const { x: currX, y: currY } = this;
    fi = fi * (Math.PI / 180);
    rx = Math.abs(rx);
    ry = Math.abs(ry);
    fa = 1 * Number(!!fa);
    fs = 1 * Number(!!fs);
    const x1 = (Math.cos(fi) * (currX - x)) / 2 + (Math.sin(fi) * (currY - y)) / 2;
    const y1 = (Math.cos(fi) * (currY - y)) / 2 - (Math.sin(fi) * (currX - x)) / 2;
    const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
    if (lambda > 1) {
      rx *= Math.sqrt(lambda);
      ry *= Math.sqrt(lambda);
    }
    const r = Math.sqrt(
      Math.max(0, rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1) /
        (rx * rx * y1 * y1 + ry * ry * x1 * x1),
    );
    const x2 = ((fa === fs ? -1 : 1) * r * rx * y1) / ry;
    const y2 = ((fa === fs ? 1 : -1) * r * ry * x1) / rx;
    const cx = Math.cos(fi) * x2 - Math.sin(fi) * y2 + (currX + x) / 2;
    const cy = Math.sin(fi) * x2 + Math.cos(fi) * y2 + (currY + y) / 2;
    const th1 = Math.atan2((y1 - y2) / ry, (x1 - x2) / rx);
    let th2 = Math.atan2((-y1 - y2) / ry, (-x1 - x2) / rx);
    if (fs === 0 && th2 - th1 > 0) th2 -= 2 * Math.PI;
    else if (fs === 1 && th2 - th1 < 0) th2 += 2 * Math.PI;
    const segments = Math.ceil(Math.abs(th2 - th1) / (Math.PI / PRECISION));
    for (let i = 0; i < segments; i++) {
      const th3 = th1 + (i * (th2 - th1)) / segments;
      const th4 = th1 + ((i + 1) * (th2 - th1)) / segments;
      const t = (4 / 3) * Math.tan((th4 - th3) / 4);
      const c1x =
        cx +
        Math.cos(fi) * rx * (Math.cos(th3) - t * Math.sin(th3)) -
        Math.sin(fi) * ry * (Math.sin(th3) + t * Math.cos(th3));
      const c1y =
        cy +
        Math.sin(fi) * rx * (Math.cos(th3) - t * Math.sin(th3)) +
        Math.cos(fi) * ry * (Math.sin(th3) + t * Math.cos(th3));
      const c2x =
        cx +
        Math.cos(fi) * rx * (Math.cos(th4) + t * Math.sin(th4)) -
        Math.sin(fi) * ry * (Math.sin(th4) - t * Math.cos(th4));
      const c2y =
        cy +
        Math.sin(fi) * rx * (Math.cos(th4) + t * Math.sin(th4)) +
        Math.cos(fi) * ry * (Math.sin(th4) - t * Math.cos(th4));
      const endX = cx + Math.cos(fi) * rx * Math.cos(th4) - Math.sin(fi) * ry * Math.sin(th4);
      const endY = cy + Math.sin(fi) * rx * Math.cos(th4) + Math.cos(fi) * ry * Math.sin(th4);
      this.curve(c1x, c1y, c2x, c2y, endX, endY);
    }
  }

  apply(command: string, v: number[]): void {
    const { x, y } = this;
    const n = (i: number): number => v[i]!;
    switch (command) {
      case 'M':
        return this.move(n(0), n(1));
      case 'm':
        return this.move(x + n(0), y + n(1));
      case 'L':
        return this.line(n(0), n(1));
      case 'l':
        return this.line(x + n(0), y + n(1));
      case 'H':
        return this.line(n(0), y);
      case 'h':
        return this.line(x + n(0), y);
      case 'V':
        return this.line(x, n(0));
      case 'v':
        return this.line(x, y + n(0));
      case 'C':
        return this.curve(n(0), n(1), n(2), n(3), n(4), n(5));
      case 'c':
        return this.curve(x + n(0), y + n(1), x + n(2), y + n(3), x + n(4), y + n(5));
      case 'A':
        return this.arc(n(0), n(1), n(2), n(3), n(4), n(5), n(6));
      case 'a':
        return this.arc(n(0), n(1), n(2), n(3), n(4), x + n(5), y + n(6));
      default:
        return this.close();
    }
  }
}

/** The commands of `d`, as svg-to-pdfkit's `SvgShape.path` makes them; undefined if it is not read whole. */
export function pathCommands(d: string): PathCommand[] | undefined {
  const b = new Builder();
  let rest = d.trim();
  const take = (re: RegExp): string | undefined => {
    const m = re.exec(rest);
    if (!m || m.index !== 0) return undefined;
    rest = rest.slice(m[0].length);
    return m[0];
  };
  for (let command = take(COMMAND); command; command = take(COMMAND)) {
    take(SEPARATOR);
    let values: number[] = [];
    for (;;) {
      const isFlag = (command === 'A' || command === 'a') && (values.length === 3 || values.length === 4);
      const value = take(isFlag ? FLAG : NUMBER);
      if (value === undefined) break;
      take(SEPARATOR);
      if (values.length === ARGUMENTS[command]) {
        b.apply(command, values);
        values = [];
        if (command === 'M') command = 'L';
        else if (command === 'm') command = 'l';
      }
      values.push(Number(value));
    }
    if (values.length !== ARGUMENTS[command]) return undefined;
    b.apply(command, values);
  }
  return rest === '' ? b.commands : undefined;
}

/** A rectangle's outline as svg-to-pdfkit's SvgElemRect makes it: corners rounded by rx and ry, if any. */
export function rectCommands(
  x: number,
  y: number,
  w: number,
  h: number,
  rx?: number,
  ry?: number,
): PathCommand[] {
  const b = new Builder();
  if (!(w > 0 && h > 0)) return b.commands;
  let [cx, cy] = [rx ?? ry ?? 0, ry ?? rx ?? 0];
  if (cx && cy) {
    cx = Math.min(cx, 0.5 * w);
    cy = Math.min(cy, 0.5 * h);
    b.move(x + cx, y);
    b.line(x + w - cx, y);
    b.arc(cx, cy, 0, 0, 1, x + w, y + cy);
    b.line(x + w, y + h - cy);
    b.arc(cx, cy, 0, 0, 1, x + w - cx, y + h);
    b.line(x + cx, y + h);
    b.arc(cx, cy, 0, 0, 1, x, y + h - cy);
    b.line(x, y + cy);
    b.arc(cx, cy, 0, 0, 1, x + cx, y);
  } else {
    b.move(x, y);
    b.line(x + w, y);
    b.line(x + w, y + h);
    b.line(x, y + h);
  }
  b.close();
  return b.commands;
}

/** An ellipse (a circle: rx = ry) as svg-to-pdfkit's SvgElemEllipse and SvgElemCircle make it. */
export function ellipseCommands(cx: number, cy: number, rx: number, ry: number): PathCommand[] {
  const b = new Builder();
  if (!(rx > 0 && ry > 0)) return b.commands;
  b.move(cx + rx, cy);
  b.arc(rx, ry, 0, 0, 1, cx - rx, cy);
  b.arc(rx, ry, 0, 0, 1, cx + rx, cy);
  b.close();
  return b.commands;
}

/** svg-to-pdfkit's `getCurveValue`. */
const curveAt = (t: number, c: readonly number[]): number =>
  (c[0] || 0) + (c[1] || 0) * t + (c[2] || 0) * t * t + (c[3] || 0) * t * t * t;

/** A curve's length as svg-to-pdfkit's BezierSegment sums it (its sums, not an exact length). */
function curveLength(p1x: number, p1y: number, c: readonly number[]): number {
  const [c1x, c1y, c2x, c2y, p2x, p2y] = c as [number, number, number, number, number, number];
  const divisions = 6 * PRECISION;
  const dX = [-3 * p1x + 3 * c1x, 6 * p1x - 12 * c1x + 6 * c2x, -3 * p1x + 9 * c1x - 9 * c2x + 3 * p2x];
  const dY = [-3 * p1y + 3 * c1y, 6 * p1y - 12 * c1y + 6 * c2y, -3 * p1y + 9 * c1y - 9 * c2y + 3 * p2y];
  let total = 0;
  for (let i = 1; i <= divisions; i++) {
    const t = (i - 0.5) / divisions;
    const dx = curveAt(t, dX) / divisions;
    const dy = curveAt(t, dY) / divisions;
    total = total + Math.sqrt(dx * dx + dy * dy);
  }
  return total;
}

/** A segment's length from (x0, y0), as svg-to-pdfkit computes it (a line's underflows to 0 when tiny). */
function segmentLength(c: PathCommand, x0: number, y0: number, startX: number, startY: number): number {
  const line = (x: number, y: number): number => Math.sqrt((x - x0) * (x - x0) + (y - y0) * (y - y0));
  if (c[0] === 'line') return line(c[1], c[2]);
  if (c[0] === 'close') return line(startX, startY);
  if (c[0] === 'curve') return curveLength(x0, y0, c.slice(1) as number[]);
  return 0;
}

/** The commands split at each move after the first, as svg-to-pdfkit's `getSubPaths`. */
export function subPaths(commands: readonly PathCommand[]): SubPath[] {
  const out: SubPath[] = [];
  let current: PathCommand[] = [];
  let total = 0;
  let x = 0,
    y = 0,
    startX = 0,
    startY = 0;
  commands.forEach((c, i) => {
    if (c[0] === 'move' && i !== 0) {
      out.push({ commands: current, drawn: total > 0 });
      current = [];
      total = 0;
    }
    current.push(c);
    if (c[0] === 'move') [x, y, startX, startY] = [c[1], c[2], c[1], c[2]];
    else {
      total += segmentLength(c, x, y, startX, startY);
      if (c[0] === 'close') [x, y] = [startX, startY];
      else [x, y] = [c.at(-2) as number, c.at(-1) as number];
    }
  });
  out.push({ commands: current, drawn: total > 0 });
  return out;
}
