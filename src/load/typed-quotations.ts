/**
 * Quotations typed straight into prose instead of taken from the registry: quotation
 * marks around a long run of words, or a `>` block quotation. Each gets a warning, since
 * a typed quotation has no approved wording and no mark saying whether it is a translation.
 * Short runs in quotation marks are terms ("terrorism" charges, a «миротворческие» force).
 */
import type { Nodes, Parents, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnose, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';

/** Words inside quotation marks from which a run counts as a quotation, not a term. */
export const quotationWords = 4;

const pairs = /“([^”]*)”|«([^»]*)»|„([^“]*)“|"([^"]*)"/g;
/** A directive that prints words (a figure, a date) reads as a word; this stands for it. */
const WORD = '\uE000';
const words = (s: string): number => s.match(/[\p{L}\p{N}\uE000][\p{L}\p{N}\p{M}\uE000'’-]*/gu)?.length ?? 0;

interface Piece {
  readonly offset: number;
  readonly node: Nodes;
}

/** The block's text, directives read as words, and the text node each offset falls in. */
function flatten(block: Parents): { text: string; pieces: Piece[] } {
  let text = '';
  const pieces: Piece[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'textDirective') {
      if (node.name !== 'cite' && node.name !== 'quote') text += WORD;
      return;
    }
    if (node.type === 'text' || node.type === 'inlineCode') {
      pieces.push({ offset: text.length, node });
      text += node.value;
      return;
    }
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  for (const c of block.children) walk(c as Nodes);
  return { text, pieces };
}

function positionIn(pieces: readonly Piece[], offset: number, at: (n: Nodes) => Position): Position {
  let piece = pieces[0];
  for (const p of pieces) if (p.offset <= offset) piece = p;
  if (!piece) return { line: 1, column: 1 };
  const start = at(piece.node);
  const value = 'value' in piece.node ? String(piece.node.value) : '';
  const before = value.slice(0, offset - piece.offset).split('\n');
  return before.length === 1
    ? { line: start.line, column: start.column + offset - piece.offset }
    : { line: start.line + before.length - 1, column: (before.at(-1)?.length ?? 0) + 1 };
}

const excerpt = (s: string): string => {
  const t = s.replace(/\s+/g, ' ').replaceAll(WORD, '…').trim();
  return t.length > 50 ? `${t.slice(0, 50)}…` : t;
};

export function typedQuotations(tree: Root, file: string, at: (n: Nodes) => Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(tree, (node) => {
    if (node.type === 'blockquote') {
      const { text } = flatten(node);
      if (words(text) >= quotationWords)
        out.push(diagnose('quote/typed-in-prose', file, { kind: 'block', excerpt: excerpt(text) }, at(node)));
      return 'skip';
    }
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return undefined;
    const { text, pieces } = flatten(node);
    for (const m of text.matchAll(pairs)) {
      const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
      if (words(inner) < quotationWords) continue;
      out.push(
        diagnose(
          'quote/typed-in-prose',
          file,
          { kind: 'inline', excerpt: excerpt(inner) },
          positionIn(pieces, m.index, at),
        ),
      );
    }
    return 'skip';
  });
  return out;
}
