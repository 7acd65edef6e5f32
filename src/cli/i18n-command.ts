/**
 * `briefing i18n status | export | import | accept`: the translators' side of the
 * tool. Status and export read; import and accept write translation files, and
 * only after every unit has passed its checks.
 */
import { readFileSync, statSync } from 'node:fs';
import { decodeText } from '../load/decode.js';
import { offsetToPosition } from '../load/json.js';
import { isAbsolute, join, resolve } from 'node:path';
import { writeWorkspaceFiles } from '../pipeline/output.js';
import { makeExport, writeExportFiles, type ExportFile, type MadeExport } from '../pipeline/export-files.js';
import { outFileProblem } from './out-folder.js';
import { checkImport } from '../pipeline/import-check.js';
import { loadWorkspace, type Workspace } from '../pipeline/workspace.js';
import { readKeptResults } from '../pipeline/memo-file.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { INTERFACE_SOURCE, sourcesOf, type Unit, type UnitState } from '../translation/catalog.js';
import { planImport, type ImportPlan } from '../translation/import.js';
import { serializeState } from '../translation/state.js';
import { formatStatus, translationStatus } from '../translation/status.js';
import type { Translations } from '../translation/workspace.js';
import { readXliff, xmlTooDeep, type ReadFile } from '../translation/xliff.js';
import { limits } from '../load/limits.js';
import { signOffState } from '../translation/signoff.js';
import { readSignOffs } from './review-command.js';
import { usageError } from './build-command.js';

/** A whole project's XLIFF is under half a megabyte; twenty leave room for many projects. */
const xliffLimitBytes = 20_000_000;

