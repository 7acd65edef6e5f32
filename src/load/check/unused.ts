/**
 * Unused figures and sources (warnings): nothing in any document, chart, formula or
 * other entry refers to them.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DirectiveUse, Project } from '../../model/project.js';
import { sourceOf } from '../../model/quotations.js';
import type { CheckContext } from './context.js';

/** `uses`: every directive use of the project's texts, as the directive checks kept them. */
export function checkUnused(
  project: Project,
  ctx: CheckContext,
  uses: readonly DirectiveUse[],
): Diagnostic[] {
  // What a file that could not be read uses is unknown: nothing is called unused then.
  if (ctx.unreadable.size) return [];
  const figures = usedFigures(project, uses);
  const sources = usedSources(project, uses);
  const out: Diagnostic[] = [];
  ctx.figureEntries.forEach((f, i) => {
    if (!figures.has(f.id))
      out.push(
        diagnose(
          'figure/unused',
          ctx.file('figures.yaml'),
          { figure: f.id },
          ctx.pos('figures.yaml', [i, 'id']),
        ),
      );
  });
  project.sources.forEach((s, i) => {
    if (!sources.has(s.id))
      out.push(
        diagnose(
          'source/unused',
          ctx.file('sources.yaml'),
          { source: s.id },
          ctx.pos('sources.yaml', [i, 'id']),
        ),
      );
  });
  return out;
}

/** The figures shown in a text, a key-figure box, the chronology or a chart, or that a formula takes. */
function usedFigures(project: Project, uses: readonly DirectiveUse[]): Set<string> {
  const used = new Set<string>();
  for (const u of uses) if (u.name === 'fig') used.add(u.value);
  for (const s of Object.values(project.config.audiences)) s.keyFigures.forEach((f) => used.add(f));
  project.config.release.keyFigures.forEach((f) => used.add(f));
  project.chronology.forEach((c) => c.figures.forEach((f) => used.add(f)));
  for (const chart of project.charts.values())
    for (const m of JSON.stringify(chart.spec).matchAll(
      /"(?:fig|figText|asOf|dateText|sourceText):([a-z0-9_-]+)/g,
    ))
      used.add(m[1] ?? '');
  for (const fig of project.figures.values())
    if (fig.derived) for (const ref of fig.formula?.match(/[a-z0-9_]+/g) ?? []) used.add(ref);
  return used;
}

/** The sources cited by a text, a chronology entry, an ask, a quotation shown, a figure's value or another source. */
function usedSources(project: Project, uses: readonly DirectiveUse[]): Set<string> {
  const used = new Set<string>();
  for (const u of uses) if (u.name === 'cite') u.value.split(',').forEach((s) => used.add(s.trim()));
  project.chronology.forEach((c) => used.add(c.source));
  project.recommendations.forEach((r) => used.add(r.source));
  for (const u of uses)
    if (u.name === 'quote') {
      const q = project.quotations.get(u.value);
      for (const r of Object.values(q?.renderings ?? {})) {
        const source = q ? sourceOf(q, r) : undefined;
        if (source) used.add(source);
      }
    }
  for (const fig of project.figures.values())
    for (const v of fig.history) v.sources.forEach((s) => used.add(s));
  for (const s of project.sources) if (s.via) used.add(s.via);
  return used;
}
