/**
 * The change report: what a build changed, for the people who send the documents.
 * A snapshot of the figures and texts is kept in the manifest; the next build that
 * changes anything compares against it and writes CHANGES.md and CHANGES.json.
 */
import { formatQuantity } from '../i18n/format.js';
import { sha256 } from '../text/hash.js';
import type { Place } from '../model/document.js';
import type { Translator } from '../i18n/instance.js';
import type { Project } from '../model/project.js';
import { contentUnits, interfaceUnits } from '../model/units.js';
import { describeReason, figureHash, type Reason } from './inputs.js';
import type { WorkspaceContent } from './workspace.js';

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

export function takeSnapshot(ws: WorkspaceContent, project: Project, t: Translator): Snapshot {
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
  /** The change in plain words, written when it happened (sources may be renamed later). */
  readonly summary: string;
}

/** One sentence whose displayed number changed, where a reader finds it. */
export interface SentenceChange {
  /** `kazakhstan-2022/ru/briefing-osce`, without format. */
  readonly document: string;
  readonly locale: string;
  readonly section: string;
  readonly before: string;
  readonly after: string;
}

export interface ChangeReport {
  readonly project: string;
  /** Stable for the same change: a hash of what changed, never a clock time. */
  readonly id: string;
  readonly firstBuild: boolean;
  readonly figures: FigureChange[];
  readonly sentences: SentenceChange[];
  /** locale → ids of the units whose text changed, was added or removed. */
  readonly texts: Record<string, string[]>;
  /** Documents whose bytes changed, and why they were rebuilt. */
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
  sentences: SentenceChange[] = [],
  describe: (s: FigureState) => string = (s) => `${s.shown} (${s.asOf})`,
): ChangeReport {
  const figures: FigureChange[] = [];
  if (before) {
    const ids = new Set([...Object.keys(before.figures), ...Object.keys(after.figures)]);
    for (const id of [...ids].sort()) {
      const a = before.figures[id];
      const b = after.figures[id];
      if (a?.hash === b?.hash) continue;
      const summary =
        a && b
          ? `${describe(a)} → **${describe(b)}**`
          : b
            ? `new figure, ${describe(b)}`
            : `removed (was ${describe(a!)})`;
      figures.push({ id, label: names.figure(id), before: a ?? null, after: b ?? null, summary });
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
  const documents = rebuilt.map((d) => ({ path: d.path, reasons: d.reasons.map(describeReason) }));
  const id = sha256(JSON.stringify([figures, sentences, texts, documents])).slice(0, 12);
  return {
    project: project.id,
    id,
    firstBuild: !before,
    figures,
    sentences,
    texts,
    documents,
    outdatedTranslations,
  };
}

/** Whether a report has anything to tell an editor. */
export function hasChanges(r: ChangeReport): boolean {
  return r.documents.length > 0 || r.figures.length > 0 || Object.keys(r.texts).length > 0;
}

/**
 * Sentences whose number changed: old and new sentences of a document pair up by
 * section and pattern (the sentence with its figures as `{id}`), so an edited
 * sentence is a text change and a new value shows as "said 225, now says 232".
 */
export function changedSentences(
  document: string,
  locale: string,
  before: readonly Place[],
  after: readonly Place[],
): SentenceChange[] {
  // First by pattern; then a sentence that grew or lost a part (a key figure gaining
  // "earlier: …") pairs with the old one that opens the same way on the same figure.
  const exact = (p: Place): string => `${p.section}\u0000${p.pattern}`;
  const opening = (p: Place): string =>
    `${p.section}\u0000${/^[^{]*\{[^}]*\}/.exec(p.pattern)?.[0] ?? p.pattern}`;
  const unmatched = new Set(before);
  const pairs: [Place, Place][] = [];
  const rest: Place[] = [];
  for (const p of after) {
    const was = [...unmatched].find((b) => exact(b) === exact(p));
    if (was) {
      unmatched.delete(was);
      pairs.push([was, p]);
    } else rest.push(p);
  }
  for (const p of rest) {
    const was = [...unmatched].find((b) => opening(b) === opening(p));
    if (was) {
      unmatched.delete(was);
      pairs.push([was, p]);
    }
  }
  return pairs
    .filter(([was, now]) => was.text !== now.text)
    .sort(([, a], [, b]) => after.indexOf(a) - after.indexOf(b))
    .map(([was, now]) => ({ document, locale, section: now.section, before: was.text, after: now.text }));
}

/** The change history kept in CHANGES.json, newest first; one entry per content change. */
export interface History {
  readonly project: string;
  readonly entries: ChangeReport[];
}

export function appendHistory(previous: unknown, report: ChangeReport): History {
  const entries = isHistory(previous) ? previous.entries : [];
  if (!hasChanges(report) || entries[0]?.id === report.id) return { project: report.project, entries };
  return { project: report.project, entries: [report, ...entries] };
}

function isHistory(x: unknown): x is History {
  return typeof x === 'object' && x !== null && Array.isArray((x as History).entries);
}

/** CHANGES.md: the history, newest first; each entry in plain language, most important first. */
export function changesMarkdown(h: History): string {
  const out: string[] = [
    `# What changed in ${h.project}`,
    '',
    'Newest first. Each entry is one build that changed something.',
    '',
  ];
  h.entries.forEach((r, i) => out.push(...entryMarkdown(r, h.entries.length - i)));
  return out.join('\n');
}

function entryMarkdown(r: ChangeReport, n: number): string[] {
  const out: string[] = [`## Change ${n} (${r.id})`, ''];
  if (r.firstBuild) {
    out.push(
      `First build: ${r.documents.length} documents written. Later builds list what changed here.`,
      '',
    );
    return out;
  }
  out.push('### Figures', '');
  if (!r.figures.length) out.push('No figure changed.', '');
  for (const f of r.figures) out.push(`- **${f.label}** (\`${f.id}\`): ${f.summary}`);
  if (r.figures.length) out.push('');
  if (r.sentences.length) {
    out.push('### Sentences to read', '', 'Every sentence whose number changed, as readers will see it:', '');
    for (const s of r.sentences) {
      out.push(`- ${s.document} (${s.locale}), ${s.section || 'cover'}:`);
      out.push(`  - before: ${s.before}`, `  - now: ${s.after}`);
    }
    out.push('');
  }
  const locales = Object.keys(r.texts);
  if (locales.length) {
    out.push('### Texts', '');
    for (const l of locales) {
      const ids = r.texts[l] ?? [];
      out.push(
        `- ${l}: ${ids.length} text${ids.length === 1 ? '' : 's'} changed: ${ids.map((i) => `\`${i}\``).join(', ')}`,
      );
    }
    out.push('');
  }
  if (r.outdatedTranslations.length) {
    out.push(
      '### Translations to review',
      '',
      'The source text changed; these translations were not updated with it:',
      '',
    );
    for (const u of r.outdatedTranslations) out.push(`- \`${u.unit}\`: ${u.locales.join(', ')}`);
    out.push('');
  }
  out.push('### Documents changed', '');
  if (!r.documents.length) out.push('No document changed.');
  for (const d of r.documents) out.push(`- ${d.path}: ${d.reasons.join('; ')}`);
  out.push('');
  return out;
}
