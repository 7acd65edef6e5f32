/**
 * A prose translation keeps the block structure of its source. A block of a Markdown file
 * (a paragraph, a quotation) is one segment, and the import writes each target back into its
 * block's place: a target that Markdown reads as more or other blocks (a blank line, a `#`
 * heading, a list, a `---` thematic break, a setext `===` underline, a pipe table) had changed
 * the document's structure, and split the file into blocks that no longer pair with the
 * source's. A title, written into the front matter, stays one line of inline text.
 */
import type { Root, RootContent } from 'mdast';
import { parseMarkdown, textLimit } from '../load/markdown.js';

/** The blocks of a text, each with the blocks inside it: `paragraph`, `heading 2`, `list(listItem(paragraph))`. */
function shape(nodes: readonly RootContent[]): string[] {
  return nodes.map((n) => {
    const own = n.type === 'heading' ? `heading ${n.depth}` : n.type;
    return 'children' in n && n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'leafDirective'
      ? `${own}(${shape(n.children as RootContent[]).join(',')})`
      : own;
  });
}

/** Read as the loader reads every text (its parse, kept by text: compose finds it there too). */
const parse = (text: string): Root => parseMarkdown(text, '').tree;

const WHAT: Record<string, string> = {
  paragraph: 'a paragraph',
  heading: 'a heading',
  list: 'a list',
  blockquote: 'a quotation',
  thematicBreak: 'a thematic break (`---`)',
  code: 'a code block',
  html: 'an HTML block',
  definition: 'a link definition',
  leafDirective: 'a block directive',
  containerDirective: 'a block directive',
};

const described = (nodes: readonly RootContent[]): string => {
  const names = nodes.map((n) => WHAT[n.type] ?? n.type);
  return names.length === 0
    ? 'nothing'
    : names.length === 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
};

/** A pipe table's delimiter row (`|---|:--:|`), which GitHub-flavoured Markdown makes a table of. */
const TABLE_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/m;
const hasTable = (text: string): boolean =>
  text.split('\n').some((line) => line.includes('|') && TABLE_ROW.test(line));

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
const BLANK_LINE = /\n[ \t]*\n/;

/**
 * What is wrong with a translation of a prose segment (`title`, or a block `p1`, `p2`, …) whose
 * source is `source`, or undefined if it keeps the source's structure. The message says how to fix it.
 */
export function blockProblem(segment: string, source: string, target: string): string | undefined {
  if (segment === 'title') {
    if (LINE_BREAK.test(target))
      return 'a title is one line of text, and this translation has a line break; put it on one line';
  }
  const text = target.replace(/\r\n?/g, '\n');
  const sourceText = source.replace(/\r\n?/g, '\n');
  if (segment !== 'title' && BLANK_LINE.test(text))
    return 'the translation holds a blank line, which would split this block of the document in two and put every later block out of step; keep it one block: remove the blank line';
  const fix =
    segment === 'title'
      ? 'keep it one line of inline text: it may not start with `#`, `-`, `+`, `*`, `>` or a number and `.`, or be `---`'
      : 'keep it as the source is: no line may start a heading (`#`), a list (`-`, `+`, `*`, `1.`), a quotation (`>`), a thematic break (`---`) or a table (`|---|`), and none may be only `=` or `-` (a heading underline)';
  // Not parsed (micromark's cost grows fast with nesting): the import's `check` refuses it at its limit.
  if (textLimit(text) !== undefined) return undefined;
  const sourceTree = parse(sourceText);
  const targetTree = parse(text);
  const want = shape(sourceTree.children).join(',');
  const got = shape(targetTree.children).join(',');
  const what = described(sourceTree.children);
  if (want !== got)
    return `Markdown would read this translation as ${described(targetTree.children)}, not as ${what} as the source is; ${fix}`;
  if (hasTable(text) && !hasTable(sourceText))
    return `a line of this translation is a table's delimiter row (\`|---|\`), which would make ${what} a table; ${fix}`;
  return undefined;
}
