/**
 * The figure registry: every number a document shows, with its dated values.
 * Derived figures are computed from others by a formula (parsed by jsep, evaluated
 * here over + - * / only, so content can never run code). A derived figure has a
 * history of its own: one value for each date on which an input changed, dated by
 * the newest input it used, qualified by the rules of model/qualifiers.ts. Inputs
 * may be pinned to one source or date, so a derived statement stays what it was.
 */
import jsep from 'jsep';
import type { FigureEntry, FigureValue, Qualifier } from './schema.js';
import { boundOf, combine, exactBound, flip, qualifierOf, rounded, type Bound } from './qualifiers.js';

export interface ResolvedValue {
  readonly value: number | undefined;
  readonly qualifier: Qualifier;
  readonly asOf: string;
  /** Ids of the sources behind the value (one for a stated value, all inputs' for a derived one). */
  readonly sources: readonly string[];
  readonly quote?: string;
}

export interface Figure {
  readonly id: string;
  readonly unit: string | undefined;
  readonly derived: boolean;
  readonly formula: string | undefined;
  /** Oldest first; the last one is the current value. */
  readonly history: readonly ResolvedValue[];
  readonly latest: ResolvedValue;
}

export type FormulaProblem =
  | { kind: 'syntax'; figure: string; message: string }
  | { kind: 'unknown'; figure: string; reference: string }
  | { kind: 'cycle'; figure: string; path: string[] }
  | { kind: 'no-value'; figure: string; reference: string }
  | { kind: 'pin'; figure: string; reference: string; pin: string }
  | { kind: 'pin-unused'; figure: string; reference: string }
  | { kind: 'qualifier-undecidable'; figure: string; asOf: string }
  | { kind: 'qualifier-mismatch'; figure: string; stated: Qualifier; derived: Qualifier }
  | { kind: 'date-before-inputs'; figure: string; stated: string; newest: string };

export type Registry = ReadonlyMap<string, Figure>;

/** A pin names a date (YYYY-MM-DD) or a source id. */
export const isDatePin = (pin: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(pin);

/** The value of `f` a pin selects: its value of that date, or the newest one that source gave. */
export function pinnedValue(f: Figure, pin: string): ResolvedValue | undefined {
  const matches = f.history.filter((h) => (isDatePin(pin) ? h.asOf === pin : h.sources.includes(pin)));
  return matches.at(-1);
}

export function formulaReferences(formula: string): string[] | { error: string } {
  try {
    const refs: string[] = [];
    collect(jsep(formula), refs);
    return [...new Set(refs)];
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function collect(node: jsep.Expression, refs: string[]): void {
  switch (node.type) {
    case 'Identifier':
      refs.push((node as jsep.Identifier).name);
      return;
    case 'Literal':
      if (typeof (node as jsep.Literal).value !== 'number')
        throw new Error('only numbers are allowed as literals');
      return;
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!['+', '-', '*', '/'].includes(b.operator))
        throw new Error(`operator ${b.operator} is not allowed`);
      collect(b.left, refs);
      collect(b.right, refs);
      return;
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator !== '-') throw new Error(`operator ${u.operator} is not allowed`);
      collect(u.argument, refs);
      return;
    }
    default:
      throw new Error(`${node.type} is not allowed in a formula`);
  }
}

/** A number with the bound its qualifier states; `bound` undefined: the rules cannot decide. */
interface Bounded {
  readonly value: number;
  readonly bound: Bound | undefined;
}

const both = (a: Bound | undefined, b: Bound | undefined): Bound | undefined =>
  a && b ? combine(a, b) : undefined;

/** Multiplying or dividing by a negative literal turns a lower bound into an upper one. */
const scaled = (b: Bound | undefined, factor: number): Bound | undefined => (b && factor < 0 ? flip(b) : b);

