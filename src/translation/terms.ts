/**
 * Glossary terms in texts: which terms an English text uses, and whether a
 * translation carries the agreed rendering of each.
 *
 * English is matched word for word (a plural `s` allowed, acronyms by case). A
 * translation inflects, so it matches a term when it holds one of the term's
 * declared `forms`, or every word of one of its declared `stems`, or else (nothing
 * declared) when each word of the agreed rendering starts a word of the translation
 * with its ending cut off: `положение` → `положе…`, `бұйрық` → `бұйры…` (`бұйрығы`).
 * Nothing here names a language: the stems are generic, the glossary refines them.
 */
import { protect } from './placeholders.js';
import type { Glossary, Term } from './glossary.js';

export type Span = readonly [start: number, end: number];

/** Quotation marks differ between files and languages; they never decide a match. Same length. */
const unquote = (s: string): string => s.replace(/[“”"«»„‘’'`]/g, ' ');

/** Codes (figures, references, marks) blanked out, keeping every offset. */
const blankCodes = (text: string): string => {
  let out = text;
  let at = 0;
  for (const p of protect(text)) {
    if (p.kind === 'text') at += p.text.length;
    else {
      out = out.slice(0, at) + ' '.repeat(p.code.length) + out.slice(at + p.code.length);
      at += p.code.length;
    }
  }
  return unquote(out);
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `protester(s)` → `protester`; `city hall (Almaty)` → `city hall`; `a / b` → both.
 * One word narrowed by a remark (`video (noun after numbers)`, `Public (distribution)`)
 * names a sense, not a string: it is not looked for.
 */
export function englishVariants(en: string): string[] {
  return en
    .split(/\s+\/\s+/)
    .filter((v) => !/^\S+\s*\((?!s\))[^)]*\)$/.test(v.trim()))
    .map((v) =>
      unquote(v.replace(/\(s\)/g, '').replace(/\s*\([^)]*\)/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((v) => v.length > 0);
}

const englishPattern = (variant: string): RegExp => {
  const words = variant.split(' ').map(escape);
  const acronym = variant.split(' ').some((w) => /^[A-Z]{2,}$/.test(w));
  return new RegExp(
    // A hyphen joins words: "protester" is not a term inside "counter-protesters".
    `(?<![\\p{L}\\p{N}-])${words.join('\\s+')}(?:s|es)?(?![\\p{L}\\p{N}-])`,
    acronym ? 'gu' : 'giu',
  );
};

const patternCache = new Map<string, RegExp[]>();
const patternsOf = (en: string): RegExp[] => {
  let hit = patternCache.get(en);
  if (!hit) {
    hit = englishVariants(en).map(englishPattern);
    patternCache.set(en, hit);
  }
  return hit;
};

/** Where the English of `term` occurs in `text` (codes and quotation marks aside). */
export function englishSpans(text: string, term: Pick<Term, 'en'>): Span[] {
  return spansIn(blankCodes(text), term);
}

function spansIn(plain: string, term: Pick<Term, 'en'>): Span[] {
  const spans: Span[] = [];
  for (const re of patternsOf(term.en)) {
    re.lastIndex = 0;
    for (const m of plain.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** The agreed renderings: `ЕС (Европейский союз)` → `ЕС (Европейский союз)`, `ЕС`, `Европейский союз`. */
export function targetAlternatives(value: string): string[] {
  const out = new Set<string>();
  for (const part of value.split(/\s+\/\s+/)) {
    const clean = (s: string): string => unquote(s).replace(/\s+/g, ' ').trim();
    out.add(clean(part.replace(/[()]/g, ' ')));
    const outer = clean(part.replace(/\([^)]*\)/g, ' '));
    if (outer) out.add(outer);
    for (const m of part.matchAll(/\(([^)]*)\)/g)) if (m[1]?.trim()) out.add(clean(m[1]));
  }
  return [...out].filter(Boolean);
}

/** How much of a word must match: its ending may change with case and number. */
export function stemOf(word: string): string {
  const n = [...word].length;
  // Endings pile up (Kazakh `граната|лар|ы`, Russian `предупрежд|ения`): keep about 60%.
  const keep = n <= 3 ? n : n <= 5 ? n - 1 : Math.max(4, Math.ceil(n * 0.6));
  return [...word].slice(0, keep).join('');
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}
const tokens = (plain: string): Token[] =>
  [...plain.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\-‐]*/gu)].map((m) => ({
    text: m[0].toLocaleLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));

const wordsOf = (s: string): string[] =>
  tokens(unquote(s))
    .map((t) => t.text)
    .filter((w) => [...w].length >= 2);

/** Tokens of the translation that start with each of `stems` (all of them, or none). */
function allStems(toks: readonly Token[], stems: readonly string[]): Span[] | undefined {
  if (stems.length === 0) return undefined;
  const spans: Span[] = [];
  for (const s of stems) {
    const hits = toks.filter((t) => t.text.startsWith(s));
    if (hits.length === 0) return undefined;
    for (const t of hits) spans.push([t.start, t.end]);
  }
  return spans;
}

/**
 * Where the translation renders `term` in `locale`, or undefined when it does not.
 * Declared forms and stems replace the generic stems, so a reviewer can narrow or widen
 * what counts.
 */
export function targetSpans(text: string, term: Term, locale: string): Span[] | undefined {
  const agreed = term.targets[locale];
  if (agreed === undefined) return undefined;
  const plain = blankCodes(text);
  const toks = tokens(plain);
  const forms = term.forms[locale];
  const stems = term.stems[locale];
  const lower = plain.toLocaleLowerCase();
  const spans: Span[] = [];
  let found = false;
  for (const form of [...(forms ?? []), ...(forms || stems ? [] : [agreed])]) {
    const needle = unquote(form).replace(/\s+/g, ' ').trim().toLocaleLowerCase();
    for (let i = lower.indexOf(needle); needle && i >= 0; i = lower.indexOf(needle, i + 1)) {
      spans.push([i, i + needle.length]);
      found = true;
    }
  }
  const candidates: string[][] = stems
    ? stems.map((s) => wordsOf(s))
    : forms
      ? []
      : targetAlternatives(agreed).map((alt) => wordsOf(alt).map(stemOf));
  for (const stemList of candidates) {
    const hit = allStems(toks, stemList);
    if (hit) {
      spans.push(...hit);
      found = true;
    }
  }
  return found ? spans : undefined;
}

const firstWordCache = new Map<string, string[]>();
const firstWords = (en: string): string[] => {
  let hit = firstWordCache.get(en);
  if (!hit) {
    hit = englishVariants(en).map((v) => (v.split(' ')[0] ?? v).toLowerCase());
    firstWordCache.set(en, hit);
  }
  return hit;
};

const usedCache = new WeakMap<Glossary, Map<string, Term[]>>();

/** The glossary terms an English text uses (remembered: every language asks the same). */
export function termsIn(english: string, glossary: Glossary): Term[] {
  let cache = usedCache.get(glossary);
  if (!cache) {
    cache = new Map();
    usedCache.set(glossary, cache);
  }
  const hit = cache.get(english);
  if (hit) return hit;
  const plain = blankCodes(english);
  const lower = plain.toLowerCase();
  // A substring test first: most terms are not in most texts, and it is far cheaper.
  const used = glossary.terms.filter(
    (t) => firstWords(t.en).some((w) => lower.includes(w)) && spansIn(plain, t).length > 0,
  );
  cache.set(english, used);
  return used;
}

export const isExcepted = (term: Term, unit: string, locale: string): boolean =>
  term.exceptions.some((e) => e.unit === unit && (e.locale === undefined || e.locale === locale));

/** For the translator: the terms of one text and their agreed rendering. */
export function termNote(
  english: string,
  glossary: Glossary,
  locale: string,
  unit: string,
): string | undefined {
  const used = termsIn(english, glossary).filter((t) => t.targets[locale] !== undefined);
  if (used.length === 0) return undefined;
  const shown = used.map((t) => {
    const forms = t.forms[locale];
    const extra = forms?.length ? ` (also ${forms.join(', ')})` : '';
    const exception = isExcepted(t, unit, locale) ? ' [a reviewed exception applies here]' : '';
    return `“${t.en}” → “${t.targets[locale] ?? ''}”${extra}${t.note ? ` — ${t.note}` : ''}${exception}`;
  });
  return `Glossary (${locale}): ${shown.join('; ')}.`;
}
