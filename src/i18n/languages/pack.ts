/**
 * A language pack: the one place a language's grammar lives. Everything else in
 * src/ asks the pack of the document's language and never names a language itself.
 * Adding a language is a pack here plus its interface strings in locales/<lng>/.
 */
import type { Qualifier } from '../../model/schema.js';

/** What a number written in words agrees with. */
export interface NumberForm {
  /** The case the sentence puts the number in (`gen`, `acc`…); undefined: the nominative. */
  readonly grammaticalCase?: string | undefined;
  /** The counted noun's grammatical gender as its texts declare it (one of the pack's `genders`). */
  readonly gender?: string | undefined;
  /** Whether the counted noun names living beings (Russian accusative "двух человек"). */
  readonly animate?: boolean | undefined;
}

/** A range of days, written out three ways for a language pack to build its sentence from. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
  readonly span: string;
}

export interface LanguagePack {
  readonly code: string;
  /**
   * Values a `qualifier.*` string may use besides `{{n}}`, for a number: Kazakh
   * attaches case endings to digits ("80-нен астам"). Keys without braces.
   */
  numberValues(n: number): Readonly<Record<string, string>>;
  /** What each of those values stands for, for the translator (XLIFF notes). */
  readonly numberValueNotes: Readonly<Record<string, string>>;
  /**
   * The case a qualifier puts the counted words in (`gen` → the texts' `_gen_` forms):
   * Russian "более 80 видеозаписей", "десятки протестующих". Undefined: the plain forms.
   */
  quantityCase(qualifier: Qualifier, vague: boolean): 'gen' | undefined;
  /** Whether counted words have genitive forms a translation must provide. */
  readonly declines: boolean;
  /**
   * Whether a key-figure label agrees with the number beside it ("232 тела доставлены",
   * "225 тел доставлено"), so it needs every plural form; English labels are captions,
   * Kazakh puts a counted noun in the singular after any number.
   */
  readonly labelsAgree: boolean;
  /** A date as Intl wrote it, in the language's written form. */
  date(intl: string): string;
  /**
   * A range of days as the whole adverbial of time, as the language says it ("between 4
   * and 6 January", «с 4 по 6 января», «4–6 қаңтар аралығында»), from the first day without
   * what it shares with the last (`from`: "4"), the last in full (`to`: "6 January") and the
   * range as the language names it (`span`: "4–6 January"); undefined where the pack has no
   * words for it, and the span is printed.
   */
  between(range: DayRange): string | undefined;
  /**
   * Values a string with `{{date}}` may use besides it, for a date as written: Kazakh puts
   * an ending on the date's last word ("15 қаңтардағы жағдай бойынша"). Keys without braces.
   */
  dateValues(date: string): Readonly<Record<string, string>>;
  /** What each of those values stands for, for the translator (XLIFF notes). */
  readonly dateValueNotes: Readonly<Record<string, string>>;
  /**
   * A language's name as `quotation.translatedFromLanguage` needs it ("translated from
   * Georgian", «перевод с грузинского», «грузин тілінен аударма»), from Intl's name in the
   * document's language; undefined where the pack cannot say it so, and the note reads
   * "translation".
   */
  languageFrom(name: string): string | undefined;
  /**
   * House style for running prose: the largest number always written in words (nine:
   * "four occasions", "9 900" stays digits); 0 writes every number in digits.
   */
  readonly spellUpTo: number;
  /**
   * A whole number in words, agreeing with its noun and case; undefined where the pack
   * has no words for it or the agreement is unknown, and the number stays in digits.
   */
  spell(n: number, form: NumberForm): string | undefined;
  /**
   * The genders a counted noun may declare in its texts (`nouns.video_gender: f`) because
   * numbers agree with them; empty when numbers do not.
   */
  readonly genders: readonly string[];
  /**
   * Where the counted noun is a measure the qualifier's ending goes on (Kazakh "75 пайызға
   * жуық", "10 жылдан астам", not "75-ке жуық пайыз"), the values a `qualifier.*` string takes
   * for the number and noun said together, which `{{n}}` then stands for; undefined where the
   * noun follows the qualifier's phrase ("80-нен астам бейнежазба", "более 80 видеозаписей").
   */
  measureValues(noun: string): Readonly<Record<string, string>> | undefined;
  /** A qualifier phrase whose number is a word, made whole: Kazakh "үштен астам", not "үш-тен". */
  spelledPhrase(phrase: string, word: string): string;
  /**
   * The case of the counted noun's forms when the sentence puts the number `n` in
   * `grammaticalCase`: Russian counts beings in the accusative with genitive forms ("двух
   * человек"), but after a compound ending in 2–4 with nominative ones ("402 человека").
   */
  countedCase(
    grammaticalCase: string | undefined,
    animate: boolean,
    n: number | undefined,
  ): string | undefined;
  /**
   * Abbreviations that stand before a name and keep it on their line ("пл. Республики",
   * "Dr. Smith"): a line ended after one leaves it without what it abbreviates. Only
   * those that do not end sentences: "г." (год) after a year does.
   */
  readonly abbreviations: readonly string[];
  /**
   * Words of one letter that keep the word after them on their line: Russian typesetting
   * never ends a line on a preposition or conjunction of one letter («в», «с», «и»).
   * Lower case; a capital at a sentence's start is the same word.
   */
  readonly shortWords: readonly string[];
}

/** A language with no grammar of its own beyond Intl's plural rules: numbers stay in digits. */
export const plainPack = (code: string): LanguagePack => ({
  code,
  numberValues: () => ({}),
  numberValueNotes: {},
  quantityCase: () => undefined,
  declines: false,
  labelsAgree: false,
  date: (intl) => intl,
  between: () => undefined,
  dateValues: () => ({}),
  dateValueNotes: {},
  languageFrom: () => undefined,
  spellUpTo: 0,
  spell: () => undefined,
  genders: [],
  measureValues: () => undefined,
  spelledPhrase: (phrase) => phrase,
  countedCase: (grammaticalCase) => grammaticalCase,
  abbreviations: [],
  shortWords: [],
});
