/**
 * Which source text each translation was made from: one small YAML map per translated
 * folder (`content/<project>/<locale>/translated-from.yaml` and
 * `locales/<locale>/translated-from.yaml`), unit id → hash of the source text (the
 * project's source language, or English for the interface strings).
 * Kept beside the translation rather than inside it, so translators' files carry
 * no bookkeeping and the tool rewrites only this file when a translation is accepted.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { QUIET } from '../load/yaml.js';
import { memo } from '../text/memo.js';

export type RecordedHashes = ReadonlyMap<string, string>;

export const STATE_FILE = 'translated-from.yaml';

export const contentStateFile = (project: string, locale: string): string =>
  `content/${project}/${locale}/${STATE_FILE}`;
export const interfaceStateFile = (locale: string): string => `locales/${locale}/${STATE_FILE}`;

/** Interface unit ids carry a `ui:` prefix in the catalog, not in their folder's state file. */
const keyIn = (stateFile: string, unit: string): string =>
  stateFile.startsWith('locales/') ? unit.replace(/^ui:/, '') : unit;
const unitOf = (stateFile: string, key: string): string =>
  stateFile.startsWith('locales/') ? `ui:${key}` : key;

export type ParsedState =
  { ok: true; hashes: RecordedHashes } | { ok: false; message: string; line: number; column: number };

/** Read once per text (see text/memo.ts). */
export function parseState(stateFile: string, text: string | undefined): ParsedState {
  if (text === undefined) return { ok: true, hashes: new Map() };
  return memo('state', [stateFile, text], () => readState(stateFile, text));
}

function readState(stateFile: string, text: string): ParsedState {
  const lines = new LineCounter();
  // Failsafe: every value is a string, so a hash of digits only stays a hash.
  // Quiet: `yaml` would print a key that is a list or a mapping as a Node warning.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, logLevel: QUIET });
  const fail = (message: string, offset = 0): ParsedState => {
    const at = lines.linePos(offset);
    return { ok: false, message, line: at.line, column: at.col };
  };
  const error = doc.errors[0];
  // The place is given as file:line:column; the parser's own "at line …" would say it twice.
  if (error)
    return fail(
      (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, ''),
      error.pos[0],
    );
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { ok: true, hashes: new Map() };
  if (typeof value !== 'object' || Array.isArray(value) || !isMap(doc.contents))
    return fail('expected a map of unit ids to hashes', doc.contents?.range?.[0]);
  const hashes = new Map<string, string>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key))
      return fail('a unit id is text, not a list or a mapping', isNode(pair.key) ? pair.key.range?.[0] : 0);
    const k = String(pair.key.value);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'string' || !/^[0-9a-f]{16}$/.test(v))
      return fail(
        `\`${k}\`: expected a 16-digit hex hash`,
        (isScalar(pair.value) ? pair.value.range?.[0] : undefined) ?? pair.key.range?.[0],
      );
    hashes.set(unitOf(stateFile, k), v);
  }
  return { ok: true, hashes };
}

/** A record's text; `sourceLocale` is the language its units are translated from (one per record). */
export function serializeState(stateFile: string, hashes: RecordedHashes, sourceLocale: string): string {
  const lines = [...hashes]
    .map(([unit, hash]) => [keyIn(stateFile, unit), hash] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, h]) => `${/^[\w./-]+$/.test(k) ? k : JSON.stringify(k)}: ${h}`);
  return [
    `# The ${sourceLocale} text each translation here was made from, as a hash per unit.`,
    '# Written by `briefing i18n import` and `briefing i18n accept`; not edited by hand.',
    `# A unit whose ${sourceLocale} text has changed since is stale: see \`briefing i18n status\`.`,
    ...lines,
    '',
  ].join('\n');
}
