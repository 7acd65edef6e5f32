/**
 * Checks of figures.yaml: a value's source exists and is not older than the value, a
 * date and source give one value, the quote is verbatim in the source's text and writes
 * the value, a qualifier that needs a number has one; formulas resolve.
 */
import { diagnose, finding, place, type Diagnostic, type Finding } from '../../diagnostics/diagnostic.js';
import type { FormulaProblem } from '../../model/figures.js';
import type { Project } from '../../model/project.js';
import type { FigureEntry } from '../../model/schema.js';
import type { CheckContext } from './context.js';
import { references, type References } from './references.js';

type Value = NonNullable<FigureEntry['values']>[number];

/** What the check of one value needs beside it. */
interface ValueCheck {
  readonly ctx: CheckContext;
  readonly need: References;
  readonly sourceDates: ReadonlyMap<string, string | undefined>;
}

export function checkFigures(project: Project, ctx: CheckContext): Diagnostic[] {
  const check: ValueCheck = {
    ctx,
    need: references(project, ctx),
    sourceDates: new Map(project.sources.map((s) => [s.id, s.date])),
  };
  const out: Diagnostic[] = [];
  // Figures: sources exist, quotes are verbatim, formulas resolve.
  ctx.figureEntries.forEach((f, i) => {
    const given = new Set<string>();
    f.values?.forEach((v, j) => {
      const key = `${v.asOf} ${v.source}`;
      out.push(...valueProblems(check, f, v, [i, 'values', j], given.has(key)));
      given.add(key);
    });
  });
  out.push(...formulaProblems(project, ctx));
  return out;
}

/** The problems of one value of a figure, at `at` in figures.yaml; `repeated`: a value of its date and source came before. */
function valueProblems(
  check: ValueCheck,
  f: FigureEntry,
  v: Value,
  at: PropertyKey[],
  repeated: boolean,
): Diagnostic[] {
  const { ctx } = check;
  const file = ctx.file('figures.yaml');
  const pos = (...field: string[]) => ctx.pos('figures.yaml', [...at, ...field]);
  const out = check.need.source(v.source, 'figures.yaml', [...at, 'source']);
  const date = check.sourceDates.get(v.source);
  if (date && after(v.asOf, date))
    out.push(
      diagnose(
        'figure/after-source',
        file,
        { figure: f.id, asOf: v.asOf, source: v.source, date },
        pos('asOf'),
      ),
    );
  if (repeated)
    out.push(
      diagnose('figure/duplicate-value', file, { figure: f.id, asOf: v.asOf, source: v.source }, pos()),
    );
  const text = ctx.textOf(v.source);
  const quoted = numbersIn(v.quote);
  if (v.value !== undefined && quoted.length && !quoted.includes(v.value))
    out.push(
      diagnose('figure/quote-value', file, { figure: f.id, value: v.value, numbers: quoted }, pos('value')),
    );
  if (text !== undefined && !text.includes(v.quote))
    out.push(diagnose('figure/quote-not-found', file, { figure: f.id, source: v.source }, pos('quote')));
  if (
    v.value === undefined &&
    ['exact', 'at-least', 'over', 'about', 'fewer-than', 'up-to', 'nearly'].includes(v.qualifier)
  )
    out.push(
      diagnose(
        'schema/missing',
        file,
        { kind: 'value-for-qualifier', figure: f.id, qualifier: v.qualifier },
        pos(),
      ),
    );
  return out;
}

/** The registry's formula problems, each at the field of its figure's entry that is wrong. */
function formulaProblems(project: Project, ctx: CheckContext): Diagnostic[] {
  return ctx.formulaProblems.map((p) => {
    const i = ctx.figureEntries.findIndex((f) => f.id === p.figure);
    const field =
      p.kind === 'pin' || p.kind === 'pin-unused'
        ? 'pins'
        : p.kind === 'qualifier-mismatch'
          ? 'qualifier'
          : p.kind === 'date-before-inputs'
            ? 'asOf'
            : 'formula';
    const at = ctx.pos('figures.yaml', [i, field]) ?? ctx.pos('figures.yaml', [i, 'formula']);
    return place(formulaFinding(p, project.figures.keys()), ctx.file('figures.yaml'), at);
  });
}

/** The finding of a formula problem: its rule, with what the message needs. */
function formulaFinding(p: FormulaProblem, known: Iterable<string>): Finding {
  switch (p.kind) {
    case 'syntax':
      return finding('figure/formula', { kind: 'syntax', figure: p.figure, detail: p.message });
    case 'unknown':
      return finding('ref/unknown-figure', { kind: 'formula', figure: p.figure, id: p.reference, known });
    case 'no-value':
      return finding('figure/formula', { kind: 'no-value', figure: p.figure, input: p.reference });
    case 'cycle':
      return finding('figure/cycle', { path: p.path });
    case 'pin':
      return finding('figure/pin', { kind: 'no-value', figure: p.figure, input: p.reference, pin: p.pin });
    case 'pin-unused':
      return finding('figure/pin', { kind: 'unused', figure: p.figure, input: p.reference });
    case 'qualifier-undecidable':
      return finding('figure/qualifier', { kind: 'undecidable', figure: p.figure, asOf: p.asOf });
    case 'qualifier-mismatch':
      return finding('figure/qualifier', {
        kind: 'mismatch',
        figure: p.figure,
        stated: p.stated,
        derived: p.derived,
      });
    case 'date-before-inputs':
      return finding('figure/date', { figure: p.figure, stated: p.stated, newest: p.newest });
  }
}

/** A day after a source's date, which may be a year or a month only: compared at the source's precision. */
function after(asOf: string, sourceDate: string): boolean {
  const n = Math.min(sourceDate.length, asOf.length);
  return asOf.slice(0, n) > sourceDate.slice(0, n);
}

/**
 * The numbers a quote writes in digits, as numbers ("3,811" is 3811); none inside a word
 * ("BPM-97", "COVID-19"). A quote that writes its number in words ("six carriers") gives none
 * to compare, and the value is taken as it is.
 */
const NUMBER =
  /(?<![\p{L}\p{N}.,\-–])(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.\d+)?(?![\p{L}\p{N}]|[.,]\d)/gu;
function numbersIn(quote: string): number[] {
  return [...quote.matchAll(NUMBER)].map((m) => Number(m[0].replace(/[,\u00a0\u202f ]/g, '')));
}
