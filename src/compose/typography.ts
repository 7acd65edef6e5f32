/**
 * Typography over the composed document: a number keeps the word after it on its line
 * ("18 police officers", "2019 года", "2022 г."), an abbreviation keeps its number
 * ("рис. 2", "approx. 11:00"), a language's abbreviations keep the name after them and its
 * words of one letter the next word («пл. Республики», «и соразмерно»: i18n/keep-next.ts),
 * and a case ending keeps its number or abbreviation («ЕҚЫҰ-ға»). A number and its word often sit in different nodes (a
 * figure's span and the text after it, a date's `time` and "года"), so the rule reads a
 * paragraph's text across inline markup, once, for both writers. Only text is changed:
 * attributes (links, dates) never, and the text of a link to another host neither.
 */
import type { Element, ElementContent, Text } from 'hast';
import type { Block, ChartTable, Inline } from '../model/document.js';
import { NBSP } from '../i18n/format.js';
import { inlineRuns } from './walk.js';
import { keepNextRule } from '../i18n/keep-next.js';

/**
 * Spaces that must not break: after a number (digits with their group and decimal marks,
 * standing as a word of its own, a range's second half included) before a word or "%",
 * and after a short abbreviation ("рис.", "No.", "№") before a number.
 */
const NUMBER_WORD = /(?<=(?:^|[\s(«„“"‘[–—])[+−~≈]?\d(?:[\d\u00a0\u202f.,:]*\d)?)[ \t\n]+(?=[\p{L}%№])/gu;
const ABBREVIATION_NUMBER = /(?<=(?:^|[\s(«„“"‘[])(?:\p{L}{1,4}\.|№))[ \t\n]+(?=\d)/gu;
const GLUE: readonly RegExp[] = [NUMBER_WORD, ABBREVIATION_NUMBER];
/**
 * A chronology's time column is narrow: on a phone "approx." goes above its time
 * ("ок." over "00:25–00:51") rather than widen the column for the two together.
 */
const TIME_GLUE: readonly RegExp[] = [NUMBER_WORD];

/**
 * A hyphen between a number or an abbreviation and its case ending («ЕҚЫҰ-ға», «80-нен»,
 * "UN-led"): a line broken there leaves a suffix that means nothing alone at the start of
 * the next. U+2011 is the same dash (Roboto draws it) with no break after it.
 */
const SUFFIX_HYPHEN = /(?<=[\d\p{Lu}])-(?=\p{Ll}{1,5}(?!\p{L}))/gu;
const NO_BREAK_HYPHEN = '\u2011';

/** Elements whose text is a paragraph of its own: the rule never reads across their edges. */
const BOUNDARY = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'br',
  'div',
  'table',
  'tr',
  'td',
  'th',
  // A citation mark's number is not a count of the word after it.
  'sup',
]);

/** A link whose words are its address ("https://…/2019"): left as it is. */
const opaque = (node: Element): boolean => {
  if (node.tagName !== 'a') return false;
  const href = typeof node.properties.href === 'string' ? node.properties.href : '';
  return !href.startsWith('#');
};

/** The text nodes of `nodes`, in reading order, split into runs no rule reads across. */
function segments(nodes: readonly ElementContent[], out: Text[][]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out[out.length - 1]?.push(node);
      continue;
    }
    if (node.type !== 'element') continue;
    if (opaque(node)) {
      out.push([]);
      continue;
    }
    const edge = BOUNDARY.has(node.tagName);
    if (edge) out.push([]);
    segments(node.children, out);
    if (edge) out.push([]);
  }
}

/**
 * The positions in `text` of the spaces to glue (each run's first space becomes a no-break
 * space, the rest go) and of the hyphens that must not break.
 */
function glue(
  text: string,
  rules: readonly RegExp[],
): { keep: Set<number>; drop: Set<number>; hyphens: Set<number> } {
  const keep = new Set<number>();
  const drop = new Set<number>();
  // A space two rules match ("с 4": a short word before a number) is kept once, as either would.
  for (const rule of rules)
    for (const m of text.matchAll(rule)) {
      keep.add(m.index);
      for (let i = 1; i < m[0].length; i++) drop.add(m.index + i);
    }
  const hyphens = new Set(text.includes('-') ? [...text.matchAll(SUFFIX_HYPHEN)].map((m) => m.index) : []);
  return { keep, drop, hyphens };
}

function replaced(ch: string, at: number, { keep, drop, hyphens }: ReturnType<typeof glue>): string {
  if (keep.has(at)) return NBSP;
  if (drop.has(at)) return '';
  return hyphens.has(at) ? NO_BREAK_HYPHEN : ch;
}

/** Applies the rule to one run of text nodes, editing them in place. */
function typesetSegment(nodes: readonly Text[], rules: readonly RegExp[] = GLUE): void {
  if (!nodes.length) return;
  const found = glue(nodes.map((n) => n.value).join(''), rules);
  if (!found.keep.size && !found.hyphens.size) return;
  let at = 0;
  for (const node of nodes) {
    let value = '';
    for (const ch of node.value) {
      value += replaced(ch, at, found);
      at += ch.length;
    }
    node.value = value;
  }
}

/** Typesets inline or Markdown content in place. */
export function typesetInline(content: Inline, rules: readonly RegExp[] = GLUE): void {
  const out: Text[][] = [[]];
  segments(content, out);
  for (const segment of out) typesetSegment(segment, rules);
}

/** A plain string (a date line, a caption, a table cell) typeset by the same rule. */
export function typesetText(text: string, rules: readonly RegExp[] = GLUE): string {
  const node: Text = { type: 'text', value: text };
  typesetSegment([node], rules);
  return node.value;
}

const tableOf = (table: ChartTable | undefined, rules: readonly RegExp[]): ChartTable | undefined =>
  table && { ...table, rows: table.rows.map((r) => r.map((cell) => typesetText(cell, rules))) };

/** The block with its plain-string texts typeset; its inline content is typeset in place by `typeset`. */
function typesetStrings(block: Block, rules: readonly RegExp[]): Block {
  const text = (value: string): string => typesetText(value, rules);
  switch (block.kind) {
    case 'cover':
      return {
        ...block,
        date: text(block.date),
        issued: text(block.issued),
        ...(block.distribution ? { distribution: text(block.distribution) } : {}),
      };
    case 'masthead':
      return { ...block, issued: text(block.issued) };
    case 'keyFigures':
      return { ...block, items: block.items.map((i) => ({ ...i, asOf: text(i.asOf) })) };
    case 'chart':
      return { ...block, caption: text(block.caption), table: tableOf(block.table, rules) };
    case 'chronology':
      return {
        ...block,
        note: text(block.note),
        days: block.days.map((d) => ({
          ...d,
          label: text(d.label),
          entries: d.entries.map((e) => ({ ...e, when: typesetText(e.when, TIME_GLUE) })),
        })),
      };
    case 'section':
    case 'part':
      return { ...block, children: block.children.map((c) => typesetStrings(c, rules)) };
    default:
      return block;
  }
}

/** The rules for a document in `locale`: a number's, and its language's words that keep the next. */
function rulesFor(locale: string | undefined): readonly RegExp[] {
  const language = locale === undefined ? undefined : keepNextRule(locale);
  return language ? [...GLUE, language] : GLUE;
}

/**
 * The document's text typeset: every inline run (contents entries included) in place, and
 * the plain-string texts of its blocks in the blocks returned.
 */
export function typeset(body: readonly Block[], locale?: string): Block[] {
  const rules = rulesFor(locale);
  for (const run of inlineRuns(body)) typesetInline(run, rules);
  const contents = body.filter((b) => b.kind === 'contents');
  for (const c of contents) for (const e of c.entries) typesetInline(e.label, rules);
  return body.map((b) => typesetStrings(b, rules));
}
