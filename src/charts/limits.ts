/**
 * What a chart spec may ask Vega to compute. A spec is content, and Vega runs
 * it synchronously: a catastrophic regular expression or a generator of a
 * billion rows would stop the build for ever. Functions that can run unbounded
 * on their input are refused, and every generator is counted before it runs.
 */
import { z } from 'zod';
import { limits } from '../load/limits.js';
import { externalUrl } from '../model/vocabulary.js';

export interface SpecProblem {
  /** JSON pointer of the offending value. */
  readonly pointer: string;
  readonly message: string;
}

/** Vega expression functions whose cost grows without bound with their arguments. */
const unboundedFunctions = ['regexp', 'test', 'replace', 'split', 'pad', 'sequence', 'repeat', 'truncate'];
/**
 * Keys whose string values Vega parses as expressions (or as event streams, whose
 * `[filters]` are expressions); any key ending in `Expr` is one too (`labelExpr` of axes,
 * legends and headers: it had run a catastrophic regular expression for minutes).
 */
const expressionKeys = new Set([
  'calculate',
  'filter',
  'expr',
  'signal',
  'test',
  'update',
  'init',
  'as',
  'value',
  'field',
  'on',
  'clear',
  'toggle',
  'translate',
  'zoom',
  'events',
]);
const isExpressionKey = (key: string): boolean => expressionKeys.has(key) || /Expr$/.test(key);
/** Vega reads `\u0074est(` as `test(`: escapes are read before the names are looked for. */
const unescapeNames = (s: string): string =>
  s.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const callRe = new RegExp(`\\b(${unboundedFunctions.join('|')})[\\s\\u180e]*\\(`);

/**
 * Keys whose numbers are lengths in pixels. A chart `"width": 1e400` (Infinity, once JSON
 * is read) or `1e308` passed `check` and the HTML, and then failed the PDF with an internal
 * error from the SVG's numbers; no size beyond a few pages means anything in a briefing.
 */
const pixelKeys = new Set([
  'width',
  'height',
  'padding',
  'step',
  'size',
  'fontSize',
  'labelFontSize',
  'titleFontSize',
  'strokeWidth',
  'cornerRadius',
  'continuousWidth',
  'continuousHeight',
  'discreteWidth',
  'discreteHeight',
  'spacing',
  'offset',
  'labelPadding',
  'titlePadding',
  'labelLimit',
  'left',
  'right',
  'top',
  'bottom',
]);

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function rows(start: unknown, stop: unknown, step: unknown): number {
  const s = typeof step === 'number' ? step : 1;
  if (typeof start !== 'number' || typeof stop !== 'number' || s === 0) return Infinity;
  return Math.abs((stop - start) / s);
}

/** Arrays of views: layers, concatenations, and the fields a `repeat` draws a chart for. */
const viewKeys = new Set(['layer', 'concat', 'hconcat', 'vconcat', 'row', 'column', 'repeat']);

/** Time units finer than a day: ticks at each over a domain of years are millions. */
const fineUnits = new Set(['millisecond', 'second', 'minute', 'hour']);

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** How many parts `extent` cut in steps of `step` gives (Infinity without a usable extent). */
function parts(extent: unknown, step: number): number {
  if (!Array.isArray(extent) || typeof extent[0] !== 'number' || typeof extent[1] !== 'number')
    return Infinity;
  return step > 0 ? Math.abs(extent[1] - extent[0]) / step : Infinity;
}

/**
 * Counts in one object of the spec that Vega would loop over: ticks, bins, steps of a
 * density or quantile, the order of a regression (`key`: the object's own key).
 */
function countProblems(o: Record<string, unknown>, pointer: string, key: string): SpecProblem[] {
  const out: SpecProblem[] = [];
  const max = limits.chartCount;
  const over = (k: string, what: string): void => {
    out.push({ pointer: `${pointer}/${escape(k)}`, message: `${what}; a chart may ask for at most ${max}` });
  };
  const tick = o.tickCount;
  if (typeof tick === 'number' && !(tick <= max)) over('tickCount', `\`tickCount\` is ${tick}`);
  const interval =
    typeof tick === 'string' ? tick : (tick as { interval?: unknown } | null | undefined)?.interval;
  if (typeof interval === 'string' && fineUnits.has(interval))
    out.push({
      pointer: `${pointer}/tickCount`,
      message: `ticks at every ${interval} can be millions; use \`day\` or a longer interval, or a number of ticks`,
    });
  if (typeof o.density === 'string')
    for (const k of ['steps', 'minsteps', 'maxsteps'])
      if (typeof o[k] === 'number' && !((o[k] as number) <= max)) over(k, `\`${k}\` is ${String(o[k])}`);
  if (typeof o.quantile === 'string' && typeof o.step === 'number' && !(1 / o.step <= max))
    over(
      'step',
      `\`step\` ${o.step} gives ${Number.isFinite(1 / o.step) ? Math.ceil(1 / o.step) : 'endless'} quantiles`,
    );
  if (typeof o.regression === 'string' && typeof o.order === 'number' && !(o.order <= 10))
    out.push({
      pointer: `${pointer}/order`,
      message: `\`order\` is ${o.order}; a regression may be of order 10 at most`,
    });
  if (key === 'bin' || key === 'bins' || key === 'timeUnit') {
    const maxbins = num(o.maxbins);
    if (maxbins !== undefined && !(maxbins <= max)) over('maxbins', `\`maxbins\` is ${maxbins}`);
    // A bin's width makes as many bins as fit in the data's extent, which is only known when drawing.
    const steps = [num(o.step), ...(Array.isArray(o.steps) ? o.steps.map(num) : [])].filter(
      (s): s is number => s !== undefined,
    );
    const extent = key === 'bins' ? [o.start, o.stop] : o.extent;
    if (key !== 'timeUnit' && steps.length) {
      const n = Math.max(...steps.map((s) => parts(extent, s)));
      if (!(n <= max))
        out.push({
          pointer: `${pointer}/${o.step !== undefined ? 'step' : 'steps'}`,
          message: Number.isFinite(n)
            ? `bins of this width make ${Math.ceil(n)} bins; a chart may ask for at most ${max}`
            : `a bin width needs ${key === 'bins' ? '`start` and `stop`' : 'an `extent`'} that it cuts into at most ${max} bins`,
        });
    }
  }
  return out;
}

