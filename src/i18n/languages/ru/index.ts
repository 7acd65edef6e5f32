/** Russian: counted words in the genitive after «более», «не менее», «около», «до» and vague quantities. */
import type { Qualifier } from '../../../model/schema.js';
import type { LanguagePack } from '../pack.js';
import { russianWords } from './numerals.js';

const genitiveQualifiers: readonly Qualifier[] = ['at-least', 'over', 'about', 'fewer-than', 'up-to'];

export const ru: LanguagePack = {
  code: 'ru',
  numberValues: () => ({}),
  numberValueNotes: {},
  quantityCase: (qualifier, vague) => (vague || genitiveQualifiers.includes(qualifier) ? 'gen' : undefined),
  declines: true,
  labelsAgree: true,
  date: (intl) => intl,
  // Russian editorial practice, too: single-digit counts in words ("шесть стран").
  spellUpTo: 9,
  spell: russianWords,
  // "один/одна/одно", "два/две": a counted noun declares which (`nouns.video_gender: f`).
  genders: ['m', 'f', 'n'],
  spelledPhrase: (phrase) => phrase,
  // "вижу двух человек", "одного мужчину": an animate noun in the accusative takes genitive forms.
  countedCase: (grammaticalCase, animate) => (grammaticalCase === 'acc' && animate ? 'gen' : grammaticalCase),
};
