/** Translation status: per scope (project or interface) and language, counts and the units to act on. */
import { sourcesOf, type Catalog, type UnitState } from './catalog.js';
import { describeTermProblem, type TermProblem } from './term-check.js';

export interface StatusEntry {
  readonly id: string;
  readonly file: string;
  readonly state: Exclude<UnitState, 'translated'>;
  /** Why a stale unit is stale. */
  readonly reason?: 'source-changed' | 'unrecorded';
}

export interface ScopeStatus {
  readonly scope: string;
  /** The language the scope's units are translated from: its project's, or English for the interface. */
  readonly sourceLocale: string;
  readonly locale: string;
  readonly total: number;
  readonly translated: number;
  readonly missing: number;
  readonly stale: number;
  readonly units: readonly StatusEntry[];
  /** Translated entries lacking an agreed glossary term. */
  readonly termProblems: number;
  readonly terms: readonly { unit: string; file: string; line?: number; message: string }[];
  /** Units a reviewer signed off, of those translated (see signoff.ts). */
  readonly signedOff?: number;
}

export function translationStatus(
  catalogs: Iterable<Catalog>,
  terms: ReadonlyMap<string, readonly TermProblem[]> = new Map(),
  signedOff: (scope: string, locale: string) => number | undefined = () => undefined,
): ScopeStatus[] {
  const out: ScopeStatus[] = [];
  for (const c of catalogs) {
    const byScope = new Map<string, Catalog['units'][number][]>();
    for (const u of c.units) byScope.set(u.scope, [...(byScope.get(u.scope) ?? []), u]);
    for (const [scope, units] of byScope) {
      const count = (s: UnitState): number => units.filter((u) => u.state === s).length;
      const ids = new Set(units.map((u) => u.id));
      const found = (terms.get(c.locale) ?? []).filter((p) => ids.has(p.unit));
      const signed = signedOff(scope, c.locale);
      out.push({
        scope,
        // One scope, one source language: the project's sourceLocale, or the interface's English.
        sourceLocale: sourcesOf(units).join(', '),
        locale: c.locale,
        total: units.length,
        translated: count('translated'),
        missing: count('missing'),
        stale: count('stale'),
        units: units
          .filter((u) => u.state !== 'translated')
          .map((u) => ({
            id: u.id,
            file: u.targetFile,
            state: u.state === 'missing' ? 'missing' : 'stale',
            ...(u.state === 'stale' ? { reason: u.recorded ? 'source-changed' : 'unrecorded' } : {}),
          })),
        termProblems: found.length,
        terms: found.map((p) => ({
          unit: p.unit,
          file: p.targetFile,
          ...(p.line !== undefined ? { line: p.line } : {}),
          message: describeTermProblem(p),
        })),
        ...(signed !== undefined ? { signedOff: signed } : {}),
      });
    }
  }
  return out.sort((a, b) => a.scope.localeCompare(b.scope) || a.locale.localeCompare(b.locale));
}

/**
 * One line per scope and language, then the units to act on. Where the rows have several
 * source languages (projects written in different languages), each line says its own.
 */
export function formatStatus(rows: readonly ScopeStatus[]): string {
  const lines: string[] = [];
  const mixed = new Set(rows.map((r) => r.sourceLocale)).size > 1;
  for (const r of rows) {
    const sourceLocale = r.sourceLocale;
    const parts = [`${r.translated} translated`, `${r.missing} missing`, `${r.stale} stale`];
    if (r.signedOff !== undefined) parts.push(`${r.signedOff} signed off by a reviewer`);
    if (r.scope !== 'interface')
      parts.push(`${r.termProblems} term problem${r.termProblems === 1 ? '' : 's'}`);
    const languages = mixed ? `${sourceLocale} → ${r.locale}` : r.locale;
    lines.push(`${r.scope} · ${languages}: ${r.total} units: ${parts.join(', ')}`);
    for (const u of r.units) {
      const why =
        u.state === 'missing'
          ? `no ${r.locale} text; the ${sourceLocale} text is shown`
          : u.reason === 'unrecorded'
            ? `no record of the ${sourceLocale} text it was made from`
            : `the ${sourceLocale} text changed since`;
      lines.push(`  ${u.state.padEnd(7)} ${u.file}  ${u.id}  (${why})`);
    }
    for (const t of r.terms)
      lines.push(`  term    ${t.file}${t.line !== undefined ? `:${t.line}` : ''}  ${t.message}`);
  }
  return lines.join('\n');
}
