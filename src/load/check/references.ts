/**
 * A reference from one file to what another defines (a source, a figure, a chart, a
 * place, an addressee, an audience): each `need*` gives its one problem when the
 * referenced thing is unknown, at the place of the reference.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';

type Need = (id: string, rel: string, path: PropertyKey[]) => Diagnostic[];

export interface References {
  readonly source: Need;
  readonly figure: Need;
  readonly chart: Need;
  /** A place or an addressee: named in the source language's texts.yaml. */
  readonly text: (
    group: 'places' | 'addressees',
    id: string,
    rel: string,
    path: PropertyKey[],
  ) => Diagnostic[];
  readonly audience: Need;
}

export function references(project: Project, ctx: CheckContext): References {
  const { file, pos, sourceIds, sourceLocale } = ctx;
  // Audiences named by recommendations and findings are the project's own (or the release).
  const audiences = new Set(['release', ...Object.keys(project.config.audiences)]);
  return {
    source: (id, rel, path) =>
      sourceIds.has(id)
        ? []
        : [diagnose('ref/unknown-source', file(rel), { id, known: sourceIds }, pos(rel, path))],
    figure: (id, rel, path) =>
      isFigure(project, ctx, id)
        ? []
        : [
            diagnose(
              'ref/unknown-figure',
              file(rel),
              { kind: 'use', id, known: project.figures.keys() },
              pos(rel, path),
            ),
          ],
    chart: (id, rel, path) =>
      isChart(project, ctx, id)
        ? []
        : [diagnose('ref/unknown-chart', file(rel), { id, known: project.charts.keys() }, pos(rel, path))],
    text: (group, id, rel, path) =>
      !sourceLocale || id in sourceLocale.texts[group]
        ? []
        : [
            diagnose(
              'ref/unknown-place',
              file(rel),
              {
                id,
                group,
                textsFile: `${project.config.sourceLocale}/texts.yaml`,
                known: Object.keys(sourceLocale.texts[group]),
              },
              pos(rel, path),
            ),
          ],
    audience: (id, rel, path) =>
      audiences.has(id)
        ? []
        : [
            diagnose(
              'ref/unknown-audience',
              file(rel),
              { kind: 'undeclared', id, declared: [...audiences] },
              pos(rel, path),
            ),
          ],
  };
}

/** A figure of the registry, or an entry of figures.yaml the registry could not take. */
export function isFigure(project: Project, ctx: CheckContext, id: string): boolean {
  return project.figures.has(id) || ctx.figureEntries.some((f) => f.id === id);
}

/** A chart whose file could not be read is known: its own error is the one cause. */
export function isChart(project: Project, ctx: CheckContext, id: string): boolean {
  return project.charts.has(id) || ctx.unreadable.has(`charts/${id}.vl.json`);
}