export function chartLimitProblems(spec: unknown): SpecProblem[] {
  const out: SpecProblem[] = [];
  // `data` is content, whose fields may be named `height` or `top`: only the spec's own keys are sizes.
  const walk = (node: unknown, pointer: string, key = '', data = false): void => {
    if (typeof node === 'number' && !data && pixelKeys.has(key) && !(Math.abs(node) <= limits.chartPixels)) {
      out.push({
        pointer,
        message: `\`${key}\` is ${Number.isFinite(node) ? node : 'too large to be a number'}; a chart's sizes are at most ${limits.chartPixels} pixels`,
      });
      return;
    }
    if (typeof node === 'string') {
      const m = !data && isExpressionKey(key) ? callRe.exec(unescapeNames(node)) : null;
      if (m)
        out.push({
          pointer,
          message: `the expression calls \`${m[1] ?? ''}()\`, which charts may not use (it can run without bound)`,
        });
      else if (!data && key === 'format') {
        // d3-format pads to its width: `"0100000000d"` wrote a 400 MB drawing.
        const width = /^(?:.?[<>=^])?[-+( ]?[$#]?0?(\d+)/.exec(node)?.[1];
        if (width !== undefined && Number(width) > limits.chartCount)
          out.push({
            pointer,
            message: `the format pads to ${width} characters; at most ${limits.chartCount}`,
          });
      }
      return;
    }
    if (Array.isArray(node)) {
      if (node.length > limits.chartRows)
        out.push({ pointer, message: `${node.length} values; a chart may have at most ${limits.chartRows}` });
      else if (!data && viewKeys.has(key) && node.length > limits.chartViews)
        out.push({
          pointer,
          message: `${node.length} views in \`${key}\`; a chart may have at most ${limits.chartViews}`,
        });
      node.forEach((v, i) => walk(v, `${pointer}/${i}`, key, data));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ('start' in o && 'stop' in o && rows(o.start, o.stop, o.step) > limits.chartRows)
      out.push({
        pointer,
        message: `this generates more than ${limits.chartRows} rows (start, stop, step)`,
      });
    // Links out of a chart: the renderer cannot draw them headless, and a document links only through its text.
    if ('href' in o) out.push({ pointer: `${pointer}/href`, message: 'charts may not carry links (`href`)' });
    if (!data) out.push(...countProblems(o, pointer, key));
    for (const key of ['graticule', 'sphere'])
      if (key in o)
        out.push({ pointer: `${pointer}/${key}`, message: `the \`${key}\` generator is not allowed` });
    for (const [k, v] of Object.entries(o))
      walk(v, `${pointer}/${escape(k)}`, k, data || k === 'values' || k === 'datasets');
  };
  walk(spec, '');
  return out;
}

/**
 * Strings that would draw with something fetched from elsewhere: a colour, background or
 * any paint given as `url(https://…)` (Vega writes it into the SVG as it is). Only
 * `url(#id)` is allowed. Expressions may hold backslashes and parentheses of their own, and
 * data is mostly text: there, only a spelled-out `url(` counts.
 */
export function paintUrlProblems(spec: unknown): SpecProblem[] {
  const out: SpecProblem[] = [];
  const walk = (node: unknown, pointer: string, key: string, data: boolean): void => {
    if (typeof node === 'string') {
      if (externalUrl(node, !data && !isExpressionKey(key)))
        out.push({ pointer, message: node.length > 80 ? `${node.slice(0, 80)}…` : node });
      return;
    }
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${pointer}/${i}`, key, data));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node))
        walk(v, `${pointer}/${escape(k)}`, k, data || k === 'values' || k === 'datasets');
  };
  walk(spec, '', '', false);
  return out;
}

/** `usermeta` of a chart: the caption and the columns of its data table, as text keys. */
export const ChartUsermeta = z
  .object({
    caption: z.string().min(1).optional(),
    table: z
      .array(z.object({ field: z.string().min(1), title: z.string().min(1) }).strict())
      .max(20)
      .optional(),
  })
  .strict();

export function usermetaProblems(spec: unknown): SpecProblem[] {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    return [{ pointer: '', message: 'a chart spec is a JSON object' }];
  const meta = (spec as { usermeta?: unknown }).usermeta;
  if (meta === undefined) return [];
  const r = ChartUsermeta.safeParse(meta);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    pointer: `/usermeta${i.path.map((p) => `/${escape(String(p))}`).join('')}`,
    message: `usermeta: ${i.message}`,
  }));
}
