/**
 * Locale-aware formatting of figures, dates and times. Pure: everything it needs
 * (translator, time zone) is passed in, so the machine's own locale and time zone
 * never leak into a document.
 */
import { vagueQualifiers } from '../model/schema.js';
import type { ResolvedValue } from '../model/figures.js';
import type { Translator } from './instance.js';
import { packFor, type NumberForm } from './languages/index.js';
import type { RangeForm } from '../model/dates.js';

/**
 * Intl formatters are costly to create (a fresh ICU lookup each time) and a build
 * formats thousands of values: one formatter per locale and options, kept for the process.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })));
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/**
 * The last guard before print: load refuses values that are not counts
 * (load/figure-values.ts), so one reaching here is a bug, never a number to show.
 */
export function formatNumber(t: Translator, n: number): string {
  if (!Number.isFinite(n) || n < 0)
    throw new RangeError(`not a count: ${String(n)} (checked at load; a bug)`);
  return numberFormat(t.intl).format(n);
}

/** The case a qualifier puts the counted words in, by the language's pack (`gen` → `_gen_` forms). */
export function quantityCase(
  t: Pick<Translator, 'locale'>,
  v: Pick<ResolvedValue, 'value' | 'qualifier'>,
): 'gen' | undefined {
  const vague = vagueQualifiers.includes(v.qualifier) || v.value === undefined;
  return packFor(t.locale).quantityCase(v.qualifier, vague);
}

/** Where a number stands, which decides whether house style writes it in words. */
export interface NumberStyle {
  /** Running prose: small counts in words. Key figures, tables and charts keep digits. */
  readonly prose?: boolean;
  /** The number opens a sentence: in words wherever the language pack has them. */
  readonly sentenceStart?: boolean;
  /** The noun a number agrees with when none is printed after it (the figure's unit). */
  readonly agreesWith?: string;
  /** The project's house style for this language, where it differs from the language's own. */
  readonly house?: HouseStyle;
}

/** A project's house style for numbers in prose (project.yaml `style.numbers`), for one language. */
export interface HouseStyle {
  /** Whole numbers below this are words; 0: digits only. Default: the pack's `spellUpTo` + 1. */
  readonly spellOutBelow?: number | undefined;
  /** A number opening a sentence: in words (the default) or in digits. */
  readonly sentenceStart?: 'words' | 'digits' | undefined;
}

/** A no-break space keeps a number with its word ("3 811 people", "16 января", "2022 г."). */
export const NBSP = '\u00a0';

/**
 * The grammar a counted noun declares in a language whose numbers agree with it:
 * `nouns.video_gender: f`, `nouns.person_gender: m animate`.
 */
function nounGrammar(
  t: Translator,
  noun: string | undefined,
  nounNs: string,
): { gender?: string; animate?: boolean } {
  if (!noun || packFor(t.locale).genders.length === 0) return {};
  const key = `${nounNs}:nouns.${noun}_gender`;
  if (!t.has(key)) return {};
  const [gender, ...flags] = t.t(key).trim().split(/\s+/);
  return { ...(gender ? { gender } : {}), animate: flags.includes('animate') };
}

/** The number in words where house style wants it and the language can agree; else undefined. */
function spelledNumber(t: Translator, n: number, form: NumberForm, style: NumberStyle): string | undefined {
  const pack = packFor(t.locale);
  if (!style.prose || !Number.isInteger(n) || n < 1) return undefined;
  const below = style.house?.spellOutBelow ?? pack.spellUpTo + 1;
  const opening = style.sentenceStart === true && style.house?.sentenceStart !== 'digits';
  if (n >= below && !opening) return undefined;
  return pack.spell(n, form);
}

