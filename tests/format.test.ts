import { describe, expect, test } from 'vitest';
import { createTranslator } from '../src/i18n/instance.js';
import {
  dateValues,
  formatDate,
  formatDateRange,
  formatQuantity,
  formatSpan,
  formatTime,
  translatedFromNote,
} from '../src/i18n/format.js';
import { ablative, dative } from '../src/i18n/languages/kk/numerals.js';
import type { Qualifier } from '../src/model/schema.js';
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
    ['at-least', 10, 'at least 10', 'не\u00a0менее\u00a010', 'кемінде 10'],
    ['over', 80, 'over 80', 'более\u00a080', '80-нен астам'],
    ['over', 1000, 'over 1,000', `более\u00a01${NBSP}000`, `1${NBSP}000-нан астам`],
    ['about', 150, 'about 150', 'около\u00a0150', 'шамамен 150'],
    ['fewer-than', 300, 'fewer than 300', 'менее\u00a0300', '300-ден аз'],
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
    [1, `1${NBSP}тело`, `1${NBSP}body`, `1${NBSP}дене`],
    [2, `2${NBSP}тела`, `2${NBSP}bodies`, `2${NBSP}дене`],
    [5, `5${NBSP}тел`, `5${NBSP}bodies`, `5${NBSP}дене`],
    [11, `11${NBSP}тел`, `11${NBSP}bodies`, `11${NBSP}дене`],
    [21, `21${NBSP}тело`, `21${NBSP}bodies`, `21${NBSP}дене`],
    [22, `22${NBSP}тела`, `22${NBSP}bodies`, `22${NBSP}дене`],
    [25, `25${NBSP}тел`, `25${NBSP}bodies`, `25${NBSP}дене`],
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
    expect(formatQuantity(ru, { value: 80, qualifier: 'over' }, 'video')).toBe(
      `более\u00a080${NBSP}видеозаписей`,
    );
    expect(formatQuantity(ru, { value: 21, qualifier: 'at-least' }, 'video')).toBe(
      `не\u00a0менее\u00a021${NBSP}видеозаписи`,
    );
    expect(formatQuantity(ru, { value: undefined, qualifier: 'dozens' }, 'person')).toBe(
      `десятки${NBSP}человек`,
    );
  });

  test('Kazakh nouns stay singular after a number', () => {
    expect(formatQuantity(kk, { value: 80, qualifier: 'over' }, 'video')).toBe(
      `80-нен астам${NBSP}бейнежазба`,
    );
  });
});