function evaluate(node: jsep.Expression, lookup: (id: string) => Bounded): Bounded {
  switch (node.type) {
    case 'Identifier':
      return lookup((node as jsep.Identifier).name);
    case 'Literal':
      return { value: (node as jsep.Literal).value as number, bound: exactBound };
    case 'UnaryExpression': {
      const x = evaluate((node as jsep.UnaryExpression).argument, lookup);
      return { value: -x.value, bound: x.bound && flip(x.bound) };
    }
    case 'BinaryExpression':
      return binary(node as jsep.BinaryExpression, lookup);
    default:
      throw new Error(`${node.type} is not allowed in a formula`);
  }
}

function binary(b: jsep.BinaryExpression, lookup: (id: string) => Bounded): Bounded {
  const l = evaluate(b.left, lookup);
  const r = evaluate(b.right, lookup);
  const literal = (n: jsep.Expression): boolean => n.type === 'Literal';
  switch (b.operator) {
    case '+':
      return { value: l.value + r.value, bound: both(l.bound, r.bound) };
    case '-':
      return { value: l.value - r.value, bound: both(l.bound, r.bound && flip(r.bound)) };
    case '*':
      if (literal(b.right)) return { value: l.value * r.value, bound: scaled(l.bound, r.value) };
      if (literal(b.left)) return { value: l.value * r.value, bound: scaled(r.bound, l.value) };
      return { value: l.value * r.value, bound: both(l.bound, r.bound) };
    default:
      if (literal(b.right)) return { value: l.value / r.value, bound: scaled(l.bound, r.value) };
      return { value: l.value / r.value, bound: both(l.bound, r.bound && flip(r.bound)) };
  }
}

const byDate = (a: FigureValue, b: FigureValue): number => a.asOf.localeCompare(b.asOf);

function statedFigure(entry: FigureEntry, values: readonly FigureValue[]): Figure {
  const history = [...values].sort(byDate).map((v) => ({
    value: v.value,
    qualifier: v.qualifier,
    asOf: v.asOf,
    sources: [v.source],
    quote: v.quote,
  }));
  return {
    id: entry.id,
    unit: entry.unit,
    derived: false,
    formula: undefined,
    history,
    latest: history[history.length - 1]!,
  };
}

/** What one derived figure is computed from: each input with its pin, if any. */
interface DerivedInput {
  readonly figure: Figure;
  readonly pinned: ResolvedValue | undefined;
}

/** The inputs' values on `date`: pinned ones as pinned, others their newest value by then. */
function valuesOn(inputs: readonly DerivedInput[], date: string): Map<string, ResolvedValue> | undefined {
  const out = new Map<string, ResolvedValue>();
  for (const { figure, pinned } of inputs) {
    const v = pinned ?? figure.history.filter((h) => h.asOf <= date).at(-1);
    if (!v || v.value === undefined) return undefined;
    out.set(figure.id, v);
  }
  return out;
}

/** One value of a derived figure per date on which an unpinned input gained a value. */
function derivedHistory(
  entry: FigureEntry,
  ast: jsep.Expression,
  inputs: readonly DerivedInput[],
  problems: FormulaProblem[],
): ResolvedValue[] {
  const dates = inputs.some((i) => !i.pinned)
    ? [...new Set(inputs.flatMap((i) => (i.pinned ? [] : i.figure.history.map((h) => h.asOf))))].sort()
    : [
        inputs
          .map((i) => i.pinned?.asOf ?? '')
          .sort()
          .at(-1) ?? '',
      ];
  const history: ResolvedValue[] = [];
  for (const date of dates) {
    const used = valuesOn(inputs, date);
    if (!used) continue;
    const result = evaluate(ast, (name) => {
      const v = used.get(name);
      return { value: v?.value ?? 0, bound: v ? boundOf(v.qualifier) : undefined };
    });
    const asOf =
      [...used.values()]
        .map((v) => v.asOf)
        .sort()
        .at(-1) ?? date;
    if (history.some((h) => h.asOf === asOf)) continue;
    // A result that is not a count (negative, infinite, NaN) is kept and refused at load
    // with its place (load/figure-values.ts, `figure/value`), never shown.
    const qualifier = result.bound ? qualifierOf(result.bound) : entry.qualifier;
    if (!qualifier) {
      problems.push({ kind: 'qualifier-undecidable', figure: entry.id, asOf });
      continue;
    }
    const sources = [...new Set([...used.values()].flatMap((v) => v.sources))].sort();
    const shown =
      entry.decimals === undefined
        ? { value: result.value, qualifier }
        : rounded(result.value, qualifier, entry.decimals);
    history.push({ ...shown, asOf, sources });
  }
  return history;
}

