/** `briefing check` for charts: no URL or file loading, every placeholder resolves, Vega-Lite compiles. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Translator } from '../i18n/instance.js';
import type { Project } from '../model/project.js';
import { compileChart, findUrls } from '../charts/render.js';
import { resolveChart } from '../charts/resolve.js';
import { withTheme } from '../charts/theme.js';

const marks = [
  'arc',
  'area',
  'bar',
  'line',
  'point',
  'rect',
  'rule',
  'text',
  'tick',
  'trail',
  'circle',
  'square',
  'boxplot',
  'errorband',
  'errorbar',
];

/** Every mark type in a spec, layers and concatenations included. */
function markTypes(spec: unknown): string[] {
  if (Array.isArray(spec)) return spec.flatMap(markTypes);
  if (!spec || typeof spec !== 'object') return [];
  const own = (spec as { mark?: unknown }).mark;
  const type =
    typeof own === 'string'
      ? own
      : own && typeof own === 'object'
        ? (own as { type?: unknown }).type
        : undefined;
  return [
    ...(typeof type === 'string' ? [type] : []),
    ...Object.entries(spec)
      .filter(([k]) => k !== 'mark')
      .flatMap(([, v]) => markTypes(v)),
  ];
}

export function checkCharts(project: Project, translators: readonly Translator[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const chart of project.charts.values()) {
    const urls = findUrls(chart.spec);
    if (urls.length) {
      out.push(
        diagnostic(
          'chart/data-url',
          chart.file,
          `the spec loads data from ${urls.join(', ')}; charts take inline values from the registry only`,
        ),
      );
      continue;
    }
    const unknown = markTypes(chart.spec).filter((m) => !marks.includes(m));
    if (unknown.length) {
      // `image` marks would fetch their pictures: not allowed, like data URLs.
      out.push(
        diagnostic(
          unknown.includes('image') ? 'chart/data-url' : 'chart/invalid',
          chart.file,
          `unknown or forbidden mark type ${unknown.map((m) => `"${m}"`).join(', ')} (allowed: ${marks.join(', ')})`,
        ),
      );
      continue;
    }
    let compiled = false;
    for (const t of translators) {
      const resolved = resolveChart(chart, project, t);
      for (const p of new Set(resolved.problems))
        out.push(
          diagnostic(
            'chart/invalid',
            chart.file,
            `${t.locale}: ${p}`,
            undefined,
            resolved.problems.every((x) => x.startsWith('text')) && t.locale !== project.config.sourceLocale
              ? 'warning'
              : 'error',
          ),
        );
      if (compiled || resolved.problems.length) continue;
      try {
        compileChart(withTheme(resolved.spec));
        compiled = true;
      } catch (e) {
        out.push(
          diagnostic('chart/invalid', chart.file, `Vega-Lite: ${e instanceof Error ? e.message : String(e)}`),
        );
        break;
      }
    }
  }
  return out;
}
