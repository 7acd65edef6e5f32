import { describe, expect, test } from '@jest/globals';
import { createTranslator } from '../src/i18n/instance.js';
import { formatDate, formatQuantity, formatTime } from '../src/i18n/format.js';
import { ablative, dative } from '../src/i18n/languages/kk/numerals.js';
import type { Qualifier } from '../src/load/schema.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers/workspace.js';
import { parse } from 'yaml';

const NBSP = '\u00a0';
const common = (l: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(repoRoot, 'locales', l, 'common.json'), 'utf8')) as Record<string, unknown>;
const texts = (l: string): Record<string, unknown> =>
  parse(readFileSync(join(repoRoot, 'tests/fixtures/base-project', l, 'texts.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
const tr = (l: string) => createTranslator(l, { common: common(l), project: texts(l) });
const [en, ru, kk] = [tr('en'), tr('ru'), tr('kk')];

describe('figures are formatted for the locale, with their qualifier', () => {
  test('digit grouping: comma in English, no-break space in Russian and Kazakh', () => {
    const v = { value: 3811, qualifier: 'exact' as const };
    expect(formatQuantity(en, v)).toBe('3,811');
    expect(formatQuantity(ru, v)).toBe(`3${NBSP}811`);
    expect(formatQuantity(kk, v)).toBe(`3${NBSP}811`);
  });

  test.each<[Qualifier, number | undefined, string, string, string]>([
    ['at-least', 10, 'at least 10', 'не менее 10', 'кемінде 10'],
    ['over', 80, 'over 80', 'более 80', '80-нен астам'],
    ['over', 1000, 'over 1,000', `более 1${NBSP}000`, `1${NBSP}000-нан астам`],
    ['about', 150, 'about 150', 'около 150', 'шамамен 150'],
    ['fewer-than', 300, 'fewer than 300', 'менее 300', '300-ден аз'],
    ['dozens', undefined, 'dozens', 'десятки', 'ондаған'],
  ])('%s %s', (qualifier, value, e, r, k) => {
    const v = { value, qualifier };
    expect(formatQuantity(en, v)).toBe(e);
    expect(formatQuantity(ru, v)).toBe(r);
    expect(formatQuantity(kk, v)).toBe(k);
  });

  test('Kazakh case suffixes follow the last spoken word of the number', () => {
    expect([1, 3, 6, 10, 20, 40, 80, 100, 225, 1000, 3811].map((n) => `${n}-${ablative(n)}`)).toEqual([
      '1-ден',
      '3-тен',
      '6-дан',
      '10-нан',
      '20-дан',
      '40-тан',
      '80-нен',
      '100-ден',
      '225-тен',
      '1000-нан',
      '3811-ден',
    ]);
    expect([5, 9, 10, 40].map((n) => `${n}-${dative(n)}`)).toEqual(['5-ке', '9-ға', '10-ға', '40-қа']);
  });
});

describe('plural forms', () => {
  // The CLDR categories: ru one/few/many (1, 21 | 2, 22 | 5, 11, 25), kk and en one/other.
  test.each([
    [1, '1 тело', '1 body', '1 дене'],
    [2, '2 тела', '2 bodies', '2 дене'],
    [5, '5 тел', '5 bodies', '5 дене'],
    [11, '11 тел', '11 bodies', '11 дене'],
    [21, '21 тело', '21 bodies', '21 дене'],
    [22, '22 тела', '22 bodies', '22 дене'],
    [25, '25 тел', '25 bodies', '25 дене'],
  ])('nouns agree with %i in Russian, English and Kazakh', (n, r, e, k) => {
    expect(formatQuantity(ru, { value: n, qualifier: 'exact' }, 'body')).toBe(r);
    expect(formatQuantity(en, { value: n, qualifier: 'exact' }, 'body')).toBe(e);
    expect(formatQuantity(kk, { value: n, qualifier: 'exact' }, 'body')).toBe(k);
  });

  test.each([1, 2, 5, 11, 21, 22, 25])('i18next picks the CLDR plural category for %i', (n) => {
    const category = (l: string): string => new Intl.PluralRules(l).select(n);
    expect(ru.t('project:nouns.body', { count: n })).toBe(
      { one: 'тело', few: 'тела', many: 'тел', other: 'тела' }[category('ru')],
    );
    expect(category('kk')).toBe(n === 1 ? 'one' : 'other');
  });

  test('after "over" and "at least" Russian nouns take the genitive', () => {
    expect(formatQuantity(ru, { value: 80, qualifier: 'over' }, 'video')).toBe('более 80 видеозаписей');
    expect(formatQuantity(ru, { value: 21, qualifier: 'at-least' }, 'video')).toBe('не менее 21 видеозаписи');
    expect(formatQuantity(ru, { value: undefined, qualifier: 'dozens' }, 'person')).toBe('десятки человек');
  });

  test('Kazakh nouns stay singular after a number', () => {
    expect(formatQuantity(kk, { value: 80, qualifier: 'over' }, 'video')).toBe('80-нен астам бейнежазба');
  });
});

describe('dates and times', () => {
  test('calendar dates never shift with the time zone', () => {
    expect(formatDate(en, '2022-01-05', 'Asia/Almaty')).toBe('5 January 2022');
    expect(formatDate(ru, '2022-01-05', 'America/New_York')).toBe('5 января 2022 г.');
    expect(formatDate(kk, '2022-01-05', 'UTC', 'day')).toBe('5 қаңтар');
  });

  test('times are shown in the project time zone, not the machine one', () => {
    expect(formatTime(en, '2022-01-05T00:15+06:00', 'Asia/Almaty')).toBe('00:15');
    expect(formatTime(ru, '2022-01-04T18:15Z', 'Asia/Almaty')).toBe('00:15');
  });
});

describe('Kazakh dates in their written form', () => {
  test('the year is attributive, not abbreviated: "2022 жылғы 16 қаңтар"', async () => {
    const { packFor } = await import('../src/i18n/languages/index.js');
    expect(packFor('kk').date('2022 ж. 16 қаңтар')).toBe('2022 жылғы 16 қаңтар');
    expect(packFor('kk').date('2022 ж. қаңтар')).toBe('2022 жылғы қаңтар');
    expect(packFor('kk').date('2019')).toBe('2019');
    expect(packFor('ru').date('16 января 2022 г.')).toBe('16 января 2022 г.');
  });
});
