/**
 * d3/Vega number and time locale definitions built from Intl, so charts group
 * digits and name months exactly as the prose of the same document does.
 */
import type { Translator } from '../i18n/instance.js';

export interface NumberLocale {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
}
export interface TimeLocale {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
}

/**
 * Made once per language and thread: a chart is drawn two or three times on its way to
 * fitting the page, and each drawing asked Intl for 38 month and day names (70 ms of a
 * cold build). Frozen, since every view of the language shares them.
 */
const numberLocales = new Map<string, Readonly<NumberLocale>>();
const timeLocales = new Map<string, Readonly<TimeLocale>>();

function once<T extends object>(cache: Map<string, Readonly<T>>, key: string, make: () => T): Readonly<T> {
  let value = cache.get(key);
  if (!value) {
    const made = make();
    for (const v of Object.values(made)) if (typeof v === 'object') Object.freeze(v);
    value = Object.freeze(made);
    cache.set(key, value);
  }
  return value;
}

export const numberLocale = (t: Translator): Readonly<NumberLocale> =>
  once(numberLocales, t.intl, () => makeNumberLocale(t));

export const timeLocale = (t: Translator): Readonly<TimeLocale> =>
  once(timeLocales, t.intl, () => makeTimeLocale(t));

function makeNumberLocale(t: Translator): NumberLocale {
  const parts = new Intl.NumberFormat(t.intl).formatToParts(1234567.5);
  const part = (type: string, fallback: string): string =>
    parts.find((p) => p.type === type)?.value ?? fallback;
  return { decimal: part('decimal', '.'), thousands: part('group', ','), grouping: [3], currency: ['', ''] };
}

function makeTimeLocale(t: Translator): TimeLocale {
  const utc = (m: number, d = 5): Date => new Date(Date.UTC(2022, m, d));
  // Month names as they read after a day number ("5 января", "5 қаңтар"): charts label days.
  const monthWith = (style: 'long' | 'short'): string[] =>
    Array.from(
      { length: 12 },
      (_, m) =>
        new Intl.DateTimeFormat(t.intl, { day: 'numeric', month: style, timeZone: 'UTC' })
          .formatToParts(utc(m))
          .find((p) => p.type === 'month')?.value ?? String(m + 1),
    );
  // 2 January 2022 was a Sunday: d3 lists days from Sunday.
  const days = (style: 'long' | 'short'): string[] =>
    Array.from({ length: 7 }, (_, i) =>
      new Intl.DateTimeFormat(t.intl, { weekday: style, timeZone: 'UTC' }).format(utc(0, 2 + i)),
    );
  return {
    dateTime: '%e %B %Y, %H:%M',
    date: '%d.%m.%Y',
    time: '%H:%M',
    periods: ['AM', 'PM'],
    days: days('long'),
    shortDays: days('short'),
    months: monthWith('long'),
    shortMonths: monthWith('short'),
  };
}
