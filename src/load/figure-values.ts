/**
 * Every figure a document can show is a count: finite and never negative. Stated
 * values are held to that by the schema; a derived figure is checked here, once
 * its formula is evaluated, so a division by zero or a subtraction gone negative
 * is a located error at the formula instead of a crash in a number formatter or
 * "-3,811 people" in print. A derived value that is not whole ("544.4 people", from a
 * division) is refused too unless the figure says how to round it (`decimals`).
 */
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FigureEntry } from '../model/schema.js';
import type { Project } from '../model/project.js';
import type { ParsedYaml } from './yaml.js';

export function isCount(n: number | undefined): boolean {
  return n === undefined || (Number.isFinite(n) && n >= 0);
}

export function checkFigureValues(
  project: Project,
  entries: readonly FigureEntry[],
  file: string,
  positions: ParsedYaml | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  entries.forEach((entry, i) => {
    const figure = project.figures.get(entry.id);
    if (!figure) return;
    const fraction =
      entry.formula && entry.decimals === undefined
        ? figure.history.find((v) => isCount(v.value) && v.value !== undefined && !Number.isInteger(v.value))
        : undefined;
    if (fraction?.value !== undefined)
      out.push(
        diagnose(
          'figure/fraction',
          file,
          { figure: entry.id, value: fraction.value, formula: entry.formula ?? '' },
          positions?.positionOf([i, 'formula']),
        ),
      );
    for (const v of figure.history) {
      if (isCount(v.value)) continue;
      out.push(
        diagnose(
          'figure/value',
          file,
          { figure: entry.id, value: v.value ?? Number.NaN, formula: entry.formula },
          positions?.positionOf([i, entry.formula ? 'formula' : 'values']),
        ),
      );
    }
  });
  return out;
}