describe('a qualifier with a measure word (per cent, a year, a kilometre)', () => {
  const withNouns = (l: string, nouns: Record<string, string>) =>
    createTranslator(l, { common: common(l), project: { nouns } });
  const kkMeasures = withNouns('kk', {
    percent_one: 'пайыз',
    percent_other: 'пайыз',
    year_one: 'жыл',
    year_other: 'жыл',
    day_one: 'күн',
    day_other: 'күн',
    minute_one: 'минут',
    minute_other: 'минут',
    metre_one: 'метр',
    metre_other: 'метр',
    kilometre_one: 'шақырым',
    kilometre_other: 'шақырым',
    video_one: 'бейнежазба',
    video_other: 'бейнежазба',
  });
  const say = (t: ReturnType<typeof tr>, value: number, qualifier: Qualifier, noun: string, c?: string) =>
    formatQuantity(t, { value, qualifier }, noun, 'project', c, { prose: true }).replaceAll(NBSP, ' ');

  // «75-ке жуық пайыз» reads as "a percent near 75": Kazakh says «75 пайызға жуық».
  test.each<[Qualifier, string]>([
    ['exact', '75 пайыз'],
    ['at-least', 'кемінде 75 пайыз'],
    ['about', 'шамамен 75 пайыз'],
    ['over', '75 пайыздан астам'],
    ['fewer-than', '75 пайыздан аз'],
    ['up-to', '75 пайызға дейін'],
    ['nearly', '75 пайызға жуық'],
  ])('Kazakh %s: the ending goes on the measure word', (qualifier, expected) => {
    expect(say(kkMeasures, 75, qualifier, 'percent')).toBe(expected);
  });

  test('Kazakh endings follow each measure word’s harmony and last sound, after digits and words alike', () => {
    expect(say(kkMeasures, 10, 'over', 'year')).toBe('10 жылдан астам');
    expect(say(kkMeasures, 6, 'over', 'day')).toBe('алты күннен астам');
    expect(say(kkMeasures, 15, 'up-to', 'minute')).toBe('15 минутқа дейін');
    expect(say(kkMeasures, 15, 'fewer-than', 'minute')).toBe('15 минуттан аз');
    expect(say(kkMeasures, 700, 'nearly', 'metre')).toBe('700 метрге жуық');
    expect(say(kkMeasures, 700, 'over', 'metre')).toBe('700 метрден астам');
    expect(say(kkMeasures, 3, 'nearly', 'kilometre')).toBe('үш шақырымға жуық');
    expect(say(kkMeasures, 10, 'over', 'kilometre')).toBe('10 шақырымнан астам');
  });

  test('Kazakh things counted keep the ending on the number; vague quantities stay before the word', () => {
    expect(say(kkMeasures, 80, 'over', 'video')).toBe('80-нен астам бейнежазба');
    expect(say(kkMeasures, 75, 'nearly', 'video')).toBe('75-ке жуық бейнежазба');
    expect(
      formatQuantity(kkMeasures, { value: undefined, qualifier: 'dozens' }, 'percent').replaceAll(NBSP, ' '),
    ).toBe('ондаған пайыз');
  });

  test('a no-break space keeps the number with its measure word', () => {
    expect(formatQuantity(kkMeasures, { value: 75, qualifier: 'nearly' }, 'percent')).toBe(
      `75${NBSP}пайызға жуық`,
    );
  });

  const ruPercent = withNouns('ru', {
    percent_one: 'процент',
    percent_few: 'процента',
    percent_many: 'процентов',
    percent_gen_one: 'процента',
    percent_gen_few: 'процентов',
    percent_gen_many: 'процентов',
    percent_dat_one: 'проценту',
    percent_dat_few: 'процентам',
    percent_dat_many: 'процентам',
    percent_gender: 'm',
  });

  // Russian puts every qualifier before number and noun; «почти» alone leaves the case to the sentence.
  test.each<[Qualifier, number, string]>([
    ['exact', 75, '75 процентов'],
    ['at-least', 75, 'не менее 75 процентов'],
    ['about', 75, 'около 75 процентов'],
    ['over', 75, 'более 75 процентов'],
    ['over', 21, 'более 21 процента'],
    ['fewer-than', 3, 'менее трёх процентов'],
    ['up-to', 75, 'до 75 процентов'],
    ['nearly', 75, 'почти 75 процентов'],
    ['nearly', 3, 'почти три процента'],
  ])('Russian %s %i', (qualifier, value, expected) => {
    expect(say(ruPercent, value, qualifier, 'percent')).toBe(expected);
  });

  test('Russian: the sentence’s case reaches the noun unless the qualifier governs it', () => {
    expect(say(ruPercent, 75, 'nearly', 'percent', 'dat')).toBe('почти 75 процентам');
    expect(say(ruPercent, 75, 'exact', 'percent', 'dat')).toBe('75 процентам');
    expect(say(ruPercent, 75, 'about', 'percent', 'dat')).toBe('около 75 процентов');
    expect(say(ruPercent, 75, 'over', 'percent', 'dat')).toBe('более 75 процентов');
  });
});

