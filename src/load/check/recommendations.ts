/** Checks of recommendations.yaml: an ask's source, addressee and audiences exist. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';
import { references } from './references.js';

export function checkRecommendations(project: Project, ctx: CheckContext): Diagnostic[] {
  const need = references(project, ctx);
  const out: Diagnostic[] = [];
  project.recommendations.forEach((r, i) => {
    out.push(...need.source(r.source, 'recommendations.yaml', [i, 'source']));
    out.push(...need.text('addressees', r.addressee, 'recommendations.yaml', [i, 'addressee']));
  });
  project.recommendations.forEach((r, i) =>
    r.audiences.forEach((a, j) => out.push(...need.audience(a, 'recommendations.yaml', [i, 'audiences', j]))),
  );
  return out;
}
