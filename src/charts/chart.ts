/** One chart for one document: resolved from the registry, rendered to SVG, described for screen readers. */
import type { Translator } from '../i18n/instance.js';
import type { ChartSpec, Project } from '../model/project.js';
import { renderSvg } from './render.js';
import { resolveChart, type ResolvedChart } from './resolve.js';

export interface RenderedChart extends Omit<ResolvedChart, 'spec' | 'problems'> {
  readonly svg: string;
}

import { escapeHtml as escapeAttr } from '../text/escape.js';

export async function renderChart(chart: ChartSpec, project: Project, t: Translator): Promise<RenderedChart> {
  const resolved = resolveChart(chart, project, t);
  if (resolved.problems.length) throw new Error(resolved.problems.join('; '));
  const raw = await renderSvg(resolved.spec, t);
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
