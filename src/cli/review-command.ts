/**
 * `briefing i18n review` (bilingual review copies, HTML and PDF, per document) and
 * `briefing i18n signoff` (a reviewer's sign-off per unit).
 */
import { isAbsolute, join, resolve } from 'node:path';
import { writeWorkspaceFiles } from '../pipeline/output.js';
import { makeReviewCopies, writeReviewCopies, type ReviewFormat } from '../pipeline/review-copies.js';
import { loadWorkspace, type Workspace } from '../pipeline/workspace.js';
import { readKeptResults } from '../pipeline/memo-file.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import {
  parseSignOffs,
  reviewedHash,
  serializeSignOffs,
  signoffFile,
  type SignOff,
} from '../translation/signoff.js';
import { usageError } from './build-command.js';
import { outFolderProblem } from './out-folder.js';

export interface ReviewOptions {
  locale?: string;
  project?: string[];
  out?: string;
  format?: string[];
}
export interface SignOffOptions {
  locale?: string;
  project?: string[];
  unit?: string[];
  by?: string;
}

/**
 * Sign-offs of one project and language. An unreadable file counts as none (the
 * workspace's diagnostics name it); signing off refuses to overwrite it.
 */
export function readSignOffs(ws: Workspace, project: string, locale: string): Map<string, SignOff> {
  const rel = signoffFile(project, locale);
  const parsed = parseSignOffs(ws.translations.files.get(rel));
  return parsed.ok ? parsed.signoffs : new Map();
}

function unreadable(ws: Workspace, project: string, locale: string): boolean {
  const rel = signoffFile(project, locale);
  if (ws.translations.unreadable.has(rel)) {
    const file = join(ws.root, rel);
    const problems = ws.translations.diagnostics.filter((d) => d.file === file);
    process.stderr.write(formatDiagnostics(problems, ws.root) + '\n');
    return true;
  }
  const parsed = parseSignOffs(ws.translations.files.get(rel));
  if (parsed.ok) return false;
  process.stderr.write(
    formatDiagnostics(
      [
        diagnose(
          'i18n/signoff',
          join(ws.root, rel),
          { detail: parsed.message },
          { line: parsed.line, column: parsed.column },
        ),
      ],
      ws.root,
    ) + '\n',
  );
  return true;
}

const isFormat = (f: string): f is ReviewFormat => f === 'html' || f === 'pdf';

export async function runReview(cwd: string, opts: ReviewOptions): Promise<number> {
  const locale = opts.locale;
  if (!locale) return usageError('review needs --locale, e.g. --locale kk');
  const formats = opts.format ?? ['html', 'pdf'];
  if (!formats.every(isFormat)) return usageError('--format takes html, pdf');
  const outDir = isAbsolute(opts.out ?? '') ? (opts.out ?? '') : resolve(cwd, opts.out ?? 'output/review');
  // Checked as a build's: copies among the inputs would be read as content, and `.` swept whole.
  const badOut = outFolderProblem(outDir, cwd);
  if (badOut) return usageError(badOut);
  readKeptResults(cwd);
  const ws = loadWorkspace(cwd, opts.project);
  const catalog = ws.translations.catalogs.get(locale);
  if (!catalog) return usageError(`"${locale}" is not a translation language here`);
  const copies = await makeReviewCopies(ws, catalog, (project) => readSignOffs(ws, project, locale), formats);
  await writeReviewCopies(outDir, copies);
  const written = copies.map((c) => join(outDir, c.rel));
  process.stdout.write(
    written.map((f) => `wrote ${f.startsWith(cwd) ? f.slice(cwd.length + 1) : f}`).join('\n') + '\n',
  );
  return 0;
}

export async function runSignOff(cwd: string, opts: SignOffOptions, today = new Date()): Promise<number> {
  const locale = opts.locale;
  if (!locale) return usageError('signoff needs --locale, e.g. --locale kk');
  if (!opts.unit?.length) return usageError('signoff needs --unit <ids>');
  if (!opts.by?.trim()) return usageError('signoff needs --by <reviewer name>');
  readKeptResults(cwd);
  const ws = loadWorkspace(cwd, opts.project);
  const catalog = ws.translations.catalogs.get(locale);
  if (!catalog) return usageError(`"${locale}" is not a translation language here`);
  const units = opts.unit.map((id) => ({
    id,
    unit: catalog.units.find((u) => u.id === id && u.scope !== 'interface'),
  }));
  const unknown = units.filter((u) => !u.unit).map((u) => u.id);
  if (unknown.length)
    return usageError(
      `no unit ${unknown.join(', ')} in ${locale} (ids as \`i18n status\` or the review copy lists them)`,
    );
  const open = units
    .filter((u) => u.unit && u.unit.state !== 'translated')
    .map((u) => `${u.id} (${u.unit?.state})`);
  if (open.length) {
    process.stderr.write(`not signed off: ${open.join(', ')}; translate or accept them first\n`);
    return 1;
  }
  const scopes = [...new Set(units.map((u) => u.unit?.scope ?? ''))];
  if (scopes.some((p) => unreadable(ws, p, locale))) return 1;
  const on = today.toISOString().slice(0, 10);
  const byProject = new Map<string, Map<string, SignOff>>();
  for (const { unit } of units) {
    if (!unit) continue;
    const map = byProject.get(unit.scope) ?? readSignOffs(ws, unit.scope, locale);
    map.set(unit.id, { by: opts.by.trim(), on, hash: reviewedHash(unit) });
    byProject.set(unit.scope, map);
  }
  await writeWorkspaceFiles(
    ws.root,
    new Map([...byProject].map(([project, map]) => [signoffFile(project, locale), serializeSignOffs(map)])),
  );
  process.stdout.write(
    `signed off ${units.length} unit${units.length === 1 ? '' : 's'} of ${locale} by ${opts.by.trim()} (${[...byProject.keys()].map((p) => signoffFile(p, locale)).join(', ')})\n`,
  );
  return 0;
}
