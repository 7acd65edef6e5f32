/**
 * A build server begins on a save. It watches the workspace as `watch` does, and when a
 * file changes it composes the documents the change makes out of date and has its PDF
 * worker write them (PDFs only, written nowhere: pool.ts `aheadPool`, pipeline/made-ahead.ts).
 * The `briefing build` that follows composes the same documents and finds their PDFs
 * written, or being written: the PDF, most of a one-text build, starts at the save instead
 * of after the client's process has started and the server has loaded and composed.
 *
 * What it never does: write a file, print, draw a chart whose spec fails its checks, or
 * change what a build makes. A build takes a PDF written ahead only for a document whose content is
 * the same (its `documentKey`); anything else it writes as it always does.
 */
import { join } from 'node:path';
import { watch } from 'chokidar';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { build } from '../pipeline/build.js';
import { withChartChecks } from '../pipeline/chart-memo.js';
import { OutputTransaction, readPrevious } from '../pipeline/output.js';
import type { Filters } from '../pipeline/plan.js';
import { aheadPool, type Workers } from '../pipeline/pool.js';
import { loadContent } from '../pipeline/workspace.js';
import { withPseudoLocale } from '../translation/pseudo.js';
import { outputDir, type BuildOptions } from './build-command.js';
import { DEBOUNCE_MS } from './watch-debounce.js';

/** Composes what is out of date in the output folder and hands its PDFs to the worker to write ahead. */
export async function writeAhead(
  cwd: string,
  opts: BuildOptions,
  filters: Filters,
  workers: Workers | undefined,
  generation: number,
): Promise<void> {
  // With no PDF worker (`--jobs 1`) the build writes its PDFs on its own thread: nothing to begin.
  if (!workers?.threads.some((w) => !w.gone)) return;
  const content = loadContent(cwd, opts.project);
  if (hasErrors(content.diagnostics)) return;
  const ws = opts.pseudo ? withPseudoLocale(content) : content;
  const previous = readPrevious(
    new OutputTransaction(outputDir(cwd, opts.out)),
    ws.projects.map((p) => p.id),
  );
  await build(
    ws,
    { ...filters, formats: ['pdf'] },
    {
      previous,
      pool: aheadPool(workers, generation),
      // No chart is drawn whose spec fails its checks (a data URL, a spec too large), as in a build.
      beforeCharts: () => withChartChecks(content).then(() => !hasErrors(content.diagnostics)),
    },
  );
}

/**
 * Calls `changed` once a burst of changes to the workspace's content, templates or
 * locales has ended (as `watch` waits for one), with a number that grows with each.
 */
export function watchWorkspace(
  cwd: string,
  out: string,
  changed: (generation: number) => void,
): { readonly ready: Promise<void>; close(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const watcher = watch(
    ['content', 'templates', 'locales'].map((d) => join(cwd, d)),
    {
      ignoreInitial: true,
      ignored: (path: string) => path.startsWith(out + '/') || /(^|\/)(\.#|~$|\.swp$)/.test(path),
    },
  );
  watcher.on('all', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => changed(++generation), DEBOUNCE_MS);
  });
  // Watching is only a head start: without it builds are served as before.
  watcher.on('error', () => undefined);
  return {
    ready: new Promise<void>((done) => watcher.on('ready', done)),
    close: () => {
      if (timer) clearTimeout(timer);
      return watcher.close();
    },
  };
}
