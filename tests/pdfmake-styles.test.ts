/**
 * The allocation-free style lookups (src/write/pdfmake-styles.ts) answer exactly as
 * pdfmake's own: checked on random style dictionaries (with `extends`, cycles included),
 * stacks of names and overrides, and items (strings, sections, styled objects).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { patchStyleStack, type StyleStackClass } from '../src/write/pdfmake-styles.js';
import { pristine } from './helpers/pristine.js';

interface Stack {
  styleDictionary: Record<string, Record<string, unknown> | undefined>;
  defaultStyle: Record<string, unknown> | undefined;
  styleOverrides: (string | Record<string, unknown>)[];
  push(entry: unknown): void;
  getProperty(property: string): unknown;
}
type StackClass = StyleStackClass & (new (dictionary: object, defaultStyle?: object) => Stack);

// pdfmake's own class, even when this process has written a PDF (tests/helpers/pristine.ts).
const Original = pristine<{ default: StackClass }>('pdfmake/js/StyleContextStack.js').default;
// A subclass takes the replacements; pdfmake's own class stays as it is, to compare with.
class Patched extends Original {}
patchStyleStack(Patched as unknown as StyleStackClass);

const names = ['a', 'b', 'c', 'd', 'missing'];
// `bold`, `italics`, `sup` and `sub` are also methods of every string: pdfmake's quirk is kept.
const properties = ['font', 'bold', 'italics', 'fontSize'];
const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(0),
  fc.constant(false),
  fc.integer({ min: 1, max: 30 }),
  fc.constantFrom('Roboto', 'red', ''),
);
const overrides = fc.dictionary(fc.constantFrom(...properties), value, { maxKeys: 4 });
const style = fc.record(
  {
    props: overrides,
    extends: fc.oneof(fc.constantFrom(...names), fc.array(fc.constantFrom(...names), { maxLength: 3 })),
  },
  { requiredKeys: ['props'] },
);
const dictionary = fc
  .dictionary(fc.constantFrom('a', 'b', 'c', 'd'), style, { maxKeys: 4 })
  .map((d) =>
    Object.fromEntries(
      Object.entries(d).map(([k, s]) => [k, { ...s.props, ...(s.extends ? { extends: s.extends } : {}) }]),
    ),
  );
const entry = fc.oneof(fc.constantFrom(...names), overrides);
const item = fc.oneof(
  fc.constantFrom('word ', 'x'),
  overrides,
  fc.record({ props: overrides, style: fc.oneof(entry, fc.array(entry, { maxLength: 3 })) }).map((i) => ({
    ...i.props,
    style: i.style,
  })),
  overrides.map((o) => ({ ...o, section: true, style: 'a' })),
);

describe('pdfmake style lookups', () => {
  test('give pdfmake’s own answers', () => {
    fc.assert(
      fc.property(
        dictionary,
        fc.option(overrides, { nil: undefined }),
        fc.array(entry, { maxLength: 6 }),
        item,
        fc.constantFrom(...properties),
        (dict, defaults, entries, it, property) => {
          const a = new Original(dict, defaults);
          const b = new Patched(dict, defaults);
          for (const e of entries) {
            a.push(e);
            b.push(e);
          }
          expect(b.getProperty(property)).toEqual(a.getProperty(property));
          expect(Patched.getStyleProperty(it, b as never, property, 'fallback')).toEqual(
            Original.getStyleProperty(it, a as never, property, 'fallback'),
          );
          expect(Patched.getStyleProperty(it, undefined, property, 'fallback')).toEqual(
            Original.getStyleProperty(it, undefined, property, 'fallback'),
          );
          // Lookups leave the stack as they found it.
          expect(b.styleOverrides).toEqual(a.styleOverrides);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('follow `extends` from the last parent, and stop at a cycle', () => {
    const dict = {
      a: { extends: ['b', 'c'] },
      b: { font: 'from b' },
      c: { extends: 'a', font: 'from c', color: 'from c' },
    };
    for (const Stack of [Original, Patched]) {
      const stack = new Stack(dict);
      stack.push('a');
      stack.push({ fontSize: 9 });
      expect([stack.getProperty('font'), stack.getProperty('color'), stack.getProperty('bold')]).toEqual([
        'from c',
        'from c',
        undefined,
      ]);
      expect(Stack.getStyleProperty({ style: 'b' }, stack as never, 'color', 'x')).toBe('from c');
    }
  });
});
