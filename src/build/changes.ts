/**
 * The change report: what a build changed, for the people who send the documents.
 * A snapshot of the figures and texts is kept in the manifest; the next build that
 * changes anything compares against it and writes CHANGES.md and CHANGES.json.
 */
import { formatDate, formatQuantity } from '../i18n/format.js';
import type { Translator } from '../i18n/instance.js';
import type { Project } from '../model/project.js';
import { contentUnits, interfaceUnits } from '../model/units.js';
import { describeReason, figureHash, type Reason } from './inputs.js';
import type { Workspace } from './workspace.js';

export interface FigureState {
  /** As the source language writes it: "at least 18". */
  readonly shown: string;
  readonly asOf: string;
  readonly sources: readonly string[];
  readonly hash: string;
}

export interface Snapshot {
  readonly figures: Record<string, FigureState>;
  /** locale → unit id → hash of its text. */
  readonly units: Record<string, Record<string, string>>;
}

export function takeSnapshot(ws: Workspace, project: Project, t: Translator): Snapshot {
  const figures: Record<string, FigureState> = {};
  for (const [id, f] of [...project.figures].sort(([a], [b]) => a.localeCompare(b)))
    figures[id] = {
      shown: formatQuantity(t, f.latest),
      asOf: f.latest.asOf,
      sources: f.latest.sources,
      hash: figureHash(f),
    };
  const units: Record<string, Record<string, string>> = {};
  for (const locale of project.config.locales)
    units[locale] = Object.fromEntries(
      [...contentUnits(project, locale), ...interfaceUnits(ws.toolkit.locales, locale)].map((u) => [
        u.id,
        u.hash,
      ]),
    );
  return { figures, units };
}

/** How the source language names figures and sources, for readers who do not know the ids. */
export interface Names {
  figure(id: string): string;
  source(id: string): string;
}

export interface FigureChange {
  readonly id: string;
  readonly label: string;
  readonly before: FigureState | null;
  readonly after: FigureState | null;
}

export interface ChangeReport {
  readonly project: string;
  readonly firstBuild: boolean;
  readonly figures: FigureChange[];
  /** locale → ids of the units whose text changed, was added or removed. */
  readonly texts: Record<string, string[]>;
  readonly documents: { path: string; reasons: string[] }[];
  /** Units whose source text changed while their translation did not: to be reviewed. */
  readonly outdatedTranslations: { unit: string; locales: string[] }[];
}

export function compareSnapshots(
  project: Project,
  before: Snapshot | undefined,
  after: Snapshot,
  rebuilt: readonly { path: string; reasons: readonly Reason[] }[],
  names: Names,
): ChangeReport {
  const figures: FigureChange[] = [];
  if (before) {
    const ids = new Set([...Object.keys(before.figures), ...Object.keys(after.figures)]);
    for (const id of [...ids].sort()) {
      const a = before.figures[id];
      const b = after.figures[id];
      if (a?.hash !== b?.hash)
        figures.push({ id, label: names.figure(id), before: a ?? null, after: b ?? null });
    }
  }
  const texts: Record<string, string[]> = {};
  const changedIn = (locale: string): Set<string> => {
    const a = before?.units[locale] ?? {};
    const b = after.units[locale] ?? {};
    const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
    return new Set([...ids].filter((id) => a[id] !== b[id]).sort());
  };
  const changed = new Map(project.config.locales.map((l) => [l, changedIn(l)]));
  if (before) for (const [l, ids] of changed) if (ids.size) texts[l] = [...ids];
  const src = project.config.sourceLocale;
  const outdatedTranslations: ChangeReport['outdatedTranslations'] = [];
  if (before)
    for (const unit of changed.get(src) ?? []) {
      if (after.units[src]?.[unit] === undefined) continue; // removed from the source: nothing to translate
      const locales = project.config.locales.filter(
        (l) => l !== src && after.units[l]?.[unit] !== undefined && !changed.get(l)?.has(unit),
      );
      if (locales.length) outdatedTranslations.push({ unit, locales });
    }
  return {
    project: project.id,
    firstBuild: !before,
    figures,
    texts,
    documents: rebuilt.map((d) => ({ path: d.path, reasons: d.reasons.map(describeReason) })),
    outdatedTranslations,
  };
}

/** CHANGES.md: plain language, most important first. */
export function changesMarkdown(r: ChangeReport, t: Translator, timeZone: string, names: Names): string {
  const date = (iso: string): string => formatDate(t, iso, timeZone);
  const value = (s: FigureState): string =>
    `${s.shown} as of ${date(s.asOf)} (${s.sources.map((id) => names.source(id)).join('; ')})`;
  const out: string[] = [`# What changed in ${r.project}`, ''];
  if (r.firstBuild) {
    out.push(
      `First build: ${r.documents.length} documents written. Later builds list what changed here.`,
      '',
    );
    return out.join('\n');
  }
  out.push('## Figures', '');
  if (!r.figures.length) out.push('No figure changed.', '');
  for (const f of r.figures) {
    if (f.before && f.after)
      out.push(`- **${f.label}** (\`${f.id}\`): ${value(f.before)} → **${value(f.after)}**`);
    else if (f.after) out.push(`- **${f.label}** (\`${f.id}\`): new figure, ${value(f.after)}`);
    else if (f.before) out.push(`- **${f.label}** (\`${f.id}\`): removed (was ${value(f.before)})`);
  }
  if (r.figures.length) out.push('');
  out.push('## Texts', '');
  const locales = Object.keys(r.texts);
  if (!locales.length) out.push('No text changed.', '');
  for (const l of locales) {
    const ids = r.texts[l] ?? [];
    out.push(
      `- ${l}: ${ids.length} text${ids.length === 1 ? '' : 's'} changed: ${ids.map((i) => `\`${i}\``).join(', ')}`,
    );
  }
  if (locales.length) out.push('');
  if (r.outdatedTranslations.length) {
    out.push(
      '## Translations to review',
      '',
      'The English text changed; these translations were not updated with it:',
      '',
    );
    for (const u of r.outdatedTranslations) out.push(`- \`${u.unit}\`: ${u.locales.join(', ')}`);
    out.push('');
  }
  out.push('## Documents rebuilt', '');
  for (const d of r.documents) out.push(`- ${d.path}: ${d.reasons.join('; ')}`);
  out.push('');
  return out.join('\n');
}
