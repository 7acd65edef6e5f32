/**
 * YAML parsing that keeps positions, so every schema problem can be reported
 * at the line and column of the offending value.
 */
import {
  LineCounter,
  parse,
  parseDocument,
  isAlias,
  isNode,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import { diagnose, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { lineStarts, offsetToPosition, tooDeep } from './json.js';
import { limits } from './limits.js';
import { memo } from '../text/memo.js';
import { pathKey, yamlFromEvents } from './yaml-events.js';
import { placesInValue } from './value-places.js';

export interface ParsedYaml {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at a path (or of its nearest existing parent). */
  positionOf(path: readonly PropertyKey[]): Position | undefined;
  /** Position of the key of a mapping entry (for "unknown field" problems). */
  keyPositionOf(path: readonly PropertyKey[]): Position | undefined;
  /**
   * For the string `value` at `path`: a place in it (parsed as its own text, from 1:1) to its
   * place in the file; undefined where the value stands in the file as it is (value-places.ts).
   */
  placesIn(path: readonly PropertyKey[], value: string): ((p: Position) => Position) | undefined;
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

/**
 * What parsing a YAML text establishes: its data, its problems and where every value and
 * key sits. Plain data, so that it is kept between runs (see text/memo.ts) and the next
 * load of an unchanged file skips the parser; the positions answer as the parsed
 * document would (`Document.getIn`), so every message points where it did.
 */
export interface YamlFacts {
  readonly data: unknown;
  readonly errors: Diagnostic[];
  /** Path (see `pathKey`) → position of the value there; a key without a value stands for it. */
  readonly values: readonly (readonly [string, Position])[];
  /** Path → position of the key of that mapping entry. */
  readonly keys: readonly (readonly [string, Position])[];
  /** Paths of sequences, whose items a path may name by a numeric string too. */
  readonly sequences: readonly string[];
}

function refusedYaml(error: Diagnostic): YamlFacts {
  return { data: null, errors: [error], values: [], keys: [], sequences: [] };
}

export function parseYaml(source: string, file: string, lineOffset = 0): ParsedYaml {
  const facts = memo('yaml', [file, lineOffset, source], () => yamlFacts(source, file, lineOffset));
  const values = new Map(facts.values);
  const keys = new Map(facts.keys);
  const sequences = new Set(facts.sequences);
  /** The path as the document reads it: an item of a sequence may be named "2" as well as 2. */
  const normal = (path: readonly PropertyKey[]): unknown[] => {
    const out: unknown[] = [];
    for (const p of path) {
      const step = typeof p === 'symbol' ? String(p) : p;
      const index = typeof step === 'string' && step ? Number(step) : step;
      const item = typeof index === 'number' && Number.isInteger(index) && index >= 0;
      out.push(item && sequences.has(pathKey(out)) ? index : step);
    }
    return out;
  };
  const positionOf = (path: readonly PropertyKey[]): Position | undefined => {
    const at = normal(path);
    for (let depth = at.length; depth >= 0; depth--) {
      const pos = values.get(pathKey(at.slice(0, depth)));
      if (pos) return pos;
    }
    return undefined;
  };
  const keyPositionOf = (path: readonly PropertyKey[]): Position | undefined =>
    keys.get(pathKey(normal(path))) ?? positionOf(path);
  // The file's line table, made once a file when first asked, serves both directions.
  let starts: number[] | undefined;
  let toPos: ((offset: number) => Position) | undefined;
  const placesIn = (path: readonly PropertyKey[], value: string): ((p: Position) => Position) | undefined => {
    const at = values.get(pathKey(normal(path)));
    if (!at) return undefined;
    starts ??= lineStarts(source);
    toPos ??= offsetToPosition(source, lineOffset, starts);
    const offset = (starts[at.line - lineOffset - 1] ?? 0) + at.column - 1;
    return placesInValue(source, offset, value, toPos);
  };
  return { file, data: facts.data, positionOf, keyPositionOf, placesIn, errors: facts.errors };
}

/**
 * A YAML text's data alone, where no position is wanted (the translation catalog): read
 * from js-yaml's events where they are trusted, else by the reference, which throws what
 * it finds wrong.
 */
export const yamlData = (source: string): unknown =>
  yamlFromEvents(source, 0)?.data ?? parse(source, { logLevel: QUIET });

/**
 * `yaml` writes some of what it finds (a key that is a list or a mapping, a tag it does not
 * know) to the console as a Node warning, outside the tool's report; asked for errors only,
 * it writes nothing, and what matters here is reported as a diagnostic instead.
 */
export const QUIET = 'error';

/** A YAML text's facts: from js-yaml's events where they are trusted (yaml-events.ts), else from the reference. */
function yamlFacts(source: string, file: string, lineOffset: number): YamlFacts {
  const deep = yamlTooDeep(source);
  if (deep >= 0)
    return refusedYaml(
      diagnose(
        'limit/depth',
        file,
        { kind: 'structure', max: limits.structureDepth },
        offsetToPosition(source, lineOffset)(deep),
      ),
    );
  const quick = yamlFromEvents(source, lineOffset);
  return quick ? { ...quick, errors: [] } : referenceYamlFacts(source, file, lineOffset);
}

/** The facts as the `yaml` package establishes them: the reference, and the parser of every text js-yaml declines. */
export function referenceYamlFacts(source: string, file: string, lineOffset: number): YamlFacts {
  const lineCounter = new LineCounter();
  const plainPos = offsetToPosition(source, lineOffset);
  const doc: Document = parseDocument(source, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    logLevel: QUIET,
  });
  const toPos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  // After a syntax error `yaml` reports nearly every token that follows (a colon too many in
  // findings.yaml gave 311 errors): the first is the one to fix. Duplicate keys are each their own.
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const errors = doc.errors
    .filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntax)
    .map((e) =>
      diagnose(
        e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
        file,
        { detail: e.code === 'MULTIPLE_DOCS' ? ONE_DOCUMENT : firstLine(e.message) },
        toPos(e.pos[0]),
      ),
    );
  if (!firstSyntax) errors.push(...keysNotNames(doc, source, file, toPos));
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
  return { data, errors, ...positionTables(doc, toPos) };
}

/**
 * Keys that are a list or a mapping (`{x: y}: 1`, `? [a, b]`), or an alias of one: no field
 * has such a name, and `yaml` would make text of them ("{ x: y }"), which a schema would then
 * report as an unknown field at the mapping's first line, as that text is found nowhere.
 */
function keysNotNames(
  doc: Document,
  source: string,
  file: string,
  toPos: (offset: number) => Position,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(visit);
    if (!isMap(node)) return;
    for (const { key, value } of node.items) {
      const named = isAlias(key) ? key.resolve(doc) : key;
      if (isMap(named) || isSeq(named)) {
        const [start, end] = (isNode(key) && key.range) || node.range || [0, 0];
        const whole = source.slice(start, end).trim();
        const line = firstLine(whole).trimEnd().slice(0, 40);
        const shown = line.length < whole.length ? `${line}…` : line;
        const kind = isMap(named) ? 'mapping' : 'list';
        found.push(diagnose('yaml/key-not-name', file, { kind, key: shown }, toPos(start)));
      }
      visit(value);
    }
  };
  visit(doc.contents);
  return found;
}