/** A figure value as prose: qualifier + number (+ noun in the form the number needs). */
export function formatQuantity(
  t: Translator,
  v: Pick<ResolvedValue, 'value' | 'qualifier'>,
  noun?: string,
  nounNs = 'project',
  /** The case the sentence puts the number in: `gen` for "тела 232 человек". */
  grammaticalCase?: string,
  style: NumberStyle = {},
): string {
  const vague = vagueQualifiers.includes(v.qualifier) || v.value === undefined;
  const n = v.value ?? 0;
  const pack = packFor(t.locale);
  // A qualifier that governs its number ("не менее", "более", "десятки") puts the number
  // and its noun in its case whatever the sentence's: «задержали не менее 22 человек», not
  // «человека». The sentence's case then falls on a vague word itself: «о гибели десятков».
  const governed = quantityCase(t, v);
  const numberCase = governed ?? grammaticalCase;
  const grammar = nounGrammar(t, noun ?? style.agreesWith, nounNs);
  const words = vague ? undefined : spelledNumber(t, n, { grammaticalCase: numberCase, ...grammar }, style);
  const number = words ?? formatNumber(t, n);
  const qualified = (said: string, values: Readonly<Record<string, string>>): string => {
    const vagueCase =
      vague && grammaticalCase && grammaticalCase !== 'nom' ? { context: grammaticalCase } : {};
    const phrase = t.t(`qualifier.${v.qualifier}`, { ...values, n: said, ...vagueCase });
    return said !== number || words ? pack.spelledPhrase(phrase, said) : phrase;
  };
  if (!noun) return qualified(number, pack.numberValues(n));
  const context = pack.countedCase(numberCase, grammar.animate ?? false, vague ? undefined : n);
  const word = t.t(`${nounNs}:nouns.${noun}`, { count: vague ? 100 : n, ...(context ? { context } : {}) });
  // A measure takes the qualifier's ending itself: "75 пайызға жуық", not "75-ке жуық пайыз".
  const measure = vague ? undefined : pack.measureValues(word);
  if (measure) return qualified(`${number}${NBSP}${word}`, measure);
  return `${qualified(number, pack.numberValues(n))}${NBSP}${word}`;
}

/** Intl's language names, one per document language (ICU builds its data when one is made). */
const languageNames = new Map<string, Intl.DisplayNames>();

/**
 * "translated from Georgian": the note on a quotation translated from `code`. The
 * languages the interface names itself (`quotation.translatedFrom.<code>`) first; then
 * Intl's name for any other, where the language pack can put it in the sentence; else
 * "translation".
 */
export function translatedFromNote(t: Translator, code: string): string {
  const key = `quotation.translatedFrom.${code}`;
  if (t.has(key)) return t.t(key);
  let names = languageNames.get(t.intl);
  if (!names) languageNames.set(t.intl, (names = new Intl.DisplayNames([t.intl], { type: 'language' })));
  let name: string | undefined;
  try {
    name = names.of(code);
  } catch {
    name = undefined;
  }
  // `und` (undetermined) is named "root" by ICU: no language to give.
  const language = name && name !== code && code !== 'und' ? packFor(t.locale).languageFrom(name) : undefined;
  return language && t.has('quotation.translatedFromLanguage')
    ? t.t('quotation.translatedFromLanguage', { language })
    : t.t('quotation.translated');
}

export type DateStyle = 'long' | 'day' | 'short' | 'month';

/** A formatted date and what the language's strings may add to it (`{{date}}{{loc}}` in Kazakh). */
export const dateValues = (t: Translator, date: string): Readonly<Record<string, string>> => ({
  date,
  ...packFor(t.locale).dateValues(date),
});

