/** Russian: counted words in the genitive after «более», «не менее», «около», «до» and vague quantities. */
import type { Qualifier } from '../../../load/schema.js';
import type { LanguagePack } from '../pack.js';

const genitiveQualifiers: readonly Qualifier[] = ['at-least', 'over', 'about', 'fewer-than', 'up-to'];

export const ru: LanguagePack = {
  code: 'ru',
  numberValues: () => ({}),
  numberValueNotes: {},
  quantityCase: (qualifier, vague) => (vague || genitiveQualifiers.includes(qualifier) ? 'gen' : undefined),
  declines: true,
  labelsAgree: true,
  date: (intl) => intl,
};
