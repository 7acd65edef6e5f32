/**
 * Which grammatical forms a counted word needs in a language: one per plural
 * category that a whole number can take (ru: one, few, many; en: one, other; kk:
 * other), and the same again in the genitive (`_gen_`) where the language puts
 * counted words in the genitive after "more than", "about" or a governing noun.
 */
const integerSamples = Array.from({ length: 200 }, (_, i) => i);
const rulesByLocale = new Map<string, Intl.PluralRules>();

/** The locale's plural rules, made once per locale (as Intl's formatters are: i18n/format.ts). Throws on a tag Intl rejects. */
export function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

const cache = new Map<string, string[]>();

export function integerCategories(locale: string): string[] {
  let found = cache.get(locale);
  if (!found) {
    let rules: Intl.PluralRules;
    try {
      rules = pluralRules(locale);
    } catch {
      rules = pluralRules('en');
    }
    const order = ['zero', 'one', 'two', 'few', 'many', 'other'];
    found = [...new Set(integerSamples.map((n) => rules.select(n)))].sort(
      (a, b) => order.indexOf(a) - order.indexOf(b),
    );
    cache.set(locale, found);
  }
  return found;
}

/** The forms of `base` missing from `keys` (all keys of one text group, e.g. the locale's `nouns`). */
export function missingForms(
  base: string,
  keys: ReadonlySet<string>,
  locale: string,
  genitive: boolean,
  /** Require the plural forms even of a word given in one form only (a label that must agree). */
  agree = false,
): string[] {
  const categories = integerCategories(locale);
  const forms = (infix: string): string[] => categories.map((c) => `${base}${infix}_${c}`);
  const has = (k: string): boolean => keys.has(k);
  const plain = forms('');
  const out: string[] = [];
  // A word with no plural forms at all is invariable (a label like "detained"): nothing to require.
  if (agree || plain.some((k) => keys.has(k))) out.push(...plain.filter((k) => !has(k)));
  else if (!keys.has(base)) out.push(...plain);
  if (genitive) out.push(...forms('_gen').filter((k) => !has(k)));
  return out;
}

/** Whether a language's texts decline counted words (some word has `_gen_` forms). */
export function usesGenitive(keys: Iterable<string>): boolean {
  for (const k of keys) if (/_gen_(zero|one|two|few|many|other)$/.test(k)) return true;
  return false;
}
