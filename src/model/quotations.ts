/**
 * The quotation registry: every quotation a project prints, with one approved rendering
 * per language, each saying how it stands to the speaker's words (see RenderingKind).
 * Pure: the loader checks the registry with these rules, compose prints from it.
 */
import type { QuotationEntry, QuotationRendering, RenderingKind } from '../model/schema.js';

export interface Quotation {
  readonly id: string;
  /** Set for a part of a longer quotation; speaker, source and language are then that one's. */
  readonly excerptOf: string | undefined;
  readonly speaker: string | undefined;
  readonly source: string | undefined;
  /** The language the speaker used (`und`: no source says). */
  readonly language: string | undefined;
  readonly renderings: Readonly<Record<string, QuotationRendering>>;
}

export type Quotations = ReadonlyMap<string, Quotation>;

/** Excerpts take speaker, source and language from the quotation they are part of. */
export function buildQuotations(entries: readonly QuotationEntry[]): Quotations {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const root = (e: QuotationEntry, seen = new Set<string>()): QuotationEntry => {
    if (!e.excerptOf || seen.has(e.id)) return e;
    seen.add(e.id);
    const parent = byId.get(e.excerptOf);
    return parent ? root(parent, seen) : e;
  };
  return new Map(
    entries.map((e) => {
      const r = root(e);
      return [
        e.id,
        {
          id: e.id,
          excerptOf: e.excerptOf,
          speaker: r.speaker,
          source: r.source,
          language: r.language,
          renderings: e.renderings,
        },
      ];
    }),
  );
}

/** The source a rendering's words come from and are cited to: its own, else the quotation's. */
export const sourceOf = (q: Quotation, r: QuotationRendering): string | undefined => r.source ?? q.source;

/** The language of a locale tag (`ru-RU` → `ru`). */
export const languageOf = (locale: string): string => locale.split('-')[0] ?? locale;

/** Printed in quotation marks; `indirect` renderings are reported speech and claim no wording. */
export const isQuoted = (kind: RenderingKind): boolean => kind !== 'indirect';

/** Must be found verbatim in the text of the quotation's source. */
export const isVerbatim = (kind: RenderingKind): boolean => kind === 'original' || kind === 'published';

export interface ShownRendering {
  readonly rendering: QuotationRendering;
  /** The locale whose rendering is shown (the source locale's when this one has none). */
  readonly locale: string;
  readonly fallback: boolean;
}

export function renderingFor(q: Quotation, locale: string, sourceLocale: string): ShownRendering | undefined {
  const own = q.renderings[locale];
  if (own) return { rendering: own, locale, fallback: false };
  const source = q.renderings[sourceLocale];
  return source ? { rendering: source, locale: sourceLocale, fallback: locale !== sourceLocale } : undefined;
}

/**
 * The language a printed rendering is a translation from, which the document must say;
 * undefined when it is the speaker's own words, reported speech, or a source's wording
 * whose original language no source gives. `und` when translated from words of unknown language.
 */
export function translatedFrom(
  q: Quotation,
  shown: ShownRendering,
  sourceLocale: string,
): string | undefined {
  const { rendering, locale } = shown;
  const own = languageOf(locale);
  switch (rendering.kind) {
    case 'original':
    case 'indirect':
      return undefined;
    case 'published':
      if (q.language === undefined || q.language === 'und' || q.language === own) return undefined;
      return rendering.from ?? q.language;
    case 'translation': {
      const from =
        rendering.from ?? (locale === sourceLocale ? (q.language ?? 'und') : languageOf(sourceLocale));
      return from === own ? undefined : from;
    }
  }
}

const ellipsis = /\s*\[(?:…|\.\.\.)\]\s*/;
const directive = /::?[a-z]+\[[^\]\n]*\](?:\{[^}\n]*\})?/g;
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A piece of quoted text as a pattern: directives stand for what they print; the first letter's case is free. */
function piecePattern(piece: string): RegExp {
  let pattern = '';
  let at = 0;
  for (const m of piece.matchAll(directive)) {
    pattern += escape(piece.slice(at, m.index)) + '.{1,80}?';
    at = m.index + m[0].length;
  }
  pattern += escape(piece.slice(at));
  pattern = pattern.replace(/ /g, '\\s+');
  const first = /^\p{L}/u.exec(piece)?.[0];
  if (first) pattern = `[${first.toLowerCase()}${first.toUpperCase()}]${pattern.slice(first.length)}`;
  return new RegExp(pattern, 'u');
}

/**
 * The pieces a quotation's text must be found as: each sentence, and each run between
 * elisions (`[…]`), without the punctuation the quoting sentence supplies.
 */
export function quotedPieces(text: string): string[] {
  return squash(text)
    .split(ellipsis)
    .flatMap((run) => run.split(/(?<=[.!?])\s+/))
    .map((p) => p.replace(/^[…\s]+|[\s.,;:…]+$/g, ''))
    .filter((p) => p.length > 0);
}

/**
 * What was found in each text, by text: every load checks each rendering against its
 * source again, and in `watch` the sources rarely change (the example: 5 ms of a save's
 * load). The texts searched most recently are kept, up to a number and a total length.
 */
const searched = new Map<string, { readonly squashed: string; readonly found: Map<string, boolean> }>();
const SEARCHED_TEXTS = 64;
const SEARCHED_CHARS = 4_000_000;
/** Renderings kept for one text before they are forgotten. */
const FOUND_PER_TEXT = 4096;
let searchedChars = 0;

function haystackOf(within: string): { readonly squashed: string; readonly found: Map<string, boolean> } {
  let haystack = searched.get(within);
  if (haystack) searched.delete(within);
  else {
    haystack = { squashed: squash(within), found: new Map() };
    searchedChars += within.length;
  }
  searched.set(within, haystack);
  while (searched.size > SEARCHED_TEXTS || (searchedChars > SEARCHED_CHARS && searched.size > 1)) {
    const oldest = searched.keys().next().value ?? '';
    searched.delete(oldest);
    searchedChars -= oldest.length;
  }
  return haystack;
}

/** Whether every piece of a rendering stands verbatim in a text (a source's, or its full quotation). */
export function foundVerbatim(text: string, within: string): boolean {
  const haystack = haystackOf(within);
  let found = haystack.found.get(text);
  if (found === undefined) {
    const { squashed } = haystack;
    found = quotedPieces(text).every((p) => piecePattern(p).test(squashed));
    if (haystack.found.size >= FOUND_PER_TEXT) haystack.found.clear();
    haystack.found.set(text, found);
  }
  return found;
}
