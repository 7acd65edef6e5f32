/**
 * The ending that makes a Kazakh date an attribute of what follows it, "as of 15 January":
 * "15 қаңтардағы жағдай бойынша", "шілдедегі", "қыркүйектегі". Locative (-да/-де, -та/-те)
 * then -ғы/-гі, by the vowel harmony of the date's last word and the sound it ends with.
 */
const BACK = /[аоұыяю]/;
const FRONT = /[әеөүіэ]/;
const VOICELESS = /[птксшфхцчщқ]$/;

/** The ending for the date's last word; empty where that word is not one of letters (a year in digits). */
export function locativeAttributive(date: string): string {
  const word = /(\p{L}+)\s*$/u.exec(date)?.[1]?.toLowerCase();
  if (!word) return '';
  const vowels = [...word].filter((c) => BACK.test(c) || FRONT.test(c));
  const last = vowels.at(-1);
  if (!last) return '';
  const back = BACK.test(last);
  return `${VOICELESS.test(word) ? 'т' : 'д'}${back ? 'ағы' : 'егі'}`;
}
