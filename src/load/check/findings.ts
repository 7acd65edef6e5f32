/** Checks of findings.yaml: a finding's audiences, place and charts exist. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';
import { references } from './references.js';

export function checkFindings(project: Project, ctx: CheckContext): Diagnostic[] {
  const need = references(project, ctx);
  const out: Diagnostic[] = [];
  project.findings.forEach((f, i) =>
    f.audiences?.forEach((a, j) => out.push(...need.audience(a, 'findings.yaml', [i, 'audiences', j]))),
  );
  project.findings.forEach((f, i) => {
    if (f.place) out.push(...need.text('places', f.place, 'findings.yaml', [i, 'place']));
    f.charts?.forEach((c, j) => out.push(...need.chart(c, 'findings.yaml', [i, 'charts', j])));
  });
  return out;
}
