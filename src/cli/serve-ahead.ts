/**
 * A build server begins on a save. It watches the workspace as `watch` does, and when a
 * file changes it composes the documents the change makes out of date and has its PDF
 * worker write them (PDFs only, written nowhere: pool.ts `aheadPool`, pipeline/made-ahead.ts).
 * The `briefing build` that follows composes the same documents and finds their PDFs
 * written, or being written: the PDF, most of a one-text build, starts at the save instead
 * of after the client's process has started and the server has loaded and composed.
 *
 * What it never does: write a file, print, draw a chart whose spec fails its checks, or
 * change what a build makes. A build takes a PDF written ahead only for a document whose
 * content is the same (its `documentKey`); anything else it writes as it always does.
 * What it leaves to the build: a change that makes more than `MOST` documents out of date
 * (a template of every project: the worker would hold them all at once), a save already
 * followed by a newer one, and any save while a build is asked for.
 */
import { watch } from 'chokidar';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { build, reasonsToRebuild } from '../pipeline/build.js';
import { withChartChecks } from '../pipeline/chart-memo.js';
import { OutputTransaction, readPrevious } from '../pipeline/output.js';
import { plan, type Filters } from '../pipeline/plan.js';
import { aheadPool, type Workers } from '../pipeline/pool.js';
import { canBegin } from '../pipeline/load-and-begin.js';
import { loadContent } from '../pipeline/workspace.js';
import { withPseudoLocale } from '../translation/pseudo.js';
import { outputDir, stopsBuild, type BuildOptions } from './build-command.js';
import { DEBOUNCE_MS } from './watch-debounce.js';
import { ignoredBy, watchedFolders } from './watch-scope.js';

/** At most this many documents begun on one save: one project's in the example (three languages, four kinds). */
export const MOST = 12;

/**
 * Composes what is out of date in the output folder and hands its PDFs to the worker to
 * write ahead; how many it began.
 */
export async function writeAhead(
  cwd: string,
  opts: BuildOptions,
  filters: Filters,
  workers: Workers | undefined,
  generation: number,
): Promise<number> {
  if (!canBegin(workers, filters)) return 0;
  const content = loadContent(cwd, opts.project);
  // What would stop the build stops this too (--strict: any problem).
  const fails = (list: readonly Diagnostic[]): boolean => stopsBuild(list, opts);
  if (fails(content.diagnostics)) return 0;
  const ws = opts.pseudo ? withPseudoLocale(content) : content;
  const previous = readPrevious(
    new OutputTransaction(outputDir(cwd, opts.out)),
    ws.projects.map((p) => p.id),
  );
  const pdfs: Filters = { ...filters, formats: ['pdf'] };
  const stale = plan(ws.projects, pdfs).filter(
    (p) =>
      reasonsToRebuild(ws, p.project, [`${p.project.id}/${p.locale}/${p.kind}.pdf`], { previous }).length,
  );
  if (!stale.length || stale.length > MOST) return 0;
  await build(ws, pdfs, {
    previous,
    pool: aheadPool(workers, generation),
    // No chart is drawn whose spec fails its checks (a data URL, a spec too large), as in a build.
    beforeCharts: () => withChartChecks(content).then(() => !fails(content.diagnostics)),
  });
  return stale.length;
}

/**
 * Calls `changed` once a burst of changes to the workspace's content, templates or
 * locales has ended (as `watch` waits for one), with a number that grows with each.
 * `ready` settles once the watcher has looked at every file, or once it is closed.
 */
export function watchWorkspace(
  cwd: string,
  out: string,
  changed: (generation: number) => void,
): { readonly ready: Promise<void>; close(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const watcher = watch(watchedFolders(cwd), {
    ignoreInitial: true,
    // The loader reads no file through a link; a link to a large tree is not walked either.
    followSymlinks: false,
    ignored: ignoredBy(out),
  });
  watcher.on('all', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => changed(++generation), DEBOUNCE_MS);
  });
  // Watching is only a head start: without it builds are served as before.
  watcher.on('error', () => undefined);
  let settle: () => void = () => undefined;
  const ready = new Promise<void>((done) => (settle = done));
  watcher.on('ready', () => settle());
  return {
    ready,
    close: async () => {
      if (timer) clearTimeout(timer);
      // Closed before its first look ends, it would never say it is ready.
      settle();
      await watcher.close().catch(() => undefined);
    },
  };
}