export interface StatusOptions {
  project?: string[];
  locale?: string[];
  json?: boolean;
  strict?: boolean;
}
export interface ExportOptions {
  project?: string[];
  locale?: string;
  only?: string[];
  out?: string;
  /** Also write the glossary terms the exported units use as TBX beside the XLIFF. */
  tbx?: boolean;
}
export interface AcceptOptions {
  project?: string[];
  locale?: string;
  unit?: string[];
  all?: boolean;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const errorsOnly = (list: readonly Diagnostic[]): Diagnostic[] => list.filter((d) => d.severity === 'error');

/**
 * The source languages of a workspace, for a message: `en is the source` where there is
 * one, else each with what is written in it (`en: interface, second; ru: aaa`).
 */
function sourcesText(ws: Workspace): string {
  const by = new Map<string, string[]>([[INTERFACE_SOURCE, ['interface']]]);
  for (const p of ws.projects) {
    const l = p.config.sourceLocale;
    by.set(l, [...(by.get(l) ?? []), p.id]);
  }
  if (by.size === 1) return `${[...by.keys()][0] ?? INTERFACE_SOURCE} is the source`;
  return `sources: ${[...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([l, what]) => `${l} (${what.join(', ')})`)
    .join(', ')}`;
}

/**
 * What accepted units were checked against: `the current en`, or for units of several
 * source languages `their current source (en: 2, ru: 3)`; with none accepted, the
 * languages the catalog's units are translated from.
 */
function currentSource(chosen: readonly Unit[], all: readonly Unit[]): string {
  if (chosen.length === 0) return `the current ${sourcesOf(all).join(' or ') || 'source'}`;
  const sources = sourcesOf(chosen);
  if (sources.length === 1) return `the current ${sources[0] ?? ''}`;
  const counts = sources.map((l) => `${l}: ${chosen.filter((u) => u.sourceLocale === l).length}`);
  return `their current source (${counts.join(', ')})`;
}

/**
 * Loads the workspace (only the selected projects) and its catalogs; content errors
 * are printed, the translation work goes on.
 */
function open(
  cwd: string,
  project: string[] | undefined,
  locales?: readonly string[],
): { ws: Workspace; tr: Translations } | number {
  readKeptResults(cwd);
  const ws = loadWorkspace(cwd, project);
  const problems = errorsOnly(ws.diagnostics);
  if (problems.length) process.stderr.write(formatDiagnostics(problems, cwd) + '\n');
  if (ws.projects.length === 0) return 1;
  const tr = ws.translations;
  const unknown = locales?.find((l) => !tr.catalogs.has(l));
  if (unknown)
    return usageError(
      `"${unknown}" is not a translation language here (known: ${[...tr.catalogs.keys()].join(', ')}; ${sourcesText(ws)})`,
    );
  return { ws, tr };
}

export function runStatus(cwd: string, opts: StatusOptions): number {
  const opened = open(cwd, opts.project, opts.locale);
  if (typeof opened === 'number') return opened;
  const { tr } = opened;
  const rows = translationStatus(
    [...tr.catalogs.values()].filter((c) => !opts.locale || opts.locale.includes(c.locale)),
    tr.terms,
    (scope, locale) => {
      if (scope === 'interface') return undefined;
      const signoffs = readSignOffs(opened.ws, scope, locale);
      const catalog = tr.catalogs.get(locale);
      return (catalog?.units ?? []).filter(
        (u) => u.scope === scope && signOffState(u, signoffs) === 'signed-off',
      ).length;
    },
  );
  // Each row says its source language: the workspace has none of its own.
  if (opts.json) process.stdout.write(JSON.stringify({ status: rows }, null, 2) + '\n');
  else process.stdout.write(formatStatus(rows) + '\n');
  const open_ = rows.reduce((n, r) => n + r.missing + r.stale, 0);
  return opts.strict && open_ > 0 ? 1 : 0;
}

const states: readonly UnitState[] = ['missing', 'stale', 'translated'];

/** What an export asks for: the language, and the XLIFF file (`-`: standard output). */
interface ExportRequest {
  readonly locale: string;
  readonly out: string;
}

export async function runExport(cwd: string, opts: ExportOptions): Promise<number> {
  const asked = exportRequest(cwd, opts);
  if (typeof asked === 'number') return asked;
  const opened = open(cwd, opts.project, [asked.locale]);
  if (typeof opened === 'number') return opened;
  const catalog = opened.tr.catalogs.get(asked.locale);
  if (!catalog) return 1;
  const units = catalog.units.filter((u) => !opts.only || (opts.only as readonly string[]).includes(u.state));
  if (units.length === 0) {
    process.stderr.write(
      `nothing to export for ${asked.locale}${opts.only ? ` (--only ${opts.only.join(',')})` : ''}\n`,
    );
    return 0;
  }
  const made = makeExport(catalog, units, opened.tr.glossaries, opts.tbx === true);
  if (asked.out === '-') process.stdout.write(made.xliff);
  await writeExportFiles(exportFiles(cwd, asked, made));
  process.stderr.write(exportReport(asked, units, made));
  return 0;
}

/** The export's language and file (`-`: standard output), or the usage error's exit code. */
function exportRequest(cwd: string, opts: ExportOptions): ExportRequest | number {
  if (!opts.locale) return usageError('export needs --locale, e.g. --locale kk');
  const bad = opts.only?.find((s) => !(states as readonly string[]).includes(s));
  if (bad) return usageError(`unknown state "${bad}" in --only (expected ${states.join(', ')})`);
  const out = opts.out ?? `${opts.locale}.xlf`;
  const badOut = out === '-' ? undefined : outFileProblem(isAbsolute(out) ? out : resolve(cwd, out), cwd);
  if (badOut) return usageError(badOut);
  return { locale: opts.locale, out };
}

/** The termbase goes beside the XLIFF (`kk.xlf` → `kk.tbx`); beside nothing, to `<locale>.tbx`. */
const tbxPath = (out: string, locale: string): string =>
  out === '-' ? `${locale}.tbx` : out.replace(/\.xlf$|\.xliff$|$/, '.tbx');

/** The files to write, by absolute path: the XLIFF unless it goes to standard output, the termbase if made. */
function exportFiles(cwd: string, { locale, out }: ExportRequest, made: MadeExport): ExportFile[] {
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  return [
    ...(out === '-' ? [] : [{ path: at(out), text: made.xliff }]),
    ...(made.tbx ? [{ path: at(tbxPath(out, locale)), text: made.tbx.text }] : []),
  ];
}

/** What was written: the XLIFF's units by state and its segments, the termbase's terms. */
function exportReport({ locale, out }: ExportRequest, units: readonly Unit[], made: MadeExport): string {
  const count = (s: UnitState): number => units.filter((u) => u.state === s).length;
  const segments = units.reduce((n, u) => n + u.segments.length, 0);
  const summary = `${plural(units.length, 'unit')} (${count('missing')} missing, ${count('stale')} stale, ${count('translated')} translated), ${plural(segments, 'segment')}`;
  return (
    (out === '-' ? '' : `wrote ${out}: ${locale}, ${summary}\n`) +
    (made.tbx
      ? `wrote ${tbxPath(out, locale)}: ${plural(made.tbx.terms, 'glossary term')} these units use\n`
      : '')
  );
}

export interface ImportOptions {
  dryRun?: boolean;
  /** For files that name no target-language (a PO round trip through `po2xliff`). */
  locale?: string;
}

/** The XLIFF file's entries, or why it cannot be read: refusals located in it, or a usage error's text. */
type ReadImport =
  | { readonly ok: true; readonly files: ReadFile[] }
  | { readonly ok: false; readonly refused: Diagnostic[] }
  | { readonly ok: false; readonly usage: string };

const START = { line: 1, column: 1 };

export async function runImport(cwd: string, file: string, opts: ImportOptions): Promise<number> {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  const read = readImportFile(path, file);
  if (!read.ok) {
    if ('usage' in read) return usageError(read.usage);
    process.stderr.write(formatDiagnostics(read.refused, cwd) + `\nimport refused: nothing was written\n`);
    return 1;
  }
  const locales = [...new Set(read.files.map((f) => f.targetLanguage ?? opts.locale ?? ''))];
  const opened = open(cwd, undefined, opts.locale ? [opts.locale] : undefined);
  if (typeof opened === 'number') return opened;
  const { ws, tr } = opened;
  const plan = planImport(read.files, tr.catalogs, tr.files, opts.locale);
  if (plan.problems.length > 0) {
    process.stderr.write(
      formatDiagnostics(planProblems(plan, path), cwd) +
        `\nimport refused: ${plural(plan.problems.length, 'problem')} in ${file}; nothing was written\n`,
    );
    return 1;
  }
  const refusals = await checkImport(
    ws,
    { edits: plan.edits, origins: plan.origins, locales: plan.locale ? [plan.locale] : locales },
    path,
  );
  if (refusals.length > 0) {
    process.stderr.write(
      formatDiagnostics(refusals, cwd) +
        `\nimport refused: the files it would write do not pass \`briefing check\`; nothing was written\n`,
    );
    return 1;
  }
  if (!opts.dryRun) await writeWorkspaceFiles(ws.root, plan.edits);
  process.stdout.write(importSummary(plan, locales, file, opts.dryRun === true));
  return 0;
}

/** The file's bytes, refused before they are read when it is no plain file or too large. */
function readImportFile(path: string, file: string): ReadImport {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    // A pipe or a device (/dev/zero) would be read for ever: its size says nothing.
    if (!stat.isFile())
      return {
        ok: false,
        refused: [diagnose('file/unreadable', path, { kind: 'special', rel: file }, START)],
      };
    if (stat.size > xliffLimitBytes)
      return {
        ok: false,
        refused: [diagnose('limit/file-size', path, { kind: 'xliff', maxBytes: xliffLimitBytes }, START)],
      };
    bytes = readFileSync(path);
  } catch {
    return { ok: false, usage: `cannot read ${file}` };
  }
  return parseImportFile(path, bytes);
}

