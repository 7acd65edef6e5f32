/**
 * `i18n import` checks the workspace it would make before writing a byte: the
 * files it would write are laid over the real ones, the workspace is loaded from
 * them, and every document of the imported languages is composed in memory, as
 * `check` does. The import is refused for any error it would bring, and for any
 * error already in a file it would overwrite (a broken translation record would
 * otherwise be replaced, and its records lost, without a word), except a missing
 * translation, which is what an import is for: it is refused only if it is still
 * missing afterwards.
 */
import { join, relative } from 'node:path';
import { diagnose, hasErrors, type Diagnostic, type RuleId } from '../diagnostics/diagnostic.js';
import type { FileEdits } from '../translation/files.js';
import type { XliffPlace } from '../translation/import.js';
import { build } from './build.js';
import { loadWorkspace, type Workspace } from './workspace.js';

export interface PlannedImport {
  readonly edits: FileEdits;
  /** Where in the XLIFF file the text written into each file comes from. */
  readonly origins: ReadonlyMap<string, XliffPlace>;
  /** The languages imported: their documents are composed. */
  readonly locales: readonly string[];
}

/** Errors a translation mends (a missing rendering, a missing grammatical form), not a file it could not read. */
const mendable: ReadonlySet<RuleId> = new Set(['quote/missing-rendering', 'i18n/missing']);

const key = (d: Diagnostic): string => [d.rule, d.file, d.line, d.column, d.message].join('\u0000');
const errorsOf = (list: readonly Diagnostic[]): Diagnostic[] => list.filter((d) => d.severity === 'error');

/** The documents of `locales`, composed in memory (HTML only, as `check` does): their errors. */
async function composeErrors(ws: Workspace, locales: readonly string[]): Promise<Diagnostic[]> {
  const dry = await build(ws, { locales, formats: ['html'] }, { force: true });
  return errorsOf(dry.diagnostics);
}

/** Problems that refuse the import, located in the XLIFF file `xliff`; empty when it may be written. */
export async function checkImport(
  ws: Workspace,
  planned: PlannedImport,
  xliff: string,
): Promise<Diagnostic[]> {
  if (planned.edits.size === 0) return [];
  const written = new Map([...planned.edits.keys()].map((rel) => [join(ws.root, rel), rel]));
  const firstOrigin = [...planned.origins.values()][0] ?? { line: 1, column: 1 };
  const refuse = (d: Diagnostic, already: boolean): Diagnostic => {
    const rel = written.get(d.file) ?? relative(ws.root, d.file);
    const at = d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : '';
    return diagnose(
      already ? 'xliff/overwrites-broken' : 'xliff/check-after',
      xliff,
      { file: `${rel}${at}`, rule: d.rule, detail: d.message },
      planned.origins.get(rel) ?? firstOrigin,
    );
  };

  const before = errorsOf(ws.diagnostics);
  // One still there after the import is among `brought` below.
  const broken = before
    .filter((d) => written.has(d.file) && !mendable.has(d.rule))
    .map((d) => refuse(d, true));
  const overlay = new Map([...planned.edits].map(([rel, text]) => [join(ws.root, rel), text]));
  const after = loadWorkspace(ws.root, undefined, overlay);
  const known = new Set(ws.diagnostics.map(key));
  const brought = errorsOf(after.diagnostics).filter((d) => written.has(d.file) || !known.has(key(d)));
  if (broken.length || brought.length || hasErrors(after.diagnostics))
    return [...broken, ...brought.map((d) => refuse(d, false))];

  // Composing is what `check` does next; only errors the current files do not already give count.
  const composed = await composeErrors(after, planned.locales);
  if (composed.length === 0) return [];
  const already = hasErrors(ws.diagnostics)
    ? new Set<string>()
    : new Set((await composeErrors(ws, planned.locales)).map(key));
  return composed.filter((d) => written.has(d.file) || !already.has(key(d))).map((d) => refuse(d, false));
}
