/**
 * Charts checked once per set of inputs (see text/memo.ts): a build that changed only
 * prose (a Markdown file) finds the checks of every chart from the last run, and, with
 * the drawings build.ts keeps, does not even import Vega.
 *
 * A chart is made from its spec, the project's data and texts and the interface
 * strings: the key names every file the tool and the project read except the prose,
 * which no chart shows, and everything that draws (package versions, fonts, ICU).
 */
import { readFileSync } from 'node:fs';
import type { Project } from '../model/project.js';
import { roboto } from '../fonts/roboto.js';
import { sha256 } from '../text/hash.js';
import { memoAsync } from '../text/memo.js';
import { rendererVersions } from './renderers.js';
import { translatorFor } from './document.js';
import type { WorkspaceContent } from './workspace.js';

const keys = new WeakMap<Project, string>();
let fonts: string | undefined;

/** The digest of everything a project's charts are made from. */
export function chartInputs(ws: WorkspaceContent, project: Project): string {
  let key = keys.get(project);
  if (key === undefined) {
    fonts ??= sha256(
      Object.values(roboto)
        .map((f) => sha256(readFileSync(f)))
        .join(' '),
    );
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
        fonts,
      ]),
    );
    keys.set(project, key);
  }
  return key;
}

/**
 * Every chart of every project compiled in every language (Vega-Lite → Vega), its
 * problems added to the workspace's: what the commands that draw documents need (build,
 * check, watch, figures); the translation commands load the workspace without paying for it.
 */
export async function withChartChecks<W extends WorkspaceContent>(ws: W): Promise<W> {
  for (const project of ws.projects)
    ws.diagnostics.push(
      ...(await memoAsync('chart-checks', [chartInputs(ws, project)], async () => {
        // Vega is imported only when a chart must be compiled.
        const { checkCharts } = await import('./chart-checks.js');
        return checkCharts(
          project,
          project.config.locales.map((l) => translatorFor(ws, project, l)),
        );
      })),
    );
  return ws;
}
