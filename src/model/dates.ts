/**
 * Calendar checks the date regexes cannot make: `2022-02-30` has the right
 * shape, and `new Date` quietly turns it into 2 March. Every date and moment in
 * content goes through these before anything formats it.
 */
import type { RangeProblem } from '../diagnostics/catalog.js';

const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;
const momentRe = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?([+-])(\d{2}):(\d{2}))?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDay(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** YYYY-MM-DD naming a day that exists. */
export function isCalendarDate(s: string): boolean {
  const m = dateRe.exec(s);
  return m !== null && realDay(m[1] ?? '', m[2] ?? '', m[3] ?? '');
}

/** A calendar date, or a date-time with a UTC offset, every part in range. */
export function isMoment(s: string): boolean {
  const m = momentRe.exec(s);
  if (!m || !realDay(m[1] ?? '', m[2] ?? '', m[3] ?? '')) return false;
  if (m[4] === undefined) return true;
  const [hh, mm, ss, oh, om] = [m[4], m[5], m[6] ?? '0', m[8], m[9]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return hh <= 23 && mm <= 59 && ss <= 59 && oh <= 14 && om <= 59;
}

/** YYYY, YYYY-MM or a calendar date (the precision `:date[...]` allows). */
export function isPartialDate(s: string): boolean {
  if (/^\d{4}$/.test(s)) return true;
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12;
  return isCalendarDate(s);
}

/** True when `zone` is a time zone Intl knows (IANA names such as Asia/Almaty, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How a sentence holds a range of days, `:date[2022-01-04]{to=2022-01-06 range=…}`:
 * `span` names the days ("4–6 January"), `between` is the whole adverbial of time
 * ("between 4 and 6 January", «с 4 по 6 января»). Formatted in i18n/format.ts.
 */
export const rangeForms = ['span', 'between'] as const;
export type RangeForm = (typeof rangeForms)[number];

/** The problem of a `:date[from]` with these attributes, if any; a `from` that is no date is reported as such. */
export function rangeProblem(
  from: string,
  attrs: Readonly<Record<string, string>>,
): RangeProblem | undefined {
  const to = attrs.to;
  if (to === undefined) return attrs.range === undefined ? undefined : { kind: 'no-end' };
  if (!isPartialDate(from)) return undefined;
  if (!isCalendarDate(from)) return { kind: 'not-days' };
  if (!isCalendarDate(to)) return { kind: 'invalid-end', to, ...meantDate(to) };
  if (attrs.style === 'month') return { kind: 'month-style' };
  if (to < from) return { kind: 'backwards', from, to };
  return to === from ? { kind: 'same-day', from, to } : undefined;
}

/** `2022-1-6` is `2022-01-06`; `2022-02-30` is past the month's last day, which is given. */
function meantDate(to: string): { meant?: string; days?: string } {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(to);
  if (!m) return {};
  const [y, mo, d] = [m[1] ?? '', (m[2] ?? '').padStart(2, '0'), (m[3] ?? '').padStart(2, '0')];
  const padded = `${y}-${mo}-${d}`;
  if (padded !== to && isCalendarDate(padded)) return { meant: padded };
  const month = Number(mo);
  return month >= 1 && month <= 12 ? { days: String(daysIn(Number(y), month)) } : {};
}