describe('a span of days', () => {
  const span = (t: ReturnType<typeof tr>, at: string, until?: string) =>
    formatSpan(t, at, until, 'Asia/Almaty').date.replaceAll(NBSP, '_');

  test('within a month: the month once, an unspaced en dash between the days', () => {
    expect(span(en, '2022-01-05', '2022-01-06')).toBe('5–6_January');
    expect(span(ru, '2022-01-05', '2022-01-06')).toBe('5–6_января');
    expect(span(kk, '2022-01-05', '2022-01-06')).toBe('5–6_қаңтар');
  });

  test('across months: each day in full around a spaced en dash; across years, with its year', () => {
    expect(span(en, '2022-01-30', '2022-02-02')).toBe('30_January – 2_February');
    expect(span(ru, '2022-01-30', '2022-02-02')).toBe('30_января – 2_февраля');
    expect(span(kk, '2022-01-30', '2022-02-02')).toBe('30_қаңтар – 2_ақпан');
    expect(span(en, '2021-12-31', '2022-01-02')).toBe('31_December 2021 – 2_January 2022');
    expect(span(ru, '2021-12-31', '2022-01-02')).toBe('31_декабря 2021_г. – 2_января 2022_г.');
    expect(span(kk, '2021-12-31', '2022-01-02')).toBe('2021_жылғы 31_желтоқсан – 2022_жылғы 2_қаңтар');
  });

  test('moments are days in the project’s time zone; one day is one date, its times a range', () => {
    expect(span(ru, '2022-01-05T23:00+06:00', '2022-01-06T01:00+06:00')).toBe('5–6_января');
    expect(span(kk, '2022-01-05T15:00+06:00', '2022-01-05T17:30+06:00')).toBe('5_қаңтар');
    expect(formatSpan(kk, '2022-01-05T15:00+06:00', '2022-01-05T17:30+06:00', 'Asia/Almaty').time).toBe(
      '15:00–17:30',
    );
    expect(span(en, '2022-01-05', '2022-01-06T02:00+06:00')).toBe('5–6_January');
  });
});

describe('a range of days in a sentence (`:date[…]{to=…}`)', () => {
  const range = (
    t: ReturnType<typeof tr>,
    from: string,
    to: string,
    style?: 'long' | 'day',
    form?: 'span' | 'between',
  ) => formatDateRange(t, from, to, 'Asia/Almaty', style, form).replaceAll(NBSP, '_');

  test('named: the month (and year) once, as the chronology writes a span', () => {
    expect(range(en, '2022-01-04', '2022-01-06', 'day')).toBe('4–6_January');
    expect(range(ru, '2022-01-04', '2022-01-06', 'day')).toBe('4–6_января');
    expect(range(kk, '2022-01-04', '2022-01-06', 'day')).toBe('4–6_қаңтар');
    expect(range(en, '2022-01-04', '2022-01-06')).toBe('4–6_January 2022');
    expect(range(ru, '2022-01-04', '2022-01-06')).toBe('4–6_января 2022_г.');
    expect(range(kk, '2022-01-04', '2022-01-06')).toBe('2022_жылғы 4–6_қаңтар');
  });

  test('between: each language’s words around it, the first day without what it shares', () => {
    expect(range(en, '2022-01-04', '2022-01-06', 'day', 'between')).toBe('between 4 and 6_January');
    expect(range(ru, '2022-01-04', '2022-01-06', 'day', 'between')).toBe('с 4 по 6_января');
    expect(range(kk, '2022-01-04', '2022-01-06', 'day', 'between')).toBe('4–6_қаңтар аралығында');
    expect(range(en, '2022-01-30', '2022-02-02', 'long', 'between')).toBe(
      'between 30_January and 2_February 2022',
    );
    expect(range(ru, '2022-01-30', '2022-02-02', 'long', 'between')).toBe('с 30_января по 2_февраля 2022_г.');
    // «со второго», as «со вторника»; «с двадцать второго», «с двенадцатого».
    expect(range(ru, '2022-01-02', '2022-01-05', 'day', 'between')).toBe('со 2 по 5_января');
    expect(range(ru, '2021-12-02', '2022-01-05', 'day', 'between')).toBe(
      'со 2_декабря 2021_г. по 5_января 2022_г.',
    );
    expect(range(ru, '2022-01-22', '2022-01-25', 'day', 'between')).toBe('с 22 по 25_января');
    expect(range(ru, '2022-01-12', '2022-01-25', 'day', 'between')).toBe('с 12 по 25_января');
  });

  test('years that differ are both shown, whatever the style', () => {
    expect(range(en, '2021-12-30', '2022-01-02', 'day', 'between')).toBe(
      'between 30_December 2021 and 2_January 2022',
    );
    expect(range(ru, '2021-12-30', '2022-01-02', 'day', 'between')).toBe(
      'с 30_декабря 2021_г. по 2_января 2022_г.',
    );
    expect(range(kk, '2021-12-30', '2022-01-02', 'day', 'between')).toBe(
      '2021_жылғы 30_желтоқсан – 2022_жылғы 2_қаңтар аралығында',
    );
  });
});

