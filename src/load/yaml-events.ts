/**
 * A YAML text's data and positions from js-yaml's event stream, for the texts it reads
 * exactly as the `yaml` package does (yaml.ts), which stays the reference. In a fresh
 * process `yaml` took 190–260 ms for the example's 231 KB, js-yaml's events 100 ms, and a
 * cold build waits for the load before its first document.
 *
 * It answers only where both are known to agree: the same data, every value and key at
 * the place `yaml` gives it, and no error (tests/yaml-events.test.ts compares the two on
 * every YAML text of the project and of the fixtures, and on thousands of edited ones).
 * It declines anything else, which `yaml` then parses and reports: an error of any kind,
 * several documents or directives, tabs in indentation, a carriage return without a line
 * feed, a byte-order mark, a document end marker (`...`), anchors, aliases and tags, block scalars, explicit (`?`) or empty
 * keys, keys the core schema reads as null, a boolean or a number, and `__proto__`.
 */
import {
  constructFromEvents,
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
} from 'js-yaml';
import type { Position } from '../diagnostics/diagnostic.js';
import { offsetToPosition } from './json.js';

/** What yaml.ts keeps of a parsed text: its data and where each path's value and key are. */
export interface YamlPlaces {
  readonly data: unknown;
  readonly values: readonly (readonly [string, Position])[];
  readonly keys: readonly (readonly [string, Position])[];
  readonly sequences: readonly string[];
}

/** A path as yaml.ts names it. */
export const pathKey = (path: readonly unknown[]): string => JSON.stringify(path);

/** A plain scalar the core schema reads as null, a boolean or a number: as a key, not a string. */
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

const { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED } = SCALAR_STYLE;

/** A line whose indentation holds a tab. */
const TAB_INDENT = /^ *\t/m;
/** A carriage return alone: js-yaml breaks the line there, `yaml` does not. */
const LONE_CR = /\r(?!\n)/;
/** A byte-order mark (a file's own is taken off when it is read, load/decode.ts). */
const BOM = /\ufeff/;
/** A document end marker: before any content, `yaml` counts an empty document there, js-yaml none. */
const DOCUMENT_END = /^\.\.\.(?:[ \t\r\n#]|$)/m;

class Declined extends Error {}
const decline = (): never => {
  throw new Declined();
};

interface Collection {
  readonly kind: 'map' | 'seq';
  /** Its path, as `pathKey` writes it. */
  readonly name: string;
  /** In a mapping: the key just read, waiting for its value. */
  key?: { readonly name: string; readonly empty: number };
  /** In a sequence: the next item's index. */
  index: number;
}

/** A child's path as `pathKey` writes it, from its parent's: no path is written out twice. */
const childName = (parent: string, step: string | number): string =>
  parent === '[]' ? `[${JSON.stringify(step)}]` : `${parent.slice(0, -1)},${JSON.stringify(step)}]`;

/** Where `yaml` says a node starts: at its quote for a quoted scalar; -1 for an empty one. */
function startOf(
  e: Exclude<Event, { type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.ALIAS | typeof EVENT_ID.POP }>,
): number {
  if (e.anchorStart !== -1 || e.tagStart !== -1) decline();
  if (e.type !== EVENT_ID.SCALAR) return e.start;
  if (e.style !== PLAIN && e.style !== SINGLE_QUOTED && e.style !== DOUBLE_QUOTED) decline();
  if (e.valueStart < 0) return -1;
  return e.style === PLAIN ? e.valueStart : e.valueStart - 1;
}

/** Where `yaml` places the empty value after a key: past its `:` and the spaces after it. */
function emptyValueAt(source: string, key: ScalarEvent): number {
  let at = key.style === PLAIN ? key.valueEnd : key.valueEnd + 1;
  while (source[at] === ' ' || source[at] === '\t') at++;
  if (source[at] !== ':') decline();
  at++;
  while (source[at] === ' ' || source[at] === '\t') at++;
  return at;
}

/** The path of a mapping's key, recorded where it is first met. */
function readKey(source: string, e: Event, map: Collection, keys: Map<string, number>): void {
  if (e.type !== EVENT_ID.SCALAR || e.valueStart < 0) return decline();
  const text = getScalarValue(source, e);
  if ((e.style === PLAIN && NOT_A_STRING.test(text)) || text === '__proto__') decline();
  const name = childName(map.name, text);
  // A key twice is an error `yaml` reports.
  if (keys.has(name)) decline();
  keys.set(name, startOf(e));
  map.key = { name, empty: emptyValueAt(source, e) };
}

interface Offsets {
  readonly values: Map<string, number>;
  readonly keys: Map<string, number>;
  readonly sequences: string[];
}

/** Where each value and key starts, by path, as offsets. */
function offsets(source: string, events: readonly Event[]): Offsets {
  const out: Offsets = { values: new Map(), keys: new Map(), sequences: [] };
  const open: Collection[] = [];
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) continue;
    if (e.type === EVENT_ID.POP) {
      open.pop();
      continue;
    }
    if (e.type === EVENT_ID.ALIAS) return decline();
    const parent = open.at(-1);
    if (parent?.kind === 'map' && !parent.key) {
      readKey(source, e, parent, out.keys);
      continue;
    }
    const name = !parent ? '[]' : parent.key ? parent.key.name : childName(parent.name, parent.index++);
    const start = startOf(e);
    // An empty value (`key:`) is where `yaml` puts it; an empty item or document is declined.
    out.values.set(name, start >= 0 ? start : (parent?.key?.empty ?? decline()));
    if (parent) parent.key = undefined;
    if (e.type === EVENT_ID.MAPPING) open.push({ kind: 'map', name, index: 0 });
    else if (e.type === EVENT_ID.SEQUENCE) {
      out.sequences.push(name);
      open.push({ kind: 'seq', name, index: 0 });
    }
  }
  return out;
}

/** The facts of `source` (front matter: `lineOffset` lines into its file), or undefined where js-yaml is not trusted. */
export function yamlFromEvents(source: string, lineOffset: number): YamlPlaces | undefined {
  // A tab in a line's indentation: `yaml` refuses it where js-yaml may read a plain scalar.
  // A lone carriage return: `yaml` reads the line on where js-yaml starts another.
  // A byte-order mark: `yaml` counts one opening a line into its indentation.
  // A document end marker (`...`): at the start, `yaml` reads two documents where js-yaml reads one.
  if (TAB_INDENT.test(source) || LONE_CR.test(source) || BOM.test(source) || DOCUMENT_END.test(source))
    return undefined;
  try {
    const events = parseEvents(source, {});
    const documents = events.filter((e) => e.type === EVENT_ID.DOCUMENT);
    if (documents.length !== 1 || documents[0]!.directives.length) return undefined;
    const found = offsets(source, events);
    const data = constructFromEvents(events, { source })[0];
    const at = offsetToPosition(source, lineOffset);
    const place = ([key, offset]: [string, number]): readonly [string, Position] => [key, at(offset)];
    return {
      data,
      values: [...found.values].map(place),
      keys: [...found.keys].map(place),
      sequences: found.sequences,
    };
  } catch {
    // Declined, or an error of js-yaml's: the reference parser reads it and says what is wrong.
    return undefined;
  }
}
