/** The order of a chronology within its days (compose/chronology.ts states the rule). */
import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chronologyDays } from '../src/compose/chronology.js';
import { ChronologyEntry } from '../src/model/schema.js';
import { composeDocument } from '../src/pipeline/document.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { makeWorkspace, removeWorkspace } from './helpers/workspace.js';

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

describe('local times in a zone that changes its clocks', () => {
  test('the note gives the first entry’s offset, and a time past the change says its own', () => {
    const root = makeWorkspace();
    try {
      const dir = join(root, 'content', 'test');
      const project = join(dir, 'project.yaml');
      writeFileSync(
        project,
        readFileSync(project, 'utf8').replace('timeZone: Asia/Almaty', 'timeZone: Pacific/Auckland'),
      );
      // New Zealand leaves daylight time (UTC+13:00) on the first Sunday of April 2025.
      writeFileSync(
        join(dir, 'chronology.yaml'),
        '- id: residence\n  at: 2025-03-30T15:00+13:00\n  place: residence\n  source: release\n' +
          '- id: later\n  at: 2025-04-10T10:00+12:00\n  place: residence\n  source: release\n',
      );
      for (const l of ['en', 'ru', 'kk']) {
        const texts = join(dir, l, 'texts.yaml');
        writeFileSync(
          texts,
          readFileSync(texts, 'utf8').replace(/^chronology:\n/m, 'chronology:\n  later: Forces return.\n'),
        );
      }
      const ws = loadWorkspace(root);
      const body = composeDocument(ws, ws.projects[0]!, 'en', 'briefing-osce').body;
      const found = JSON.stringify(body);
      expect(found).toContain('All times are local (UTC+13:00).');
      expect(found).toContain('"when":"15:00"');
      expect(found).toContain('"when":"10:00 (UTC+12:00)"');
    } finally {
      removeWorkspace(root);
    }
  });
});
