/** One chart for one document: resolved from the registry, rendered to SVG, described for screen readers. */
import type { Translator } from '../i18n/instance.js';
import type { ChartSpec, Project } from '../model/project.js';
import { escapeHtml as escapeAttr } from '../text/escape.js';
import { chartProblemText, resolveChart, type ResolvedChart } from './resolve.js';
import { fits, type FitName } from './fit.js';

export interface RenderedChart extends Omit<ResolvedChart, 'spec' | 'problems'> {
  /** The drawing for the printed page and a wide screen. */
  readonly svg: string;
  /**
   * The same chart drawn for a phone's column (fit.ts), for the HTML page only: drawn when
   * first asked for, so that a build hands its PDFs over before it draws them.
   */
  readonly phoneSvg: () => Promise<string>;
}

/** The chart with every placeholder filled for one language; a chart that cannot be is an error. */
export function resolveForDrawing(chart: ChartSpec, project: Project, t: Translator): ResolvedChart {
  const resolved = resolveChart(chart, project, t);
  if (resolved.problems.length) throw new Error(resolved.problems.map(chartProblemText).join('; '));
  return resolved;
}

/** The SVG Vega drew for a resolved spec, in the document's language (render.ts; Vega loads with it). */
export async function drawSvg(
  resolved: ResolvedChart,
  t: Translator,
  fit: FitName = 'print',
): Promise<string> {
  const { renderSvg } = await import('./render.js');
  return renderSvg(resolved.spec, t, fits[fit]);
}

/**
 * A drawing as one image described by its text alternative, generated from the data in the
 * document's language; the data table follows it. Vega's own ARIA attributes are English
 * templates ("X-axis titled…"), so none is kept inside.
 */
const described = (raw: string, description: string): string =>
  raw
    .replace(/\s(?:aria-[a-z]+|role)="[^"]*"/g, '')
    .replace(/<svg\b/, `<svg role="img" aria-label="${escapeAttr(description)}"`)
    .replace(/<image\b[^>]*\/?>(<\/image>)?/gi, '');

/**
 * What a document shows of a chart: its drawings, each one image with its text alternative,
 * and the rest. The phone's drawing is made once, when first asked for.
 */
export function withSvg(
  resolved: ResolvedChart,
  raw: { readonly print: string; readonly phone: () => Promise<string> },
): RenderedChart {
  let phone: Promise<string> | undefined;
  return {
    id: resolved.id,
    title: resolved.title,
    caption: resolved.caption,
    table: resolved.table,
    description: resolved.description,
    figures: resolved.figures,
    uses: resolved.uses,
    newest: resolved.newest,
    texts: resolved.texts,
    fallbacks: resolved.fallbacks,
    svg: described(raw.print, resolved.description),
    phoneSvg: () => (phone ??= raw.phone().then((svg) => described(svg, resolved.description))),
  };
}

export async function renderChart(chart: ChartSpec, project: Project, t: Translator): Promise<RenderedChart> {
  const resolved = resolveForDrawing(chart, project, t);
  return withSvg(resolved, { print: await drawSvg(resolved, t), phone: () => drawSvg(resolved, t, 'phone') });
}
