/** Plans the build matrix: project × locale × document kind × format, narrowed by the user's filters. */
import { audienceOf, documentKinds, type DocumentKind, type Project } from '../model/project.js';

export const formats = ['html', 'pdf'] as const;
export type Format = (typeof formats)[number];

export interface Filters {
  readonly projects?: readonly string[];
  readonly locales?: readonly string[];
  readonly audiences?: readonly string[];
  readonly formats?: readonly Format[];
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
  return out;
}
