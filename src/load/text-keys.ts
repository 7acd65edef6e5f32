/**
 * The keys of a texts file (`<locale>/texts.yaml`): its translatable leaves, and the unit
 * each key belongs to, whatever forms its language gives it.
 */

/** Every translatable string leaf of a texts file: [dotted key, value, YAML path]. */
export function textLeaves(texts: object, prefix: PropertyKey[] = []): [string, string, PropertyKey[]][] {
  const out: [string, string, PropertyKey[]][] = [];
  for (const [k, v] of Object.entries(texts)) {
    const path = [...prefix, k];
    if (typeof v === 'string') out.push([path.join('.'), v, path]);
    else if (v && typeof v === 'object') out.push(...textLeaves(v as object, path));
  }
  return out;
}

/**
 * The translatable unit a key belongs to. Plural and case forms differ by language
 * (ru has _few/_many and _gen, en has neither), so `nouns.video_one` and
 * `nouns.video_gen_many` are the same unit `nouns.video`.
 */
export function unitKey(key: string): string {
  // A counted noun's gender (`nouns.video_gender`) is part of the noun, not a text of its own.
  if (isGrammarKey(key)) return key.slice(0, -'_gender'.length);
  return key.replace(/(_(gen|acc|dat|ins|prep))?(_(zero|one|two|few|many|other))?$/, '');
}

/** `nouns.video_gender`: what numbers agree with, declared beside the noun's forms; never shown. */
export function isGrammarKey(key: string): boolean {
  return /^nouns\..+_gender$/.test(key);
}