const isDateOnly = (iso: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(iso);

/**
 * Formats a calendar date, or the date part of a moment in the project's time zone.
 * Calendar dates are read as UTC midnight and shown in UTC, so they never shift a day.
 */
export function formatDate(t: Translator, iso: string, timeZone: string, style: DateStyle = 'long'): string {
  // The language's own written form where Intl's differs (Kazakh "2022 жылғы 16 қаңтар"),
  // each number kept with the word after it ("16 января", "2022 г.").
  return withNbsp(packFor(t.locale).date(intlDate(t, iso, timeZone, style)));
}

/** Each number kept with the word after it ("16 января", "2022 г."). */
const withNbsp = (s: string): string => s.replace(/(\d) (?=\p{L})/gu, `$1${NBSP}`);

function intlDate(t: Translator, iso: string, timeZone: string, style: DateStyle): string {
  // A year ("2019") or a month ("2019-04") is as precise as the source allows.
  if (/^\d{4}$/.test(iso))
    return dateFormat(t.intl, { year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${iso}-07-01T00:00:00Z`),
    );
  if (/^\d{4}-\d{2}$/.test(iso))
    return dateFormat(t.intl, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${iso}-15T00:00:00Z`),
    );
  const date = new Date(isDateOnly(iso) ? `${iso}T00:00:00Z` : iso);
  const zone = isDateOnly(iso) ? 'UTC' : timeZone;
  const options: Intl.DateTimeFormatOptions =
    style === 'day'
      ? { day: 'numeric', month: 'long' }
      : style === 'short'
        ? { day: 'numeric', month: 'short' }
        : style === 'month'
          ? { month: 'long', year: 'numeric' }
          : { day: 'numeric', month: 'long', year: 'numeric' };
  return dateFormat(t.intl, { ...options, timeZone: zone }).format(date);
}

/** A time of day in the project's time zone, 24-hour clock. */
export function formatTime(t: Translator, iso: string, timeZone: string): string {
  return dateFormat(t.intl, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(iso),
  );
}

/** The date(s) and time(s) of a happening from `at` to an optional `until`: "5 January" + "15:00–17:30". */
export function formatSpan(
  t: Translator,
  at: string,
  until: string | undefined,
  timeZone: string,
): { date: string; time: string | undefined } {
  const start = formatMoment(t, at, timeZone);
  const end = until ? formatMoment(t, until, timeZone) : undefined;
  return {
    date:
      until && end && end.date !== start.date ? formatDateRange(t, at, until, timeZone, 'day') : start.date,
    time: start.time ? (end?.time ? `${start.time}–${end.time}` : start.time) : undefined,
  };
}

/**
 * Two days as the language writes a range of them, in the form the sentence needs. A
 * calendar date is a day as written; two moments are days in the project's time zone.
 */
export function formatDateRange(
  t: Translator,
  from: string,
  to: string,
  timeZone: string,
  style: DateStyle = 'long',
  form: RangeForm = 'span',
): string {
  const span = formatDayRange(t, from, to, timeZone, style);
  if (form === 'span') return span;
  const [a, b] = [dayOf(from, timeZone), dayOf(to, timeZone)];
  const fields = rangeFields(style);
  const sameYear = a.year === b.year;
  const withYear = { ...fields, year: 'numeric' as const };
  // The first day drops what it shares with the last, as the span does: "4 and 6 January".
  const fromOptions = !sameYear
    ? withYear
    : a.month === b.month
      ? { day: 'numeric' as const }
      : { ...fields, year: undefined };
  const toOptions = sameYear ? fields : withYear;
  const written = (d: Date, options: Intl.DateTimeFormatOptions): string =>
    withNbsp(packFor(t.locale).date(dateFormat(t.intl, { ...options, timeZone: 'UTC' }).format(d)));
  const between = packFor(t.locale).between({
    from: written(a.date, fromOptions),
    to: written(b.date, toOptions),
    span,
  });
  return between ?? span;
}

function rangeFields(style: DateStyle): Intl.DateTimeFormatOptions {
  const month = style === 'short' ? ('short' as const) : ('long' as const);
  return style === 'long' ? { day: 'numeric', month, year: 'numeric' } : { day: 'numeric', month };
}

/** A date or moment as its day: a UTC midnight, with the year and month it falls in. */
function dayOf(iso: string, timeZone: string): { date: Date; year: string; month: string } {
  const local = isDateOnly(iso)
    ? iso
    : dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(iso),
      );
  return { date: new Date(`${local}T00:00:00Z`), year: local.slice(0, 4), month: local.slice(5, 7) };
}

/**
 * Two days as the language writes a range of them: the month once where both share it
 * ("5–6 January", «5–6 января», «5–6 қаңтар»), else both in full around a spaced dash
 * («31 декабря – 2 января»), each with its year where the years differ. Intl knows each
 * language's order; CLDR's thin spaces around the dash of "5 – 6 January" become the dash
 * alone after a bare day and plain spaces elsewhere.
 */
function formatDayRange(t: Translator, from: string, to: string, timeZone: string, style: DateStyle): string {
  const [a, b] = [dayOf(from, timeZone), dayOf(to, timeZone)];
  const parts = dateFormat(t.intl, { ...rangeFields(style), timeZone: 'UTC' }).formatRangeToParts(
    a.date,
    b.date,
  );
  const bareDay = parts.every((p) => p.source !== 'startRange' || p.type === 'day' || p.type === 'literal');
  const range = parts
    .map((p) =>
      p.type === 'literal' ? p.value.replace(/[\s\u2009]*–[\s\u2009]*/u, bareDay ? '–' : ' – ') : p.value,
    )
    .join('')
    .replace(/\u202f/gu, ' ');
  return withNbsp(packFor(t.locale).date(range));
}

/** Date and time of a chronology entry: "5 January, 15:00" style, per locale. */
export function formatMoment(
  t: Translator,
  iso: string,
  timeZone: string,
): { date: string; time: string | undefined } {
  if (isDateOnly(iso)) return { date: formatDate(t, iso, timeZone, 'day'), time: undefined };
  return { date: formatDate(t, iso, timeZone, 'day'), time: formatTime(t, iso, timeZone) };
}
