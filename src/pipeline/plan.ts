/** Plans the build matrix: project × locale × document kind × format, narrowed by the user's filters. */
import { audienceOf, documentKinds, type DocumentKind, type Project } from '../model/project.js';

export const formats = ['html', 'pdf'] as const;
export type Format = (typeof formats)[number];

export interface Filters {
  readonly projects?: readonly string[];
  readonly locales?: readonly string[];
  readonly audiences?: readonly string[];
  readonly formats?: readonly Format[];
  /** `--shard 2/3`: the second of three slices (1-based), for a CI matrix to split a build. */
  readonly shard?: { readonly index: number; readonly count: number };
}

export interface PlannedDocument {
  readonly project: Project;
  readonly locale: string;
  readonly kind: DocumentKind;
  readonly formats: readonly Format[];
}

/** `--audience release` selects the news release; `--audience osce` the OSCE briefing. */
export function plan(projects: readonly Project[], filters: Filters): PlannedDocument[] {
  const out: PlannedDocument[] = [];
  for (const project of projects) {
    if (filters.projects && !filters.projects.includes(project.id)) continue;
    for (const locale of project.config.locales) {
      if (filters.locales && !filters.locales.includes(locale)) continue;
      for (const kind of documentKinds(project)) {
        const audience = audienceOf(kind) ?? 'release';
        if (filters.audiences && !filters.audiences.includes(audience)) continue;
        out.push({ project, locale, kind, formats: filters.formats ?? formats });
      }
    }
  }
  return filters.shard ? slice(out, filters.shard) : out;
}

const pathOf = (d: PlannedDocument): string => `${d.project.id}/${d.locale}/${d.kind}`;

/**
 * Every n-th document in the sorted order of their paths, from the i-th: the
 * slices are disjoint, together they are the whole plan, and each depends only
 * on the paths (never on the machine or the order projects were found in).
 */
function slice(all: PlannedDocument[], shard: { index: number; count: number }): PlannedDocument[] {
  const order = all.map(pathOf).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mine = new Set(order.filter((_, i) => i % shard.count === shard.index - 1));
  return all.filter((d) => mine.has(pathOf(d)));
}
