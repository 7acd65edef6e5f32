/** Values as parsed from JSON or YAML content, before a schema has said what they are. */

/** An object with keys: not null, not an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
