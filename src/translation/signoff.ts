/**
 * A reviewer's sign-off per unit, kept beside translated-from.yaml in
 * `content/<project>/<locale>/signed-off.yaml`: unit id → who, when, and a hash of
 * the source text and the translation they read. When either changes, the sign-off no
 * longer applies (it is shown as outdated, never silently carried over).
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { QUIET } from '../load/yaml.js';
import { sha256 } from '../text/hash.js';
import type { Unit } from './catalog.js';

export const SIGNOFF_FILE = 'signed-off.yaml';
export const signoffFile = (project: string, locale: string): string =>
  `content/${project}/${locale}/${SIGNOFF_FILE}`;

export interface SignOff {
  readonly by: string;
  readonly on: string;
  readonly hash: string;
}

/** What a reviewer read: the source text the unit shows now and its translation. */
export const reviewedHash = (unit: Unit): string =>
  sha256(JSON.stringify([unit.hash, unit.segments.map((s) => [s.id, s.target ?? null])])).slice(0, 16);

export type SignOffState = 'signed-off' | 'outdated' | 'none';

export function signOffState(unit: Unit, signoffs: ReadonlyMap<string, SignOff>): SignOffState {
  const s = signoffs.get(unit.id);
  if (!s) return 'none';
  return s.hash === reviewedHash(unit) && unit.state === 'translated' ? 'signed-off' : 'outdated';
}

export type ParsedSignOffs =
  { ok: true; signoffs: Map<string, SignOff> } | { ok: false; message: string; line: number; column: number };

/** The sign-offs a file records, or what is wrong with it and where (every problem had been at 1:1). */
export function parseSignOffs(text: string | undefined): ParsedSignOffs {
  const signoffs = new Map<string, SignOff>();
  if (text === undefined) return { ok: true, signoffs };
  const lines = new LineCounter();
  // Quiet: `yaml` would print a key that is a list or a mapping as a Node warning.
  const doc = parseDocument(text, {
    schema: 'failsafe',
    logLevel: QUIET,
    lineCounter: lines,
    prettyErrors: false,
  });
  const refuse = (message: string, offset = 0): ParsedSignOffs => {
    const { line, col } = lines.linePos(offset);
    return { ok: false, message, line, column: col };
  };
  const error = doc.errors[0];
  if (error)
    return refuse(
      error.code === 'MULTIPLE_DOCS'
        ? 'a second YAML document starts here; the file holds one map of unit ids to sign-offs'
        : (error.message.split('\n')[0] ?? 'invalid YAML'),
      error.pos[0],
    );
  const root = doc.contents;
  if (root === null) return { ok: true, signoffs };
  if (!isMap(root)) return refuse('expected a map of unit ids to sign-offs', root.range?.[0]);
  const data = doc.toJS() as Record<string, unknown>;
  for (const pair of root.items) {
    const unit = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const r = unit === undefined ? undefined : data[unit];
    const o = r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined;
    const at = (isNode(pair.key) && pair.key.range?.[0]) || 0;
    if (unit === undefined) return refuse('a unit id is text', at);
    if (
      !o ||
      typeof o.by !== 'string' ||
      typeof o.on !== 'string' ||
      typeof o.hash !== 'string' ||
      !/^[0-9a-f]{16}$/.test(o.hash)
    )
      return refuse(`\`${unit}\`: expected { by, on, hash }`, at);
    signoffs.set(unit, { by: o.by, on: o.on, hash: o.hash });
  }
  return { ok: true, signoffs };
}

export function serializeSignOffs(signoffs: ReadonlyMap<string, SignOff>): string {
  const q = (s: string): string => JSON.stringify(s);
  const lines = [...signoffs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([u, s]) => `${/^[\w./-]+$/.test(u) ? u : q(u)}: { by: ${q(s.by)}, on: ${q(s.on)}, hash: ${s.hash} }`,
    );
  return [
    '# Units a reviewer read against the source text and signed off (`briefing i18n signoff`).',
    '# A sign-off holds while the source text and the translation stay as they were read.',
    ...lines,
    '',
  ].join('\n');
}
