/**
 * Charts checked once per set of inputs (see text/memo.ts): a build whose edits leave
 * every chart as it was (prose, a text no chart shows, a figure no chart shows) finds
 * every chart's checks from the last run and, with the drawings build.ts keeps, does not
 * even import Vega; one that changes a chart checks that one.
 *
 * Two keys. A project's checks are kept under every file the tool and the project read
 * except the prose, which no chart shows: after a prose edit they are found at once.
 * Each chart's are kept under what they follow from: its file (the spec, and the places
 * messages point to), the spec resolved in each language (every figure, date and text
 * filled in, and what could not be), the project's source language, and the packages that
 * compile it; resolving every chart in every language takes a moment, spent only when a
 * data file changed.
 */
import { relative } from 'node:path';
import type { Translator } from '../i18n/instance.js';
import type { ChartSpec, Project } from '../model/project.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveChart } from '../charts/resolve.js';
import { memoAsync } from '../text/memo.js';
import { rendererVersions } from './renderers.js';
import { translatorFor } from './translator.js';
import type { WorkspaceContent } from './workspace.js';
import { sha256 } from '../text/hash.js';

const keys = new WeakMap<Project, string>();

/** The digest of every file a project's charts may be made from, and of what draws them. */
function chartInputs(ws: WorkspaceContent, project: Project): string {
  let key = keys.get(project);
  if (key === undefined) {
    const files = (m: WorkspaceContent['toolkit']['inputs']): string[][] =>
      [...m.values()].filter((i) => !i.path.endsWith('.md')).map((i) => [i.path, i.sha256]);
    key = sha256(
      JSON.stringify([
        project.id,
        project.dir,
        files(ws.toolkit.inputs),
        files(project.inputs),
        // Locales made from others (the pseudo-locale) are named by the tag they are built for.
        project.config.locales,
        rendererVersions(),
      ]),
    );
    keys.set(project, key);
  }
  return key;
}

/** The chart as each language resolves it; a spec too broken to resolve is named as such (its checks say why). */
function resolvedIn(chart: ChartSpec, project: Project, t: Translator): unknown {
  try {
    const r = resolveChart(chart, project, t);
    return [t.locale, r.spec, r.problems];
  } catch {
    return [t.locale, 'unresolved'];
  }
}

function checkKey(chart: ChartSpec, project: Project, translators: readonly Translator[]): unknown[] {
  const rel = relative(project.dir, chart.file);
  return [
    rendererVersions(),
    chart.file,
    project.inputs.get(rel)?.sha256 ?? null,
    project.config.sourceLocale,
    [...project.unreadable].sort(),
    JSON.stringify(translators.map((t) => resolvedIn(chart, project, t))),
  ];
}

/**
 * Every chart of every project compiled in every language (Vega-Lite → Vega), its
 * problems added to the workspace's: what the commands that draw documents need (build,
 * check, watch, figures); the translation commands load the workspace without paying for it.
 */
export async function withChartChecks<W extends WorkspaceContent>(ws: W): Promise<W> {
  for (const project of ws.projects)
    ws.diagnostics.push(
      ...(await memoAsync('chart-checks', [chartInputs(ws, project)], () => eachChart(ws, project))),
    );
  return ws;
}

async function eachChart(ws: WorkspaceContent, project: Project): Promise<Diagnostic[]> {
  const translators = project.config.locales.map((l) => translatorFor(ws, project, l));
  const out: Diagnostic[] = [];
  for (const chart of project.charts.values())
    out.push(
      ...(await memoAsync('chart-check', checkKey(chart, project, translators), async () => {
        // Vega is imported only when a chart must be compiled.
        const { checkChart } = await import('./chart-checks.js');
        return checkChart(chart, project, translators);
      })),
    );
  return out;
}
