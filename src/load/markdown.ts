/**
 * Markdown with directives (`:fig[id]`, `:cite[id]`, `:date[...]`, `:time[...]`, `:chartref[id]`)
 * parsed to mdast once; the loader checks it and compose renders it.
 */
import { rangeForms } from '../model/dates.js';
import { directiveNames, type DirectiveName, type DirectiveUse } from '../model/project.js';
import { alignMarkdown } from './value-places.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import { visit } from 'unist-util-visit';
import type { Code, Html, InlineCode, Nodes, Parents, Root, Text } from 'mdast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
import { diagnose, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { annotateClaims, claimOf } from './claims.js';
import { limits } from './limits.js';
import { unprintableClass } from '../fonts/roboto-coverage.js';
import { typedQuotations } from './typed-quotations.js';
import { memo } from '../text/memo.js';
import { plainTree } from './plain-markdown.js';

export interface ParsedMarkdown {
  readonly tree: Root;
  readonly uses: DirectiveUse[];
  readonly errors: Diagnostic[];
}

const processor = unified().use(remarkParse).use(remarkDirective);

/** Where a text passes a limit that is cheaper to check on its raw text than after parsing. */
export type TextLimit =
  | { readonly line: number; readonly column: number; readonly kind: 'markdown' | 'brackets' | 'marks' }
  | { readonly line: number; readonly column: number; readonly kind: 'word'; readonly length: number };

/**
 * The first line that passes a limit: nesting of lists (by indentation) or quotes (by `>`),
 * of brackets, the number of emphasis marks, or a word's length. micromark's cost grows fast
 * with depth (a thousand levels took 23 s; five thousand levels of `**`, 45 s), and a word
 * longer than a page's line exhausted the PDF writer, so this runs on the raw text first.
 */
export function textLimit(text: string, max: number = limits.markdownDepth): TextLimit | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const indent = /^[ \t>]*/.exec(line)?.[0] ?? '';
    const quotes = indent.split('>').length - 1;
    const width = indent.replace(/\t/g, '    ').replace(/>/g, '').length;
    // A nested list item is indented at least two columns per level.
    if (quotes > max || width >= max * 2) return { line: i, column: 1, kind: 'markdown' };
    const inline = inlineLimit(line, i, max);
    if (inline) return inline;
  }
  return undefined;
}

/** A run of non-space characters longer than a word may be; made once, as every line of every text is scanned. */
const LONG_WORD = new RegExp(`\\S{${limits.wordChars + 1},}`, 'u');

/** What `\s` matches: JavaScript's white space and line ends, all in the Basic Multilingual Plane. */
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/**
 * Whether the line has a run of more than `max` UTF-16 units with no space: a run of that
 * many characters has at least as many units, so a line without one needs no look by
 * LONG_WORD, whose Unicode matching at every position was the larger part of scanning a
 * workspace's texts (a cold build's load). Exported for its test.
 */
export function mayHaveLongWord(line: string, max: number = limits.wordChars): boolean {
  if (line.length <= max) return false;
  let run = 0;
  for (let i = 0; i < line.length; i++) {
    if (isSpace(line.charCodeAt(i))) run = 0;
    else if (++run > max) return true;
  }
  return false;
}

function inlineLimit(line: string, at: number, max: number): TextLimit | undefined {
  let depth = 0;
  let marks = 0;
  for (let c = 0; c < line.length; c++) {
    const ch = line[c];
    if (ch === '\\') c++;
    else if (ch === '[' && ++depth > max) return { line: at, column: c + 1, kind: 'brackets' };
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if ((ch === '*' || ch === '_' || ch === '~') && ++marks > limits.markdownMarks)
      return { line: at, column: c + 1, kind: 'marks' };
  }
  const long = mayHaveLongWord(line) ? LONG_WORD.exec(line) : null;
  return long ? { line: at, column: long.index + 1, kind: 'word', length: long[0].length } : undefined;
}

