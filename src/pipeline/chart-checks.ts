/**
 * `briefing check` for charts, with the same limits as the build: usermeta shape,
 * no URL or file loading, allowed marks, bounded expressions and generators,
 * every placeholder resolves, Vega-Lite compiles, and Vega renders it. Each
 * problem is reported once, at its place in the spec, naming the languages it
 * affects.
 */
import { diagnose, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import type { Translator } from '../i18n/instance.js';
import type { ChartSpec, Project } from '../model/project.js';
import { checkCompiles, findUrls } from '../charts/render.js';
import { resolveChart, type ChartProblem } from '../charts/resolve.js';
import { chartLimitProblems, paintUrlProblems, usermetaProblems } from '../charts/limits.js';

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

/** Every mark type in a spec, layers and concatenations included, with its JSON pointer. */
function markTypes(spec: unknown, pointer = ''): { type: string; pointer: string }[] {
  if (Array.isArray(spec)) return spec.flatMap((s, i) => markTypes(s, `${pointer}/${i}`));
  if (!spec || typeof spec !== 'object') return [];
  const own = (spec as { mark?: unknown }).mark;
  const type =
    typeof own === 'string'
      ? own
      : own && typeof own === 'object'
        ? (own as { type?: unknown }).type
        : undefined;
  return [
    ...(typeof type === 'string' ? [{ type, pointer: `${pointer}/mark` }] : []),
    ...Object.entries(spec)
      .filter(([k]) => k !== 'mark')
      .flatMap(([k, v]) => markTypes(v, `${pointer}/${k}`)),
  ];
}

/** JSON pointer of the first string in the spec that contains `needle`. */
export function pointerOfString(spec: unknown, needle: string, pointer = ''): string | undefined {
  if (typeof spec === 'string') return spec.includes(needle) ? pointer : undefined;
  if (Array.isArray(spec)) {
    for (let i = 0; i < spec.length; i++) {
      const p = pointerOfString(spec[i], needle, `${pointer}/${i}`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (spec && typeof spec === 'object')
    for (const [k, v] of Object.entries(spec)) {
      const p = pointerOfString(v, needle, `${pointer}/${k}`);
      if (p !== undefined) return p;
    }
  return undefined;
}

const urlPointer = (path: string): string => path.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/');

export function chartPosition(chart: ChartSpec, pointer = ''): Position {
  return chart.positionOf?.(pointer) ?? { line: 1, column: 1 };
}

/** Problems found without resolving anything: shape, URLs, marks, limits. */
export function staticChartProblems(chart: ChartSpec): Diagnostic[] {
  const at = (pointer: string): Position => chartPosition(chart, pointer);
  const meta = usermetaProblems(chart.spec);
  if (meta.length)
    return meta.map((p) =>
      diagnose('chart/invalid', chart.file, { kind: 'usermeta', detail: p.message }, at(p.pointer)),
    );
  const urls = findUrls(chart.spec);
  if (urls.length)
    return urls.map((u) =>
      diagnose('chart/data-url', chart.file, { kind: 'url', url: u.replace(/^\./, '') }, at(urlPointer(u))),
    );
  const paints = paintUrlProblems(chart.spec);
  if (paints.length)
    return paints.map((p) =>
      diagnose('chart/data-url', chart.file, { kind: 'paint', value: p.message }, at(p.pointer)),
    );
  const unknown = markTypes(chart.spec).filter((m) => !marks.includes(m.type));
  if (unknown.length)
    return unknown.map((m) =>
      // `image` marks would fetch their pictures: not allowed, like data URLs.
      m.type === 'image'
        ? diagnose('chart/data-url', chart.file, { kind: 'image-mark', allowed: marks }, at(m.pointer))
        : diagnose(
            'chart/invalid',
            chart.file,
            { kind: 'mark', mark: m.type, allowed: marks },
            at(m.pointer),
          ),
    );
  return chartLimitProblems(chart.spec).map((p) =>
    diagnose('chart/limit', chart.file, { kind: 'spec', detail: p.message }, at(p.pointer)),
  );
}

/** The problems of one chart in every language of its project. */
export function checkChart(
  chart: ChartSpec,
  project: Project,
  translators: readonly Translator[],
): Diagnostic[] {
  const first = staticChartProblems(chart);
  if (first.length) return first;
  // A chart draws from the project's YAML (figures, chronology, texts): with one of those
  // unreadable, what it fails to find there follows from that file's own error.
  if ([...project.unreadable].some((f) => f.endsWith('.yaml'))) return [];
  const out: Diagnostic[] = [];
  // One cause, one error: a problem shared by several languages is listed once, naming them.
  const byProblem = new Map<string, { problem: ChartProblem; locales: string[]; textOnly: boolean }>();
  let compiled = false;
  for (const t of translators) {
    const resolved = resolveChart(chart, project, t);
    for (const problem of resolved.problems) {
      const key = JSON.stringify(problem);
      const entry = byProblem.get(key) ?? { problem, locales: [], textOnly: true };
      if (entry.locales.includes(t.locale)) continue;
      entry.locales.push(t.locale);
      entry.textOnly &&=
        problem.kind === 'other' && problem.text === true && t.locale !== project.config.sourceLocale;
      byProblem.set(key, entry);
    }
    if (compiled || resolved.problems.length) continue;
    try {
      checkCompiles(resolved.spec);
      compiled = true;
    } catch (e) {
      out.push(
        diagnose(
          'chart/invalid',
          chart.file,
          { kind: 'vega-lite', detail: e instanceof Error ? e.message : String(e) },
          chartPosition(chart),
        ),
      );
      break;
    }
  }
  for (const { problem, locales, textOnly } of byProblem.values())
    out.push(resolveProblem(chart, project, problem, locales, textOnly));
  return out;
}

/** A problem met while resolving, at the string of the spec that holds it. */
function resolveProblem(
  chart: ChartSpec,
  project: Project,
  problem: ChartProblem,
  locales: string[],
  textOnly: boolean,
): Diagnostic {
  if (problem.kind === 'unknown-figure') {
    const pointer =
      pointerOfString(chart.spec, `:${problem.id}@`) ?? pointerOfString(chart.spec, `:${problem.id}`) ?? '';
    return diagnose(
      'ref/unknown-figure',
      chart.file,
      { kind: 'use', id: problem.id, known: project.figures.keys() },
      chartPosition(chart, pointer),
    );
  }
  const token = /`([^`]+)`/.exec(problem.message)?.[1];
  const pointer = token ? pointerOfString(chart.spec, token) : undefined;
  return diagnose(
    'chart/invalid',
    chart.file,
    { kind: 'resolve', detail: problem.message, locales, textOnly },
    chartPosition(chart, pointer ?? ''),
  );
}
