/**
 * The claim of each figure use: which sources its sentence cites and whether the
 * sentence dates itself. Citations follow what they support ("… reforms. :cite[x]"),
 * so a citation group closes a claim: every sentence since the previous group is
 * supported by it. A sentence dates itself when it holds a :date or :time.
 */
import type { Nodes, Parents, Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { Claim } from '../model/figure-use.js';

interface Token {
  readonly offset: number;
  readonly node: TextDirective;
}

const blocks = new Set(['paragraph', 'heading', 'tableCell']);
/** Made when first needed: ICU's sentence rules take a moment to load, and a build that finds every file's claims kept needs none. */
let segmenter: Intl.Segmenter | undefined;

/** The block's text with each directive replaced by a placeholder, and where the directives sit. */
function flatten(block: Parents): { text: string; tokens: Token[] } {
  let text = '';
  const tokens: Token[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'textDirective') {
      tokens.push({ offset: text.length, node });
      // A figure or date reads as a word; a citation takes no room.
      if (node.name !== 'cite') text += 'X';
      return;
    }
    if ('value' in node && typeof node.value === 'string') text += node.value;
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  for (const c of block.children) walk(c as Nodes);
  return { text, tokens };
}

/** Sentence index of each offset; a citation opening a sentence belongs to the one before. */
function sentenceOf(text: string, offset: number, isCite: boolean, starts: readonly number[]): number {
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1]! <= offset) k++;
  if (isCite && k > 0 && text.slice(starts[k], offset).trim() === '') return k - 1;
  return k;
}

/** Only these directives get a claim. */
const claimed = (t: Token): boolean => t.node.name === 'fig' || t.node.name === 'quote';

function claimsOfBlock(block: Parents): Map<TextDirective, Claim> {
  const { text, tokens } = flatten(block);
  const out = new Map<TextDirective, Claim>();
  // Most blocks hold no figure or quotation; cutting their sentences was most of this module's time.
  if (!tokens.some(claimed)) return out;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const starts = [...segmenter.segment(text)].map((s) => s.index);
  const sentences = tokens.map((t) => sentenceOf(text, t.offset, t.node.name === 'cite', starts));
  const count = Math.max(0, ...sentences) + 1;
  const cites: string[][] = Array.from({ length: count }, () => []);
  const dated: boolean[] = Array.from({ length: count }, () => false);
  tokens.forEach((t, i) => {
    const k = sentences[i]!;
    if (t.node.name === 'cite') cites[k]!.push(...citeIds(t.node));
    if (t.node.name === 'date' || t.node.name === 'time') dated[k] = true;
  });
  // A citation group supports every sentence back to the previous group.
  const scope: string[][] = Array.from({ length: count }, () => []);
  let pending: number[] = [];
  for (let k = 0; k < count; k++) {
    pending.push(k);
    if (cites[k]!.length) {
      for (const j of pending) scope[j] = cites[k]!;
      pending = [];
    }
  }
  tokens.forEach((t, i) => {
    const k = sentences[i]!;
    // A quotation, like a figure, is pinned by its sentence: cited there, it needs no mark of its own.
    if (claimed(t)) out.set(t.node, { cites: scope[k]!, dated: dated[k]! });
  });
  return out;
}

function citeIds(node: TextDirective): string[] {
  const text = node.children.map((c) => ('value' in c ? c.value : '')).join('');
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Stores each figure directive's claim in its `data.claim`, where compose finds it again. */
export function annotateClaims(tree: Root): void {
  visit(tree, (node) => {
    if (!blocks.has(node.type)) return;
    for (const [directive, claim] of claimsOfBlock(node as Parents))
      directive.data = { ...directive.data, claim } as TextDirective['data'];
    return 'skip';
  });
}

export function claimOf(node: TextDirective): Claim | undefined {
  return (node.data as { claim?: Claim } | undefined)?.claim;
}
