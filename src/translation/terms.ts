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

/**
 * How an English variant is found. The rule (what a regular expression would say):
 * `(?<![\p{L}\p{N}-])w1\s+w2…wn(?:s|es)?(?![\p{L}\p{N}-])`, case-insensitive unless a
 * word is an acronym; a hyphen joins words, so "protester" is not a term inside
 * "counter-protesters". One such expression per term cost about a millisecond each to
 * compile (Unicode classes, case-insensitive) on every run: 400 of them were a third of
 * loading. Here the words alone are compiled (cheap), the boundaries are tested with two
 * shared classes, and a match is looked for only where the first word is a word of the
 * text. tests/glossary.test.ts compares the result with the expression's on random texts.
 */
interface Variant {
  /** The words with whitespace between them, matched at one place (sticky). */
  readonly words: RegExp;
  readonly caseless: boolean;
  /** The first word, lowercased, with its plural forms when it is the only word; undefined: scan. */
  readonly starts: readonly string[] | undefined;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const variantOf = (variant: string): Variant => {
  const words = variant.split(' ');
  const caseless = !words.some((w) => /^[A-Z]{2,}$/.test(w));
  const first = (words[0] ?? variant).toLowerCase();
  return {
    words: new RegExp(words.map(escape).join('\\s+'), caseless ? 'iuy' : 'uy'),
    caseless,
    starts: /^[a-z0-9-]+$/.test(first)
      ? words.length === 1
        ? [first, `${first}s`, `${first}es`]
        : [first]
      : undefined,
  };
};

const variantCache = new Map<string, Variant[]>();
const variantsOf = (en: string): Variant[] => {
  let hit = variantCache.get(en);
  if (!hit) {
    hit = englishVariants(en).map(variantOf);
    variantCache.set(en, hit);
  }
  return hit;
};

/** A letter, digit or hyphen: what may not touch a term on either side (case-insensitively, as the words match). */
const wordChar = { exact: /[\p{L}\p{N}-]/uy, caseless: /[\p{L}\p{N}-]/iuy };

function wordCharAt(text: string, at: number, caseless: boolean): boolean {
  if (at < 0 || at >= text.length) return false;
  const re = caseless ? wordChar.caseless : wordChar.exact;
  re.lastIndex = at;
  return re.test(text);
}

/** Index of the code point that ends just before `at`. */
function before(text: string, at: number): number {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1;
}

const plural = { s: /s/iuy, es: /es/iuy, S: /s/uy, ES: /es/uy };

/** The end of the variant's match starting at `start`, or -1: the words, a plural ending, a boundary. */
function matchAt(text: string, v: Variant, start: number): number {
  if (start > 0 && wordCharAt(text, before(text, start), v.caseless)) return -1;
  v.words.lastIndex = start;
  if (!v.words.test(text)) return -1;
  const base = v.words.lastIndex;
  const ends: number[] = [];
  for (const [re, n] of [
    [v.caseless ? plural.s : plural.S, 1],
    [v.caseless ? plural.es : plural.ES, 2],
  ] as const) {
    re.lastIndex = base;
    if (re.test(text)) ends.push(base + n);
  }
  ends.push(base);
  return ends.find((end) => !wordCharAt(text, end, v.caseless)) ?? -1;
}

/**
 * Where each word of a text starts, by the word lowercased: runs of letters, digits and
 * hyphens. `ſ` is an `s` to a case-insensitive match, so to this index too.
 */
type WordIndex = ReadonlyMap<string, readonly number[]>;
function wordIndex(plain: string): WordIndex {
  const index = new Map<string, number[]>();
  for (const m of plain.matchAll(/[\p{L}\p{N}-]+/gu)) {
    const word = m[0].replace(/ſ/g, 's').toLowerCase();
    const list = index.get(word);
    if (list) list.push(m.index);
    else index.set(word, [m.index]);
  }
  return index;
}

/**
 * The text last prepared, English or translated: the checks ask about one text for every
 * term it uses, one after the other, and blanking its codes and cutting it into words again
 * for each term was a third of the glossary check.
 */
function lastOf<T extends { readonly text: string }>(make: (text: string) => T): (text: string) => T {
  let last: T | undefined;
  return (text) => (last?.text === text ? last : (last = make(text)));
}

const englishText = lastOf((text) => {
  const plain = blankCodes(text);
  return { text, plain, words: lazyIndex(plain) };
});

/** Where the English of `term` occurs in `text` (codes and quotation marks aside). */
export function englishSpans(text: string, term: Pick<Term, 'en'>): Span[] {
  const { plain, words } = englishText(text);
  return spansIn(plain, term, words);
}

/** Every place a match may start: each code point (never inside a surrogate pair). */
function codePointStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (i === 0 || before(text, i) === i - 1) out.push(i);
  return out;
}

/** Every match, left to right, none overlapping another. */
function variantSpans(plain: string, v: Variant, index: () => WordIndex, spans: Span[]): void {
  let starts: number[];
  if (v.starts) {
    const words = index();
    starts = v.starts.flatMap((w) => words.get(w) ?? []).sort((a, b) => a - b);
  } else starts = codePointStarts(plain);
  let end = 0;
  for (const start of starts) {
    if (start < end) continue;
    const at = matchAt(plain, v, start);
    if (at < 0) continue;
    spans.push([start, at]);
    end = at;
  }
}

/** The words of one text, indexed when first needed. */
const lazyIndex = (plain: string): (() => WordIndex) => {
  let index: WordIndex | undefined;
  return () => (index ??= wordIndex(plain));
};

function spansIn(plain: string, term: Pick<Term, 'en'>, words = lazyIndex(plain)): Span[] {
  const spans: Span[] = [];
  for (const v of variantsOf(term.en)) variantSpans(plain, v, words, spans);
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

const translatedText = lastOf((text) => {
  const plain = blankCodes(text);
  return { text, toks: tokens(plain), lower: plain.toLocaleLowerCase() };
});

/**
 * Where the translation renders `term` in `locale`, or undefined when it does not.
 * Declared forms and stems replace the generic stems, so a reviewer can narrow or widen
 * what counts.
 */
export function targetSpans(text: string, term: Term, locale: string): Span[] | undefined {
  const agreed = term.targets[locale];
  if (agreed === undefined) return undefined;
  const { toks, lower } = translatedText(text);
  const forms = term.forms[locale];
  const stems = term.stems[locale];
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
  const { plain, words } = englishText(english);
  const lower = plain.toLowerCase();
  // A substring test first: most terms are not in most texts, and it is far cheaper.
  const used = glossary.terms.filter(
    (t) => firstWords(t.en).some((w) => lower.includes(w)) && spansIn(plain, t, words).length > 0,
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
