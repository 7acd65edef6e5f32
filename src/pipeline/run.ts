/**
 * One incremental build of a loaded workspace into an output folder, under the
 * folder's lock: read what the last build recorded, rebuild what is out of date
 * in memory, and only then write, so a failed build writes nothing. Shared by
 * `briefing build` and `briefing watch`; printing is the caller's business.
 */
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import {
  build,
  translatorFor,
  type BuildOptions,
  type BuildResult,
  type BuiltFile,
  type DocumentOutcome,
} from './build.js';
import {
  appendHistory,
  changedSentences,
  changesMarkdown,
  compareSnapshots,
  takeSnapshot,
  type ChangeReport,
  type FigureState,
  type SentenceChange,
  type Snapshot,
} from './changes.js';
import { readFileSync } from 'node:fs';
import { formatDate } from '../i18n/format.js';
import { indexPage } from './index-page.js';
import { indexInput } from './index-input.js';
import {
  enterAhead,
  listOutputProjects,
  mergeManifest,
  OutputTransaction,
  readManifest,
  readPrevious,
  withOutputLock,
  writeFiles,
  writeManifest,
  type Manifest,
} from './output.js';
import type { Filters } from './plan.js';
import type { WorkspaceContent } from './workspace.js';
import type { Project } from '../model/project.js';
import type { Translator } from '../i18n/instance.js';

export interface RunOptions {
  readonly force?: boolean;
  /** Fail when a unit is shown in the source language. */
  readonly strict?: boolean;
  /** Passed to the build: worker threads and progress. */
  readonly render?: Pick<BuildOptions, 'jobs' | 'onDocument' | 'workers' | 'pool' | 'begun'>;
  /**
   * Checks across the workspace run while documents are made (the charts' specs before
   * the first chart is drawn, the rest while the last PDFs are written): nothing is
   * written unless `passed` says so once they have run.
   */
  readonly checks?: LateChecks;
}

export interface LateChecks {
  /** The charts' specs checked, before the first chart is drawn: false, none may be. */
  beforeCharts(): Promise<boolean>;
  /** Every check run. */
  run(): Promise<unknown>;
  /** Whether the build may write, once they have run. */
  passed(): boolean;
}

export type RunResult =
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly fallbacks: string[] }
  /** The late checks (RunOptions.checks) failed: nothing was written; they hold the problems. */
  | { readonly ok: false; readonly checksFailed: true }
  | {
      readonly ok: true;
      readonly diagnostics: Diagnostic[];
      readonly documents: DocumentOutcome[];
      readonly files: BuiltFile[];
      /** Output paths whose bytes changed. */
      readonly written: string[];
      readonly reports: ChangeReport[];
      readonly fallbacks: string[];
      /** PDFs a build server's worker had written ahead, on a save. */
      readonly writtenAhead: number;
    };

/** What the output folder held before this build, with each project's manifest. */
type Previous = ReturnType<typeof readPrevious>;

/** Each rebuilt project's figures as this build shows them, for its change report. */
type Snapshots = Map<string, { t: Translator; snapshot: Snapshot }>;

export async function runIncremental(
  ws: WorkspaceContent,
  outDir: string,
  filters: Filters,
  options: RunOptions,
): Promise<RunResult> {
  return withOutputLock(outDir, async () => {
    // Everything this build changes is committed at once at the end (see output.ts).
    const tx = new OutputTransaction(outDir);
    const previous = readPrevious(
      tx,
      ws.projects.map((p) => p.id),
    );
    const snapshots: Snapshots = new Map();
    const result = await build(ws, filters, buildOptions(ws, options, previous, snapshots), enterAhead);
    if (options.checks && !options.checks.passed()) return { ok: false, checksFailed: true };
    const fallbacks = [...new Set(result.files.flatMap((f) => f.fallbacks))].sort();
    if (hasErrors(result.diagnostics) || (options.strict && fallbacks.length))
      return { ok: false, diagnostics: result.diagnostics, fallbacks };
    const { written, reports } = writeOutputs(tx, ws, result, previous, snapshots);
    return {
      ok: true,
      diagnostics: result.diagnostics,
      documents: result.documents,
      files: result.files,
      written,
      reports,
      fallbacks,
      writtenAhead: result.writtenAhead,
    };
  });
}

/**
 * The build's options: the caller's, with what the folder held. Each rebuilt project's
 * snapshot is taken while the PDFs are written, for it needs the workspace only.
 */
