/**
 * The Vega adapter: Vega-Lite → Vega → SVG, headless and deterministic, with a
 * loader that refuses every URL and file (charts carry inline values only) and a
 * per-view locale (no global state shared between documents).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Translator } from '../i18n/instance.js';
import { numberLocale, timeLocale } from './vega-locale.js';
import { PRINT_FIT, type Fit } from './fit.js';
import { limits } from '../load/limits.js';
import { textWidth, useFontMetrics } from './text-metrics.js';
import { LABEL_SIZE, LINE_HEIGHT, legendTheme, theme, withTheme } from './theme.js';
import { ownIds } from './svg-ids.js';
import { labelsAbove, needsLabelsAbove, wrapLabel, type Rows } from './labels-above.js';
import { isRecord } from '../model/json.js';

export { wrapLabel } from './labels-above.js';

/** The printed text block (model/page.ts), in CSS pixels drawn as points. */
export const PRINT_WIDTH = PRINT_FIT.width;

const svgWidth = (svg: string): number => Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);

/** The category axis whose labels come from the data: `encoding.y` of a nominal field. */
function labelChannel(
  spec: Record<string, unknown>,
): ({ field: string } & Record<string, unknown>) | undefined {
  const y = (spec.encoding as { y?: Record<string, unknown> } | undefined)?.y;
  return y && y.type === 'nominal' && typeof y.field === 'string' ? (y as { field: string }) : undefined;
}

