/** The list of sources as printed: honest dates, links, short repeats, the language's quotation marks. */
import { beforeAll, describe, expect, test } from 'vitest';
import { treeOf } from './helpers/document.js';
import type { Element } from 'hast';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { composeDocument } from '../src/pipeline/document.js';
import { SourceEntry } from '../src/model/schema.js';
import type { Project } from '../src/model/project.js';
import { selectAll } from './helpers/select.js';
import { toText } from './helpers/text.js';
import { repoRoot } from './helpers/workspace.js';

let ws: Workspace;
let project: Project;
beforeAll(() => {
  ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
  project = ws.projects[0]!;
});

const entries = (locale: string): Element[] => {
  const doc = composeDocument(ws, project, locale, 'briefing-osce');
  const list = selectAll(treeOf(doc), 'ol').find((o) =>
    String(o.properties?.className ?? '').includes('references'),
  );
  return list ? selectAll(list, 'li') : [];
};
const texts = (locale: string): string[] =>
  entries(locale).map((li) => toText(li).replace(/\s+/g, ' ').trim());

describe('sources.yaml dates', () => {
  test.each([['2016'], ['2019-04'], ['2022-01-07'], [undefined]])('accepts %s', (date) => {
    expect(SourceEntry.safeParse({ id: 'x', kind: 'report', ...(date ? { date } : {}) }).success).toBe(true);
  });
  test('a bare year read by YAML as a number is that year', () => {
    expect(SourceEntry.parse({ id: 'x', kind: 'report', date: 1990 }).date).toBe('1990');
  });
  test.each([['2022-1-7'], ['January 2022'], ['22']])('refuses %s', (date) => {
    expect(SourceEntry.safeParse({ id: 'x', kind: 'report', date }).success).toBe(false);
  });
});

describe('the list of sources', () => {
  test('sources known by their year print the year only; none is given an invented day', () => {
    const en = texts('en');
    expect(en.find((t) => t.includes('Basic Principles'))).toMatch(/”, 1990 \(/);
    expect(en.find((t) => t.startsWith('United Nations Human Rights Council'))).toMatch(/”, 2016 \(/);
    expect(en.join('\n')).not.toMatch(/1 January 20(16|19)/);
    // The Almaty release is dated by its month.
    expect(en.find((t) => t.includes('Killings, Excessive Use of Force'))).toMatch(/”, January 2022$/);
  });

  test('a known URL is a link, in the entry of its source', () => {
    const link = entries('en')
      .flatMap((li) => selectAll(li, 'a'))
      .find((a) => String(a.properties?.href).startsWith('https://'));
    expect(link?.properties?.href).toBe(
      'https://www.hrw.org/news/2022/01/07/kazakhstan-cancel-shoot-without-warning-order',
    );
    expect(toText(link!)).toBe(link?.properties?.href);
  });

  test('the reporting release is cited short, linked to its own entry', () => {
    const li = entries('en').find((e) => toText(e).startsWith('Internal Affairs Ministry'))!;
    const ref = selectAll(li, 'a').find((a) => String(a.properties?.href).startsWith('#ref-'));
    expect(toText(ref!)).toBe('Human Rights Watch, 7\u00a0January 2022');
    const target = entries('en').find((e) => `#${String(e.properties?.id)}` === ref?.properties?.href);
    expect(toText(target!)).toMatch(/^Human Rights Watch, “Kazakhstan: Cancel ‘Shoot Without Warning’ Order/);
  });

  test.each([
    ['en', '“', '”', /‘an act of aggression’/],
    ['ru', '«', '»', /„миротворческих“/],
    ['kk', '«', '»', /„бітімгершілік“/],
  ])(
    '%s titles stand in the language’s quotation marks, with inner quotes nested',
    (locale, open, close, inner) => {
      const all = texts(locale).join('\n');
      expect(all).toContain(`, ${open}`);
      expect(all).toContain(`${close}, `);
      expect(all).toMatch(inner);
      // English closing quotation marks never appear in Russian or Kazakh.
      if (locale !== 'en') expect(all).not.toContain('”');
    },
  );
});
