/**
 * The tree of a text in which Markdown finds no syntax but text directives: one line of
 * letters, digits, spaces and plain punctuation, with `:name[id]{key=value}` directives
 * in it, parses to one paragraph of text nodes and directive nodes. Most values of a
 * project's YAML are such (of the 1,736 texts a cold load of the example parses, 1,094
 * plain and 278 with directives only), and micromark, which sets up its tokenizers for
 * every text, spent about 110 ms of a cold load on them: on a cold build's path, since the
 * PDF worker waits for the first document, and on every project's load in a workspace of
 * several. Any other text goes to the parser (load/markdown.ts).
 */
import type { PhrasingContent, Root } from 'mdast';

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
const VALUE = `(?:${WORD}|"[^"\\\\&{}\\n\\r]*")`;
const ATTRIBUTE = `[A-Za-z][A-Za-z0-9]*=${VALUE}`;
/**
 * `:name[label]` and, optionally, `{key=value key="value"}`: the forms a project writes.
 * Not at the start of a longer name (after another `:`), nor followed by `(` or `[`.
 */
const DIRECTIVE = new RegExp(
  `(?<!:):([a-z][a-z0-9]*)\\[(${WORD})\\](?:\\{(${ATTRIBUTE}(?: ${ATTRIBUTE})*)\\})?(?![([{])`,
  'y',
);

interface Point {
  line: number;
  column: number;
  offset: number;
}
const point = (offset: number): Point => ({ line: 1, column: offset + 1, offset });
const span = (from: number, to: number): { start: Point; end: Point } => ({
  start: point(from),
  end: point(to),
});

const PAIR = new RegExp(`(?:^| )([A-Za-z][A-Za-z0-9]*)=(${VALUE})`, 'y');

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
function inlines(text: string): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let at = 0;
  while (at < text.length) {
    PLAIN_RUN.lastIndex = at;
    if (PLAIN_RUN.test(text)) {
      const end = PLAIN_RUN.lastIndex;
      out.push({ type: 'text', value: text.slice(at, end), position: span(at, end) });
      at = end;
      continue;
    }
    DIRECTIVE.lastIndex = at;
    const d = DIRECTIVE.exec(text);
    const attributes = d && attributesOf(d[3]);
    if (!d || !attributes) return undefined;
    const label = at + d[1]!.length + 2;
    out.push({
      type: 'textDirective',
      name: d[1]!,
      attributes,
      children: [{ type: 'text', value: d[2]!, position: span(label, label + d[2]!.length) }],
      position: span(at, DIRECTIVE.lastIndex),
    });
    at = DIRECTIVE.lastIndex;
  }
  return out;
}

/** The parser's tree for `text` when it is plain (but for directives), else `undefined`. */
export function plainTree(text: string): Root | undefined {
  // Ends with anything but a space, which a paragraph would trim.
  if (!FIRST.test(text) || text.endsWith(' ')) return undefined;
  const children = inlines(text);
  if (!children) return undefined;
  // Each node its own position objects, as the parser gives them: later steps may adjust one.
  return {
    type: 'root',
    children: [{ type: 'paragraph', children, position: span(0, text.length) }],
    position: span(0, text.length),
  };
}
