/**
 * A workspace of several projects is loaded one project at a time, and while the next one
 * loads, the news releases of the one just loaded are composed and handed to the PDF
 * workers. The build, which starts once every project is loaded and checked, takes those
 * documents as they are (`Begun`) and the pool that writes them. Before, a worker waited
 * for the whole load, a fifth of a 10-project build (docs/performance.md).
 *
 * Releases only: they draw no chart in most projects (one that does is left to the build,
 * as no chart is drawn before every spec is checked), and a project's releases take a warm
 * worker about as long as the next project takes to load. A release is composed from its
 * project and the toolkit alone, which the build's workspace holds unchanged (the same
 * objects), so it is the document the build would compose. A problem found later stops the
 * build as before: nothing is written, and the releases begun are let go.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/project.js';
import { reasonsToRebuild, tellKnown, type Begun } from './build.js';
import { OutputTransaction, readPrevious } from './output.js';
import { plan, type Filters } from './plan.js';
import { createPdfPool, type PdfPool, type Workers } from './pool.js';
import type { RenderOutcome } from './render-document.js';
import { startContent, type WorkspaceContent } from './workspace.js';

export interface ReleasesAhead {
  /** The build's PDF workers, started before loading; none alive, and nothing is begun. */
  readonly workers: Workers | undefined;
  readonly jobs: number;
  readonly filters: Filters;
  readonly outDir: string;
  /** `--force`: every release is out of date. */
  readonly force?: boolean;
  /** Whether these problems stop the build: once they do, nothing more is begun. */
  readonly fails: (diagnostics: readonly Diagnostic[]) => boolean;
}

/** The workspace; with releases begun, the pool writing them, for the build to go on with (and close). */
export interface Loaded {
  readonly content: WorkspaceContent;
  readonly begun?: Begun & { readonly pool: PdfPool };
}

/** Whether PDFs can be written ahead: a worker to write them, and PDFs among the formats built. */
export const canBegin = (workers: Workers | undefined, filters: Filters): boolean =>
  !!workers?.threads.some((w) => !w.gone) && (filters.formats ?? ['pdf']).includes('pdf');

/**
 * The workspace, loaded as `loadContent` loads it; with `ahead`, each project's releases
 * begun while the projects after it load. A slice of the plan (`--shard`) depends on every
 * project: nothing is begun.
 */
export async function loadWithReleasesAhead(
  root: string,
  onlyProjects: readonly string[] | undefined,
  ahead: ReleasesAhead | undefined,
): Promise<Loaded> {
  const loading = startContent(root, onlyProjects);
  const begin =
    !!ahead &&
    ahead.jobs > 1 &&
    !ahead.filters.shard &&
    loading.left > 1 &&
    canBegin(ahead.workers, ahead.filters);
  if (!begin) {
    while (loading.next() !== false) continue;
    return { content: loading.content };
  }
  const { newCaches, renderDocument } = await import('./render-document.js');
  const pool = createPdfPool(ahead.jobs, Infinity, ahead.workers);
  tellKnown(pool, true);
  const caches = newCaches();
  const outcomes = new Map<string, Promise<RenderOutcome>>();
  for (let project = loading.next(); project !== false; project = loading.next()) {
    if (!project || !loading.left || ahead.fails(loading.content.diagnostics)) continue;
    const ws = { ...loading.content, projects: [project] };
    for (const job of releasesToMake(ws, project, ahead))
      outcomes.set(`${job.project}/${job.locale}/${job.kind}`, renderDocument(ws, job, caches, pool.write));
    // The workers' messages read: one that finished a release takes the next.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { content: loading.content, begun: { outcomes, caches, pool } };
}

/** The project's out-of-date releases, unless they draw a chart. */
function releasesToMake(ws: WorkspaceContent, project: Project, ahead: ReleasesAhead) {
  const { filters } = ahead;
  if (project.config.release.charts.length) return [];
  if (filters.audiences && !filters.audiences.includes('release')) return [];
  const previous = readPrevious(new OutputTransaction(ahead.outDir), [project.id]);
  const options = { previous, ...(ahead.force ? { force: true } : {}) };
  return plan([project], { ...filters, audiences: ['release'] }).flatMap(({ locale, kind, formats }) => {
    const paths = formats.map((f) => `${project.id}/${locale}/${kind}.${f}`);
    return reasonsToRebuild(ws, project, paths, options).length
      ? [{ project: project.id, locale, kind, formats, charts: [] }]
      : [];
  });
}
