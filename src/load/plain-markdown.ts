/**
 * The tree of a text in which Markdown can find no syntax: one line of letters, digits,
 * spaces and plain punctuation parses to one paragraph of one text node. Most values of
 * a project's YAML are such (952 of the 1,215 texts a cold load of the example parses),
 * and micromark, which sets up its tokenizers for every text, spent about 160 ms of a
 * cold load on them: on a cold build's path, since the PDF worker waits for the first
 * document. Any other text goes to the parser (load/markdown.ts).
 */
import type { Root } from 'mdast';

/**
 * Starts with a letter, a quotation mark or a parenthesis (not a digit, `-`, `+`, `*`,
 * `#`, `>` or a space, which can open a list, a heading, a quote or code) and holds
 * nothing that opens inline syntax: no `*`, `_`, `` ` ``, `[`, `]`, `!`, `<`, `&`, `\`,
 * `:` (a directive), `{`, `~`, no tab and no line break. Ends with anything but a space,
 * which a paragraph would trim.
 */
const PLAIN = /^[\p{L}\p{M}"'«“‘„(][\p{L}\p{M}\p{N} .,;'"()?%/–—«»“”‘’„…-]*(?<! )$/u;

/** The parser's tree for `text` when it is plain, else `undefined`. */
export function plainTree(text: string): Root | undefined {
  if (!PLAIN.test(text)) return undefined;
  // Each node its own position objects, as the parser gives them: later steps may adjust one.
  const span = (): NonNullable<Root['position']> => ({
    start: { line: 1, column: 1, offset: 0 },
    end: { line: 1, column: text.length + 1, offset: text.length },
  });
  return {
    type: 'root',
    children: [
      { type: 'paragraph', children: [{ type: 'text', value: text, position: span() }], position: span() },
    ],
    position: span(),
  };
}