/** The XLIFF document in `bytes`: text, without a DOCTYPE, not nested too deep, of XLIFF's structure. */
function parseImportFile(path: string, bytes: Buffer): ReadImport {
  const refused = (d: Diagnostic): ReadImport => ({ ok: false, refused: [d] });
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refused(diagnose('file/encoding', path, { detail: decoded.message }, START));
  const text = decoded.text.replace(/^(<\?xml[^>]*encoding=["'])UTF-16(LE|BE)?(["'])/i, '$1UTF-8$3');
  // XLIFF needs no document type: entities could expand without bound or read local files.
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype)
    return refused(
      diagnose('xliff/invalid', path, { kind: 'doctype' }, offsetToPosition(text)(doctype.index)),
    );
  const deep = xmlTooDeep(text);
  if (deep >= 0)
    return refused(
      diagnose(
        'limit/depth',
        path,
        { kind: 'elements', max: limits.structureDepth },
        offsetToPosition(text)(deep),
      ),
    );
  const read = readXliff(text);
  if (read.ok) return read;
  return {
    ok: false,
    refused: read.problems.map((p) =>
      diagnose(
        'xliff/invalid',
        path,
        { kind: 'structure', detail: p.message },
        { line: p.line ?? 1, column: p.column ?? 1 },
      ),
    ),
  };
}

/** The plan's problems as diagnostics located in the XLIFF file. */
function planProblems(plan: ImportPlan, path: string): Diagnostic[] {
  return plan.problems.map((p) =>
    diagnose(
      p.rule,
      path,
      { subject: p.subject, detail: p.message },
      p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : undefined,
    ),
  );
}

/** What the import did (or would do), unit by unit. */
function importSummary(plan: ImportPlan, locales: readonly string[], file: string, dryRun: boolean): string {
  const list = (ids: readonly string[]): string => (ids.length ? `: ${ids.join(', ')}` : '');
  const lines = [
    `${dryRun ? 'would import' : 'imported'} ${locales.join(', ')} from ${file}:`,
    `  ${plural(plan.updated.length, 'unit')} with new text${list(plan.updated)}`,
    `  ${plural(plan.accepted.length, 'unit')} recorded as translated from the current source text${list(plan.accepted)}`,
  ];
  if (plan.review.length)
    lines.push(
      `  ${plural(plan.review.length, 'unit')} written but still marked for review in the file, so still stale: ${plan.review.join(', ')}`,
    );
  if (plan.skipped.length)
    lines.push(
      `  ${plural(plan.skipped.length, 'unit')} left out (no target, or not every block translated): ${plan.skipped.join(', ')}`,
    );
  lines.push(
    plan.edits.size
      ? `  ${dryRun ? 'would write' : 'wrote'} ${[...plan.edits.keys()].join(', ')}`
      : '  no file changed',
  );
  return lines.join('\n') + '\n';
}

export async function runAccept(cwd: string, opts: AcceptOptions): Promise<number> {
  if (!opts.locale) return usageError('accept needs --locale, e.g. --locale kk');
  if (!opts.all && !opts.unit?.length) return usageError('accept needs --unit <ids> or --all');
  const opened = open(cwd, opts.project, [opts.locale]);
  if (typeof opened === 'number') return opened;
  const { ws, tr } = opened;
  const catalog = tr.catalogs.get(opts.locale);
  if (!catalog) return 1;
  const known = new Set(catalog.units.map((u) => u.id));
  const unknown = opts.unit?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length) return usageError(`no unit ${unknown.join(', ')} in ${opts.locale}`);
  const chosen = catalog.units.filter((u) => u.state === 'stale' && (opts.all || opts.unit?.includes(u.id)));
  const byFile = new Map<string, Map<string, string>>();
  for (const u of catalog.units) {
    if (u.recorded === undefined) continue;
    const m = byFile.get(u.stateFile) ?? new Map<string, string>();
    m.set(u.id, u.recorded);
    byFile.set(u.stateFile, m);
  }
  for (const u of chosen) {
    const m = byFile.get(u.stateFile) ?? new Map<string, string>();
    m.set(u.id, u.hash);
    byFile.set(u.stateFile, m);
  }
  const edits = new Map<string, string>();
  for (const [stateFile, hashes] of byFile) {
    // A record is one project's (or the interface's) in one language: its units share a source.
    const unit = chosen.find((u) => u.stateFile === stateFile);
    if (unit) edits.set(stateFile, serializeState(stateFile, hashes, unit.sourceLocale));
  }
  // A record that cannot be read would be rewritten with only these units, the others lost.
  const lost = new Set(
    [...edits.keys()].filter((rel) => tr.unreadable.has(rel)).map((rel) => join(ws.root, rel)),
  );
  const unreadable = ws.diagnostics.filter((d) => lost.has(d.file));
  if (unreadable.length) {
    process.stderr.write(formatDiagnostics(unreadable, cwd) + '\naccept refused: nothing was written\n');
    return 1;
  }
  await writeWorkspaceFiles(ws.root, edits);
  const written = [...edits.keys()];
  const missing = catalog.units.filter((u) => u.state === 'missing' && opts.unit?.includes(u.id));
  process.stdout.write(
    `recorded ${plural(chosen.length, 'unit')} of ${opts.locale} as translated from ${currentSource(chosen, catalog.units)}` +
      (written.length ? ` (${written.join(', ')})` : '') +
      (missing.length ? `; not recorded, no translation yet: ${missing.map((u) => u.id).join(', ')}` : '') +
      '\n',
  );
  return 0;
}
