/** One chart for one document: resolved from the registry, rendered to SVG, described for screen readers. */
import type { Translator } from '../i18n/instance.js';
import type { ChartSpec, Project } from '../model/project.js';
import { escapeHtml as escapeAttr } from '../text/escape.js';
import { chartProblemText, resolveChart, type ResolvedChart } from './resolve.js';

export interface RenderedChart extends Omit<ResolvedChart, 'spec' | 'problems'> {
  readonly svg: string;
}

/** The chart with every placeholder filled for one language; a chart that cannot be is an error. */
export function resolveForDrawing(chart: ChartSpec, project: Project, t: Translator): ResolvedChart {
  const resolved = resolveChart(chart, project, t);
  if (resolved.problems.length) throw new Error(resolved.problems.map(chartProblemText).join('; '));
  return resolved;
}

/** The SVG Vega drew for a resolved spec, in the document's language (render.ts; Vega loads with it). */
export async function drawSvg(resolved: ResolvedChart, t: Translator): Promise<string> {
  const { renderSvg } = await import('./render.js');
  return renderSvg(resolved.spec, t);
}

/** What a document shows of a chart: the drawing, as one image with its text alternative, and the rest. */
export function withSvg(resolved: ResolvedChart, raw: string): RenderedChart {
  // The picture is one image described by its text alternative, generated from the data in
  // the document's language; the data table follows it. Vega's own ARIA attributes are
  // English templates ("X-axis titled…"), so none is kept inside.
  const svg = raw
    .replace(/\s(?:aria-[a-z]+|role)="[^"]*"/g, '')
    .replace(/<svg\b/, `<svg role="img" aria-label="${escapeAttr(resolved.description)}"`)
    .replace(/<image\b[^>]*\/?>(<\/image>)?/gi, '');
  return {
    id: resolved.id,
    caption: resolved.caption,
    table: resolved.table,
    description: resolved.description,
    figures: resolved.figures,
    uses: resolved.uses,
    newest: resolved.newest,
    texts: resolved.texts,
    fallbacks: resolved.fallbacks,
    svg,
  };
}

export async function renderChart(chart: ChartSpec, project: Project, t: Translator): Promise<RenderedChart> {
  const resolved = resolveForDrawing(chart, project, t);
  return withSvg(resolved, await drawSvg(resolved, t));
}
