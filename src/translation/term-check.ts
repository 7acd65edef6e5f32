/**
 * The glossary check: every translated entry whose English uses a glossary term
 * must carry the term's agreed rendering, unless a reviewed exception says otherwise.
 * A finding is a warning (`i18n/term-mismatch`) at the translation, counted by
 * `briefing i18n status`.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { memo } from '../text/memo.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { messageOf, type ParamsOf } from '../diagnostics/catalog.js';
import type { Catalog, Unit } from './catalog.js';
import type { FileSet } from './files.js';
import type { Glossary, Term } from './glossary.js';
import { englishSpans, englishVariants, isExcepted, targetSpans, termsIn, type Span } from './terms.js';

export interface TermProblem {
  readonly unit: string;
  /** The entry within the unit (`p3`, `nouns.person_few`). */
  readonly segment: string;
  readonly locale: string;
  readonly targetFile: string;
  readonly term: Term;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/**
 * Line and column of an entry's text in its file: its first line as written there,
 * on the line of its key when the file has keys (the same words may open two entries).
 */
function locate(
  fileText: string | undefined,
  target: string,
  key: string,
): { line?: number; column?: number } {
  if (fileText === undefined) return {};
  const probe = (target.split('\n')[0] ?? '').slice(0, 40);
  const last = key.split('.').pop() ?? key;
  let at = -1;
  for (let i = probe ? fileText.indexOf(probe) : -1; i >= 0; i = fileText.indexOf(probe, i + 1)) {
    if (at < 0) at = i;
    const lineStart = fileText.lastIndexOf('\n', i) + 1;
    if (
      fileText.slice(lineStart, i).includes(`${last}:`) ||
      fileText.slice(lineStart, i).includes(`"${last}"`)
    ) {
      at = i;
      break;
    }
  }
  if (at < 0) return {};
  const before = fileText.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

export function termProblems(
  catalog: Catalog,
  glossaries: ReadonlyMap<string, Glossary>,
  files: FileSet,
): TermProblem[] {
  const out: TermProblem[] = [];
  for (const unit of catalog.units) {
    const glossary = glossaries.get(unit.scope);
    if (!glossary || unit.state === 'missing') continue;
    out.push(...keptUnitProblems(unit, glossary, catalog.locale, files));
  }
  return out;
}

/**
 * Entries that share an English wording (`Republic Square` and `Republic Square (short,
 * chart labels)`; `protester` and `protester(s)`) are alternatives: one of them suffices.
 */
function siblingsOf(glossary: Glossary): Map<Term, Term[]> {
  const byVariant = new Map<string, Term[]>();
  for (const t of glossary.terms)
    for (const v of englishVariants(t.en)) {
      const key = v.toLowerCase();
      byVariant.set(key, [...(byVariant.get(key) ?? []), t]);
    }
  const out = new Map<Term, Term[]>();
  for (const t of glossary.terms)
    out.set(t, [...new Set(englishVariants(t.en).flatMap((v) => byVariant.get(v.toLowerCase()) ?? []))]);
  return out;
}

const siblingCache = new WeakMap<Glossary, Map<Term, Term[]>>();
const siblings = (g: Glossary): Map<Term, Term[]> => {
  let hit = siblingCache.get(g);
  if (!hit) {
    hit = siblingsOf(g);
    siblingCache.set(g, hit);
  }
  return hit;
};

/**
 * The terms that govern a text: a term whose every occurrence lies inside a longer
 * term's (`lawyer of their choice` in `a lawyer of their choice`) is that term's part.
 */
function governing(text: string, terms: readonly Term[]): Term[] {
  const spans = new Map(terms.map((t) => [t, englishSpans(text, t)]));
  const inside = (a: Span, b: Span): boolean => b[0] <= a[0] && a[1] <= b[1] && b[1] - b[0] > a[1] - a[0];
  return terms.filter(
    (t) =>
      !(spans.get(t) ?? []).every((a) =>
        terms.some((u) => u !== t && (spans.get(u) ?? []).some((b) => inside(a, b))),
      ),
  );
}

function unitProblems(unit: Unit, glossary: Glossary, locale: string, files: FileSet): TermProblem[] {
  const out: TermProblem[] = [];
  const family = siblings(glossary);
  for (const seg of unit.segments) {
    if (seg.target === undefined) continue;
    const reported = new Set<Term>();
    for (const term of governing(seg.source, termsIn(seg.source, glossary))) {
      if (term.targets[locale] === undefined || reported.has(term)) continue;
      const group = family.get(term) ?? [term];
      if (group.some((t) => isExcepted(t, unit.id, locale))) continue;
      for (const t of group) reported.add(t);
      const target = seg.target;
      if (group.some((t) => targetSpans(target, t, locale))) continue;
      const at = locate(files.get(unit.targetFile), seg.target, seg.id);
      out.push({
        unit: unit.id,
        segment: seg.id,
        locale,
        targetFile: unit.targetFile,
        term,
        line: at.line,
        column: at.column,
      });
    }
  }
  return out;
}

/** The digest of a glossary (all its terms) or of a file text, for keys; computed once per object and text. */
const digests = new WeakMap<object, Map<string, { text: string; digest: string }>>();
function digest(owner: object, part: string, text: string): string {
  const known = digests.get(owner) ?? new Map<string, { text: string; digest: string }>();
  digests.set(owner, known);
  const hit = known.get(part);
  if (hit?.text === text) return hit.digest;
  const d = createHash('sha256').update(text).digest('base64url');
  known.set(part, { text, digest: d });
  return d;
}

const glossaryDigests = new WeakMap<Glossary, string>();
function glossaryDigest(g: Glossary): string {
  let d = glossaryDigests.get(g);
  if (d === undefined) {
    d = createHash('sha256').update(JSON.stringify(g)).digest('base64url');
    glossaryDigests.set(g, d);
  }
  return d;
}

/**
 * `unitProblems`, checked once per unit, glossary and target file text (see text/memo.ts):
 * a build finds the others' results from the last run. Terms are kept by their place
 * in the glossary, the glossary being part of the key.
 */
function keptUnitProblems(unit: Unit, glossary: Glossary, locale: string, files: FileSet): TermProblem[] {
  const target = files.get(unit.targetFile);
  const kept = memo(
    'terms',
    [
      glossaryDigest(glossary),
      locale,
      unit.id,
      unit.targetFile,
      target === undefined ? null : digest(files, unit.targetFile, target),
      unit.segments.map((s) => [s.id, s.source, s.target ?? null]),
    ],
    () =>
      unitProblems(unit, glossary, locale, files).map((p) => ({
        ...p,
        term: glossary.terms.indexOf(p.term),
      })),
  );
  return kept.map((p) => ({ ...p, term: glossary.terms[p.term] as Term }));
}

const entry = (p: TermProblem): string =>
  p.unit === p.segment || p.unit.endsWith(`.${p.segment}`) ? p.unit : `${p.unit} ${p.segment}`;

const termParams = (p: TermProblem): ParamsOf<'i18n/term-mismatch'> => ({
  entry: entry(p),
  english: p.term.en,
  locale: p.locale,
  agreed: p.term.targets[p.locale] ?? '',
});

export const describeTermProblem = (p: TermProblem): string => messageOf('i18n/term-mismatch', termParams(p));

export function termDiagnostics(root: string, problems: readonly TermProblem[]): Diagnostic[] {
  return problems.map((p) =>
    diagnose(
      'i18n/term-mismatch',
      join(root, p.targetFile),
      termParams(p),
      p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : undefined,
    ),
  );
}

/** Exceptions must name units that exist, or they silently excuse nothing. */
export function exceptionDiagnostics(glossary: Glossary, catalogs: Iterable<Catalog>): Diagnostic[] {
  const known = new Set<string>();
  for (const c of catalogs) for (const u of c.units) if (u.scope === glossary.project) known.add(u.id);
  const out: Diagnostic[] = [];
  for (const term of glossary.terms)
    for (const e of term.exceptions)
      if (!known.has(e.unit))
        out.push(
          diagnose(
            'ref/unknown-unit',
            glossary.file,
            { term: term.en, unit: e.unit, known },
            term.line !== undefined ? { line: term.line, column: term.column ?? 1 } : undefined,
          ),
        );
  return out;
}
