/**
 * A reviewer's sign-off per unit, kept beside translated-from.yaml in
 * `content/<project>/<locale>/signed-off.yaml`: unit id → who, when, and a hash of
 * the English and the translation they read. When either changes, the sign-off no
 * longer applies (it is shown as outdated, never silently carried over).
 */
import { parseDocument } from 'yaml';
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

/** What a reviewer read: the English the unit shows now and its translation. */
export const reviewedHash = (unit: Unit): string =>
  sha256(JSON.stringify([unit.hash, unit.segments.map((s) => [s.id, s.target ?? null])])).slice(0, 16);

export type SignOffState = 'signed-off' | 'outdated' | 'none';

export function signOffState(unit: Unit, signoffs: ReadonlyMap<string, SignOff>): SignOffState {
  const s = signoffs.get(unit.id);
  if (!s) return 'none';
  return s.hash === reviewedHash(unit) && unit.state === 'translated' ? 'signed-off' : 'outdated';
}

export type ParsedSignOffs = { ok: true; signoffs: Map<string, SignOff> } | { ok: false; message: string };

export function parseSignOffs(text: string | undefined): ParsedSignOffs {
  const signoffs = new Map<string, SignOff>();
  if (text === undefined) return { ok: true, signoffs };
  // Quiet: `yaml` would print a key that is a list or a mapping as a Node warning.
  const doc = parseDocument(text, { schema: 'failsafe', logLevel: 'error' });
  if (doc.errors.length > 0)
    return {
      ok: false,
      message: (doc.errors[0]?.message ?? 'invalid YAML').split('\n')[0] ?? 'invalid YAML',
    };
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { ok: true, signoffs };
  if (typeof value !== 'object' || Array.isArray(value))
    return { ok: false, message: 'expected a map of unit ids to sign-offs' };
  for (const [unit, v] of Object.entries(value as Record<string, unknown>)) {
    const r = v as Record<string, unknown> | null;
    if (
      !r ||
      typeof r !== 'object' ||
      typeof r.by !== 'string' ||
      typeof r.on !== 'string' ||
      typeof r.hash !== 'string' ||
      !/^[0-9a-f]{16}$/.test(r.hash)
    )
      return { ok: false, message: `\`${unit}\`: expected { by, on, hash }` };
    signoffs.set(unit, { by: r.by, on: r.on, hash: r.hash });
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
    '# Units a reviewer read against the English and signed off (`briefing i18n signoff`).',
    '# A sign-off holds while the English and the translation stay as they were read.',
    ...lines,
    '',
  ].join('\n');
}
