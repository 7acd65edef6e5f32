/**
 * YAML parsing that keeps positions, so every schema problem can be reported
 * at the line and column of the offending value.
 */
import { LineCounter, parseDocument, isNode, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diagnose, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { offsetToPosition, tooDeep } from './json.js';
import { limits } from './limits.js';

export interface ParsedYaml {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at a path (or of its nearest existing parent). */
  positionOf(path: readonly PropertyKey[]): Position | undefined;
  /** Position of the key of a mapping entry (for "unknown field" problems). */
  keyPositionOf(path: readonly PropertyKey[]): Position | undefined;
  readonly errors: Diagnostic[];
}

/** `lineOffset` lets front matter report positions in the whole Markdown file. */
/** Offset at which YAML nests deeper than the limit: flow brackets, or block indentation. */
function yamlTooDeep(source: string): number {
  const flow = tooDeep(
    source.replace(/(^|\s)#.*$/gm, (m, pre: string) => pre + ' '.repeat(m.length - pre.length)),
  );
  if (flow >= 0) return flow;
  const deepIndent = new RegExp(`^ {${limits.structureDepth * 2},}\\S`, 'm').exec(source);
  return deepIndent ? deepIndent.index : -1;
}

function refusedYaml(file: string, error: Diagnostic): ParsedYaml {
  return {
    file,
    data: null,
    positionOf: () => undefined,
    keyPositionOf: () => undefined,
    errors: [error],
  };
}

export function parseYaml(source: string, file: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const plainPos = (offset: number): Position => {
    const p = offsetToPosition(source)(offset);
    return { line: p.line + lineOffset, column: p.column };
  };
  const deep = yamlTooDeep(source);
  if (deep >= 0)
    return refusedYaml(
      file,
      diagnose('limit/depth', file, { kind: 'structure', max: limits.structureDepth }, plainPos(deep)),
    );
  const doc: Document = parseDocument(source, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const toPos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const errors = doc.errors.map((e) =>
    diagnose(
      e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      file,
      { detail: firstLine(e.message) },
      toPos(e.pos[0]),
    ),
  );
  const positionOf = (path: readonly PropertyKey[]): Position | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(doc, path.slice(0, depth));
      if (node?.range) return toPos(node.range[0]);
    }
    return undefined;
  };
  const keyPositionOf = (path: readonly PropertyKey[]): Position | undefined => {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find(
        (it) => isPair(it) && isScalar(it.key) && it.key.value === path[path.length - 1],
      );
      if (pair && isNode(pair.key) && pair.key.range) return toPos(pair.key.range[0]);
    }
    return positionOf(path);
  };
  let data: unknown = null;
  if (errors.length === 0) {
    try {
      // Aliases are a denial-of-service vector ("billion laughs"); content never needs many.
      data = doc.toJS({ maxAliasCount: limits.yamlAliases });
    } catch (e) {
      const alias = /(^|[\s,[{:-])\*[^\s,\]}]+/m.exec(source);
      const aliasing = e instanceof ReferenceError || /alias/i.test(e instanceof Error ? e.message : '');
      errors.push(
        aliasing
          ? diagnose(
              'limit/yaml-aliases',
              file,
              { max: limits.yamlAliases },
              plainPos(alias ? alias.index + (alias[1]?.length ?? 0) : 0),
            )
          : diagnose(
              'yaml/syntax',
              file,
              { detail: e instanceof Error ? e.message : String(e) },
              plainPos(0),
            ),
      );
    }
  }
  return { file, data, positionOf, keyPositionOf, errors };
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): Node | undefined {
  if (path.length === 0) return doc.contents ?? undefined;
  const node = doc.getIn(
    path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    true,
  );
  if (isNode(node)) return node;
  // A key that exists with a null value: point at the key itself.
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find(
      (it) => isPair(it) && isScalar(it.key) && it.key.value === path[path.length - 1],
    );
    if (pair && isPair(pair) && isNode(pair.key)) return pair.key;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Validates parsed YAML against a schema; every issue becomes a positioned diagnostic. */
export function validate<S extends z.ZodType>(
  parsed: ParsedYaml,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; errors: Diagnostic[] } {
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };
  const result = schema.safeParse(parsed.data);
  if (result.success) return { ok: true, value: result.data };
  const errors = result.error.issues.map((issue) => {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      const pos = parsed.keyPositionOf([...path, keys[0] ?? '']);
      return diagnose('schema/unknown-key', parsed.file, { kind: 'fields', keys, at: where(path) }, pos);
    }
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
      return diagnose(
        'schema/missing',
        parsed.file,
        { kind: 'field', field: String(path[path.length - 1]), at: where(path.slice(0, -1)) },
        parsed.positionOf(path.slice(0, -1)) ?? { line: 1, column: 1 },
      );
    return diagnose(
      'schema/invalid',
      parsed.file,
      { kind: 'shape', detail: issue.message, at: where(path) },
      parsed.positionOf(path) ?? { line: 1, column: 1 },
    );
  });
  return { ok: false, errors };
}

/** The dotted path of a value (`values.0.asOf`), or '' at the top. */
function where(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
