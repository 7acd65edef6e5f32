/** Every entry of a registry file has an id of its own. */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';

export function checkDuplicateIds(project: Project, ctx: CheckContext): Diagnostic[] {
  return [
    ...duplicates(ctx, project.sources, 'sources.yaml'),
    ...duplicates(ctx, ctx.figureEntries, 'figures.yaml'),
    ...duplicates(ctx, project.chronology, 'chronology.yaml'),
    ...duplicates(ctx, project.recommendations, 'recommendations.yaml'),
    ...duplicates(ctx, project.findings, 'findings.yaml'),
    ...duplicates(ctx, ctx.quotationEntries, 'quotations.yaml'),
  ];
}

/** Every repeat of an id, where it repeats. */
function duplicates(ctx: CheckContext, list: readonly { id: string }[], rel: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (seen.has(e.id))
      out.push(diagnose('ref/duplicate-id', ctx.file(rel), { id: e.id }, ctx.pos(rel, [i, 'id'])));
    seen.add(e.id);
  });
  return out;
}
