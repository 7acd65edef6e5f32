/**
 * The tree of a text in which Markdown finds no syntax but directives: blocks of one line
 * each (a paragraph of letters, digits, spaces and plain punctuation with `:name[id]{key=value}`
 * directives in it, or a `::name[id]` on a line of its own), one blank line between two.
 * Nearly every text of a project is such: of the 1,534 a cold load of the example parses,
 * all but 2 (the YAML values and the prose of the Markdown files). micromark, which sets up
 * its tokenizers for every text, spent about 300 ms of a cold load on them, against about
 * 40 here: on a cold build's path, since the PDF worker waits for the first document, and on
 * every project's load in a workspace of several. Any other text goes to the parser
 * (load/markdown.ts), and tests/plain-markdown.test.ts holds this to the parser's own tree.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';

/**
 * Plain characters: none that opens inline syntax (`*`, `_`, `` ` ``, `[`, `]`, `<`, `&`,
 * `\`, `{`, `~`), no tab and no line break; a no-break space and a `+` past the first
 * character (which FIRST keeps from opening a list). A `:` is plain before a space or at the end
 * (a directive's name cannot start there), a `!` anywhere but before `[` (an image).
 */
const PLAIN_RUN = /(?:[\p{L}\p{M}\p{N} \u00a0.,;'"()?%/+–—«»“”‘’„…-]|:(?= |$)|!(?!\[))+/uy;

/**
 * The first character: not a digit, `-`, `+`, `*`, `#`, `>` or a space, which can open a
 * list, a heading, a quote or code. A directive may come first.
 */
const FIRST = /^[\p{L}\p{M}"'«“‘„(:]/u;

/** An id, a date or a word: letters and digits, single `.`, `-` or `_` between them (never emphasis). */
const WORD = '[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*';
/**
 * A label: a word, then for a time (`2022-01-05T02:53+06:00`) each `:` with the digits after
 * it, which the parser reads as a directive of its own inside the label (named `53`, then
 * `00`), and an offset's `+06` between them. (A name followed by another `:` is not one.)
 */
const LABEL = `${WORD}(?::[A-Za-z0-9]+\\+[0-9]+)*(?::[A-Za-z0-9]+)?`;
const INNER = /:([A-Za-z0-9]+)(\+[0-9]+)?/y;
// No control character in a quoted value: the parser reads a NUL as U+FFFD, and a tab moves columns.
const VALUE = `(?:${WORD}|"[^"\\\\&{}\\u0000-\\u001f\\u007f]*")`;
const KEY = '[A-Za-z][A-Za-z0-9]*';
const ATTRIBUTE = `${KEY}=${VALUE}`;
/**
 * `:name[label]` and, optionally, `{key=value key="value"}`: the forms a project writes.
 * Not at the start of a longer name (after another `:`), nor followed by `(` or `[`.
 */
const DIRECTIVE = new RegExp(
  `(?<!:):([a-z][a-z0-9]*)\\[(${LABEL})\\](?:\\{(${ATTRIBUTE}(?: ${ATTRIBUTE})*)\\})?(?![([{])`,
  'y',
);

/** A leaf directive on a line of its own: `::quote[id]`. */
const LEAF = new RegExp(`^::([a-z][a-z0-9]*)\\[(${LABEL})\\](?:\\{(${ATTRIBUTE}(?: ${ATTRIBUTE})*)\\})?$`);

interface Point {
  line: number;
  column: number;
  offset: number;
}
interface Span {
  start: Point;
  end: Point;
}

/** One line of the text: its number, and the offset where it starts. */
interface Line {
  readonly text: string;
  readonly number: number;
  readonly start: number;
}

// Each node its own position objects, as the parser gives them: later steps may adjust one.
const point = (line: Line, at: number): Point => ({
  line: line.number,
  column: at + 1,
  offset: line.start + at,
});
const span = (line: Line, from: number, to: number): Span => ({
  start: point(line, from),
  end: point(line, to),
});

const PAIR = new RegExp(`(?:^| )(${KEY})=(${VALUE})`, 'y');

/** The attributes as the parser gives them, or undefined for a form it reads otherwise. */
function attributesOf(source: string | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (!source) return out;
  PAIR.lastIndex = 0;
  for (let pair = PAIR.exec(source); pair; pair = PAIR.exec(source)) {
    const [, key, value] = pair as unknown as [string, string, string];
    // `id` and `class` are read in their own ways; a key given twice is merged.
    if (key === 'id' || key === 'class' || key in out) return undefined;
    out[key] = value.startsWith('"') ? value.slice(1, -1) : value;
    if (PAIR.lastIndex === source.length) return out;
  }
  return undefined;
}

/** The line's inline nodes, or undefined when anything in it is not plain text or a plain directive. */
function inlines(line: Line): PhrasingContent[] | undefined {
  const text = line.text;
  const out: PhrasingContent[] = [];
  let at = 0;
  while (at < text.length) {
    PLAIN_RUN.lastIndex = at;
    if (PLAIN_RUN.test(text)) {
      const end = PLAIN_RUN.lastIndex;
      out.push({ type: 'text', value: text.slice(at, end), position: span(line, at, end) });
      at = end;
      continue;
    }
    DIRECTIVE.lastIndex = at;
    const d = DIRECTIVE.exec(text);
    const attributes = d && attributesOf(d[3]);
    if (!d || !attributes) return undefined;
    out.push(directive('textDirective', d, attributes, line, at, DIRECTIVE.lastIndex));
    at = DIRECTIVE.lastIndex;
  }
  return out;
}

/** A label's nodes, from `at` in the line: its first word, then each inner directive and the text after it. */
function labelNodes(label: string, line: Line, at: number): PhrasingContent[] {
  const text = (from: number, to: number): PhrasingContent => ({
    type: 'text',
    value: label.slice(from, to),
    position: span(line, at + from, at + to),
  });
  const colon = label.indexOf(':');
  const out = [text(0, colon < 0 ? label.length : colon)];
  INNER.lastIndex = Math.max(colon, 0);
  for (let inner = colon < 0 ? null : INNER.exec(label); inner; inner = INNER.exec(label)) {
    const end = inner.index + 1 + inner[1]!.length;
    const position = span(line, at + inner.index, at + end);
    out.push({ type: 'textDirective', name: inner[1]!, attributes: {}, children: [], position });
    if (inner[2]) out.push(text(end, INNER.lastIndex));
  }
  return out;
}

/** A directive node from its match: name, label and attributes, at `from`–`to` of the line. */
function directive<T extends 'textDirective' | 'leafDirective'>(
  type: T,
  [marker, name, label]: RegExpExecArray,
  attributes: Record<string, string>,
  line: Line,
  from: number,
  to: number,
) {
  const children = labelNodes(label!, line, from + marker.indexOf('[') + 1);
  return { type, name: name!, attributes, children, position: span(line, from, to) };
}

/** A block of one line: a paragraph of plain text and directives, or a leaf directive. */
function block(line: Line): RootContent | undefined {
  const leaf = LEAF.exec(line.text);
  if (leaf) {
    const attributes = attributesOf(leaf[3]);
    return attributes && directive('leafDirective', leaf, attributes, line, 0, line.text.length);
  }
  // Ends with anything but a space, which a paragraph would trim.
  if (!FIRST.test(line.text) || line.text.endsWith(' ')) return undefined;
  const children = inlines(line);
  return children && { type: 'paragraph', children, position: span(line, 0, line.text.length) };
}

/**
 * The parser's tree for `text` when it is plain (but for directives), else `undefined`:
 * blocks of one line each, one blank line between two, and at most one line break at the
 * end (a file's).
 */
export function plainTree(text: string): Root | undefined {
  const lines: Line[] = [];
  let start = 0;
  for (const part of (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n')) {
    lines.push({ text: part, number: lines.length + 1, start });
    start += part.length + 1;
  }
  const children: RootContent[] = [];
  for (const line of lines) {
    // Lines 2, 4, …: the blank line between two blocks.
    if (line.number % 2 === 0) {
      if (line.text !== '') return undefined;
      continue;
    }
    const node = block(line);
    if (!node) return undefined;
    children.push(node);
  }
  if (lines.length % 2 === 0) return undefined;
  const last = lines[lines.length - 1]!;
  const end: Point = text.endsWith('\n')
    ? { line: last.number + 1, column: 1, offset: text.length }
    : point(last, last.text.length);
  return { type: 'root', children, position: { start: point(lines[0]!, 0), end } };
}
