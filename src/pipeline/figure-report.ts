/** The figure registry as a report: each figure's latest value, source, quote and the documents that show it. */
import type { Project } from '../model/project.js';
import { composeDocument } from './document.js';
import { plan } from './plan.js';
import type { WorkspaceContent } from './workspace.js';

export interface FigureRow {
  readonly project: string;
  readonly id: string;
  readonly value: number | null;
  readonly qualifier: string;
  readonly unit: string | null;
  readonly asOf: string;
  readonly source: string;
  readonly quote: string | null;
  readonly derived: boolean;
  readonly formula: string | null;
  readonly history: {
    value: number | null;
    qualifier: string;
    asOf: string;
    source: string;
    quote: string | null;
  }[];
  readonly usedBy: string[];
}

export function figureReport(ws: WorkspaceContent, project: Project): FigureRow[] {
  const usedBy = new Map<string, Set<string>>();
  for (const planned of plan([project], { formats: ['html'] })) {
    const doc = composeDocument(ws, project, planned.locale, planned.kind);
    for (const id of doc.meta.figures) {
      const set = usedBy.get(id) ?? new Set<string>();
      set.add(`${project.id}/${planned.locale}/${planned.kind}`);
      usedBy.set(id, set);
    }
  }
  return [...project.figures.values()].map((f) => ({
    project: project.id,
    id: f.id,
    value: f.latest.value ?? null,
    qualifier: f.latest.qualifier,
    unit: f.unit ?? null,
    asOf: f.latest.asOf,
    source: f.latest.sources.join(','),
    quote: f.latest.quote ?? null,
    derived: f.derived,
    formula: f.formula ?? null,
    history: f.history.map((h) => ({
      value: h.value ?? null,
      qualifier: h.qualifier,
      asOf: h.asOf,
      source: h.sources.join(','),
      quote: h.quote ?? null,
    })),
    usedBy: [...(usedBy.get(f.id) ?? [])].sort(),
  }));
}