function buildOptions(
  ws: WorkspaceContent,
  options: RunOptions,
  previous: Previous,
  snapshots: Snapshots,
): BuildOptions {
  return {
    ...options.render,
    ...(options.force ? { force: true } : {}),
    previous,
    ...(options.checks ? { beforeCharts: options.checks.beforeCharts } : {}),
    whileWriting: async (documents) => {
      await options.checks?.run();
      for (const project of ws.projects)
        if (documents.some((d) => d.project === project.id && d.reasons.length))
          snapshots.set(project.id, snapshotOf(ws, project));
    },
  };
}

/**
 * Writes the files, each project's manifest and change report, and the index, and commits
 * them. Returns the output paths whose bytes changed, and the reports.
 */
function writeOutputs(
  tx: OutputTransaction,
  ws: WorkspaceContent,
  result: BuildResult,
  previous: Previous,
  snapshots: Snapshots,
): { written: string[]; reports: ChangeReport[] } {
  const { outDir } = tx;
  const written = writeFiles(tx, result.files);
  const reports: ChangeReport[] = [];
  // Each project's manifest as this build leaves it, for the index.
  const manifests = new Map(previous.manifests);
  const record = (manifest: Manifest): void => {
    writeManifest(tx, manifest);
    manifests.set(manifest.project, manifest);
  };
  for (const project of ws.projects) {
    const rebuilt = result.documents.filter((d) => d.project === project.id && d.reasons.length);
    const before = previous.manifests.get(project.id);
    const mine = result.files.filter((f) => f.project === project.id);
    if (!rebuilt.length) {
      if (!before) record(mergeManifest(before, project.id, mine, undefined));
      continue;
    }
    const { t, snapshot } = snapshots.get(project.id) ?? snapshotOf(ws, project);
    const report = changeReport(project, t, snapshot, before, rebuilt, mine);
    reports.push(report);
    const history = appendHistory(readJson(join(outDir, project.id, 'CHANGES.json')), report);
    tx.write(join(project.id, 'CHANGES.md'), changesMarkdown(history));
    tx.write(join(project.id, 'CHANGES.json'), JSON.stringify(history, null, 2) + '\n');
    record(mergeManifest(before, project.id, mine, snapshot));
  }
  // Projects not loaded (another build's, or one whose folder is gone) are read from the folder.
  const projectIds = [...new Set([...listOutputProjects(outDir), ...ws.projects.map((p) => p.id)])].sort();
  const all = projectIds.flatMap((p) => manifests.get(p) ?? readManifest(outDir, p, tx) ?? []);
  tx.write('index.html', indexPage(indexInput(ws, all)));
  tx.commit();
  return { written, reports };
}

/** What changed in a rebuilt project: its figures, and the sentences whose number changed. */
function changeReport(
  project: Project,
  t: Translator,
  snapshot: Snapshot,
  before: Manifest | undefined,
  rebuilt: readonly DocumentOutcome[],
  mine: readonly BuiltFile[],
): ChangeReport {
  const names = {
    figure: (id: string) => t.t(`project:figures.${id}`, { defaultValue: id }),
    source: (id: string) => {
      const author = t.t(`project:sources.${id}.author`, { defaultValue: '' });
      const title = t.t(`project:sources.${id}.title`, { defaultValue: id });
      return author ? `${author}, “${title}”` : title;
    },
  };
  const changedDocs = rebuilt.filter((d) =>
    mine.some((f) => f.path.startsWith(`${d.path}.`) && !f.unchanged),
  );
  const sentences = changedDocs.flatMap((d) => sentencesOf(d.path, before, mine));
  const describe = (s: FigureState): string =>
    `${s.shown} as of ${formatDate(t, s.asOf, project.config.timeZone)} (${s.sources.map(names.source).join('; ')})`;
  return compareSnapshots(project, before?.snapshot, snapshot, changedDocs, names, sentences, describe);
}

/** The project's figures as shown in its source language, and that language's translator. */
function snapshotOf(ws: WorkspaceContent, project: Project): { t: Translator; snapshot: Snapshot } {
  const t = translatorFor(ws, project, project.config.sourceLocale);
  return { t, snapshot: takeSnapshot(ws, project, t) };
}

/** The sentences of one rebuilt document whose number changed since the manifest recorded them. */
function sentencesOf(
  path: string,
  before: Manifest | undefined,
  files: readonly BuiltFile[],
): SentenceChange[] {
  const now = files.find((f) => f.path.startsWith(`${path}.`) && f.places)?.places;
  const then = before?.documents.find((d) => d.path.startsWith(`${path}.`) && d.places)?.places;
  if (!now || !then) return [];
  const locale = path.split('/')[1] ?? '';
  return changedSentences(path, locale, then, now);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
