/**
 * Words that keep the word after them on their line, per language: the abbreviations that
 * stand before a name ("пл. Республики", "Dr. Smith"), and the words of one letter a line
 * never ends on in the language's typesetting (Russian «в», «с», «и»). The space after
 * one is a no-break space. Compose applies the rule to a document's text with its other
 * typography (compose/typography.ts); a chart's labels, which compose does not reach, are
 * given it as they are resolved (charts/resolve.ts).
 */
import { NBSP } from './format.js';
import { packFor } from './languages/index.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What may stand before such a word: a text's start, a space, an opening bracket or quote. */
const BEFORE = '(?:^|[\\s(«„“"‘[—–])';
const rules = new Map<string, RegExp | undefined>();

function ruleOf(abbreviations: readonly string[], shortWords: readonly string[]): RegExp | undefined {
  const parts = [
    // An abbreviation before a name (a letter); a short word before any word, number or quote.
    ...(abbreviations.length
      ? [`(?<=${BEFORE}(?:${abbreviations.map(escape).join('|')}))[ \\t\\n]+(?=\\p{L})`]
      : []),
    ...(shortWords.length
      ? [`(?<=${BEFORE}(?:${shortWords.map(escape).join('|')}))[ \\t\\n]+(?=[\\p{L}\\p{N}«„“"(])`]
      : []),
  ];
  return parts.length ? new RegExp(parts.join('|'), 'giu') : undefined;
}

/** The spaces to keep after such words in `locale`'s text, or undefined where its pack lists none. */
export function keepNextRule(locale: string): RegExp | undefined {
  if (!rules.has(locale)) {
    const pack = packFor(locale);
    rules.set(locale, ruleOf(pack.abbreviations, pack.shortWords));
  }
  return rules.get(locale);
}

/** A plain string (a chart's label) with a no-break space after each such word. */
export function keepWithNext(text: string, locale: string): string {
  const rule = keepNextRule(locale);
  return rule ? text.replace(rule, NBSP) : text;
}
