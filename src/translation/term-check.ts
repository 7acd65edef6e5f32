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
  /** Workspace-relative: the English the term is found in, and the translation that lacks it. */
  readonly sourceFile: string;
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

/**
 * The glossary terms that govern each entry of a unit, by their place in the glossary:
 * they depend on the English alone, so a translation edited in any language finds them
 * kept (finding them was most of the check).
 */
function governingTerms(unit: Unit, glossary: Glossary): readonly (readonly number[])[] {
  return memo('terms-governing', [glossaryDigest(glossary), unit.segments.map((s) => s.source)], () =>
    unit.segments.map((seg) =>
      governing(seg.source, termsIn(seg.source, glossary)).map((t) => glossary.terms.indexOf(t)),
    ),
  );
}

/** A problem as kept: its entry and its term's place in the glossary, not yet its place in the file. */
interface KeptProblem {
  readonly segment: string;
  readonly term: number;
}

function unitProblems(unit: Unit, glossary: Glossary, locale: string): KeptProblem[] {
  const out: KeptProblem[] = [];
  const family = siblings(glossary);
  const governed = governingTerms(unit, glossary);
  for (const [i, seg] of unit.segments.entries()) {
    if (seg.target === undefined) continue;
    const reported = new Set<Term>();
    for (const index of governed[i] ?? []) {
      const term = glossary.terms[index] as Term;
      if (term.targets[locale] === undefined || reported.has(term)) continue;
      const group = family.get(term) ?? [term];
      if (group.some((t) => isExcepted(t, unit.id, locale))) continue;
      for (const t of group) reported.add(t);
      const target = seg.target;
      if (group.some((t) => targetSpans(target, t, locale))) continue;
      out.push({ segment: seg.id, term: index });
    }
  }
  return out;
}

/** A glossary's digest (all its terms and exceptions), for keys: computed once per glossary object. */
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
 * `unitProblems`, checked once per unit and glossary (see text/memo.ts): a build finds
 * the others' results from the last run. Each problem's line and column are found after,
 * in the file as it is now: an edit elsewhere in the file moves them, not the problem.
 */
function keptUnitProblems(unit: Unit, glossary: Glossary, locale: string, files: FileSet): TermProblem[] {
  const kept = memo(
    'terms',
    [glossaryDigest(glossary), locale, unit.id, unit.segments.map((s) => [s.id, s.source, s.target ?? null])],
    () => unitProblems(unit, glossary, locale),
  );
  if (!kept.length) return [];
  const text = files.get(unit.targetFile);
  return kept.map(({ segment, term }) => {
    const at = locate(text, unit.segments.find((s) => s.id === segment)?.target ?? '', segment);
    return {
      unit: unit.id,
      segment,
      locale,
      sourceFile: unit.sourceFile,
      targetFile: unit.targetFile,
      term: glossary.terms[term] as Term,
      line: at.line,
      column: at.column,
    };
  });
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