/** Raw HTML is removed, but the text it holds is not: a stray tag never swallows a paragraph. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style|template|textarea|title)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * Parsed once per text, file and origin (see text/memo.ts): `watch` loads the workspace
 * again on every save, and a build finds on disk what the last one parsed; all but the
 * files just edited are as they were. Each caller gets its own copy.
 */
/** `origin` maps positions of a snippet (e.g. a YAML string) onto its file. */
export function parseMarkdown(
  text: string,
  file: string,
  origin: Position = { line: 1, column: 1 },
): ParsedMarkdown {
  return memo('markdown', [file, origin.line, origin.column, text], () => parseFresh(text, file, origin));
}

function parseFresh(text: string, file: string, origin: Position): ParsedMarkdown {
  const uses: DirectiveUse[] = [];
  const errors: Diagnostic[] = [];
  const limit = textLimit(text);
  if (limit) {
    const at = {
      line: origin.line + limit.line,
      column: limit.line === 0 ? origin.column + limit.column - 1 : limit.column,
    };
    errors.push(
      limit.kind === 'word'
        ? diagnose('limit/word', file, { length: limit.length, max: limits.wordChars }, at)
        : diagnose(
            'limit/depth',
            file,
            { kind: limit.kind, max: limit.kind === 'marks' ? limits.markdownMarks : limits.markdownDepth },
            at,
          ),
    );
    return { tree: { type: 'root', children: [] }, uses, errors };
  }
  const tree = plainTree(text) ?? (processor.parse(text) as Root);
  annotateClaims(tree);
  const at = (node: Nodes): Position => {
    const p = node.position?.start ?? { line: 1, column: 1 };
    return { line: origin.line + p.line - 1, column: p.line === 1 ? origin.column + p.column - 1 : p.column };
  };
  const parse: Parse = { text, file, origin, uses, errors, at };
  errors.push(...typedQuotations(tree, file, at));
  visit(tree, (node, _index, parent) => checkNode(parse, node, parent));
  return { tree, uses, errors };
}

/** One text being parsed: its source, where it stands in its file, and what its checks found. */
interface Parse {
  readonly text: string;
  readonly file: string;
  /** Where the text starts in its file. */
  readonly origin: Position;
  readonly uses: DirectiveUse[];
  readonly errors: Diagnostic[];
  /** Where a node is written in the file. */
  readonly at: (node: Nodes) => Position;
}

/**
 * One node of the tree: a directive becomes a use (its label is not prose: `skip`), and
 * prose is checked for what a document cannot show.
 */
function checkNode(p: Parse, node: Nodes, parent: Parents | undefined): 'skip' | undefined {
  if (node.type === 'leafDirective' && node.name === 'quote') {
    p.uses.push({
      name: 'quote',
      value: directiveValue(node),
      attributes: {},
      position: p.at(node),
      block: true,
    });
    return 'skip';
  }
  if (node.type === 'containerDirective' || node.type === 'leafDirective') {
    p.errors.push(
      diagnose('markdown/unknown-directive', p.file, { kind: 'block', name: node.name }, p.at(node)),
    );
    return undefined;
  }
  if (node.type === 'textDirective') {
    inlineDirective(p, node);
    return 'skip';
  }
  if (node.type === 'text' && parent?.type !== 'textDirective' && templateInProse(p, node)) return undefined;
  if (node.type === 'image' || node.type === 'imageReference') {
    p.errors.push(
      diagnose(
        'markdown/dropped',
        p.file,
        { kind: 'image', alt: 'alt' in node && node.alt ? node.alt : undefined },
        p.at(node),
      ),
    );
  }
  if (
    (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') &&
    parent?.type !== 'textDirective'
  )
    digitInProse(p, node);
  if (node.type === 'text' && parent?.type !== 'textDirective') noGlyph(p, node);
  // Code marks are dropped on the page, and their text kept: a control in it reorders the same.
  if (node.type === 'inlineCode' || node.type === 'code') bidiControl(p, node);
  if (node.type === 'html') {
    // Raw HTML never reaches a document; say so rather than drop it silently.
    p.errors.push(diagnose('markdown/dropped', p.file, { kind: 'html' }, p.at(node)));
  }
  return undefined;
}

/** An inline directive: a use of a directive the documents know, its attributes checked. */
function inlineDirective(p: Parse, d: TextDirective): void {
  if (!(directiveNames as readonly string[]).includes(d.name)) {
    p.errors.push(diagnose('markdown/unknown-directive', p.file, { kind: 'inline', name: d.name }, p.at(d)));
    return;
  }
  const value = labelAsWritten(d, p.text);
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.attributes ?? {})) if (typeof v === 'string') attributes[k] = v;
  p.errors.push(...attributeProblems(d.name as DirectiveName, attributes, p.file, p.at(d)));
  const claim = claimOf(d);
  // A chart reference is checked against each document that shows it, at compose time:
  // it carries its place in the file, for the warning a document may give.
  if (d.name === 'chartref') d.data = Object.assign(d.data ?? {}, { at: p.at(d) });
  p.uses.push({
    name: d.name as DirectiveName,
    value,
    attributes,
    position: p.at(d),
    ...(claim ? { claim } : {}),
  });
}