/**
 * Every value and key of the document with its position, found as `Document.getIn`
 * finds them: in a mapping the first entry whose key equals the step (a key without a
 * value stands for its value); in a sequence the item at the index; never through an alias.
 */
function positionTables(
  doc: Document,
  toPos: (offset: number) => Position,
): Pick<YamlFacts, 'values' | 'keys' | 'sequences'> {
  const values = new Map<string, Position>();
  const keys = new Map<string, Position>();
  const sequences: string[] = [];
  const visit = (node: Node, path: readonly unknown[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const at = [...path, pair.key.value];
        const key = pathKey(at);
        if (keys.has(key)) continue;
        if (pair.key.range) keys.set(key, toPos(pair.key.range[0]));
        if (isNode(pair.value)) {
          if (pair.value.range) values.set(key, toPos(pair.value.range[0]));
          visit(pair.value, at);
        } else if (pair.key.range) values.set(key, toPos(pair.key.range[0]));
      }
    } else if (isSeq(node)) {
      sequences.push(pathKey(path));
      node.items.forEach((item, i) => {
        if (!isNode(item)) return;
        const at = [...path, i];
        if (item.range) values.set(pathKey(at), toPos(item.range[0]));
        visit(item, at);
      });
    }
  };
  const root = doc.contents;
  if (isNode(root)) {
    if (root.range) values.set(pathKey([]), toPos(root.range[0]));
    visit(root, []);
  }
  return { values: [...values], keys: [...keys], sequences };
}

/** `yaml` says "please use YAML.parseAllDocuments()", advice for its callers, not for a writer. */
const ONE_DOCUMENT =
  'a second YAML document starts here (after a `---` or `...` line); a file holds one: remove the line';

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
    // A key the record refuses: zod says "Invalid key in record", the key's own rule says why.
    const inner =
      issue.code === 'invalid_key' ? (issue as { issues?: { message: string }[] }).issues : undefined;
    const detail = inner?.[0]?.message ?? issue.message;
    return diagnose(
      'schema/invalid',
      parsed.file,
      { kind: 'shape', detail, at: where(path) },
      (issue.code === 'invalid_key' ? parsed.keyPositionOf(path) : undefined) ??
        parsed.positionOf(path) ?? { line: 1, column: 1 },
    );
  });
  return { ok: false, errors };
}

/** The dotted path of a value (`values.0.asOf`), or '' at the top. */
function where(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
