/** Derived figures and figure uses: the rules a new value is judged by. */
import { describe, expect, test } from 'vitest';
import { buildRegistry, type Figure } from '../src/model/figures.js';
import { coversBy, figureUse, selectValue, type Claim } from '../src/model/figure-use.js';
import { FigureEntry, type Qualifier } from '../src/model/schema.js';
import { missingForms } from '../src/i18n/forms.js';

const stated = (id: string, ...values: [number, Qualifier, string, string][]): FigureEntry => ({
  id,
  values: values.map(([value, qualifier, asOf, source]) => ({ value, qualifier, asOf, source, quote: 'q' })),
});
const derived = (id: string, formula: string, extra: Partial<FigureEntry> = {}): FigureEntry => ({
  id,
  formula,
  ...extra,
});

describe('derived figures', () => {
  test.each<[Qualifier, string, Qualifier, Qualifier]>([
    ['exact', '-', 'exact', 'exact'],
    ['over', '-', 'exact', 'over'],
    ['at-least', '-', 'exact', 'at-least'],
    ['exact', '-', 'at-least', 'up-to'],
    ['exact', '-', 'over', 'fewer-than'],
    ['at-least', '+', 'over', 'over'],
    ['about', '+', 'exact', 'about'],
    ['up-to', '+', 'fewer-than', 'fewer-than'],
  ])('%s %s %s → %s', (a, op, b, expected) => {
    const { registry, problems } = buildRegistry([
      stated('a', [232, a, '2022-03-01', 's']),
      stated('b', [19, b, '2022-01-15', 's']),
      derived('c', `a ${op} b`),
    ]);
    expect(problems).toEqual([]);
    expect(registry.get('c')!.latest.qualifier).toBe(expected);
  });

  test('a combination the rules cannot decide asks for an explicit qualifier', () => {
    const entries = [
      stated('a', [232, 'at-least', '2022-03-01', 's']),
      stated('b', [19, 'at-least', '2022-01-15', 's']),
    ];
    expect(buildRegistry([...entries, derived('c', 'a - b')]).problems).toEqual([
      { kind: 'qualifier-undecidable', figure: 'c', asOf: '2022-03-01' },
    ]);
    const { registry, problems } = buildRegistry([...entries, derived('c', 'a - b', { qualifier: 'about' })]);
    expect(problems).toEqual([]);
    expect(registry.get('c')!.latest.qualifier).toBe('about');
  });

  test('each value is dated by its newest input; pinned inputs hold the statement', () => {
    const entries = [
      stated('bodies', [225, 'exact', '2022-01-15', 'prosecutor'], [232, 'over', '2022-03-01', 'march']),
      stated('security', [19, 'exact', '2022-01-15', 'prosecutor']),
    ];
    const free = buildRegistry([...entries, derived('other', 'bodies - security')]).registry.get('other')!;
    expect(free.history.map((h) => [h.value, h.qualifier, h.asOf, h.sources])).toEqual([
      [206, 'exact', '2022-01-15', ['prosecutor']],
      [213, 'over', '2022-03-01', ['march', 'prosecutor']],
    ]);
    const pinned = buildRegistry([
      ...entries,
      derived('other', 'bodies - security', { pins: { bodies: 'prosecutor', security: '2022-01-15' } }),
    ]).registry.get('other')!;
    expect(pinned.history.map((h) => [h.value, h.asOf])).toEqual([[206, '2022-01-15']]);
  });

  test('a stated date or qualifier the inputs contradict and a bad pin are problems; a result that is no count is kept for load to refuse', () => {
    const entries = [
      stated('a', [5, 'exact', '2022-03-01', 's']),
      stated('z', [0, 'exact', '2022-03-01', 's']),
    ];
    const kinds = (extra: FigureEntry): string[] =>
      buildRegistry([...entries, extra]).problems.map((p) => p.kind);
    expect(kinds(derived('c', 'a - z', { asOf: '2022-01-01' }))).toEqual(['date-before-inputs']);
    expect(kinds(derived('c', 'a - z', { qualifier: 'over' }))).toEqual(['qualifier-mismatch']);
    expect(kinds(derived('c', 'a / z'))).toEqual([]);
    const values = (extra: FigureEntry): (number | undefined)[] =>
      buildRegistry([...entries, extra])
        .registry.get('c')!
        .history.map((h) => h.value);
    expect(values(derived('c', 'a / z'))).toEqual([Infinity]);
    expect(values(derived('c', 'z - a'))).toEqual([-5]);
    expect(kinds(derived('c', 'a', { pins: { a: 'nobody' } }))).toEqual(['pin']);
    expect(kinds(derived('c', 'a', { pins: { z: 's' } }))).toEqual(['pin-unused']);
  });

  test.each<[Qualifier, number, number, Qualifier]>([
    ['exact', 0, 544, 'about'], // 3811 / 7 = 544.43: rounded, no longer exact
    ['over', 0, 544, 'over'], // over 544.43 is over 544
    ['at-least', 1, 544.4, 'at-least'],
    ['fewer-than', 0, 545, 'fewer-than'], // fewer than 544.43 is fewer than 545
    ['up-to', 2, 544.43, 'up-to'],
    ['about', 0, 544, 'about'],
  ])('a derived %s value with decimals %i is %s, still %s', (qualifier, decimals, value, expected) => {
    const { registry, problems } = buildRegistry([
      stated('a', [3811, qualifier, '2022-01-07', 's']),
      derived('c', 'a / 7', { decimals }),
    ]);
    expect(problems).toEqual([]);
    expect(registry.get('c')!.latest).toMatchObject({ value, qualifier: expected });
  });

  test('decimals round a derived figure only: a stated value is printed as its source gives it', () => {
    const value = { value: 75.5, asOf: '2022-01-07', source: 's', quote: 'q' };
    const refused = FigureEntry.safeParse({ id: 'a', values: [value], decimals: 0 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path)).toEqual([['decimals']]);
    expect(FigureEntry.safeParse({ id: 'a', formula: 'b / 2', decimals: 0 }).success).toBe(true);
  });

  test('an exact value rounding leaves as it is stays exact, and a sum of tenths rounds as written', () => {
    const registry = (formula: string, decimals: number): Figure =>
      buildRegistry([
        stated('a', [3, 'exact', '2022-01-07', 's']),
        derived('c', formula, { decimals }),
      ]).registry.get('c')!;
    expect(registry('a * 2', 0).latest).toMatchObject({ value: 6, qualifier: 'exact' });
    expect(registry('a * 0.1', 1).latest).toMatchObject({ value: 0.3, qualifier: 'exact' });
  });
});