/** Whether a text holds template syntax (`{{…}}`), reported; its other checks are then left. */
function templateInProse(p: Parse, node: Text): boolean {
  const hb = /\{\{[\s\S]*?\}\}/.exec(node.value);
  if (!hb) return false;
  p.errors.push(
    diagnose(
      'markdown/template-in-prose',
      p.file,
      { syntax: hb[0] },
      offsetIn(p.at(node), node.value, hb.index),
    ),
  );
  return true;
}

function digitInProse(p: Parse, node: Text | InlineCode | Code | Html): void {
  const value = node.type === 'html' ? textOfHtml(node.value) : node.value;
  const match = /\d/.exec(value);
  if (!match) return;
  // Point at the digit itself, not at the start of the text run.
  p.errors.push(
    diagnose(
      'markdown/digit-in-prose',
      p.file,
      { excerpt: excerpt(value, match.index) },
      node.type === 'html' ? p.at(node) : placeIn(p, node, value, match.index),
    ),
  );
}

function bidiControl(p: Parse, node: Text | InlineCode | Code): void {
  const bidi = BIDI_CONTROL.exec(node.value);
  if (bidi)
    p.errors.push(
      diagnose('markdown/bidi-control', p.file, { char: bidi[0] }, placeIn(p, node, node.value, bidi.index)),
    );
}

function noGlyph(p: Parse, node: Text): void {
  bidiControl(p, node);
  const missing = unprintable(node.value);
  if (missing)
    p.errors.push(
      diagnose(
        'markdown/no-glyph',
        p.file,
        { chars: missing.chars },
        placeIn(p, node, node.value, missing.index),
      ),
    );
}

/**
 * A character of a node's text, where its source is not its text (a code block's fence and
 * indentation, a character reference such as `&#10;`): found in the source, which a count
 * from the node's start had put a line or more off.
 */
function placeIn(p: Parse, node: Nodes, value: string, index: number): Position {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const raw = start === undefined || end === undefined ? value : p.text.slice(start, end);
  if (raw === value || start === undefined) return offsetIn(p.at(node), value, index);
  return offsetIn(p.origin, p.text, start + (alignMarkdown(value, raw)[index] ?? 0));
}

/**
 * What each directive takes: an attribute's values, or `any` (a noun, a source or a date,
 * checked against the project elsewhere), or `flag` (`{current}`). A misspelt attribute
 * (`{stlye=day}`) or value (`{style=dya}`) had been passed over, the default shown instead.
 */
const directiveAttributes: Readonly<
  Record<DirectiveName, Readonly<Record<string, readonly string[] | 'any' | 'flag'>>>
