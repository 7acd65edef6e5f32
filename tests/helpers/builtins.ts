/**
 * Node's own built-in functions, as a test process finds them. Test files share their
 * process (vitest.config.ts: `isolate: false`), so a library that puts a function of its own
 * over a built-in one changes every later file's run: pdf.js's legacy build replaces
 * JSON.parse, JSON.stringify and Array.prototype.push on Node 20 (core-js, for features Node 20
 * lacks), and its JSON.stringify made the tool's hashing of long texts forty times slower in
 * the files after it. What is watched: the global object, its classes and namespaces (JSON,
 * Math, console…), their prototypes and the prototypes they inherit from (the typed arrays'
 * and iterators' shared ones among them), each function they hold, by value or by getter and
 * setter. `process` is left out: libraries hook its methods by design (signal-exit).
 */
export type Builtins = ReadonlyMap<object, Holder>;

interface Holder {
  readonly name: string;
  readonly own: ReadonlyMap<PropertyKey, PropertyDescriptor>;
}

const isObject = (v: unknown): v is object =>
  (typeof v === 'object' || typeof v === 'function') && v !== null;

/** Each holder watched, by a name to report it under. */
function holders(): Map<object, string> {
  const found = new Map<object, string>();
  const add = (v: unknown, name: string): void => {
    for (
      let o = v, n = name;
      isObject(o) && !found.has(o);
      o = Object.getPrototypeOf(o), n = `${name}'s prototype`
    ) {
      found.set(o, n);
      const proto: unknown = Object.getOwnPropertyDescriptor(o, 'prototype')?.value;
      add(proto, `${n}.prototype`);
    }
  };
  add(globalThis, 'globalThis');
  for (const key of Object.getOwnPropertyNames(globalThis)) {
    if (!/^[A-Z]|^console$/.test(key)) continue;
    const d = Object.getOwnPropertyDescriptor(globalThis, key);
    if (d && 'value' in d) add(d.value, key);
  }
  // The iterators' prototypes have no global name on Node 20.
  add(Object.getPrototypeOf([][Symbol.iterator]()), 'the arrays’ iterator');
  add(Object.getPrototypeOf(new Map().entries()), 'the maps’ iterator');
  return found;
}

const holdsFunction = (d: PropertyDescriptor): boolean =>
  typeof d.value === 'function' || typeof d.get === 'function' || typeof d.set === 'function';

const same = (a: PropertyDescriptor, b: PropertyDescriptor | undefined): boolean =>
  b !== undefined && a.value === b.value && a.get === b.get && a.set === b.set;

/** Every function the holders hold, as it is now. */
export function builtins(): Builtins {
  const all = new Map<object, Holder>();
  for (const [holder, name] of holders()) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(holder)) {
      const d = Object.getOwnPropertyDescriptor(holder, key);
      // Node defines some globals by a getter that makes them plain values on first use.
      if (d && holdsFunction(d) && (holder !== globalThis || 'value' in d)) own.set(key, d);
    }
    all.set(holder, { name, own });
  }
  return all;
}

/**
 * Puts back each function of `before` replaced or deleted since (one added since stays), and
 * names them; one that cannot be put back (made unconfigurable) is named as such.
 */
export function restoreBuiltins(before: Builtins): string[] {
  const replaced: string[] = [];
  for (const [holder, { name, own }] of before)
    for (const [key, d] of own) {
      if (same(d, Object.getOwnPropertyDescriptor(holder, key))) continue;
      const label = `${name}.${String(key)}`;
      try {
        Object.defineProperty(holder, key, d);
        replaced.push(label);
      } catch {
        replaced.push(`${label} (could not be put back)`);
      }
    }
  return replaced;
}
