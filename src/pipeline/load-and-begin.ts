/**
 * A workspace of several projects is loaded one project at a time, and between two
 * projects the documents of those loaded that draw no chart (the news releases, in most
 * projects) are composed and handed to the PDF workers, up to `FEED` waiting at a time,
 * while the next project loads. The build, which starts once every project is loaded and
 * checked, takes those documents as they are (`Begun`) and the pool writing them. Before, a
 * worker waited for the whole load, a fifth of a 10-project build (docs/performance.md).
 *
 * A document is composed from its project and the toolkit alone, which the build's
 * workspace holds unchanged (the same objects), so a document begun is the one the build
 * would compose. No chart is drawn here: not before every project is loaded and every spec
 * checked, as the build draws them; and a problem found in a later project is reported with
 * little work done for nothing (no chart library loaded, a few documents composed). The build then
 * stops as before, with every problem reported and nothing written, and the documents begun
 * are let go.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/project.js';
import { chartIds, reasonsToRebuild, tellKnown, type Begun } from './build.js';
import { OutputTransaction, readPrevious } from './output.js';
import { plan, type Filters } from './plan.js';
import { createPdfPool, type PdfPool, type Workers } from './pool.js';
import type * as Renderer from './render-document.js';
import type { RenderJob } from './render-document.js';
import { startContent, type WorkspaceContent } from './workspace.js';

export interface BeginWhileLoading {
  /** The build's PDF workers, started before loading; none alive, and nothing is begun. */
  readonly workers: Workers | undefined;
  readonly jobs: number;
  readonly filters: Filters;
  readonly outDir: string;
  /** `--force`: every document is out of date. */
  readonly force?: boolean;
  /** Whether these problems stop the build: once they do, nothing more is begun. */
  readonly fails: (diagnostics: readonly Diagnostic[]) => boolean;
}

/** The workspace; with documents begun, the pool writing them, for the build to go on with (and close). */
export interface Loaded {
  readonly content: WorkspaceContent;
  readonly begun?: Begun & { readonly pool: PdfPool };
}

/** Whether PDFs can be written ahead: a worker to write them, and PDFs among the formats built. */
export const canBegin = (workers: Workers | undefined, filters: Filters): boolean =>
  !!workers?.threads.some((w) => !w.gone) && (filters.formats ?? ['pdf']).includes('pdf');

/**
 * Documents given to the pool and not written, after which no more are begun until the
 * next project is loaded: about what a warm worker writes while a project of the example
 * loads (0.3–0.4 s).
 */
const FEED = 6;

/**
 * The workspace, loaded as `loadContent` loads it; with `begin`, documents of the projects
 * loaded begun while the projects after them load. A slice of the plan (`--shard`) depends
 * on every project: nothing is begun.
 */
export async function loadAndBegin(
  root: string,
  onlyProjects: readonly string[] | undefined,
  begin: BeginWhileLoading | undefined,
): Promise<Loaded> {
  const loading = startContent(root, onlyProjects);
  if (
    !begin ||
    begin.jobs < 2 ||
    begin.filters.shard ||
    loading.left < 2 ||
    !canBegin(begin.workers, begin.filters)
  ) {
    while (loading.next() !== false) continue;
    return { content: loading.content };
  }
  const waiting: { ws: WorkspaceContent; job: Omit<RenderJob, 'charts'> }[] = [];
  // Made with the first document begun: a build with nothing to make loads no composer.
  let made: Beginning | undefined;
  for (let project = loading.next(); project !== false; project = loading.next()) {
    if (!loading.left || begin.fails(loading.content.diagnostics)) continue;
    if (project) {
      const ws = { ...loading.content, projects: [project] };
      waiting.push(...toMake(ws, project, begin).map((job) => ({ ws, job })));
    }
    // The workers' messages read first: what they finished while this project loaded.
    if (made) await new Promise((resolve) => setImmediate(resolve));
    while (waiting.length && (made?.pool.pending() ?? 0) < FEED) {
      const { ws, job } = waiting.shift()!;
      made ??= await beginning(begin);
      const path = `${job.project}/${job.locale}/${job.kind}`;
      made.outcomes.set(path, made.render(ws, { ...job, charts: [] }, made.caches, made.pool.write));
    }
  }
  return { content: loading.content, ...(made ? { begun: made } : {}) };
}

/** The documents begun, the pool they went to, and the composer. */
interface Beginning extends Begun {
  readonly pool: PdfPool;
  readonly render: typeof Renderer.renderDocument;
}

/** The composer and the pool the documents begun go to, told what earlier runs learned. */
async function beginning(begin: BeginWhileLoading): Promise<Beginning> {
  const { newCaches, renderDocument } = await import('./render-document.js');
  const pool = createPdfPool(begin.jobs, Infinity, begin.workers);
  tellKnown(pool, true);
  return { outcomes: new Map(), caches: newCaches(), pool, render: renderDocument };
}

/** The project's documents out of date that draw no chart. */
function toMake(
  ws: WorkspaceContent,
  project: Project,
  begin: BeginWhileLoading,
): Omit<RenderJob, 'charts'>[] {
  const previous = readPrevious(new OutputTransaction(begin.outDir), [project.id]);
  const options = { previous, ...(begin.force ? { force: true } : {}) };
  return plan([project], begin.filters)
    .filter(({ locale, kind, formats }) => {
      if (chartIds(project, kind).length) return false;
      const paths = formats.map((f) => `${project.id}/${locale}/${kind}.${f}`);
      return reasonsToRebuild(ws, project, paths, options).length > 0;
    })
    .map(({ locale, kind, formats }) => ({ project: project.id, locale, kind, formats }));
}