describe('figure uses', () => {
  const { registry } = buildRegistry([
    stated('bodies', [225, 'exact', '2022-01-15', 'prosecutor'], [232, 'over', '2022-03-01', 'march']),
  ]);
  const bodies = registry.get('bodies') as Figure;
  const covers = coversBy(new Map([['prosecutor', 'release']]));
  const pick = (attrs: Record<string, string>, claim: Claim): string =>
    ((s) => (s.ok ? String(s.value.value) : s.problem.rule))(
      selectValue(bodies, figureUse(attrs), claim, covers),
    );

  test('a sentence that cites a source shows that source’s value, also through the release that reported it', () => {
    expect(pick({}, { cites: ['prosecutor'], dated: true })).toBe('225');
    expect(pick({}, { cites: ['release'], dated: true })).toBe('225');
    expect(pick({}, { cites: ['march'], dated: false })).toBe('232');
  });

  test('current follows the newest value, but not in a dated sentence nor against its citation', () => {
    expect(pick({ current: '' }, { cites: [], dated: false })).toBe('232');
    expect(pick({ current: '' }, { cites: [], dated: true })).toBe('figure/current-in-dated-sentence');
    expect(pick({ current: '' }, { cites: ['prosecutor'], dated: false })).toBe('figure/statement');
  });

  test('an explicit pin must agree with the citation; an uncited bare use says nothing', () => {
    expect(pick({ asOf: '2022-01-15' }, { cites: [], dated: false })).toBe('225');
    expect(pick({ source: 'march' }, { cites: ['prosecutor'], dated: false })).toBe('figure/statement');
    expect(pick({ asOf: '2021-01-01' }, { cites: [], dated: false })).toBe('figure/statement');
    expect(pick({}, { cites: [], dated: false })).toBe('figure/unpinned');
    expect(pick({}, { cites: ['someone-else'], dated: false })).toBe('figure/statement');
  });
});

describe('forms a counted word needs', () => {
  test('Russian needs one, few and many, and the genitive where its nouns decline', () => {
    const keys = new Set(['person_one', 'person_few', 'person_many', 'person_gen_one', 'person_gen_many']);
    expect(missingForms('person', keys, 'ru', true)).toEqual(['person_gen_few']);
    expect(missingForms('person', keys, 'ru', false)).toEqual([]);
  });
  test('Kazakh and English need one and other; an invariable label needs none', () => {
    expect(missingForms('person', new Set(['person_other']), 'kk', false)).toEqual(['person_one']);
    expect(missingForms('person', new Set(['person_other']), 'en', false)).toEqual(['person_one']);
    expect(missingForms('detained', new Set(['detained']), 'ru', false)).toEqual([]);
  });
});
