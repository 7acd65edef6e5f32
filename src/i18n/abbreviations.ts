/**
 * A language's abbreviations that stand before a name ("пл. Республики", "Dr. Smith") keep
 * it on their line: the space after one is a no-break space. Compose applies the rule to a
 * document's text with its other typography (compose/typography.ts); a chart's labels,
 * which compose does not reach, are given it as they are resolved (charts/resolve.ts).
 */
import { NBSP } from './format.js';
import { packFor } from './languages/index.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const rules = new Map<string, RegExp | undefined>();

/** The spaces to keep after the language's abbreviations (before a letter), or undefined where it has none. */
export function abbreviationRule(locale: string): RegExp | undefined {
  if (!rules.has(locale)) {
    const list = packFor(locale).abbreviations;
    rules.set(
      locale,
      list.length
        ? new RegExp(`(?<=(?:^|[\\s(«„“"‘[])(?:${list.map(escape).join('|')}))[ \\t\\n]+(?=\\p{L})`, 'gu')
        : undefined,
    );
  }
  return rules.get(locale);
}

/** A plain string (a chart's label) with a no-break space after each such abbreviation. */
export function keepAbbreviations(text: string, locale: string): string {
  const rule = abbreviationRule(locale);
  return rule ? text.replace(rule, NBSP) : text;
}
