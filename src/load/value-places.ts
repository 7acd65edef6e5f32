/**
 * Where a place inside a YAML string value lies in its file. A value's text is not its
 * source once it spans lines or is quoted: a plain or quoted scalar folds each line break
 * into a space and drops the indentation after it, a blank line becomes a line break, quotes
 * and escapes change lengths, a block scalar drops its indicator and indentation. Problems
 * inside such a value (a digit typed in prose, an unknown figure) had been placed as if its
 * text were the file's, a line or more off.
 */
import type { Position } from '../diagnostics/diagnostic.js';
import { lineStarts } from './json.js';

const indentOf = (source: string, lineStart: number): number => {
  let i = lineStart;
  while (source[i] === ' ') i++;
  return i - lineStart;
};

/** Where the scalar starting at `start` ends: its closing quote, or its last more-indented line. */
export function scalarEnd(source: string, start: number): number {
  const open = source[start];
  if (open === '"') {
    for (let i = start + 1; i < source.length; i++) {
      if (source[i] === '\\') i++;
      else if (source[i] === '"') return i + 1;
    }
    return source.length;
  }
  if (open === "'") {
    for (let i = start + 1; i < source.length; i++)
      if (source[i] === "'") {
        if (source[i + 1] === "'") i++;
        else return i + 1;
      }
    return source.length;
  }
  // Plain or block: on while the lines are more indented than the one the value starts on
  // (its key's), blank lines included; a comment ends a plain scalar's line.
  const keyLine = source.lastIndexOf('\n', start - 1) + 1;
  const keyIndent = indentOf(source, keyLine);
  let end = source.indexOf('\n', start);
  if (end < 0) return source.length;
  for (let next = end + 1; next < source.length;) {
    const eol = source.indexOf('\n', next);
    const lineEnd = eol < 0 ? source.length : eol;
    const blank = source.slice(next, lineEnd).trim() === '';
    if (!blank && indentOf(source, next) <= keyIndent) break;
    if (!blank) end = lineEnd;
    if (eol < 0) break;
    next = eol + 1;
  }
  return end;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  _: '\u00a0',
  N: '\u0085',
};

/** The length of a double-quoted scalar's escape at `i` (a backslash), and what it stands for. */
function escapeAt(raw: string, i: number): { length: number; char: string | undefined } {
  const c = raw[i + 1] ?? '';
  if (c === '\n' || c === '\r') return { length: 1, char: undefined };
  const hex = { x: 2, u: 4, U: 8 }[c];
  if (hex) {
    const code = Number.parseInt(raw.slice(i + 2, i + 2 + hex), 16);
    return { length: 2 + hex, char: Number.isNaN(code) ? undefined : String.fromCodePoint(code) };
  }
  return { length: 2, char: NAMED_ESCAPES[c] ?? c };
}

/**
 * For each offset of `value`, the offset in `raw` (its source) of the character that makes it,
 * found in order: a character is taken where the source has it, an escape that stands for it,
 * or the line break it was folded from; what the source has besides (quotes, indentation, an
 * indicator, a line's continuation) is passed over.
 */
export function alignValue(value: string, raw: string): number[] {
  const map: number[] = [];
  // Past the opening quote, or a block scalar's indicator line, which no character comes from.
  const quoted = raw[0] === '"' || raw[0] === "'";
  let j = quoted ? 1 : raw[0] === '|' || raw[0] === '>' ? raw.indexOf('\n') + 1 || raw.length : 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    for (; j < raw.length; j++) {
      const r = raw[j];
      if (r === c) break;
      if (r === '\\' && raw[0] === '"' && escapeAt(raw, j).char === c) break;
      if (c === ' ' && (r === '\n' || r === '\r')) break;
    }
    map.push(Math.min(j, raw.length));
    if (raw[j] === '\\' && raw[0] === '"' && raw[j + 1] !== c) j += escapeAt(raw, j).length;
    else if (raw[0] === "'" && raw[j] === "'" && raw[j + 1] === "'" && c === "'") j += 2;
    else j++;
  }
  map.push(Math.min(j, raw.length));
  return map;
}

/**
 * A function from a place in `value`, parsed as its own text from line 1, column 1, to its
 * place in the file; undefined where the value is its source as it stands (a plain scalar on
 * one line), which the caller then places by the value's start.
 */
export function placesInValue(
  source: string,
  start: number,
  value: string,
  toPos: (offset: number) => Position,
): ((p: Position) => Position) | undefined {
  const end = scalarEnd(source, start);
  const raw = source.slice(start, end);
  if (raw === value) return undefined;
  // Most values stand in the file as they are after a quote, or before a comment: placed by
  // a shift, not aligned (aligning every value of a load had taken 10–20 ms of each build).
  const quote = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
  const verbatim = raw.startsWith(value, quote) && !value.includes('\n');
  const map = verbatim ? undefined : alignValue(value, raw);
  const starts = verbatim ? [0] : lineStarts(value);
  return (p) => {
    const offset = Math.min(Math.max((starts[p.line - 1] ?? value.length) + p.column - 1, 0), value.length);
    return toPos(start + (map ? (map[offset] ?? raw.length) : quote + offset));
  };
}

/** A character reference (`&#10;`, `&#x2014;`, `&mdash;`) at the start of `text`, or undefined. */
const REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * The same for a Markdown text node and its source: a character comes from itself or from a
 * character reference; what the source has besides (a backslash before punctuation, a code
 * fence, indentation, emphasis marks) is passed over.
 */
export function alignMarkdown(value: string, raw: string): number[] {
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let ref: RegExpExecArray | null = null;
    for (; j < raw.length; j++) {
      if (raw[j] === c) break;
      if (raw[j] === '&' && (ref = REFERENCE.exec(raw.slice(j, j + 40)))) break;
    }
    map.push(Math.min(j, raw.length));
    j += ref ? ref[0].length : 1;
  }
  map.push(Math.min(j, raw.length));
  return map;
}
