/** Checks of chronology.yaml: an entry's source, place and figures exist; it ends after it starts. */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';
import { references } from './references.js';

export function checkChronology(project: Project, ctx: CheckContext): Diagnostic[] {
  const need = references(project, ctx);
  const out: Diagnostic[] = [];
  project.chronology.forEach((c, i) => {
    out.push(...need.source(c.source, 'chronology.yaml', [i, 'source']));
    if (c.place) out.push(...need.text('places', c.place, 'chronology.yaml', [i, 'place']));
    c.figures.forEach((f, j) => out.push(...need.figure(f, 'chronology.yaml', [i, 'figures', j])));
    if (c.until && endsBefore(c.at, c.until))
      out.push(
        diagnose(
          'chronology/order',
          ctx.file('chronology.yaml'),
          { at: c.at, until: c.until },
          ctx.pos('chronology.yaml', [i, 'until']),
        ),
      );
  });
  return out;
}

/** An end before its start: moments compared as instants, a day by its date. */
function endsBefore(at: string, until: string): boolean {
  const day = (iso: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(iso);
  if (day(at) || day(until)) return until.slice(0, 10) < at.slice(0, 10);
  return Date.parse(until) < Date.parse(at);
}
