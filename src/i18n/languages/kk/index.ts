/** Kazakh: case endings on numerals written as digits ("9 900-ден астам", "10-ға дейін"). */
import type { LanguagePack } from '../pack.js';
import { ablative, dative, kazakhWords, wordEndings } from './numerals.js';
import { locativeAttributive } from './dates.js';

/**
 * Words a quantity is measured in, not things counted. A qualifier that follows its number
 * puts its ending on them ("75 пайызға жуық", "10 жылдан астам", "5 шақырымға дейін"), as it
 * does on the number of things counted ("80-нен астам бейнежазба").
 */
const measures: ReadonlySet<string> = new Set([
  'пайыз',
  'процент',
  'жыл',
  'ай',
  'апта',
  'тәулік',
  'күн',
  'сағат',
  'минут',
  'секунд',
  'шақырым',
  'километр',
  'метр',
  'сантиметр',
  'миллиметр',
  'гектар',
  'тонна',
  'килограмм',
  'грамм',
  'литр',
  'теңге',
  'доллар',
]);

export const kk: LanguagePack = {
  code: 'kk',
  numberValues: (n) => ({ abl: ablative(n), dat: dative(n) }),
  numberValueNotes: {
    '{{abl}}': 'the ablative ending of the number (-дан/-ден, -тан/-тен, -нан/-нен)',
    '{{dat}}': 'the dative ending of the number (-ға/-ге, -қа/-ке)',
  },
  quantityCase: () => undefined,
  declines: false,
  labelsAgree: false,
  // Intl abbreviates the year ("2022 ж. 16 қаңтар"); formal Kazakh writes the attributive
  // "2022 жылғы 16 қаңтар", which also takes the endings that follow ("…қаңтардағы").
  date: (intl) => intl.replace(/(?<!\d)(\d{4}) ж\.(?=\s)/gu, '$1 жылғы'),
  // The range is named, then placed in time by the postposition: «4–6 қаңтар аралығында».
  between: ({ span }) => `${span} аралығында`,
  dateValues: (date) => ({ loc: locativeAttributive(date) }),
  // «грузин тілінен аударма»: "X тілі" in the ablative.
  languageFrom: (name) => (/ тілі$/.test(name) ? name.replace(/тілі$/, 'тілінен') : undefined),
  dateValueNotes: {
    '{{loc}}':
      'the ending that makes the date an attribute, written straight after it: -дағы/-дегі, -тағы/-тегі ("15 қаңтардағы")',
  },
  spellUpTo: 9,
  // A counted noun stays singular after any number and has no gender: nothing to agree with.
  spell: (n) => kazakhWords(n),
  genders: [],
  // The number and its measure word take the qualifier's ending together: "75 пайыз-{{dat}}"
  // is written "75 пайызға" (spelledPhrase), so every qualifier string serves both.
  measureValues: (noun) => {
    const last = noun.trim().split(/\s+/).at(-1)?.toLowerCase() ?? '';
    return measures.has(last) ? wordEndings(last) : undefined;
  },
  // A case ending is hyphenated after digits ("3-тен астам") and written solid after a word ("үштен астам").
  spelledPhrase: (phrase, word) => phrase.split(`${word}-`).join(word),
  countedCase: (grammaticalCase) => grammaticalCase,
  // A Kazakh place's abbreviation follows its name («Сәтбаев көш.»): none stands before one.
  abbreviations: [],
  // Kazakh has postpositions, not prepositions: no word of one letter leads another.
  shortWords: [],
};
