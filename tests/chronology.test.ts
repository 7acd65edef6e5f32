/** The order of a chronology within its days (compose/chronology.ts states the rule). */
import { describe, expect, test } from 'vitest';
import { chronologyDays } from '../src/compose/chronology.js';
import { ChronologyEntry } from '../src/model/schema.js';

const entry = (id: string, at: string, partOfDay?: string) =>
  ChronologyEntry.parse({ id, at, source: 's', ...(partOfDay ? { partOfDay } : {}) });
const order = (entries: ReturnType<typeof entry>[]) =>
  chronologyDays(entries, 'Asia/Almaty').map((d) => `${d.day}: ${d.entries.map((e) => e.id).join(' ')}`);

describe('chronology order', () => {
  test('within a day: timed by local time, a part of the day after its timed entries, a bare date last', () => {
    const entries = [
      entry('evening', '2022-01-05', 'evening'),
      entry('undated', '2022-01-05'),
      entry('morning', '2022-01-05', 'morning'),
      entry('at-1500', '2022-01-05T15:00+06:00'),
      entry('at-1100', '2022-01-05T11:00+06:00'),
      entry('afternoon', '2022-01-05', 'afternoon'),
      entry('at-1200', '2022-01-05T12:00+06:00'),
      entry('night', '2022-01-05', 'night'),
      entry('at-0015', '2022-01-05T00:15+06:00'),
    ];
    expect(order(entries)).toEqual([
      '2022-01-05: at-0015 night at-1100 morning at-1200 at-1500 afternoon evening undated',
    ]);
  });

  test('entries fall under their local day, whatever offset they are written with', () => {
    // 18:30 UTC on 4 January is 00:30 on 5 January in Almaty (UTC+6).
    const days = order([entry('late', '2022-01-04T18:30+00:00'), entry('day', '2022-01-04')]);
    expect(days).toEqual(['2022-01-04: day', '2022-01-05: late']);
  });

  test('ties keep the order of the file', () => {
    const entries = [entry('b', '2022-01-07'), entry('a', '2022-01-07'), entry('c', '2022-01-07')];
    expect(order(entries)).toEqual(['2022-01-07: b a c']);
  });

  test('a part of the day is refused on a timed entry', () => {
    expect(
      ChronologyEntry.safeParse({ id: 'x', at: '2022-01-05T10:00+06:00', partOfDay: 'morning', source: 's' })
        .success,
    ).toBe(false);
  });
});
