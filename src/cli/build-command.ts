import { isAbsolute, join, relative, resolve } from 'node:path';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { describeReason } from '../pipeline/inputs.js';
import { formats, type Filters, type Format } from '../pipeline/plan.js';
import { runIncremental, type LateChecks, type RunOptions, type RunResult } from '../pipeline/run.js';
import { withTranslations, type Workspace, type WorkspaceContent } from '../pipeline/workspace.js';
import { loadAndBegin, type Loaded } from '../pipeline/load-and-begin.js';
import { withChartChecks } from '../pipeline/chart-memo.js';
import { stopWorkers, type Workers } from '../pipeline/pool.js';
import { parseJobs } from './early-workers.js';
import { withPseudoLocale } from '../translation/pseudo.js';
import { staleDiagnostics } from '../translation/workspace.js';
import type { ChangeReport } from '../pipeline/changes.js';
import { createProgress, type Progress } from './progress.js';
import type { DocumentProgress } from '../pipeline/build.js';
import { openMemo, saveMemo } from '../pipeline/memo-file.js';
import { recordSuccessfulBuild } from '../pipeline/stamp.js';
import { allKept } from '../text/memo.js';
import { keepCompiledCode } from '../runtime/code-cache.js';
import { consolePrint, processTerminal, type Print } from './print.js';
import { outFolderProblem } from './out-folder.js';

export function usageError(message: string, print: Print = consolePrint): number {
  print.err(`briefing: ${message}\nRun \`briefing --help\` for usage.\n`);
  return 2;
}

/** Checks the flags; returns an exit code for wrong usage, or the filters. */
export function parseFilters(opts: BuildOptions, cwd: string, print: Print = consolePrint): number | Filters {
  const badOut = outFolderProblem(outputDir(cwd, opts.out), cwd);
  if (badOut) return usageError(badOut, print);
  const badFormat = opts.format?.find((f) => !(formats as readonly string[]).includes(f));
  if (badFormat) return usageError(`unknown format "${badFormat}" (expected html or pdf)`, print);
  const shard = parseShard(opts.shard);
  if (typeof shard === 'string') return usageError(shard, print);
  if (opts.jobs !== undefined && parseJobs(opts.jobs) === undefined)
    return usageError(`--jobs takes a whole number of at least 1, not "${opts.jobs}"`, print);
  return {
    ...(shard ? { shard } : {}),
    ...(opts.project ? { projects: opts.project } : {}),
    ...(opts.locale ? { locales: opts.locale } : {}),
    ...(opts.audience ? { audiences: opts.audience } : {}),
    ...(opts.format ? { formats: opts.format as Format[] } : {}),
  };
}

/** `--shard 2/3` → the second of three slices; a message when it is not one. */
function parseShard(value: string | undefined): { index: number; count: number } | string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    return `--shard takes i/n with 1 ≤ i ≤ n (e.g. 1/4), not "${value}"`;
  return { index, count };
}

/** Whether these problems stop a build: an error, or with `--strict` any problem. */
export const stopsBuild = (list: readonly Diagnostic[], opts: Pick<BuildOptions, 'strict'>): boolean =>
  hasErrors(list) || !!(opts.strict && list.length);

