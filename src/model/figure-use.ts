/**
 * Which value a figure use shows. Two kinds, never confused:
 *
 * - a **current** use (`{current}`) shows the newest value and follows updates;
 * - a **statement** shows what one source said on one date and never changes when a
 *   newer value arrives. It is pinned by `source=` / `asOf=`, or, when neither is
 *   written, by the citations of its own sentence: a sentence that cites a source
 *   shows that source's value.
 *
 * Pure: the loader calls it to report problems, compose to render the same value.
 */
import type { Figure, ResolvedValue } from './figures.js';
import { finding } from '../diagnostics/diagnostic.js';
import type { ParamsOf } from '../diagnostics/catalog.js';

export type FigureUse =
  | { readonly kind: 'current' }
  | { readonly kind: 'statement'; readonly source?: string; readonly asOf?: string }
  /** No attribute: the sentence's citations pin it. */
  | { readonly kind: 'claimed' };

/** What the sentence around a use claims: the sources it cites and whether it dates itself. */
export interface Claim {
  readonly cites: readonly string[];
  readonly dated: boolean;
}

export const noClaim: Claim = { cites: [], dated: false };

type UseRule = 'figure/statement' | 'figure/unpinned' | 'figure/current-in-dated-sentence';

/** A use that shows a value its sentence does not claim: the finding, and its message. */
export type UseProblem = { [R in UseRule]: ReturnType<typeof finding<R>> }[UseRule];

export type Selection =
  { readonly ok: true; readonly value: ResolvedValue } | { readonly ok: false; readonly problem: UseProblem };

/** Reads a use from directive or helper attributes (`current`, `source`, `asOf`). */
export function figureUse(attrs: Readonly<Record<string, unknown>>): FigureUse {
  if (attrs.current !== undefined && attrs.current !== false && attrs.current !== 'false')
    return { kind: 'current' };
  const source = typeof attrs.source === 'string' ? attrs.source : undefined;
  const asOf = typeof attrs.asOf === 'string' ? attrs.asOf : undefined;
  if (source || asOf) return { kind: 'statement', ...(source ? { source } : {}), ...(asOf ? { asOf } : {}) };
  return { kind: 'claimed' };
}

/** Whether citing `cited` vouches for a value from `source` (itself, or the release that reported it). */
export type Covers = (cited: string, source: string) => boolean;

const fail = <R extends UseRule>(rule: R, params: ParamsOf<R>): Selection => ({
  ok: false,
  problem: finding(rule, params) as UseProblem,
});

const describe = (v: ResolvedValue): string => `${v.asOf} (${v.sources.join(', ')})`;

export function selectValue(f: Figure, use: FigureUse, claim: Claim, covers: Covers): Selection {
  const cited = (v: ResolvedValue): boolean => v.sources.every((s) => claim.cites.some((c) => covers(c, s)));
  switch (use.kind) {
    case 'current': {
      if (claim.dated) return fail('figure/current-in-dated-sentence', { figure: f.id });
      if (claim.cites.length && !cited(f.latest))
        return fail('figure/statement', {
          kind: 'current-not-cited',
          figure: f.id,
          value: describe(f.latest),
          cites: claim.cites,
        });
      return { ok: true, value: f.latest };
    }
    case 'statement': {
      const matches = f.history.filter(
        (h) => (!use.source || h.sources.includes(use.source)) && (!use.asOf || h.asOf === use.asOf),
      );
      const pin = [use.source, use.asOf].filter(Boolean).join(', ');
      if (!matches.length) return fail('figure/statement', { kind: 'no-value-from', figure: f.id, pin });
      // A source that gave several values stands by its newest one; asOf= names an earlier one.
      const value = matches.at(-1)!;
      if (claim.cites.length && !cited(value))
        return fail('figure/statement', {
          kind: 'value-not-cited',
          figure: f.id,
          value: describe(value),
          cites: claim.cites,
        });
      return { ok: true, value };
    }
    case 'claimed': {
      if (!claim.cites.length) return fail('figure/unpinned', { figure: f.id });
      const matches = f.history.filter(cited);
      if (!matches.length)
        return fail('figure/statement', {
          kind: 'cited-gave-none',
          figure: f.id,
          cites: claim.cites,
          values: f.history.map(describe),
        });
      return { ok: true, value: matches.at(-1)! };
    }
  }
}

/**
 * A source vouches for values it gave itself and for those it reported (`via`):
 * citing a release covers the authority statements it quotes.
 */
export function coversBy(via: ReadonlyMap<string, string | undefined>): Covers {
  return (cited, source) => {
    let s: string | undefined = source;
    for (let depth = 0; s && depth < 8; depth++, s = via.get(s)) if (s === cited) return true;
    return false;
  };
}

/** A text's own claim, completed by what its entry says (a chronology event's source and date). */
export function withDefault(own: Claim | undefined, fallback: Claim | undefined): Claim {
  if (!fallback) return own ?? noClaim;
  if (!own) return fallback;
  return { cites: own.cites.length ? own.cites : fallback.cites, dated: own.dated || fallback.dated };
}

/**
 * How a document records a use among its dependencies: by the rule that picks the
 * value (not the value picked), so the next build can ask the rule again and see
 * whether the answer changed: `id@current`, `id@source=S,asOf=D`, `id@cites=A+B`.
 */
export function useKey(id: string, use: FigureUse, claim: Claim): string {
  if (use.kind === 'current') return `${id}@current`;
  if (use.kind === 'statement')
    return `${id}@${[use.source ? `source=${use.source}` : '', use.asOf ? `asOf=${use.asOf}` : ''].filter(Boolean).join(',')}`;
  return `${id}@cites=${[...claim.cites].sort().join('+')}`;
}

/** The use and claim a key was made from (see useKey). */
export function parseUseKey(key: string): { id: string; use: FigureUse; claim: Claim } {
  const at = key.indexOf('@');
  const id = at < 0 ? key : key.slice(0, at);
  const rest = at < 0 ? '' : key.slice(at + 1);
  if (rest === 'current') return { id, use: { kind: 'current' }, claim: noClaim };
  if (rest.startsWith('cites='))
    return {
      id,
      use: { kind: 'claimed' },
      claim: { cites: rest.slice(6).split('+').filter(Boolean), dated: false },
    };
  const attrs = Object.fromEntries(rest.split(',').map((p) => p.split('=') as [string, string]));
  return { id, use: figureUse(attrs), claim: noClaim };
}
