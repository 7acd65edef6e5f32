/**
 * pdfmake resolves every style property of every text inline (about twenty each) by
 * pushing the inline onto its style stack, creating a closure and a Set, and walking
 * the stack: a fifth of a PDF's time, most of it allocation and garbage collection.
 * These replacements give the same answers (the same order of lookup, `extends` and its
 * cycle guard included) without allocating. Checked against pdfmake's own in
 * tests/pdfmake-styles.test.ts; pdfmake is pinned, so its internals do not move under us.
 */
import { pdfmakeModule } from './pdfmake-layout.js';

type Style = Record<string, unknown> & { extends?: string | string[]; style?: unknown; section?: unknown };
type Entry = string | Style;

interface StyleStack {
  styleDictionary: Record<string, Style | undefined>;
  defaultStyle: Style | undefined;
  styleOverrides: Entry[];
  getProperty(property: string): unknown;
}

export interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(
    item: unknown,
    stack: StyleStack | undefined,
    property: string,
    fallback: unknown,
  ): unknown;
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
// pdfmake's own test: boxed strings count too.
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

/** A named style's property, through `extends` (last parent first), each name visited once. */
function fromNamed(
  dictionary: StyleStack['styleDictionary'],
  name: string,
  property: string,
  visited?: Set<string>,
): unknown {
  if (visited?.has(name)) return undefined;
  const style = dictionary[name];
  if (!style) return undefined;
  const own = style[property];
  if (isValue(own)) return own;
  if (!style.extends) return undefined;
  const seen = visited ?? new Set<string>();
  seen.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromNamed(dictionary, parents[i] ?? '', property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

/** One stack entry's answer: a named style, or an override object. */
function fromEntry(stack: StyleStack, entry: Entry, property: string): unknown {
  if (isString(entry)) return fromNamed(stack.styleDictionary, String(entry), property);
  return entry[property];
}

/** The overrides from the top of the stack down, then the default style. */
function fromStack(stack: StyleStack, property: string): unknown {
  const overrides = stack.styleOverrides;
  for (let i = overrides.length - 1; i >= 0; i--) {
    const value = fromEntry(stack, overrides[i] as Entry, property);
    if (isValue(value)) return value;
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

/**
 * As pdfmake's `getStyleProperty`: the item's own value, else the stack with the item's
 * named styles on top (what its `auto(item, …)` pushes), else the fallback.
 */
function getStyleProperty(
  item: unknown,
  stack: StyleStack | undefined,
  property: string,
  fallback: unknown,
): unknown {
  const own = (item as Record<string, unknown>)[property];
  if (isValue(own)) return own;
  if (!stack) return fallback;
  // `auto` pushes nothing for a string or a section; otherwise the item's styles, then
  // the item itself, whose own value is already known to be absent.
  if (!isString(item) && (item as Style).section === undefined) {
    const style = (item as Style).style;
    // One name, most often: looked up without an array made for it (this runs for every
    // property of every word measured).
    if (Array.isArray(style)) {
      for (let i = style.length - 1; i >= 0; i--) {
        const value = fromEntry(stack, style[i] as Entry, property);
        if (isValue(value)) return value;
      }
    } else if (style) {
      const value = fromEntry(stack, style as Entry, property);
      if (isValue(value)) return value;
    }
  }
  const value = fromStack(stack, property);
  return isValue(value) ? value : fallback;
}

/** Replaces pdfmake's style lookups in this thread. */
export function installFastStyleLookups(): void {
  patchStyleStack(pdfmakeModule<StyleStackClass>('StyleContextStack'));
}

/** Exposed for the test, which compares against an unpatched copy of the class. */
export function patchStyleStack(cls: StyleStackClass): void {
  cls.prototype.getProperty = function (this: StyleStack, property: string): unknown {
    return fromStack(this, property);
  };
  cls.getStyleProperty = getStyleProperty;
}