export const outputDir = (cwd: string, out: string): string => (isAbsolute(out) ? out : resolve(cwd, out));

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Loads, checks and builds once; prints what happened. Returns the exit code. `argv`: the
 * command line, recorded with the stamp of a build that succeeds (pipeline/stamp.ts), unless
 * `stamp` is false (a build server's warm-up, which writes elsewhere).
 */
export async function buildOnce(
  cwd: string,
  opts: BuildOptions,
  filters: Filters,
  print: Print,
  workers?: Workers,
  argv: readonly string[] = [],
  stamp = true,
): Promise<number> {
  const started = process.hrtime.bigint();
  openMemo(cwd);
  try {
    const jobs = parseJobs(opts.jobs) ?? 1;
    const code = await checkAndBuild({ cwd, opts, filters, print, jobs, workers, started });
    // Its last line handed to the main thread before the chores below: in `watch` it reached
    // the screen 13–17 ms late without this.
    await print.flushed?.();
    print.ended?.(code);
    if (code === 0 && stamp) recordSuccessfulBuild(cwd, opts, argv);
    return code;
  } finally {
    await allKept();
    saveMemo(cwd);
    keepCompiledCode();
  }
}

/** One build as asked: where, with what options, printing where, on which threads, since when. */
interface BuildRun {
  readonly cwd: string;
  readonly opts: BuildOptions;
  readonly filters: Filters;
  readonly print: Print;
  readonly jobs: number;
  readonly workers: Workers | undefined;
  readonly started: bigint;
}

/** Whether these problems stop the build (--strict: any problem). */
const failsFor =
  (opts: BuildOptions) =>
  (list: readonly Diagnostic[]): boolean =>
    stopsBuild(list, opts);

async function checkAndBuild(run: BuildRun): Promise<number> {
  const { cwd, opts, filters, jobs, workers } = run;
  // With several projects, documents of those loaded are begun on the PDF workers while the
  // next loads (load-and-begin.ts); not for the pseudo-locale, which is added once all are.
  const begin = opts.pseudo
    ? undefined
    : {
        workers,
        jobs,
        filters,
        outDir: outputDir(cwd, opts.out),
        fails: failsFor(opts),
        ...(opts.force ? { force: true } : {}),
      };
  const { content, begun } = await loadAndBegin(cwd, opts.project, begin);
  try {
    return await buildLoaded(run, content, begun);
  } finally {
    // Taken and closed by the build, unless it never started (a problem, a usage error): then
    // what the workers have not started is let go.
    begun?.pool.abandon();
    await begun?.pool.close();
  }
}

/**
 * The checks across the workspace, run while the build makes documents: the charts' specs
 * before the first chart is drawn (news releases, which draw none, go first), the
 * translations while the last PDFs are written. Nothing is written unless they pass. Each
 * runs once, however often it is asked for.
 */
class WorkspaceChecks implements LateChecks {
  private charted: Promise<boolean> | undefined;
  private checking: Promise<Workspace> | undefined;
  private checked: Workspace | undefined;

  constructor(
    private readonly content: WorkspaceContent,
    private readonly fails: (list: readonly Diagnostic[]) => boolean,
  ) {}

  // Arrow functions: the build calls them detached from this object.
  readonly beforeCharts = (): Promise<boolean> =>
    (this.charted ??= withChartChecks(this.content).then(() => !this.fails(this.content.diagnostics)));

  readonly run = (): Promise<Workspace> =>
    (this.checking ??= this.beforeCharts().then(() => (this.checked = withTranslations(this.content))));

  readonly passed = (): boolean => !!this.checked && !this.fails(this.checked.diagnostics);
}

const report = ({ print, cwd }: BuildRun, list: readonly Diagnostic[]): void => {
  if (list.length) print.err(formatDiagnostics(list, cwd) + '\n');
};

/** Problems that stop the build, all printed. */
function stop(run: BuildRun, all: Diagnostic[]): number {
  report(run, all);
  const n = all.filter((d) => d.severity === 'error' || run.opts.strict).length;
  run.print.err(`build stopped: ${plural(n, 'problem')}; previous outputs are untouched\n`);
  return 1;
}

/** `checkAndBuild` once the workspace is loaded. */
async function buildLoaded(
  run: BuildRun,
  content: WorkspaceContent,
  begun: Loaded['begun'],
): Promise<number> {
  const { cwd, opts, filters, print } = run;
  const fails = failsFor(opts);
  const checks = new WorkspaceChecks(content, fails);
  // Content that fails stops the build before it starts, with every problem of the workspace.
  if (fails(content.diagnostics)) return stop(run, (await checks.run()).diagnostics);
  const ws = opts.pseudo ? withPseudoLocale(content) : content;
  const unknown = unknownSelection(ws, opts);
  if (unknown) return usageError(unknown, print);
  const progress = progressFor(opts, print);
  let failed = 0;
  const onDocument = (p: DocumentProgress): void => {
    if (p.failed) failed++;
    progress.onDocument(p);
  };
  let result: RunResult;
  try {
    result = await runIncremental(
      ws,
      outputDir(cwd, opts.out),
      filters,
      runOptions(run, begun, checks, onDocument),
    );
  } catch (e) {
    progress.end();
    if (!(e instanceof DiagnosticError)) throw e;
    report(run, e.diagnostics);
    print.err('build stopped: nothing was written; previous outputs are untouched\n');
    return 1;
  }
  progress.end();
  if (!result.ok && 'checksFailed' in result) return stop(run, (await checks.run()).diagnostics);
  if (!result.ok) return notWritten(run, result, failed);
  const out = opts.quiet ? (): void => undefined : print.out;
  printResult(result, opts.out, out);
  printStale(run, ws, (await checks.run()).translations, out);
  out(summary(run, ws, result, failed));
  return 0;
}

/** A `--locale` or `--audience` no project has, as a usage error's message. */
function unknownSelection(ws: WorkspaceContent, opts: BuildOptions): string | undefined {
  const knownLocales = new Set(ws.projects.flatMap((p) => p.config.locales));
  const badLocale = opts.locale?.find((l) => !knownLocales.has(l));
  if (badLocale) return `no project has locale "${badLocale}" (known: ${[...knownLocales].join(', ')})`;
  // Audiences are the projects' own: `release` and whatever they declare.
  const knownAudiences = new Set(['release', ...ws.projects.flatMap((p) => Object.keys(p.config.audiences))]);
  const badAudience = opts.audience?.find((a) => !knownAudiences.has(a));
  if (badAudience)
    return `no project has audience "${badAudience}" (known: ${[...knownAudiences].join(', ')})`;
  return undefined;
}

function progressFor(opts: BuildOptions, print: Print): Progress {
  const terminal = print.terminal ?? processTerminal();
  return createProgress(
    opts.quiet ? 'quiet' : terminal ? 'tty' : 'lines',
    print.out,
    terminal ? terminal.columns : undefined,
  );
}

/** What the incremental build is run with: the flags, the threads, the progress and the checks. */
function runOptions(
  { opts, jobs, workers }: BuildRun,
  begun: Loaded['begun'],
  checks: WorkspaceChecks,
  onDocument: (p: DocumentProgress) => void,
): RunOptions {
  return {
    ...(opts.force ? { force: true } : {}),
    ...(opts.strict ? { strict: true } : {}),
    render: {
      jobs,
      ...(workers ? { workers } : {}),
      ...(begun ? { pool: begun.pool, begun } : {}),
      onDocument,
    },
    checks,
  };
}

/** A build that made its documents but may not write them: errors, or (--strict) units untranslated. */
function notWritten(
  run: BuildRun,
  result: Extract<RunResult, { diagnostics: Diagnostic[]; ok: false }>,
  failed: number,
): number {
  if (hasErrors(result.diagnostics)) {
    report(run, result.diagnostics);
    run.print.err(
      `build stopped: ${failed ? `${plural(failed, 'document')} failed; ` : ''}nothing was written; previous outputs are untouched\n`,
    );
  } else {
    run.print.err(
      `build stopped (--strict): ${plural(result.fallbacks.length, 'unit')} have no translation:\n${result.fallbacks.map((f) => `  ${f}`).join('\n')}\n`,
    );
  }
  return 1;
}

/** The selected languages' units translated from an older source text. */
function printStale(
  { cwd, opts }: BuildRun,
  ws: WorkspaceContent,
  translations: Workspace['translations'],
  out: (s: string) => void,
): void {
  const stale = staleDiagnostics(
    ws.root,
    [...translations.catalogs.values()].filter((c) => !opts.locale || opts.locale.includes(c.locale)),
    translations.unreadable,
    translations.files,
  );
  if (stale.length)
    out(
      `translated from an older source text (stale): ${plural(stale.length, 'unit')}\n${stale.map((d) => `  ${relative(cwd, d.file)}: ${d.message}`).join('\n')}\n`,
    );
}

/** The build's last line: what it made, wrote and left, in how long. */
function summary(
  { print, started }: BuildRun,
  ws: WorkspaceContent,
  result: Extract<RunResult, { ok: true }>,
  failed: number,
): string {
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  const rebuilt = result.documents.filter((d) => d.reasons.length).length;
  const upToDate = result.documents.length - rebuilt;
  const warnings = ws.diagnostics.length;
  const written = result.written.length;
  return (
    `built ${plural(rebuilt, 'document')} (${plural(result.files.length, 'file')}) for ${plural(ws.projects.length, 'project')} in ${s.toFixed(1)} s` +
    (print.server ? ' on the build server' : '') +
    `: ${written} written, ${result.files.length - written} unchanged, ${failed} failed` +
    (upToDate ? `; ${upToDate} up to date` : '') +
    (result.writtenAhead ? `; ${plural(result.writtenAhead, 'PDF')} begun on save` : '') +
    (warnings ? ` (${plural(warnings, 'warning')}: run \`briefing check\`)` : '') +
    '\n'
  );
}

function printResult(
  result: Extract<RunResult, { ok: true }>,
  out: string,
  print: (s: string) => void,
): void {
  const written = new Set(result.written);
  for (const d of result.documents) {
    if (!d.reasons.length) continue;
    const files = result.files.filter((f) => f.path.startsWith(`${d.path}.`));
    const formats = files.map((f) => f.format + (written.has(f.path) ? '' : ' unchanged')).join(', ');
    print(`rebuilt ${join(out, d.path)} (${formats}): ${d.reasons.map(describeReason).join('; ')}\n`);
  }
  for (const r of result.reports) printReport(r, out, print);
  if (result.fallbacks.length)
    print(
      `shown in the source language (translation missing): ${plural(result.fallbacks.length, 'unit')}\n${result.fallbacks.map((f) => `  ${f}`).join('\n')}\n`,
    );
}

function printReport(r: ChangeReport, out: string, print: (s: string) => void): void {
  for (const f of r.figures) {
    const before = f.before ? `${f.before.shown} (${f.before.asOf})` : 'new';
    const after = f.after ? `${f.after.shown} (${f.after.asOf})` : 'removed';
    print(`figure ${f.id}: ${before} → ${after}\n`);
  }
  for (const [locale, ids] of Object.entries(r.texts)) print(`texts changed in ${locale}: ${ids.length}\n`);
  if (r.outdatedTranslations.length)
    print(`translations to review: ${plural(r.outdatedTranslations.length, 'unit')} (see CHANGES.md)\n`);
  print(`wrote ${join(out, r.project, 'CHANGES.md')}\n`);
}

/** `briefing build`, with the render workers started early (see early-workers.ts), if any. */
export async function runBuild(
  cwd: string,
  opts: BuildOptions,
  workers?: Workers,
  argv: readonly string[] = [],
): Promise<number> {
  const filters = parseFilters(opts, cwd);
  if (typeof filters === 'number') {
    await stopWorkers(workers);
    return filters;
  }
  try {
    return await buildOnce(cwd, opts, filters, consolePrint, workers, argv);
  } finally {
    await stopWorkers(workers);
  }
}

/**
 * A build handed to the build server (cli/serve-command.ts): its warm PDF workers, owned
 * by the server, and the `--jobs` they make.
 */
export interface Served {
  readonly workers: Workers | undefined;
  readonly jobs: number;
}

/**
 * Where a command prints and what it runs with: the process's own streams, or, for a build
 * handed to the build server, the client's, and the server's warm PDF workers.
 */
export interface CommandIo {
  readonly print: Print;
  readonly served?: Served;
  /** `--debug`: an internal error's stack; a build server's work begun on each save. */
  readonly debug?: boolean;
}

/** `briefing build` on the build server, printing to its client. */
export async function runServedBuild(
  cwd: string,
  opts: BuildOptions,
  print: Print,
  served: Served,
  argv: readonly string[],
): Promise<number> {
  const filters = parseFilters(opts, cwd, print);
  if (typeof filters === 'number') return filters;
  return buildOnce(cwd, { ...opts, jobs: String(served.jobs) }, filters, print, served.workers, argv);
}

export interface BuildOptions {
  project?: string[];
  locale?: string[];
  audience?: string[];
  format?: string[];
  out: string;
  strict?: boolean;
  force?: boolean;
  pseudo?: boolean;
  jobs?: string;
  shard?: string;
  quiet?: boolean;
}
