/**
 * What a chart spec may ask Vega to compute. A spec is content, and Vega runs
 * it synchronously: a catastrophic regular expression or a generator of a
 * billion rows would stop the build for ever. Functions that can run unbounded
 * on their input are refused, and every generator is counted before it runs.
 */
import { z } from 'zod';
import { limits } from '../load/limits.js';

export interface SpecProblem {
  /** JSON pointer of the offending value. */
  readonly pointer: string;
  readonly message: string;
}

/** Vega expression functions whose cost grows without bound with their arguments. */
const unboundedFunctions = ['regexp', 'test', 'replace', 'split', 'pad', 'sequence', 'repeat', 'truncate'];
/** Keys whose string values Vega parses as expressions. */
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
]);
const callRe = new RegExp(`\\b(${unboundedFunctions.join('|')})\\s*\\(`);

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
      const m = expressionKeys.has(key) ? callRe.exec(node) : null;
      if (m)
        out.push({
          pointer,
          message: `the expression calls \`${m[1] ?? ''}()\`, which charts may not use (it can run without bound)`,
        });
      return;
    }
    if (Array.isArray(node)) {
      if (node.length > limits.chartRows)
        out.push({ pointer, message: `${node.length} values; a chart may have at most ${limits.chartRows}` });
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
    for (const key of ['graticule', 'sphere'])
      if (key in o)
        out.push({ pointer: `${pointer}/${key}`, message: `the \`${key}\` generator is not allowed` });
    for (const [k, v] of Object.entries(o))
      walk(v, `${pointer}/${escape(k)}`, k, data || k === 'values' || k === 'datasets');
  };
  walk(spec, '');
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
