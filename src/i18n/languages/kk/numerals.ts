/**
 * Kazakh case suffixes for numerals written as digits ("80-нен астам", "300-ден кем",
 * "10-ға дейін"). The suffix follows the last word of the spoken number, by vowel
 * harmony and by the sound it ends with.
 */
type Ending = 'vowel' | 'voiced' | 'voiceless' | 'nasal';
interface Word {
  readonly back: boolean;
  readonly ending: Ending;
}

const units: Record<number, Word> = {
  0: { back: false, ending: 'voiced' }, // нөл
  1: { back: false, ending: 'voiced' }, // бір
  2: { back: false, ending: 'vowel' }, // екі
  3: { back: false, ending: 'voiceless' }, // үш
  4: { back: false, ending: 'voiceless' }, // төрт
  5: { back: false, ending: 'voiceless' }, // бес
  6: { back: true, ending: 'vowel' }, // алты
  7: { back: false, ending: 'vowel' }, // жеті
  8: { back: false, ending: 'voiced' }, // сегіз
  9: { back: true, ending: 'voiced' }, // тоғыз
};
const tens: Record<number, Word> = {
  1: { back: true, ending: 'nasal' }, // он
  2: { back: true, ending: 'vowel' }, // жиырма
  3: { back: true, ending: 'voiced' }, // отыз
  4: { back: true, ending: 'voiceless' }, // қырық
  5: { back: false, ending: 'vowel' }, // елу
  6: { back: true, ending: 'voiceless' }, // алпыс
  7: { back: false, ending: 'voiceless' }, // жетпіс
  8: { back: false, ending: 'nasal' }, // сексен
  9: { back: true, ending: 'nasal' }, // тоқсан
};
const hundred: Word = { back: false, ending: 'voiced' }; // жүз
const thousand: Word = { back: true, ending: 'nasal' }; // мың
const million: Word = { back: true, ending: 'nasal' }; // миллион
const billion: Word = { back: true, ending: 'voiceless' }; // миллиард

function lastWord(n: number): Word {
  const int = Math.abs(Math.trunc(n));
  if (int === 0) return units[0]!;
  if (int % 10 !== 0) return units[int % 10]!;
  if (int % 100 !== 0) return tens[(int % 100) / 10]!;
  if (int % 1000 !== 0) return hundred;
  if (int % 1_000_000 !== 0) return thousand;
  if (int % 1_000_000_000 !== 0) return million;
  return billion;
}

/** Ablative (шығыс септік): -дан/-ден, -тан/-тен, -нан/-нен. */
export function ablative(n: number): string {
  const w = lastWord(n);
  const c = w.ending === 'voiceless' ? 'т' : w.ending === 'nasal' ? 'н' : 'д';
  return c + (w.back ? 'ан' : 'ен');
}

/** Dative (барыс септік): -ға/-ге, -қа/-ке. */
export function dative(n: number): string {
  const w = lastWord(n);
  return w.ending === 'voiceless' ? (w.back ? 'қа' : 'ке') : w.back ? 'ға' : 'ге';
}

const unitWords = ['', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз'];
const tenWords = ['', 'он', 'жиырма', 'отыз', 'қырық', 'елу', 'алпыс', 'жетпіс', 'сексен', 'тоқсан'];

/** 1–99 in words ("он бес", "жиырма үш"); the case endings come from the qualifier (ablative, dative). */
export function kazakhWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 99) return undefined;
  return [tenWords[Math.floor(n / 10)], unitWords[n % 10]].filter(Boolean).join(' ');
}
