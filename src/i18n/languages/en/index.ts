/** English: number words for running prose ("four occasions", "Fifteen minutes after…"). */
import { plainPack, type LanguagePack } from '../pack.js';

const units = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teens = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0–99 in words ("twenty-three"); beyond that house style keeps digits. */
export function englishWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 99) return undefined;
  if (n < 10) return units[n];
  if (n < 20) return teens[n - 10];
  const unit = n % 10;
  return `${tens[Math.floor(n / 10)]}${unit ? `-${units[unit]}` : ''}`;
}

export const en: LanguagePack = {
  ...plainPack('en'),
  languageFrom: (name) => name,
  // Not "between 4–6 January": the dash already says "to".
  between: ({ from, to }) => `between ${from} and ${to}`,
  spellUpTo: 9,
  spell: (n) => englishWords(n),
  // Titles before a name; not "St." (Street ends sentences), nor "No." (before numbers already).
  abbreviations: ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Gen.', 'Col.', 'Lt.', 'Capt.', 'Sgt.'],
};
