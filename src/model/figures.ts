/**
 * The figure registry: every number a document shows, with its dated values.
 * Derived figures are computed from others by a formula (parsed by jsep, evaluated
 * here over + - * / only, so content can never run code).
 */
import jsep from 'jsep';
import type { FigureEntry, FigureValue, Qualifier } from '../load/schema.js';

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
  /** Oldest first; the last one is the value documents show. */
  readonly history: readonly ResolvedValue[];
  readonly latest: ResolvedValue;
}

export type FormulaProblem =
  | { kind: 'syntax'; figure: string; message: string }
  | { kind: 'unknown'; figure: string; reference: string }
  | { kind: 'cycle'; figure: string; path: string[] }
  | { kind: 'no-value'; figure: string; reference: string };

export type Registry = ReadonlyMap<string, Figure>;

export function formulaReferences(formula: string): string[] | { error: string } {
  try {
    const refs: string[] = [];
    collect(jsep(formula), refs);
    return refs;
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

function evaluate(node: jsep.Expression, lookup: (id: string) => number): number {
  switch (node.type) {
    case 'Identifier':
      return lookup((node as jsep.Identifier).name);
    case 'Literal':
      return (node as jsep.Literal).value as number;
    case 'UnaryExpression':
      return -evaluate((node as jsep.UnaryExpression).argument, lookup);
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      const l = evaluate(b.left, lookup);
      const r = evaluate(b.right, lookup);
      return b.operator === '+' ? l + r : b.operator === '-' ? l - r : b.operator === '*' ? l * r : l / r;
    }
    default:
      throw new Error(`${node.type} is not allowed in a formula`);
  }
}

const byDate = (a: FigureValue, b: FigureValue): number => a.asOf.localeCompare(b.asOf);

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
      const history = [...entry.values].sort(byDate).map((v) => ({
        value: v.value,
        qualifier: v.qualifier,
        asOf: v.asOf,
        sources: [v.source],
        quote: v.quote,
      }));
      const fig: Figure = {
        id,
        unit: entry.unit,
        derived: false,
        formula: undefined,
        history,
        latest: history[history.length - 1]!,
      };
      registry.set(id, fig);
      return fig;
    }
    const formula = entry.formula ?? '';
    if (visiting.includes(id)) {
      problems.push({ kind: 'cycle', figure: id, path: [...visiting.slice(visiting.indexOf(id)), id] });
      return undefined;
    }
    const refs = formulaReferences(formula);
    if (!Array.isArray(refs)) {
      problems.push({ kind: 'syntax', figure: id, message: refs.error });
      return undefined;
    }
    const ast = jsep(formula);
    visiting.push(id);
    const inputs: Figure[] = [];
    let failed = false;
    for (const ref of refs) {
      const input = resolve(ref);
      if (!input) {
        if (!entryById.has(ref)) problems.push({ kind: 'unknown', figure: id, reference: ref });
        failed = true;
      } else if (input.latest.value === undefined) {
        problems.push({ kind: 'no-value', figure: id, reference: ref });
        failed = true;
      } else inputs.push(input);
    }
    visiting.pop();
    if (failed) return undefined;
    const values = new Map(inputs.map((f) => [f.id, f.latest.value ?? 0]));
    const value = evaluate(ast, (name) => values.get(name) ?? 0);
    const allExact = inputs.every((f) => f.latest.qualifier === 'exact');
    const latest: ResolvedValue = {
      value,
      qualifier: entry.qualifier ?? (allExact ? 'exact' : 'about'),
      asOf:
        entry.asOf ??
        inputs
          .map((f) => f.latest.asOf)
          .sort()
          .at(-1) ??
        '',
      sources: [...new Set(inputs.flatMap((f) => f.latest.sources))],
    };
    const fig: Figure = { id, unit: entry.unit, derived: true, formula, history: [latest], latest };
    registry.set(id, fig);
    return fig;
  };

  for (const e of entries) resolve(e.id);
  return { registry, problems };
}
