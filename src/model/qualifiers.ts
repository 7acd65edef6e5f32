/**
 * The qualifier a derived figure may honestly carry, by stated rules: a qualifier is
 * a bound on the true value (exact, a lower bound, an upper bound, an estimate), and
 * arithmetic combines bounds the way interval arithmetic does. Where the rules cannot
 * decide (a lower bound minus a lower bound), the author must say.
 */
import type { Qualifier } from './schema.js';

/** A qualifier seen as a bound on the true value. */
export interface Bound {
  readonly direction: 'none' | 'lower' | 'upper' | 'approx';
  /** `over` and `fewer-than` exclude the number itself. */
  readonly strict: boolean;
}

export const exactBound: Bound = { direction: 'none', strict: false };

const bounds: Partial<Record<Qualifier, Bound>> = {
  exact: exactBound,
  'at-least': { direction: 'lower', strict: false },
  over: { direction: 'lower', strict: true },
  'up-to': { direction: 'upper', strict: false },
  'fewer-than': { direction: 'upper', strict: true },
  about: { direction: 'approx', strict: false },
  // "Nearly 500,000": fewer than the number, by a little; arithmetic keeps only "fewer than".
  nearly: { direction: 'upper', strict: true },
};

/** The bound a qualifier states; undefined for vague quantities ("dozens"), which have no number. */
export function boundOf(q: Qualifier): Bound | undefined {
  return bounds[q];
}

export function qualifierOf(b: Bound): Qualifier {
  switch (b.direction) {
    case 'none':
      return 'exact';
    case 'approx':
      return 'about';
    case 'lower':
      return b.strict ? 'over' : 'at-least';
    case 'upper':
      return b.strict ? 'fewer-than' : 'up-to';
  }
}

/** −x, or 1/x for positive x: a lower bound becomes an upper bound. */
export function flip(b: Bound): Bound {
  if (b.direction === 'lower') return { ...b, direction: 'upper' };
  if (b.direction === 'upper') return { ...b, direction: 'lower' };
  return b;
}

/**
 * x + y, or x × y for non-negative x and y: bounds in the same direction add up,
 * an exact term keeps the other's bound; opposite bounds, or an estimate with a
 * bound, say nothing certain (undefined).
 */
export function combine(a: Bound, b: Bound): Bound | undefined {
  if (a.direction === 'none') return b;
  if (b.direction === 'none') return a;
  if (a.direction !== b.direction) return undefined;
  return { direction: a.direction, strict: a.strict || b.strict };
}

/**
 * A derived value rounded to `decimals`, in the direction that keeps its qualifier true:
 * a lower bound down ("over 544.4" → "over 544"), an upper bound up ("fewer than 12.2" →
 * "fewer than 13"), an estimate to the nearest; an exact value that rounding changes
 * becomes "about".
 */
export function rounded(
  value: number,
  qualifier: Qualifier,
  decimals: number,
): { value: number; qualifier: Qualifier } {
  const scale = 10 ** decimals;
  // The product is taken to 12 significant digits first, so 0.1 × 3 rounds as 0.3 does.
  const scaled = Number((value * scale).toPrecision(12));
  const direction = boundOf(qualifier)?.direction;
  const whole =
    direction === 'lower'
      ? Math.floor(scaled)
      : direction === 'upper'
        ? Math.ceil(scaled)
        : Math.round(scaled);
  const out = whole / scale;
  return { value: out, qualifier: qualifier === 'exact' && whole !== scaled ? 'about' : qualifier };
}
