/**
 * The sentences of a document that show a figure, as its reader sees them, with the
 * section they are in. The change report pairs old and new sentences by their
 * pattern (the sentence with each figure as `{id}`), so it can say "this sentence
 * said 225 and now says 232" for every place in every language.
 */
import type { ElementContent } from 'hast';
import type { Block, Place } from '../model/document.js';
import { classList } from '../model/vocabulary.js';
import { textBlocks } from './walk.js';

const HOLE = '\uE000';
const blocks = new Set(['p', 'li', 'td', 'th', 'dd', 'figcaption', 'caption']);

interface Flat {
  text: string;
  figures: { id: string; text: string }[];
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** A block's text with each figure replaced by a hole; nested blocks are left to themselves. */
function flatten(children: readonly ElementContent[], out: Flat): void {
  for (const c of children) {
    if (c.type === 'text') out.text += c.value;
    if (c.type !== 'element') continue;
    if (c.tagName === 'span' && classList(c).includes('fig')) {
      out.text += HOLE;
      out.figures.push({ id: String(c.properties?.dataFigure ?? ''), text: textOf(c) });
    } else if (!blocks.has(c.tagName) && c.tagName !== 'svg' && !classList(c).includes('cite'))
      flatten(c.children, out);
  }
}

/** One per language, for the life of the process (ICU builds its rules when one is made). */
const segmenters = new Map<string, Intl.Segmenter>();
const segmenterOf = (locale: string): Intl.Segmenter => {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  return s;
};

function sentences(flat: Flat, locale: string, section: string): Place[] {
  // Most paragraphs show no figure: nothing to split.
  if (!flat.figures.length) return [];
  const out: Place[] = [];
  let next = 0;
  for (const { segment } of segmenterOf(locale).segment(flat.text)) {
    const holes = [...segment].filter((ch) => ch === HOLE).length;
    const figures = flat.figures.slice(next, next + holes);
    next += holes;
    if (!holes) continue;
    let i = 0;
    let j = 0;
    const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
    out.push({
      section,
      pattern: clean(segment.replace(new RegExp(HOLE, 'g'), () => `{${figures[i++]?.id ?? ''}}`)),
      text: clean(segment.replace(new RegExp(HOLE, 'g'), () => figures[j++]?.text ?? '')),
    });
  }
  return out;
}

/** Blocks of Markdown content: each paragraph and item on its own. */
function flowPlaces(nodes: readonly ElementContent[], locale: string, section: string, out: Place[]): void {
  for (const c of nodes) {
    if (c.type !== 'element') continue;
    if (blocks.has(c.tagName)) {
      const flat: Flat = { text: '', figures: [] };
      flatten(c.children, flat);
      out.push(...sentences(flat, locale, section));
    }
    flowPlaces(c.children, locale, section, out);
  }
}

/**
 * What a figure's new value changes besides sentences: the cover's "Information as of",
 * which follows the newest value shown (first, as the reader meets it), and each row of a
 * chart's data table, where the chart draws the same numbers (a chart has no sentence to
 * pair; a row pairs by its chart and its first cell). The cover's date is in the section
 * `''`, which the report calls the cover.
 */
function drawnPlaces(blocks: readonly Block[], cover: Place[], charts: Place[]): void {
  for (const b of blocks) {
    if (b.kind === 'cover') cover.push({ section: '', pattern: 'cover date', text: b.date });
    if (b.kind === 'chart' && b.table) {
      const section = [b.label, b.caption].filter(Boolean).join(': ');
      for (const row of b.table.rows)
        charts.push({ section, pattern: `${b.id}\u0000${row[0] ?? ''}`, text: row.join(' · ') });
    }
    if ('children' in b) drawnPlaces(b.children, cover, charts);
  }
}

export function placesOf(body: readonly Block[], locale: string): Place[] {
  const out: Place[] = [];
  const charts: Place[] = [];
  drawnPlaces(body, out, charts);
  for (const block of textBlocks(body)) {
    if (block.flow) {
      flowPlaces(block.content, locale, block.section, out);
      continue;
    }
    const flat: Flat = { text: '', figures: [] };
    flatten(block.content, flat);
    out.push(...sentences(flat, locale, block.section));
  }
  return [...out, ...charts];
}