/** An explicit qualifier or date on a derived figure may only say what its inputs justify. */
function checkStated(entry: FigureEntry, latest: ResolvedValue, problems: FormulaProblem[]): ResolvedValue {
  if (entry.asOf && entry.asOf < latest.asOf)
    problems.push({ kind: 'date-before-inputs', figure: entry.id, stated: entry.asOf, newest: latest.asOf });
  if (entry.qualifier && entry.qualifier !== latest.qualifier)
    problems.push({
      kind: 'qualifier-mismatch',
      figure: entry.id,
      stated: entry.qualifier,
      derived: latest.qualifier,
    });
  return entry.asOf && entry.asOf > latest.asOf ? { ...latest, asOf: entry.asOf } : latest;
}

/** Builds the registry; formula problems are returned, not thrown. */
export function buildRegistry(entries: readonly FigureEntry[]): {
  registry: Registry;
  problems: FormulaProblem[];
} {
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const registry = new Map<string, Figure>();
  const problems: FormulaProblem[] = [];
  const visiting: string[] = [];

  const resolve = (id: string): Figure | undefined => {
    const done = registry.get(id);
    if (done) return done;
    const entry = entryById.get(id);
    if (!entry) return undefined;
    if (entry.values) {
      const fig = statedFigure(entry, entry.values);
      registry.set(id, fig);
      return fig;
    }
    if (visiting.includes(id)) {
      problems.push({ kind: 'cycle', figure: id, path: [...visiting.slice(visiting.indexOf(id)), id] });
      return undefined;
    }
    visiting.push(id);
    const fig = derive(entry, resolve, entryById, problems);
    visiting.pop();
    if (fig) registry.set(id, fig);
    return fig;
  };

  for (const e of entries) resolve(e.id);
  return { registry, problems };
}

function derive(
  entry: FigureEntry,
  resolve: (id: string) => Figure | undefined,
  entryById: ReadonlyMap<string, FigureEntry>,
  problems: FormulaProblem[],
): Figure | undefined {
  const id = entry.id;
  const formula = entry.formula ?? '';
  const refs = formulaReferences(formula);
  if (!Array.isArray(refs)) {
    problems.push({ kind: 'syntax', figure: id, message: refs.error });
    return undefined;
  }
  const pins = entry.pins ?? {};
  for (const ref of Object.keys(pins))
    if (!refs.includes(ref)) problems.push({ kind: 'pin-unused', figure: id, reference: ref });
  const inputs: DerivedInput[] = [];
  let failed = false;
  for (const ref of refs) {
    const input = resolve(ref);
    if (!input) {
      if (!entryById.has(ref)) problems.push({ kind: 'unknown', figure: id, reference: ref });
      failed = true;
      continue;
    }
    const pin = pins[ref];
    const pinned = pin === undefined ? undefined : pinnedValue(input, pin);
    if (pin !== undefined && !pinned) {
      problems.push({ kind: 'pin', figure: id, reference: ref, pin });
      failed = true;
    } else if ((pinned ?? input.latest).value === undefined) {
      problems.push({ kind: 'no-value', figure: id, reference: ref });
      failed = true;
    } else inputs.push({ figure: input, pinned });
  }
  if (failed) return undefined;
  const ast = jsep(formula);
  const history = derivedHistory(entry, ast, inputs, problems);
  const last = history.at(-1);
  if (!last) return undefined;
  const latest = checkStated(entry, last, problems);
  return { id, unit: entry.unit, derived: true, formula, history: [...history.slice(0, -1), latest], latest };
}