function labelsOf(spec: Record<string, unknown>): string[] {
  const channel = labelChannel(spec);
  const values = (spec.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
  return channel ? values.map((v) => String(v[channel.field] ?? '')) : [];
}

/**
 * Categories in the order of the data, stated as the scale's domain: layers that filter
 * the data would otherwise list their own categories first.
 */
function inDataOrder(spec: Record<string, unknown>): Record<string, unknown> {
  const channel = labelChannel(spec);
  if (!channel || channel.sort !== null) return spec;
  const scale = (channel.scale ?? {}) as Record<string, unknown>;
  if (scale.domain) return spec;
  const domain = [...new Set(labelsOf(spec))];
  return {
    ...spec,
    encoding: {
      ...(spec.encoding as Record<string, unknown>),
      y: { ...channel, scale: { ...scale, domain } },
    },
  };
}

function widestLabel(spec: Record<string, unknown>): number {
  return Math.max(0, ...labelsOf(spec).map((l) => textWidth({ fontSize: LABEL_SIZE }, l)));
}

/** Labels wrapped to a width: each label drawn on several lines, and rows tall enough for them. */
interface Wrapping {
  /** The labels that wrap, each with its lines. */
  readonly wrapped: readonly (readonly [label: string, lines: readonly string[]])[];
  /** The rows' height, where the spec sets its height by rows (`height.step`). */
  readonly step: number | undefined;
  readonly paddingInner: number;
}

function wrapping(spec: Record<string, unknown>, width: number): Wrapping {
  const wrapped = labelsOf(spec).map((l) => [l, wrapLabel(l, width)] as const);
  const lines = Math.max(1, ...wrapped.map(([, w]) => w.length));
  const height = spec.height as { step?: number } | undefined;
  const own = height?.step ?? 20;
  const step = Math.max(own, lines * LINE_HEIGHT + 6);
  // Taller rows, bars as thick as before: the extra height is space between them.
  const paddingInner = Math.min(0.8, 1 - (own * 0.9) / step);
  return {
    wrapped: wrapped.filter(([, w]) => w.length > 1),
    step: height?.step ? step : undefined,
    paddingInner: Math.max(0.1, paddingInner),
  };
}

/**
 * The spec with its category labels drawn on several lines where they exceed `width`:
 * the data keep their labels (the domain, the table and the description are unchanged);
 * only the axis draws them wrapped, and each row is as tall as its longest label needs.
 */
export function wrapLabels(spec: Record<string, unknown>, width: number): Record<string, unknown> {
  const channel = labelChannel(spec);
  if (!channel) return spec;
  const { wrapped, step, paddingInner } = wrapping(spec, width);
  const expr = wrapped.reduceRight(
    (rest, [l, w]) => `datum.label === ${JSON.stringify(l)} ? ${JSON.stringify(w)} : ${rest}`,
    'datum.label',
  );
  const axis = (channel.axis ?? {}) as Record<string, unknown>;
  const scale = (channel.scale ?? {}) as Record<string, unknown>;
  const height = spec.height as { step?: number } | undefined;
  return {
    ...spec,
    ...(step !== undefined ? { height: { ...height, step } } : {}),
    encoding: {
      ...(spec.encoding as Record<string, unknown>),
      y: {
        ...channel,
        scale: { ...scale, paddingInner },
        axis: { ...axis, labelExpr: expr, labelLineHeight: LINE_HEIGHT, labelLimit: 0 },
      },
    },
  };
}

/** The signals by which a drawing's labels are wrapped without compiling it again (`wrappable`). */
const WRAP = {
  keys: 'briefing_wrap_keys',
  lines: 'briefing_wrap_lines',
  padding: 'briefing_wrap_padding',
  limit: 'briefing_wrap_limit',
  /** Vega-Lite's own signal for the rows' height of `height: {step}`. */
  step: 'y_step',
} as const;

/**
 * The spec with its label wrapping stated as signals, so that one Vega view draws it at
 * every width and wrapping `renderSized` tries: compiling and parsing a spec again took
 * about three quarters of a drawing's time, and most charts are drawn wrapped after a first
 * drawing that was not. Drawn unwrapped, it draws as the spec itself does; wrapped, as
 * `wrapLabels` (tests/chart-design.test.ts). Only where its first state can be stated
 * exactly: the axis's own label limit, and the band padding Vega-Lite would default to.
 */
export function wrappable(spec: Record<string, unknown>): Record<string, unknown> | undefined {
  const channel = labelChannel(spec);
  if (!channel) return undefined;
  const { config = {}, params = [] } = spec;
  const { axis = {}, scale = {} } = channel;
  if (!isRecord(config) || !isRecord(axis) || !isRecord(scale) || !Array.isArray(params)) return undefined;
  // A style (config.style) may set an axis's labels as the config's axes do.
  if (Object.keys(config).some((k) => k === 'scale' || k === 'style' || k.startsWith('axis')))
    return undefined;
  // A spec's own signal of one of these names would be declared twice.
  if (params.some((p) => isRecord(p) && Object.values(WRAP).includes(p.name as never))) return undefined;
  const own = ['labelExpr', 'labelLineHeight'].some((k) => k in axis);
  if (typeof axis.labelLimit !== 'number' || own) return undefined;
  if (['padding', 'paddingInner', 'paddingOuter'].some((k) => k in scale)) return undefined;
  if (!barRows(spec)) return undefined;
  const found = `indexof(${WRAP.keys}, datum.label)`;
  return {
    ...spec,
    params: [
      ...params,
      { name: WRAP.keys, value: [] },
      { name: WRAP.lines, value: [] },
      { name: WRAP.padding, value: BAND_PADDING },
      { name: WRAP.limit, value: axis.labelLimit },
    ],
    encoding: {
      ...(spec.encoding as Record<string, unknown>),
      y: {
        ...channel,
        scale: { ...scale, paddingInner: { expr: WRAP.padding } },
        axis: {
          ...axis,
          labelExpr: `${found} < 0 ? datum.label : ${WRAP.lines}[${found}]`,
          labelLineHeight: LINE_HEIGHT,
          labelLimit: { expr: WRAP.limit },
        },
      },
    },
  };
}

/**
 * The rows of a chart of horizontal bars on a band scale, in one panel, with no offset bars:
 * the shape whose rows the wrapping signals and `labelsAbove` know how to draw.
 */
function barRows(spec: Record<string, unknown>): Rows | undefined {
  const channel = labelChannel(spec);
  if (!channel || firstMark(spec) !== 'bar' || withOffset(spec)) return undefined;
  const scale = isRecord(channel.scale) ? channel.scale : {};
  // Rows of a point scale, and charts in panels (whose rows' signals are each panel's), differ.
  if (scale.type !== undefined && scale.type !== 'band') return undefined;
  if (['row', 'column', 'facet'].some((k) => k in (spec.encoding as object))) return undefined;
  return { channel, labels: labelsOf(spec) };
}

/**
 * The mark whose rows' padding Vega-Lite takes (a layer's first wins): `BAND_PADDING` is its
 * default for bars only (rects 0, ticks 0.25), and 0.2 where a row holds offset bars.
 */
function firstMark(spec: Record<string, unknown>): unknown {
  const { mark, layer } = spec;
  if (mark !== undefined) return isRecord(mark) ? mark.type : mark;
  return Array.isArray(layer) && isRecord(layer[0]) ? firstMark(layer[0]) : undefined;
}

const withOffset = (spec: Record<string, unknown>): boolean =>
  (isRecord(spec.encoding) && 'yOffset' in spec.encoding) ||
  (Array.isArray(spec.layer) && spec.layer.some((l) => isRecord(l) && withOffset(l)));

/** Vega-Lite's band padding between rows where neither spec nor config sets one. */
const BAND_PADDING = 0.1;

/** The signals that draw a `wrappable` spec as `wrapLabels` would have it. */
export function wrapSignals(spec: Record<string, unknown>, width: number): Record<string, unknown> {
  const { wrapped, step, paddingInner } = wrapping(spec, width);
  return {
    [WRAP.keys]: wrapped.map(([l]) => l),
    [WRAP.lines]: wrapped.map(([, w]) => w),
    [WRAP.padding]: paddingInner,
    [WRAP.limit]: 0,
    ...(step !== undefined ? { [WRAP.step]: step } : {}),
  };
}

const refuse = (): Promise<never> =>
  Promise.reject(new Error('charts may not load URLs or files; use inline values from the figure registry'));
const closedLoader = { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as vega.Loader;

/** Every `url` in a spec, wherever it hides (data, images, lookups). */
export function findUrls(spec: unknown, path = ''): string[] {
  if (Array.isArray(spec)) return spec.flatMap((v, i) => findUrls(v, `${path}[${i}]`));
  if (spec && typeof spec === 'object') {
    return Object.entries(spec).flatMap(([k, v]) =>
      k === 'url' ? [`${path}.${k}`] : findUrls(v, `${path}.${k}`),
    );
  }
  return [];
}

export function compileChart(spec: Record<string, unknown>): vega.Spec {
  // Vega-Lite explains most problems as warnings before it fails: keep them for the message.
  const warnings: string[] = [];
  const keep = (...args: unknown[]): void => void warnings.push(args.map(String).join(' '));
  const quiet = (): void => undefined;
  let level = 0;
  const logger = {
    level: (l?: number) => (l === undefined ? level : ((level = l), logger)),
    error: keep,
    warn: keep,
    info: quiet,
    debug: quiet,
  };
  try {
    return compile(spec as unknown as TopLevelSpec, { logger: logger as never }).spec;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error([...warnings, reason].join('; '), { cause: e });
  }
}

/** A chart that did not finish within its time budget (limits.chartMs). */
export class ChartTimeout extends Error {}

/**
 * Vega yields between the steps of its dataflow; a chart still running when its
 * budget is spent is abandoned with a located error. (A single step that never
 * yields is stopped by the supervisor's signal handling, not here.)
 */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChartTimeout(`rendering took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The SVG is a function of the resolved spec (data, texts, theme) and the language's
 * number and date formats alone. A `watch` session re-renders the same charts on every
 * save, a third of a rebuild: kept per thread, the latest few.
 */
const rendered = new Map<string, Promise<string>>();
const keptCharts = 64;

/**
 * Renders a chart no wider than its fit (the printed text block, or a phone's column), so
 * its labels show at their own size (never scaled below it): labels too long for the width
 * wrap onto more lines and the rows grow, in whatever language (text-metrics.ts measures
 * them in Roboto).
 */
export function renderSvg(
  spec: Record<string, unknown>,
  t: Translator,
  fit: Fit = PRINT_FIT,
): Promise<string> {
  const key = `${t.intl}\n${JSON.stringify(fit)}\n${JSON.stringify(spec)}`;
  let svg = rendered.get(key);
  if (!svg) {
    svg = renderSized(spec, t, fit);
    // A failure (invalid, or over its time budget) is not kept: each build reports its own.
    svg.catch(() => rendered.delete(key));
    if (rendered.size >= keptCharts) rendered.delete(rendered.keys().next().value ?? '');
    rendered.set(key, svg);
  }
  return svg;
}

/** The spec with its legends' entries one under another (theme.ts places legends under the chart). */
function stackedLegend(spec: Record<string, unknown>): Record<string, unknown> {
  const config = (spec.config ?? {}) as Record<string, unknown>;
  const legend = (config.legend ?? {}) as Record<string, unknown>;
  return { ...spec, config: { ...config, legend: { ...legendTheme, ...legend, direction: 'vertical' } } };
}

async function renderSized(spec: Record<string, unknown>, t: Translator, fit: Fit): Promise<string> {
  const urls = findUrls(spec);
  if (urls.length) throw new Error(`chart spec loads data from ${urls.join(', ')}`);
  await useFontMetrics();
  const base = fitted(spec, fit);
  const rows = fit.labelsAbove ? barRows(base) : undefined;
  if (rows && needsLabelsAbove(base, rows, fit.width, fit.plot)) return renderAbove(base, rows, t, fit);
  const adjustable = wrappable(base);
  let width = typeof base.width === 'number' ? base.width : fit.plot;
  let limit = Infinity;
  let drawing = await draw(adjustable ?? base, t);
  // Whether `drawing` is the view of the adjustable spec, whose signals wrap its labels.
  let signalled = adjustable !== undefined;
  let svg = drawing.svg;
  try {
    // First a narrower plot (down to fit.minPlot), then labels wrapped to what remains.
    for (let attempt = 0; attempt < 6; attempt++) {
      const excess = svgWidth(svg) - fit.width;
      if (excess <= 0) break;
      if (width > fit.minPlot) {
        width = Math.max(fit.minPlot, width - excess);
        // Only the width changes: the same view is run again at it, not compiled anew.
        if (limit === Infinity) {
          svg = await drawing.resize(width);
          continue;
        }
      } else {
        const next = Math.max(fit.minLabel, Math.min(limit, widestLabel(base)) - excess - 2);
        if (next >= limit) break;
        limit = next;
      }
      const signals = signalled && wrapSignals(base, limit);
      if (signals && (!(WRAP.step in signals) || drawing.signals.has(WRAP.step))) {
        svg = await drawing.redraw(width, signals);
        continue;
      }
      drawing.close();
      drawing = await draw(wrapLabels({ ...base, width }, limit), t);
      signalled = false;
      svg = drawing.svg;
    }
    return ownIds(svg);
  } finally {
    drawing.close();
  }
}

/** Padding and room for the value labels at the bars' ends, in a drawing of labels above bars. */
const ABOVE_MARGIN = 48;

/**
 * The chart with its labels above its bars (labels-above.ts), its plot as wide as the fit
 * leaves once the value labels at the bars' ends are drawn: narrowed by what the drawing
 * takes beyond the fit, down to `fit.minPlot`. The labels take the fit's width whatever the plot's.
 */
async function renderAbove(
  base: Record<string, unknown>,
  rows: Rows,
  t: Translator,
  fit: Fit,
): Promise<string> {
  const spec = labelsAbove(base, rows, fit.width - 2 * (theme.padding + 2));
  let width = fit.width - ABOVE_MARGIN;
  const drawing = await draw({ ...spec, width }, t);
  try {
    let svg = drawing.svg;
    for (let attempt = 0; attempt < 6 && width > fit.minPlot; attempt++) {
      const excess = svgWidth(svg) - fit.width;
      if (excess <= 0) break;
      width = Math.max(fit.minPlot, width - excess);
      svg = await drawing.resize(width);
    }
    return ownIds(svg);
  } finally {
    drawing.close();
  }
}

/** A chart drawn by a Vega view, which can draw it again at another width. */
export interface Drawing {
  readonly svg: string;
  /** The SVG at this plot width: as a spec compiled with it would draw (Vega-Lite makes the width a signal). */
  resize(width: number): Promise<string>;
  /** The SVG at this plot width with these signals set. */
  redraw(width: number, signals: Readonly<Record<string, unknown>>): Promise<string>;
  /** The view's own signals, which `redraw` may set. */
  readonly signals: ReadonlySet<string>;
  close(): void;
}

/** The spec as drawn for a fit, before it is narrowed or its labels wrapped. */
const fitted = (spec: Record<string, unknown>, fit: Fit): Record<string, unknown> =>
  inDataOrder(fit.stackedLegend ? stackedLegend(spec) : spec);

/**
 * Vega specs compiled by `checkCompiles`, by their Vega-Lite spec's JSON, each taken by the
 * drawing that compiles the same spec: the first language's printed drawings, which a
 * cold build makes right after the checks, on its way to its first briefing.
 */
const checked = new Map<string, vega.Spec>();
const keptChecked = 16;

/**
 * Whether Vega-Lite compiles the chart (an error says why), as `briefing check` asks: what
 * is compiled is what the chart's first printed drawing compiles, which takes it.
 */
export function checkCompiles(spec: Record<string, unknown>): void {
  const first = fitted(spec, PRINT_FIT);
  const themed = withTheme(wrappable(first) ?? first);
  const compiled = compileChart(themed);
  if (checked.size >= keptChecked) checked.delete(checked.keys().next().value ?? '');
  checked.set(JSON.stringify(themed), compiled);
}

/** The compiled spec a check made of this spec (once), or a fresh one. */
function compiledOnce(themed: Record<string, unknown>): vega.Spec {
  const key = JSON.stringify(themed);
  const kept = checked.get(key);
  if (!kept) return compileChart(themed);
  checked.delete(key);
  return kept;
}

/** Exposed for the test, which compares a drawing resized with one compiled at the new width. */
export async function draw(spec: Record<string, unknown>, t: Translator): Promise<Drawing> {
  const vgSpec = compiledOnce(withTheme(spec));
  // Vega logs its errors instead of throwing them: collect them for the diagnostic.
  const errors: string[] = [];
  const note = (...args: unknown[]): void =>
    void errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  const silent = (): void => undefined;
  let level = vega.Error;
  const logger = {
    level: (l?: number) => (l === undefined ? level : ((level = l), logger)),
    error: note,
    warn: silent,
    info: silent,
    debug: silent,
  } as unknown as vega.LoggerInterface;
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: 'none',
    loader: closedLoader,
    logger,
    // Definitions, not formatters: the view builds its own number and time locale from them.
    locale: { number: numberLocale(t), time: timeLocale(t) } as unknown as vega.ViewOptions['locale'],
  });
  const toSvg = async (): Promise<string> => {
    try {
      // toSVG runs the dataflow first, at the width last set.
      const svg = await withinBudget(view.toSVG(), limits.chartMs);
      if (errors.length) throw new Error(errors.join('; '));
      return svg;
    } catch (e) {
      if (e instanceof ChartTimeout) throw e;
      throw new Error(errors.length ? errors.join('; ') : e instanceof Error ? e.message : String(e), {
        cause: e,
      });
    }
  };
  let open = true;
  const close = (): void => {
    if (open) view.finalize();
    open = false;
  };
  try {
    return {
      svg: await toSvg(),
      resize: (width) => {
        view.width(width);
        return toSvg();
      },
      redraw: (width, signals) => {
        view.width(width);
        for (const [name, value] of Object.entries(signals)) view.signal(name, value);
        // Labels that change only their text lay the chart out again only when asked:
        // without it, a drawing whose rows kept their height kept its old width.
        view.resize();
        return toSvg();
      },
      signals: new Set((vgSpec.signals ?? []).filter((s) => 'value' in s).map((s) => s.name)),
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}