describe('the note on a translated quotation', () => {
  test('names any language Intl knows, in each language’s grammar; the interface’s own names first', () => {
    expect(translatedFromNote(en, 'ka')).toBe('translated from Georgian');
    expect(translatedFromNote(ru, 'ka')).toBe('перевод с грузинского');
    expect(translatedFromNote(kk, 'ka')).toBe('грузин тілінен аударма');
    expect(translatedFromNote(ru, 'de')).toBe('перевод с немецкого');
    expect(translatedFromNote(kk, 'ru')).toBe('орыс тілінен аударма');
    // No name to give: the plain note.
    expect(translatedFromNote(en, 'und')).toBe('translation');
    expect(translatedFromNote(ru, 'qqq')).toBe('перевод');
  });
});

describe('dates and times', () => {
  test('a Kazakh date "as of" takes the ending of its month: 15 қаңтардағы, шілдедегі, қыркүйектегі', () => {
    const asOf = (iso: string): string => {
      const date = formatDate(kk, iso, 'UTC');
      return kk.t('keyFigure.asOf', dateValues(kk, date));
    };
    expect(asOf('2022-01-15')).toBe(`2022${NBSP}жылғы 15${NBSP}қаңтардағы жағдай бойынша`);
    const months = Array.from({ length: 12 }, (_, i) => {
      const date = formatDate(kk, `2022-${String(i + 1).padStart(2, '0')}-01`, 'UTC', 'day');
      return `${date}${dateValues(kk, date).loc ?? ''}`.replace(/^1\u00a0/, '');
    });
    expect(months).toEqual([
      'қаңтардағы',
      'ақпандағы',
      'наурыздағы',
      'сәуірдегі',
      'мамырдағы',
      'маусымдағы',
      'шілдедегі',
      'тамыздағы',
      'қыркүйектегі',
      'қазандағы',
      'қарашадағы',
      'желтоқсандағы',
    ]);
    // Other languages' strings say the date as it is.
    expect(en.t('keyFigure.asOf', dateValues(en, '15 January 2022'))).toBe('as of 15 January 2022');
  });

  test('calendar dates never shift with the time zone', () => {
    expect(formatDate(en, '2022-01-05', 'Asia/Almaty')).toBe(`5${NBSP}January 2022`);
    expect(formatDate(ru, '2022-01-05', 'America/New_York')).toBe(`5${NBSP}января 2022${NBSP}г.`);
    expect(formatDate(kk, '2022-01-05', 'UTC', 'day')).toBe(`5${NBSP}қаңтар`);
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

describe('Russian dates in their written form', () => {
  test('a year alone carries «г.» as a month or a day does: "2019 г.", "январь 2022 г."', () => {
    expect(formatDate(ru, '2019', 'UTC')).toBe(`2019${NBSP}г.`);
    expect(formatDate(ru, '2022-01', 'UTC')).toBe(`январь 2022${NBSP}г.`);
    expect(formatDate(ru, '2022-01-16', 'UTC')).toBe(`16${NBSP}января 2022${NBSP}г.`);
  });
});

describe('house style: numbers in running prose', () => {
  const prose = { prose: true };
  const q = (value: number, qualifier: Qualifier = 'exact') => ({ value, qualifier });

  test('English spells out one to nine and keeps digits from 10, with a no-break space before the noun', () => {
    expect(formatQuantity(en, q(1), 'video', 'project', undefined, prose)).toBe(`one${NBSP}video`);
    expect(formatQuantity(en, q(4, 'at-least'), 'video', 'project', undefined, prose)).toBe(
      `at least four${NBSP}videos`,
    );
    expect(formatQuantity(en, q(9), 'person', 'project', undefined, prose)).toBe(`nine${NBSP}people`);
    expect(formatQuantity(en, q(10), 'person', 'project', undefined, prose)).toBe(`10${NBSP}people`);
    expect(formatQuantity(en, q(3811), 'person', 'project', undefined, prose)).toBe(`3,811${NBSP}people`);
  });

  test('key figures, tables and charts keep digits', () => {
    expect(formatQuantity(en, q(4), 'video')).toBe(`4${NBSP}videos`);
    expect(formatQuantity(ru, q(4), 'video')).toBe(`4${NBSP}видеозаписи`);
    expect(formatQuantity(kk, q(4), 'video')).toBe(`4${NBSP}бейнежазба`);
  });

  test('a number opening a sentence is written in words, up to 99', () => {
    const start = { prose: true, sentenceStart: true };
    expect(formatQuantity(en, q(15), 'video', 'project', undefined, start)).toBe(`fifteen${NBSP}videos`);
    expect(formatQuantity(en, q(42), 'video', 'project', undefined, start)).toBe(`forty-two${NBSP}videos`);
    expect(formatQuantity(ru, q(15), 'video', 'project', undefined, start)).toBe(
      `пятнадцать${NBSP}видеозаписей`,
    );
    expect(formatQuantity(ru, q(21), 'video', 'project', undefined, start)).toBe(
      `двадцать одна${NBSP}видеозапись`,
    );
    expect(formatQuantity(kk, q(15), 'video', 'project', undefined, start)).toBe(`он бес${NBSP}бейнежазба`);
    // Beyond the words a pack has, digits: the author recasts the sentence.
    expect(formatQuantity(en, q(225), 'body', 'project', undefined, start)).toBe(`225${NBSP}bodies`);
  });

  test('Russian numbers agree with the gender, case and animacy of their noun', () => {
    const say = (value: number, noun: string, qualifier: Qualifier = 'exact', grammaticalCase?: string) =>
      formatQuantity(ru, q(value, qualifier), noun, 'project', grammaticalCase, prose);
    expect(say(1, 'video')).toBe(`одна${NBSP}видеозапись`);
    expect(say(1, 'person')).toBe(`один${NBSP}человек`);
    expect(say(1, 'body')).toBe(`одно${NBSP}тело`);
    expect(say(2, 'video')).toBe(`две${NBSP}видеозаписи`);
    expect(say(2, 'body')).toBe(`два${NBSP}тела`);
    expect(say(5, 'body')).toBe(`пять${NBSP}тел`);
    // «не менее», «более», «около» put the number and its noun in the genitive.
    expect(say(4, 'video', 'at-least')).toBe(`не\u00a0менее\u00a0четырёх${NBSP}видеозаписей`);
    expect(say(1, 'person', 'over')).toBe(`более\u00a0одного${NBSP}человека`);
    expect(say(8, 'body', 'exact', 'gen')).toBe(`восьми${NBSP}тел`);
    // The accusative: things like the nominative, beings like the genitive.
    expect(say(1, 'video', 'exact', 'acc')).toBe(`одну${NBSP}видеозапись`);
    expect(say(2, 'person', 'exact', 'acc')).toBe(`двух${NBSP}человек`);
    expect(say(3, 'body', 'exact', 'acc')).toBe(`три${NBSP}тела`);
    // After a compound number ending in 2–4, beings keep the nominative's forms.
    expect(say(22, 'person', 'exact', 'acc')).toBe(`22${NBSP}человека`);
    expect(say(402, 'person', 'exact', 'acc')).toBe(`402${NBSP}человека`);
    expect(say(1_003, 'person', 'exact', 'acc')).toBe(`1${NBSP}003${NBSP}человека`);
    expect(say(431, 'person', 'exact', 'acc')).toBe(`431${NBSP}человека`);
    expect(say(412, 'person', 'exact', 'acc')).toBe(`412${NBSP}человек`);
    expect(say(405, 'person', 'exact', 'acc')).toBe(`405${NBSP}человек`);
  });

  test('a Russian noun without a declared gender keeps one and two in digits', () => {
    const bare = createTranslator('ru', {
      common: common('ru'),
      project: { nouns: { city_one: 'город', city_few: 'города', city_many: 'городов' } },
    });
    expect(formatQuantity(bare, q(1), 'city', 'project', undefined, prose)).toBe(`1${NBSP}город`);
    expect(formatQuantity(bare, q(3), 'city', 'project', undefined, prose)).toBe(`три${NBSP}города`);
  });

  test('Kazakh writes the case ending solid after a word and hyphenated after digits', () => {
    expect(formatQuantity(kk, q(3, 'over'), 'video', 'project', undefined, prose)).toBe(
      `үштен астам${NBSP}бейнежазба`,
    );
    expect(formatQuantity(kk, q(6, 'over'), 'video', 'project', undefined, prose)).toBe(
      `алтыдан астам${NBSP}бейнежазба`,
    );
    expect(formatQuantity(kk, q(9, 'up-to'), 'video', 'project', undefined, prose)).toBe(
      `тоғызға дейін${NBSP}бейнежазба`,
    );
    expect(formatQuantity(kk, q(30, 'over'), 'video', 'project', undefined, prose)).toBe(
      `30-дан астам${NBSP}бейнежазба`,
    );
    expect(formatQuantity(kk, q(1), 'person', 'project', undefined, prose)).toBe(`бір${NBSP}адам`);
  });

  test('vague quantities and fractions are never spelled', () => {
    const dozens = { value: undefined, qualifier: 'dozens' as const };
    expect(formatQuantity(en, dozens, undefined, 'project', undefined, prose)).toBe('dozens');
    expect(formatQuantity(ru, dozens, 'person', 'project', undefined, prose)).toBe(`десятки${NBSP}человек`);
    expect(formatQuantity(en, q(2.5), undefined, 'project', undefined, prose)).toBe('2.5');
  });
});

describe('no-break spaces keep numbers with their words', () => {
  test('in dates, before the month and before "г."', () => {
    expect(formatDate(ru, '2022-01-04', 'UTC', 'day')).toBe(`4${NBSP}января`);
    expect(formatDate(ru, '2022-01-16', 'UTC')).toBe(`16${NBSP}января 2022${NBSP}г.`);
    expect(formatDate(kk, '2022-01-16', 'UTC')).toBe(`2022${NBSP}жылғы 16${NBSP}қаңтар`);
  });
});

describe('a translator asked the same thing twice', () => {
  test('answers as i18next does, each count and value on its own, and says where a fallback came from each time', () => {
    const t = createTranslator(
      'ru',
      { common: { nouns: { city_one: 'город', city_few: 'города', city_many: 'городов' } } },
      { locale: 'en', namespaces: { common: { only: 'English only {{n}}' } } },
    );
    for (let round = 0; round < 2; round++) {
      expect(t.t('nouns.city', { count: 1 })).toBe('город');
      expect(t.t('nouns.city', { count: 3 })).toBe('города');
      expect(t.t('nouns.city', { count: 5 })).toBe('городов');
      expect(t.lookup('only', { n: 1 })).toEqual({
        text: 'English only 1',
        fallback: 'locales/ru/common.json only',
      });
      expect(t.t('only', { n: 2 })).toBe('English only 2');
      // A lookup with an object among its options is answered too (such lookups are not kept).
      expect(t.t('only', { n: 3, replace: { n: 4 } })).toBe('English only 4');
    }
  });
});
