/** Russian: counted words in the genitive after «более», «не менее», «около», «до» and vague quantities. */
import type { Qualifier } from '../../../model/schema.js';
import type { LanguagePack } from '../pack.js';
import { russianWords } from './numerals.js';

const genitiveQualifiers: readonly Qualifier[] = ['at-least', 'over', 'about', 'fewer-than', 'up-to'];

/** 22, 103, 402, 1,004: a number of several words whose last is «два», «три» or «четыре». */
const compoundTwoToFour = (n: number): boolean =>
  Number.isInteger(n) && n > 20 && [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100);

export const ru: LanguagePack = {
  code: 'ru',
  numberValues: () => ({}),
  numberValueNotes: {},
  quantityCase: (qualifier, vague) => (vague || genitiveQualifiers.includes(qualifier) ? 'gen' : undefined),
  declines: true,
  labelsAgree: true,
  // Intl writes a year alone without «г.» («2019») but a month or a day with it («январь 2022 г.»);
  // a Russian editor writes it the same way everywhere: «2019 г.», as in the sources annex.
  date: (intl) => (/^\d{4}$/.test(intl) ? `${intl} г.` : intl),
  // A range of whole days, both included: «с 4 по 6 января» (not «между», not «с 4 до 6»);
  // «со» before «второго», as before any word opening on two consonants: «со 2 по 5 мая».
  between: ({ from, to }) => `${/^2(?!\d)/.test(from) ? 'со' : 'с'} ${from} по ${to}`,
  dateValues: () => ({}),
  dateValueNotes: {},
  // «перевод с грузинского»: a language's name is an adjective, said in the genitive.
  languageFrom: (name) => (/(ск|цк)ий$/.test(name) ? name.replace(/ий$/, 'ого') : undefined),
  // Russian editorial practice, too: single-digit counts in words ("шесть стран").
  spellUpTo: 9,
  spell: russianWords,
  // "один/одна/одно", "два/две": a counted noun declares which (`nouns.video_gender: f`).
  genders: ['m', 'f', 'n'],
  // «около 75 процентов», «более 75 процентов»: every qualifier stands before number and noun.
  measureValues: () => undefined,
  spelledPhrase: (phrase) => phrase,
  // "вижу двух человек", "одного мужчину": an animate noun in the accusative takes genitive
  // forms, except after a compound number ending in 2–4, which keeps its nominative ones:
  // "задержали двадцать два (402) человека", not "человек".
  countedCase: (grammaticalCase, animate, n) => {
    if (grammaticalCase !== 'acc' || !animate) return grammaticalCase;
    return n !== undefined && compoundTwoToFour(n) ? 'nom' : 'gen';
  },
  // Of places and of names: «пл. Республики», «ул. Сатпаева», «им. Абая».
  abbreviations: ['пл.', 'ул.', 'просп.', 'пер.', 'бул.', 'наб.', 'пос.', 'обл.', 'им.'],
  shortWords: ['а', 'в', 'и', 'к', 'о', 'с', 'у', 'я'],
};
