/**
 * Splits a translatable text into words a translator changes and codes a
 * translator must carry over untouched: figure, date, citation and chart-reference directives,
 * i18next interpolations, HTML tags, emphasis marks and Markdown block marks.
 * In XLIFF each code becomes an inline placeholder, so a number can move within
 * the sentence but never be retyped.
 */

export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly id: string; readonly code: string; readonly type: CodeType };

export type CodeType =
  'fig' | 'date' | 'time' | 'cite' | 'quote' | 'chartref' | 'directive' | 'var' | 'nest' | 'tag' | 'mark';

const patterns: [CodeType, string][] = [
  ['directive', String.raw`::?[a-z]+\[[^\]\n]*\](?:\{[^}\n]*\})?`],
  ['var', String.raw`\{\{[^}\n]+\}\}`],
  ['nest', String.raw`\$t\([^)\n]*\)`],
  ['tag', String.raw`<\/?[a-zA-Z][^<>\n]*>`],
  ['mark', String.raw`\*{1,2}|(?:^|(?<=\n))(?:> |[-+] |\d+\. |#{1,6} )`],
];
const codeRe = new RegExp(patterns.map(([, p]) => `(${p})`).join('|'), 'g');

function typeOf(code: string, group: number): CodeType {
  const type = patterns[group]?.[0] ?? 'mark';
  if (type !== 'directive') return type;
  const name = /^::?([a-z]+)/.exec(code)?.[1];
  const typed: readonly string[] = ['fig', 'date', 'time', 'cite', 'quote', 'chartref'];
  return name !== undefined && typed.includes(name) ? (name as CodeType) : 'directive';
}

/** Text and codes of `text`, codes numbered 1, 2, ... in order of appearance. */
export function protect(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(codeRe)) {
    const start = m.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    const group = m.slice(1).findIndex((g) => g !== undefined);
    n += 1;
    parts.push({ kind: 'code', id: String(n), code: m[0], type: typeOf(m[0], group) });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function restore(parts: readonly Part[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : p.code)).join('');
}

export const codes = (parts: readonly Part[]): Extract<Part, { kind: 'code' }>[] =>
  parts.filter((p): p is Extract<Part, { kind: 'code' }> => p.kind === 'code');

/** What a placeholder stands for, in words a translator can act on. */
export function describeCode(code: string, type: CodeType): string {
  const value = /\[([^\]]*)\]/.exec(code)?.[1] ?? '';
  switch (type) {
    case 'fig':
      return `the figure “${value}”, written out with its noun where one is given`;
    case 'date': {
      const to = /[\s{]to=([^\s}]+)/.exec(code)?.[1];
      return to === undefined
        ? `the date ${value}`
        : /[\s{]range=between[\s}]/.test(code)
          ? `the days ${value} to ${to}, printed with the words the language says a range with (“between 4 and 6 January”): write no preposition of your own around it`
          : `the days ${value} to ${to}, written as a range (“4–6 January”)`;
    }
    case 'time':
      return `the time ${value}`;
    case 'cite':
      return `the reference number of ${value}`;
    case 'quote':
      return code.startsWith('::')
        ? `the block quotation “${value}” with its attribution, as quotations.yaml gives it in this language`
        : `the quotation “${value}”: its approved wording in this language from quotations.yaml, in quotation marks (or as reported speech), with a “translated from …” note where it is a translation; build the sentence around it`;
    case 'chartref':
      return `a reference to the chart “${value}” with its figure number in this document, in parentheses, e.g. “(see Figure 2)”, phrased for this language; put it after the words that speak of the chart`;
    case 'var':
      return `the value ${code}`;
    case 'nest':
      return `the text ${code}`;
    case 'tag':
      return `markup ${code}`;
    case 'directive':
      return `the directive ${code}`;
    case 'mark':
      return code.trim() === '>' ? 'the start of a quotation' : `formatting “${code.trim()}”`;
  }
}
