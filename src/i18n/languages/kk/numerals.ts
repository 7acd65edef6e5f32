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
export const ablative = (n: number): string => ablativeOf(lastWord(n));

/** Dative (барыс септік): -ға/-ге, -қа/-ке. */
export const dative = (n: number): string => dativeOf(lastWord(n));

function ablativeOf(w: Word): string {
  const c = w.ending === 'voiceless' ? 'т' : w.ending === 'nasal' ? 'н' : 'д';
  return c + (w.back ? 'ан' : 'ен');
}

function dativeOf(w: Word): string {
  return w.ending === 'voiceless' ? (w.back ? 'қа' : 'ке') : w.back ? 'ға' : 'ге';
}

const vowels = 'аәеёиоөуұүыіэюя';
// «у» and «ю» of Russian loans count as back vowels («минутқа»), «и» as a front one («литрге»).
const backVowels = 'аоұыяёую';

/**
 * How a written word sounds at its end, for the endings after it: the harmony of its last
 * vowel and its last letter (a final б, в, г, д is said voiceless: «кодтан»).
 */
function wordOf(text: string): Word {
  const word = text.toLowerCase();
  const lastVowel = [...word].reverse().find((c) => vowels.includes(c)) ?? 'а';
  const last = word.at(-1) ?? '';
  const ending: Ending = vowels.includes(last)
    ? 'vowel'
    : 'мнң'.includes(last)
      ? 'nasal'
      : 'кқпстфхцчшщбвгд'.includes(last)
        ? 'voiceless'
        : 'voiced';
  return { back: backVowels.includes(lastVowel), ending };
}

/** The ablative and dative endings of a word: «пайыз» -дан, -ға; «күн» -нен, -ге. */
export function wordEndings(text: string): { readonly abl: string; readonly dat: string } {
  const w = wordOf(text);
  return { abl: ablativeOf(w), dat: dativeOf(w) };
}

const unitWords = ['', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз'];
const tenWords = ['', 'он', 'жиырма', 'отыз', 'қырық', 'елу', 'алпыс', 'жетпіс', 'сексен', 'тоқсан'];

/** 1–99 in words ("он бес", "жиырма үш"); the case endings come from the qualifier (ablative, dative). */
export function kazakhWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 99) return undefined;
  return [tenWords[Math.floor(n / 10)], unitWords[n % 10]].filter(Boolean).join(' ');
}
