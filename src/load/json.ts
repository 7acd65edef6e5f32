/**
 * JSON files (chart specs, interface strings): parsed with positions, so a
 * syntax error points at its offset and any later problem at the value's line
 * and column (through its JSON pointer), or one diagnostic saying why not.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { diagnose, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { limits } from './limits.js';

export interface ParsedJson {
  readonly value: unknown;
  /** Position of the value at a path (or of its nearest existing parent). */
  positionOf(path: readonly (string | number)[]): Position;
}

/** Line starts of a text, as offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Line and column (1-based) of every offset of a text that starts `lineOffset` lines into its file. */
export function offsetToPosition(
  text: string,
  lineOffset = 0,
  starts: readonly number[] = lineStarts(text),
): (offset: number) => Position {
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + lineOffset, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/** Offset at which brackets nest deeper than the limit (strings skipped), or -1. */
export function tooDeep(text: string, max: number = limits.structureDepth): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return -1;
}

/**
 * jsonc-parser's codes (`PropertyNameExpected`) in words: "property name expected". A
 * comment, a trailing comma or a single quote is what a person most often writes by hand.
 */
function readable(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const why: Record<string, string> = {
    InvalidCommentToken: ' (JSON has no comments)',
    PropertyNameExpected: ' (in double quotes; or a comma too many before it)',
    ValueExpected: ' (or a comma too many before it)',
    InvalidSymbol: ' (strings are in double quotes)',
  };
  return words + (why[code] ?? '');
}

export function parseJson(
  text: string,
  file: string,
  rule: 'chart/invalid' | 'schema/invalid',
): { ok: true; value: unknown; parsed: ParsedJson } | { ok: false; error: Diagnostic } {
  // Lines counted only for a position asked for, as the tree below.
  let lines: ((offset: number) => Position) | undefined;
  const toPos = (offset: number): Position => (lines ??= offsetToPosition(text))(offset);
  const deep = tooDeep(text);
  if (deep >= 0)
    return {
      ok: false,
      error: diagnose('limit/depth', file, { kind: 'structure', max: limits.structureDepth }, toPos(deep)),
    };
  const errors: ParseError[] = [];
  // The tree with offsets only when a position is asked for (a problem to point at): most
  // files have none, and building it cost more than parsing the JSON.
  const treeOf = (): Node | undefined =>
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const tree = treeOf();
    const first = errors[0];
    const detail = first
      ? readable(printParseErrorCode(first.error))
      : tree
        ? (e as Error).message
        : 'the file is empty';
    return {
      ok: false,
      error: diagnose(rule, file, { kind: 'json-syntax', detail }, toPos(first?.offset ?? 0)),
    };
  }
  let tree: Node | undefined;
  const positionOf = (path: readonly (string | number)[]): Position => {
    tree ??= treeOf();
    if (!tree) return { line: 1, column: 1 };
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]);
      if (node) return toPos(node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return { line: 1, column: 1 };
  };
  return { ok: true, value, parsed: { value, positionOf } };
}

/** `/layer/0/mark` → ['layer', 0, 'mark'] (RFC 6901). */
export function pointerPath(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
