/**
 * Build stage, in memory: plans the documents, composes each once and hands the
 * semantic document to both writers. Returns files and manifests; writes nothing.
 */
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Translator } from '../i18n/instance.js';
import { sha256 } from '../text/hash.js';
import { mergeRepeats } from '../diagnostics/merge.js';
import { staleness, type DocumentInputs, type Reason } from './inputs.js';
import type { Place } from '../model/document.js';
import { editionOf, type DocumentKind, type Project } from '../model/project.js';
import { plan, type Filters, type Format } from './plan.js';
import type { RenderedChart } from '../charts/chart.js';
import type { FitName } from '../charts/fit.js';
import type { WorkspaceContent } from './workspace.js';
import { createPdfPool, type PdfPool, type Workers } from './pool.js';
import type * as Renderer from './render-document.js';
import type { RenderCaches, RenderedDocument, RenderJob, RenderOutcome } from './render-document.js';
import { keep, keepWhenReady, memoAsync, peek, peekSerialized } from '../text/memo.js';
import { rendererVersions } from './renderers.js';
import type { Known } from '../write/pdf-known.js';
import { toolBuild, translatorFor } from './translator.js';
export { toolVersion, translatorFor } from './translator.js';

/** The sources' settings documents came out with, as kept between runs (write/pdf-known.ts). */
type Settings = NonNullable<Known['balance']>;

/**
 * The composer and the writers, loaded once a build has a document to make: a build with
 * nothing to make (the most common, after a change elsewhere) does without their start-up.
 */
let rendering: Promise<typeof Renderer> | undefined;
const renderer = (): Promise<typeof Renderer> => (rendering ??= import('./render-document.js'));

export interface BuiltFile {
  /** Path relative to the output folder. */
  readonly path: string;
  readonly bytes: Buffer;
  readonly project: string;
  readonly locale: string;
  readonly audience: string | null;
  readonly type: 'briefing' | 'release';
  readonly format: Format;
  readonly sha256: string;
  /** The same bytes are already on disk: the writer leaves the file (and its time) alone. */
  readonly unchanged: boolean;
  readonly inputs: DocumentInputs;
  readonly fallbacks: readonly string[];
  /** Sentences that show a figure, recorded once per document (with its first format). */
  readonly places?: readonly Place[];
  /** What the index shows of it (see ManifestEntry). */
  readonly title: string;
  readonly label: string;
  readonly asOf: string;
}

/** What the output folder held before this build: the basis of incremental builds. */
export interface PreviousOutput {
  /** Inputs recorded in the manifests, by output path. */
  readonly inputs: ReadonlyMap<string, DocumentInputs>;
  /** sha256 recorded in the manifests, by output path. */
  readonly recorded: ReadonlyMap<string, string>;
  /** sha256 of the output files actually on disk, by output path. */
  readonly onDisk: ReadonlyMap<string, string>;
}

export interface BuildOptions {
  /** Rebuild every selected document, up to date or not. */
  readonly force?: boolean;
  readonly previous?: PreviousOutput;
  /** Threads that write: this one and `jobs − 1` PDF workers; 1 writes everything on this thread. */
  readonly jobs?: number;
  /** PDF workers started earlier (before the workspace was loaded). */
  readonly workers?: Workers;
  /** The PDFs written by this pool (pool.ts: `aheadPool`), not by one of the build's own. */
  readonly pool?: PdfPool;
  readonly onDocument?: (progress: DocumentProgress) => void;
  /**
   * Called once every document is composed, while the last PDFs are still being written
   * (on workers): work of the caller's that needs the plan but not the files.
   */
  readonly whileWriting?: (documents: readonly DocumentOutcome[]) => void | Promise<void>;
  /**
   * Awaited once, before the first chart is drawn: false says the charts may not be
   * drawn (their specs failed their checks), and the build stops there, writing nothing.
   */
  readonly beforeCharts?: () => Promise<boolean>;
  /** Documents begun while the workspace loaded (load-and-begin.ts), on `pool`. */
  readonly begun?: Begun;
}

/** Documents composed before the build, each by its path (`project/locale/kind`), and the caches they used. */
export interface Begun {
  readonly outcomes: Map<string, Promise<RenderOutcome>>;
  readonly caches: RenderCaches;
}

export interface DocumentOutcome {
  /** `kazakhstan-2022/kk/briefing-osce`, without format. */
  readonly path: string;
  readonly project: string;
  /** Empty when the document was up to date and left untouched. */
  readonly reasons: readonly Reason[];
}

export interface BuildResult {
  /** Files rebuilt; `unchanged` ones have the bytes already on disk. */
  readonly files: BuiltFile[];
  readonly documents: DocumentOutcome[];
  readonly diagnostics: Diagnostic[];
  /** PDFs a build server's worker had written ahead, on a save (cli/serve-ahead.ts). */
  readonly writtenAhead: number;
}

