/**
 * A language pack: the one place a language's grammar lives. Everything else in
 * src/ asks the pack of the document's language and never names a language itself.
 * Adding a language is a pack here plus its interface strings in locales/<lng>/.
 */
import type { Qualifier } from '../../load/schema.js';

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
}

/** A language with no grammar of its own beyond Intl's plural rules (English and most others). */
export const plainPack = (code: string): LanguagePack => ({
  code,
  numberValues: () => ({}),
  numberValueNotes: {},
  quantityCase: () => undefined,
  declines: false,
  labelsAgree: false,
  date: (intl) => intl,
});
