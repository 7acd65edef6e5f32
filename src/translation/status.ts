/** Translation status: per scope (project or interface) and language, counts and the units to act on. */
import type { Catalog, UnitState } from './catalog.js';

export interface StatusEntry {
  readonly id: string;
  readonly file: string;
  readonly state: Exclude<UnitState, 'translated'>;
  /** Why a stale unit is stale. */
  readonly reason?: 'source-changed' | 'unrecorded';
}

export interface ScopeStatus {
  readonly scope: string;
  readonly locale: string;
  readonly total: number;
  readonly translated: number;
  readonly missing: number;
  readonly stale: number;
  readonly units: readonly StatusEntry[];
}

export function translationStatus(catalogs: Iterable<Catalog>): ScopeStatus[] {
  const out: ScopeStatus[] = [];
  for (const c of catalogs) {
    const byScope = new Map<string, Catalog['units'][number][]>();
    for (const u of c.units) byScope.set(u.scope, [...(byScope.get(u.scope) ?? []), u]);
    for (const [scope, units] of byScope) {
      const count = (s: UnitState): number => units.filter((u) => u.state === s).length;
      out.push({
        scope,
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
      });
    }
  }
  return out.sort((a, b) => a.scope.localeCompare(b.scope) || a.locale.localeCompare(b.locale));
}

export function formatStatus(rows: readonly ScopeStatus[], sourceLocale: string): string {
  const lines: string[] = [];
  for (const r of rows) {
    const parts = [`${r.translated} translated`, `${r.missing} missing`, `${r.stale} stale`];
    lines.push(`${r.scope} · ${r.locale}: ${r.total} units: ${parts.join(', ')}`);
    for (const u of r.units) {
      const why =
        u.state === 'missing'
          ? `no ${r.locale} text; the ${sourceLocale} text is shown`
          : u.reason === 'unrecorded'
            ? `no record of the ${sourceLocale} text it was made from`
            : `the ${sourceLocale} text changed since`;
      lines.push(`  ${u.state.padEnd(7)} ${u.file}  ${u.id}  (${why})`);
    }
  }
  return lines.join('\n');
}