/** Why a planned document must be rebuilt, from what the output folder recorded. Empty: up to date. */
export function reasonsToRebuild(
  ws: WorkspaceContent,
  project: Project,
  paths: readonly string[],
  options: BuildOptions,
): Reason[] {
  if (options.force) return [{ kind: 'forced' }];
  const prev = options.previous;
  const reasons: Reason[] = [];
  for (const path of paths) {
    const recorded = prev?.recorded.get(path);
    if (!recorded) return [{ kind: 'new' }];
    const onDisk = prev?.onDisk.get(path);
    if (onDisk === undefined) reasons.push({ kind: 'output', state: 'missing' });
    else if (onDisk !== recorded) reasons.push({ kind: 'output', state: 'modified' });
  }
  const inputs = prev?.inputs.get(paths[0] ?? '');
  if (!inputs) return [{ kind: 'new' }];
  const seen = new Set<string>();
  return [...reasons, ...staleness(inputs, ws, project, toolBuild())].filter((r) => {
    const key = JSON.stringify(r);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** A document finished (rendered or failed), in the order documents finish. */
export interface DocumentProgress {
  readonly done: number;
  readonly total: number;
  readonly path: string;
  readonly failed: boolean;
}

/** A document to make: its project and what a renderer is told of it. */
interface Planned {
  readonly project: Project;
  readonly job: Omit<RenderJob, 'charts'>;
}

/**
 * Plans the documents, composes each once and hands it to both writers, the PDFs on the
 * pool's workers (see `Making`); once the last is written, collects every file made.
 */
export async function build(
  ws: WorkspaceContent,
  filters: Filters,
  options: BuildOptions = {},
  onFile?: (f: BuiltFile) => void,
): Promise<BuildResult> {
  const { documents, planned } = planBuild(ws, filters, options);
  const jobs = planned.map((p) => p.job);
  // Workers for the PDFs only: an HTML-only build starts none.
  const pdfJobs = jobs.filter((j) => j.formats.includes('pdf')).length;
  const pdfs = options.pool ?? createPdfPool(options.jobs ?? 1, pdfJobs, options.workers);
  const writesPdf = pdfJobs > 0;
  const known = tellKnown(pdfs, writesPdf);
  const making = new Making(ws, options, pdfs, jobs.length);
  const { diagnostics } = making;
  let files: BuiltFile[];
  try {
    const outcomes = await making.all(planned);
    if (!outcomes) return { files: [], documents, diagnostics: mergeRepeats(diagnostics), writtenAhead: 0 };
    // Each document's files are collected as it finishes, while later PDFs are still written
    // (`onFile` then does its work off the end of the build).
    const collected = collectFiles(jobs, outcomes, diagnostics, options.previous, onFile);
    // Awaited below; a failure before that is the one reported.
    collected.catch(() => undefined);
    if (options.whileWriting) {
      pdfs.handOver();
      await options.whileWriting(documents);
    }
    await pdfs.drain();
    if (writesPdf) keepLearned(pdfs, known);
    files = await collected;
  } finally {
    await pdfs.close();
  }
  return { files, documents, diagnostics: mergeRepeats(diagnostics), writtenAhead: pdfs.takenAhead() };
}

/** Every selected document, with why it is rebuilt (none: up to date), and those to make. */
function planBuild(
  ws: WorkspaceContent,
  filters: Filters,
  options: BuildOptions,
): { documents: DocumentOutcome[]; planned: Planned[] } {
  const documents: DocumentOutcome[] = [];
  const planned: Planned[] = [];
  for (const p of plan(ws.projects, filters)) {
    const { project, locale, kind } = p;
    const base = `${project.id}/${locale}/${kind}`;
    const paths = p.formats.map((f) => `${base}.${f}`);
    const reasons = reasonsToRebuild(ws, project, paths, options);
    documents.push({ path: base, project: project.id, reasons });
    if (reasons.length)
      planned.push({ project, job: { project: project.id, locale, kind, formats: p.formats } });
  }
  return { documents, planned };
}

/**
 * News releases draw no chart: composed first, they give the PDF workers work while this
 * thread draws the briefings' charts. The plan's indexes, in the order they are made.
 */
function releasesFirst(planned: readonly Planned[]): number[] {
  return planned
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(planned[a]!.job.kind !== 'release') - Number(planned[b]!.job.kind !== 'release') || a - b,
    );
}

/**
 * The documents being made. Charts are rendered here, once per language, and each document
 * is composed and its HTML written here as soon as its charts are ready; its PDF goes to a
 * worker, or is written here too while the workers are behind. With no worker, one document
 * at a time keeps memory flat.
 */
class Making {
  readonly diagnostics: Diagnostic[] = [];
  private readonly translators = new Map<string, Translator>();
  private readonly chartCache = new Map<string, Promise<RenderedChart>>();
  private caches: RenderCaches | undefined;
  private done = 0;

  constructor(
    private readonly ws: WorkspaceContent,
    private readonly options: BuildOptions,
    private readonly pdfs: PdfPool,
    private readonly total: number,
  ) {
    this.caches = options.begun?.caches;
  }

  /**
   * Begins every document, releases first; each outcome at its index in the plan. Undefined
   * when the charts may not be drawn (`beforeCharts`): the build stops, writing nothing.
   */
  async all(planned: readonly Planned[]): Promise<Promise<Finished>[] | undefined> {
    const { ws, options, pdfs } = this;
    const outcomes: Promise<Finished>[] = [];
    let drawable: Promise<boolean> | undefined;
    for (const i of releasesFirst(planned)) {
      const { project, job } = planned[i]!;
      if (chartIds(project, job.kind).length && !(await (drawable ??= options.beforeCharts?.() ?? yes()))) {
        await pdfs.drain();
        return undefined;
      }
      // A document begun while the workspace loaded is taken as it is (load-and-begin.ts).
      const begun = options.begun?.outcomes.get(`${project.id}/${job.locale}/${job.kind}`);
      const { newCaches, renderDocument } = await renderer();
      const caches = (this.caches ??= newCaches());
      const outcome = (
        begun ?? renderDocument(ws, { ...job, charts: await this.chartsOf(project, job) }, caches, pdfs.write)
      ).then((o) => this.finished(job, o));
      outcomes[i] = outcome;
      await pdfs.keepUp();
      if (!(options.jobs && options.jobs > 1)) await outcome;
      // Let the workers' messages in: a worker that finished waits for its next document,
      // and awaiting promises alone never lets this thread read its messages.
      else await new Promise((resolve) => setImmediate(resolve));
    }
    return outcomes;
  }

  private chartsOf(project: Project, job: Omit<RenderJob, 'charts'>): Promise<RenderedChart[]> {
    const key = `${project.id}/${job.locale}`;
    const translator = this.translators.get(key) ?? translatorFor(this.ws, project, job.locale);
    this.translators.set(key, translator);
    return chartsFor(project, job.kind, translator, this.chartCache, this.diagnostics, true);
  }

  private finished(job: Omit<RenderJob, 'charts'>, outcome: RenderOutcome): Finished {
    const failed = !outcome.rendered || outcome.rendered.files.length < job.formats.length;
    const path = `${job.project}/${job.locale}/${job.kind}`;
    this.options.onDocument?.({ done: ++this.done, total: this.total, path, failed });
    // Hashed as each document comes in, while this thread waits for the next: after the last
    // PDF, hashing the build's every file (7 MB from scratch) was time the build waited for.
    return { ...outcome, made: (outcome.rendered?.files ?? []).map(hashed) };
  }
}

/** Kept as the workers report it, while this thread writes the files: only the next run needs it. */
function keepLearned(
  pdfs: PdfPool,
  { knownKey, knownTall, knownBalance }: ReturnType<typeof tellKnown>,
): void {
  keepWhenReady(
    pdfs.learned().then(({ figures: found, shaped, balance }) => {
      const all = [...new Set([...knownTall, ...found])].slice(-1000);
      if (all.length !== knownTall.length) keep('tall-figures', knownKey, all);
      if (shaped) keep('shaped-words', knownKey, shaped);
      // Kept only when something is new (each worker's warm-up document is found again
      // every build); the newest last, the oldest dropped first.
      const steps = new Map([...knownBalance, ...(balance ?? [])]);
      if (steps.size !== knownBalance.length) keep('balance-steps', knownKey, [...steps].slice(-1000));
    }),
  );
}

/**
 * The files made, in the plan's order; each document's problems join `diagnostics`, in that
 * order too. `onFile` is told of a document's files as soon as that document is finished.
 */
async function collectFiles(
  jobs: readonly Omit<RenderJob, 'charts'>[],
  outcomes: readonly Promise<Finished>[],
  diagnostics: Diagnostic[],
  previous: PreviousOutput | undefined,
  onFile: ((f: BuiltFile) => void) | undefined,
): Promise<BuiltFile[]> {
  const each = await Promise.all(
    outcomes.map(async (outcome, i) => {
      const { rendered, diagnostics: problems, made } = await outcome;
      const files = rendered ? made.map((m) => builtFile(jobs[i]!, rendered, m, previous)) : [];
      if (onFile) for (const file of files) onFile(file);
      return { problems, files };
    }),
  );
  for (const { problems } of each) diagnostics.push(...problems);
  return each.flatMap((d) => d.files);
}

function builtFile(
  job: Omit<RenderJob, 'charts'>,
  rendered: RenderedDocument,
  { format, bytes, hash }: Finished['made'][number],
  previous: PreviousOutput | undefined,
): BuiltFile {
  const path = `${job.project}/${job.locale}/${job.kind}.${format}`;
  return {
    path,
    bytes,
    project: job.project,
    locale: job.locale,
    audience: rendered.audience,
    type: rendered.type,
    format,
    sha256: hash,
    unchanged: previous?.onDisk.get(path) === hash,
    inputs: rendered.inputs,
    fallbacks: rendered.fallbacks,
    title: rendered.title,
    label: rendered.label,
    asOf: rendered.asOf,
    ...(format === job.formats[0] ? { places: rendered.places } : {}),
  };
}

const yes = (): Promise<boolean> => Promise.resolve(true);

/** A document's outcome, with the files it made as Buffers, and their SHA-256. */
type Finished = RenderOutcome & {
  readonly made: readonly { readonly format: Format; readonly bytes: Buffer; readonly hash: string }[];
};

function hashed({ format, bytes: raw }: { format: Format; bytes: Uint8Array }): Finished['made'][number] {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return { format, bytes, hash: sha256(bytes) };
}

/**
 * Tells the pool's PDF writers what earlier runs learned, kept in the memo store: figures
 * found taller than a page, each then laid out split from the start, not found too tall and
 * the document laid out again (write/pdfmake-float.ts); the words shaped, not shaped again in
 * a new process; the setting each document's sources came out with, so that the same
 * document is laid out once (write/pdf-known.ts). Returns what the build keeps what it learns against.
 */
export function tellKnown(
  pdfs: PdfPool,
  writesPdf: boolean,
): { knownKey: unknown[]; knownTall: string[]; knownBalance: Settings } {
  const knownKey = [rendererVersions()];
  const knownTall = (writesPdf && peek<string[]>('tall-figures', knownKey)) || [];
  const knownShaped = writesPdf ? peekSerialized('shaped-words', knownKey) : undefined;
  const knownBalance = (writesPdf && peek<Settings>('balance-steps', knownKey)) || [];
  if (knownTall.length || knownShaped || knownBalance.length)
    pdfs.tellKnown({
      figures: knownTall,
      ...(knownShaped ? { shaped: knownShaped } : {}),
      ...(knownBalance.length ? { balance: knownBalance } : {}),
    });
  return { knownKey, knownTall, knownBalance };
}

/** The charts a document of this kind shows (chosen in project.yaml per audience). */
export function chartIds(project: Project, kind: DocumentKind): readonly string[] {
  const edition = editionOf(kind);
  return edition.type === 'release'
    ? project.config.release.charts
    : (project.config.audiences[edition.audience]?.charts ?? []);
}

/**
 * The charts a document shows (chosen in project.yaml per audience), rendered once per
 * locale; with `keepDrawings`, each drawing kept between runs too (text/memo.ts), under what it is
 * drawn from: the resolved spec (data, texts and theme, every figure filled in), the
 * language's number and date formats, and everything that draws (rendererVersions). A new
 * value of a figure redraws the charts that show it, and no other.
 */
export async function chartsFor(
  project: Project,
  kind: DocumentKind,
  t: Translator,
  cache: Map<string, Promise<RenderedChart>>,
  diagnostics: Diagnostic[],
  keepDrawings = false,
): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const id of chartIds(project, kind)) {
    const chart = project.charts.get(id);
    if (!chart) continue;
    const key = `${project.id}/${t.locale}/${id}`;
    const draw = async (): Promise<RenderedChart> => {
      const { drawSvg, resolveForDrawing, withSvg } = await import('../charts/chart.js');
      const resolved = resolveForDrawing(chart, project, t);
      // Vega is imported only when a chart must be drawn.
      const drawn = (fit: FitName): Promise<string> =>
        keepDrawings
          ? memoAsync('chart-svg', [rendererVersions(), t.intl, fit, JSON.stringify(resolved.spec)], () =>
              drawSvg(resolved, t, fit),
            )
          : drawSvg(resolved, t, fit);
      return withSvg(resolved, { print: await drawn('print'), phone: () => drawn('phone') });
    };
    const pending = cache.get(key) ?? draw();
    cache.set(key, pending);
    try {
      out.push(await pending);
    } catch (e) {
      const { ChartTimeout } = await import('../charts/render.js');
      diagnostics.push(
        diagnose(
          e instanceof ChartTimeout ? 'chart/limit' : 'chart/invalid',
          chart.file,
          { kind: 'render', locale: t.locale, detail: e instanceof Error ? e.message : String(e) },
          chart.positionOf?.('') ?? { line: 1, column: 1 },
        ),
      );
    }
  }
  return out;
}
