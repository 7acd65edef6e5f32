/**
 * The Vega adapter: Vega-Lite → Vega → SVG, headless and deterministic, with a
 * loader that refuses every URL and file (charts carry inline values only) and a
 * per-view locale (no global state shared between documents).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Translator } from '../i18n/instance.js';
import { numberLocale, timeLocale } from './vega-locale.js';
import { withTheme } from './theme.js';
import { useFontMetrics } from './text-metrics.js';
import { limits } from '../load/limits.js';

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

export async function renderSvg(spec: Record<string, unknown>, t: Translator): Promise<string> {
  const urls = findUrls(spec);
  if (urls.length) throw new Error(`chart spec loads data from ${urls.join(', ')}`);
  const vgSpec = compileChart(withTheme(spec));
  useFontMetrics();
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
  try {
    const svg = await withinBudget(view.toSVG(), limits.chartMs);
    if (errors.length) throw new Error(errors.join('; '));
    return svg;
  } catch (e) {
    if (e instanceof ChartTimeout) throw e;
    throw new Error(errors.length ? errors.join('; ') : e instanceof Error ? e.message : String(e), {
      cause: e,
    });
  } finally {
    view.finalize();
  }
}