> = {
  fig: {
    noun: 'any',
    case: ['nom', 'gen', 'dat', 'acc', 'ins', 'prep'],
    source: 'any',
    asOf: 'any',
    current: 'flag',
  },
  date: { style: ['long', 'day', 'short', 'month'], to: 'any', range: rangeForms },
  cite: {},
  time: {},
  quote: {},
  chartref: {},
};

function attributeProblems(
  name: DirectiveName,
  attributes: Readonly<Record<string, string>>,
  file: string,
  at: Position,
): Diagnostic[] {
  const takes = directiveAttributes[name];
  const out: Diagnostic[] = [];
  for (const [attribute, value] of Object.entries(attributes)) {
    const values = takes[attribute];
    if (values === undefined)
      out.push(
        diagnose(
          'markdown/unknown-attribute',
          file,
          { directive: name, attribute, allowed: Object.keys(takes) },
          at,
        ),
      );
    else if (Array.isArray(values) && !values.includes(value))
      out.push(
        diagnose(
          'markdown/unknown-attribute',
          file,
          { directive: name, attribute, value, allowed: values },
          at,
        ),
      );
  }
  return out;
}

/** Where the character at `index` of `value` stands, when `value` starts at `start` of its file. */
export function offsetIn(start: Position, value: string, index: number): Position {
  const before = value.slice(0, index).split('\n');
  const line = start.line + before.length - 1;
  const column = before.length === 1 ? start.column + index : (before.at(-1)?.length ?? 0) + 1;
  return { line, column };
}

function excerpt(text: string, index: number): string {
  const start = Math.max(0, index - 20);
  return (
    (start > 0 ? '…' : '') +
    text.slice(start, index + 20).replace(/\s+/g, ' ') +
    (index + 20 < text.length ? '…' : '')
  );
}

/** Where a chart reference is written in its file (kept on the node by the parser). */
export function writtenAt(node: TextDirective): Position | undefined {
  return (node.data as { at?: Position } | undefined)?.at;
}

/**
 * A label that Markdown read as markup (`:fig[__x__]`, bold `x`) is no name any schema
 * allows; what is written is what a problem with it should show, not what is left of it.
 */
function labelAsWritten(node: TextDirective, source: string): string {
  const plain = node.children.every((c) => c.type === 'text' || c.type === 'textDirective');
  const start = node.children[0]?.position?.start.offset;
  const end = node.children.at(-1)?.position?.end.offset;
  if (plain || start === undefined || end === undefined) return directiveValue(node);
  return source.slice(start, end).trim();
}

/**
 * The label of a directive as written. A label holding a time ("15:00") is parsed by
 * micromark as text plus a nested directive named "00", so it is rebuilt here.
 */
export function directiveValue(node: TextDirective | LeafDirective): string {
  const text = (c: TextDirective['children'][number]): string =>
    c.type === 'textDirective' ? `:${c.name}${c.children.map(text).join('')}` : 'value' in c ? c.value : '';
  return node.children.map(text).join('').trim();
}

/** The characters of a text the PDF's font has no glyph for (each once), and where the first is. */
function unprintable(text: string): { chars: string[]; index: number } | undefined {
  // One scan by the regular expression engine: nearly every text has none.
  const first = UNPRINTABLE.exec(text);
  if (!first) return undefined;
  const chars = new Set([...text.matchAll(UNPRINTABLES)].map((m) => m[0]));
  return { chars: [...chars], index: first.index };
}

/**
 * Bidirectional embeddings, overrides and isolates: invisible, and on the HTML page they
 * draw the text after them in another order than it is written, and than the PDF (which
 * drops them) prints it. No language of a project needs them in running prose: the
 * browser orders right-to-left words by itself.
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Reported as bidi controls (above), not as missing glyphs. */
const glyphClass = unprintableClass.replace(/\]$/, '\\u202A-\\u202E\\u2066-\\u2069]');
const UNPRINTABLE = new RegExp(glyphClass, 'u');
const UNPRINTABLES = new RegExp(glyphClass, 'gu');
