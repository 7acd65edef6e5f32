import type { Diagnostic } from './diagnostic.js';

/**
 * One cause, one error: the same problem found while building several documents
 * ("briefing-eu (kk): …", "release (ru): …") is reported once, naming them all.
 */
export function mergeRepeats(list: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, { first: Diagnostic; where: string[] }>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const m = /^([\w-]+ \([\w-]+\)|[\w-]+): ([\s\S]*)$/.exec(d.message);
    const body = m?.[2] ?? d.message;
    const key = [d.rule, d.file, d.line, d.column, d.severity, body].join('\u0000');
    const seen = byKey.get(key);
    if (seen) {
      if (m?.[1]) seen.where.push(m[1]);
      continue;
    }
    const entry = { first: d, where: m?.[1] ? [m[1]] : [] };
    byKey.set(key, entry);
    out.push(d);
  }
  return out.map((d) => {
    const m = /^([\w-]+ \([\w-]+\)|[\w-]+): ([\s\S]*)$/.exec(d.message);
    const body = m?.[2] ?? d.message;
    const entry = byKey.get([d.rule, d.file, d.line, d.column, d.severity, body].join('\u0000'));
    if (!entry || entry.where.length < 2) return d;
    return { ...d, message: `${body} (in ${entry.where.join(', ')})` };
  });
}
