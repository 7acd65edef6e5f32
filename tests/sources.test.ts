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
    expect(en.find((t) => t.startsWith('United Nations Human Rights Council'))).toMatch(/\], 2016 \(/);
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
    ['en', '“Kazakhstan: Cancel ‘Shoot Without Warning’ Order. Ensure', '”, 7 January 2022'],
    [
      'ru',
      '«Kazakhstan: Cancel ‘Shoot Without Warning’ Order. Ensure',
      '» [перевод названия: Казахстан: отменить приказ «стрелять без предупреждения». ',
    ],
    [
      'kk',
      '«Kazakhstan: Cancel ‘Shoot Without Warning’ Order. Ensure',
      '» [атауының аудармасы: Қазақстан: «ескертусіз оқ ату» туралы бұйрықтың күшін жою керек. ',
    ],
  ])(
    '%s: a source’s own title stands as published, in the language’s quotation marks; a translation of it is marked',
    (locale, opening, after) => {
      const hrw = texts(locale).find((e) => e.startsWith('Human Rights Watch, ') && e.includes('Cancel'))!;
      expect(hrw).toContain(`Human Rights Watch, ${opening}`);
      expect(hrw).toContain(after);
      const title = entries(locale)
        .flatMap((li) => selectAll(li, 'span'))
        .find((span) => toText(span).includes('Cancel'));
      // The published title is marked as English for screen readers and hyphenation.
      expect(title?.properties.lang).toBe(locale === 'en' ? undefined : 'en');
    },
  );

  // «Заявление для СМИ о действиях полиции» in quotation marks passed a description, and a
  // translation of it, for the title of a document.
  test.each(['en', 'ru', 'kk'])(
    '%s: no translated or described title stands in quotation marks',
    (locale) => {
      const marks = locale === 'en' ? ['“', '”'] : ['«', '»'];
      const published = [
        'Kazakhstan: Cancel',
        'Kazakhstan: Killings',
        'Basic Principles on the Use of Force',
      ];
      for (const entry of texts(locale)) {
        const quoted = entry.split(', ').slice(1).join(', ').startsWith(marks[0]!);
        if (quoted)
          expect(
            published.some((p) => entry.includes(`${marks[0]}${p}`)),
            entry,
          ).toBe(true);
      }
      const police = texts(locale).find((e) => /^(Almaty police|Полиция Алматы|Алматы полициясы),/.test(e))!;
      expect(police).toMatch(/^[^,]+, \[[^\]]+\], /);
      if (locale !== 'en') expect(texts(locale).join('\n')).not.toContain('”');
    },
  );
});
