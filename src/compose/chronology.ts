/**
 * The order of a chronology and its days. The rule, stated once (docs/content-format.md):
 * entries fall under the local day they start on; within a day, timed entries go by
 * their local time; an entry with a date only and a `partOfDay` comes after the timed
 * entries of that part of the day (it happened at some time in it, not at its start);
 * an entry with a date only and no part of the day comes after all of the day's other
 * entries. Ties keep the order of chronology.yaml.
 */
import type { ChronologyEntry, PartOfDay } from '../model/schema.js';
import { wallClock } from '../charts/resolve.js';

/** Minutes since local midnight at which each part of the day ends. */
const partEnds: Readonly<Record<PartOfDay, number>> = {
  night: 6 * 60,
  morning: 12 * 60,
  afternoon: 18 * 60,
  evening: 24 * 60,
};

const isDateOnly = (iso: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(iso);

/** The local calendar day and minute of the day of a moment in `timeZone`. */
export function localDayAndMinute(iso: string, timeZone: string): { day: string; minute: number } {
  if (isDateOnly(iso)) return { day: iso, minute: 0 };
  // The wall-clock time as a UTC timestamp: its UTC fields are the local ones.
  const local = new Date(wallClock(iso, timeZone));
  return { day: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/**
 * A sort key within the day: timed entries at twice their minute, a part of the day
 * just after the last minute it holds, a bare date after everything else.
 */
function keyInDay(e: ChronologyEntry, minute: number): number {
  if (!isDateOnly(e.at)) return minute * 2;
  if (e.partOfDay) return partEnds[e.partOfDay] * 2 - 1;
  return 24 * 60 * 2 + 1;
}

export interface ChronologyDay<T> {
  /** The local day, YYYY-MM-DD. */
  readonly day: string;
  readonly entries: readonly T[];
}

/** The entries in true order, grouped by their local day (days in order). */
export function chronologyDays<T extends ChronologyEntry>(
  entries: readonly T[],
  timeZone: string,
): ChronologyDay<T>[] {
  const keyed = entries.map((e, index) => {
    const { day, minute } = localDayAndMinute(e.at, timeZone);
    return { e, day, key: keyInDay(e, minute), index };
  });
  keyed.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.key - b.key || a.index - b.index));
  const days: { day: string; entries: T[] }[] = [];
  for (const k of keyed) {
    const last = days[days.length - 1];
    if (last?.day === k.day) last.entries.push(k.e);
    else days.push({ day: k.day, entries: [k.e] });
  }
  return days;
}
