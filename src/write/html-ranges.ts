/**
 * No line on screen ends inside a number range ("4–" above "6 January"): browsers break
 * after an en dash, even between digits. A word joiner (U+2060) after a range's dash
 * forbids that break; browsers neither show it nor let it stop a search for "4–6".
 * The document is shared with the PDF writer, so what changes here is a copy.
 */
import type { ElementContent, Text } from 'hast';
import { rangeDashes } from '../text/ranges.js';

const WORD_JOINER = '\u2060';

/** The text nodes of `nodes` in reading order; a chart's drawing (`svg`) is not text that wraps. */
function textsOf(nodes: readonly ElementContent[], out: Text[]): Text[] {
  for (const n of nodes) {
    if (n.type === 'text') out.push(n);
    else if (n.type === 'element' && n.tagName !== 'svg') textsOf(n.children, out);
  }
  return out;
}

function copied(nodes: readonly ElementContent[], changed: ReadonlyMap<Text, string>): ElementContent[] {
  return nodes.map((n): ElementContent => {
    if (n.type === 'text') {
      const value = changed.get(n);
      return value === undefined ? n : { ...n, value };
    }
    return n.type === 'element' && n.tagName !== 'svg' ? { ...n, children: copied(n.children, changed) } : n;
  });
}

/**
 * Inline content with a word joiner after each range's dash, read across inline markup:
 * a range is often two dates or times and a dash between them ("<time>00:25</time>–<time>00:51</time>").
 */
export function joinRanges(nodes: readonly ElementContent[]): readonly ElementContent[] {
  const texts = textsOf(nodes, []);
  if (!texts.some((t) => t.value.includes('\u2013'))) return nodes;
  const dashes = new Set(rangeDashes(texts.map((t) => t.value).join('')));
  if (!dashes.size) return nodes;
  const changed = new Map<Text, string>();
  let offset = 0;
  for (const t of texts) {
    let value = '';
    for (let i = 0; i < t.value.length; i++)
      value += dashes.has(offset + i) ? `${t.value[i]}${WORD_JOINER}` : t.value[i];
    if (value !== t.value) changed.set(t, value);
    offset += t.value.length;
  }
  return copied(nodes, changed);
}

/** A plain string (a chronology's time) with a word joiner after each range's dash. */
export function joinRangesText(text: string): string {
  const [node] = joinRanges([{ type: 'text', value: text }]);
  return node?.type === 'text' ? node.value : text;
}
