/**
 * Node's own built-in functions, as a test process finds them. Test files share their
 * process (vitest.config.ts: `isolate: false`), so a library that puts a function of its own
 * over a built-in one changes every later file's run: pdf.js's legacy build replaces
 * JSON.parse and JSON.stringify on Node 20 (core-js, for a feature Node 20 lacks), and made
 * the tool's hashing of long texts forty times slower in the files after it.
 */
export type Builtins = ReadonlyMap<
  object,
  { readonly name: string; readonly own: ReadonlyMap<PropertyKey, unknown> }
>;

/** The global object, its classes and namespaces (JSON, Math…), and their prototypes, by name. */
function holders(): Map<object, string> {
  const found = new Map<object, string>([[globalThis, 'globalThis']]);
  for (const key of Object.getOwnPropertyNames(globalThis)) {
    if (!/^[A-Z]/.test(key)) continue;
    const d = Object.getOwnPropertyDescriptor(globalThis, key);
    const v: unknown = d && 'value' in d ? d.value : undefined;
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null) continue;
    found.set(v, key);
    const proto: unknown = Object.getOwnPropertyDescriptor(v, 'prototype')?.value;
    if (typeof proto === 'object' && proto !== null) found.set(proto, `${key}.prototype`);
  }
  return found;
}

/** Every function the holders hold by value, as it is now. */
export function builtins(): Builtins {
  const all = new Map<object, { name: string; own: Map<PropertyKey, unknown> }>();
  for (const [holder, name] of holders()) {
    const own = new Map<PropertyKey, unknown>();
    for (const key of Reflect.ownKeys(holder)) {
      const d = Object.getOwnPropertyDescriptor(holder, key);
      if (d && typeof d.value === 'function') own.set(key, d.value);
    }
    all.set(holder, { name, own });
  }
  return all;
}

/** Puts back each function of `before` replaced since (one added since stays); names them. */
export function restoreBuiltins(before: Builtins): string[] {
  const replaced: string[] = [];
  for (const [holder, { name, own }] of before)
    for (const [key, fn] of own) {
      const d = Object.getOwnPropertyDescriptor(holder, key);
      if (!d || d.value === fn) continue;
      Object.defineProperty(holder, key, { ...d, value: fn });
      replaced.push(`${name}.${String(key)}`);
    }
  return replaced;
}
