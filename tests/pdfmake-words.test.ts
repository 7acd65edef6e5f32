/**
 * Words measured with each run's style resolved once (src/write/pdfmake-words.ts) come out
 * as pdfmake's own `measure` makes them, and the fonts are asked the same things in the same
 * order: checked on random words (runs of shared and differing styles, named styles, sizes,
 * superscripts, spacing, indents, kept spaces) under random style stacks.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { measureWords, type StyleLookup } from '../src/write/pdfmake-words.js';
import { pristine } from './helpers/pristine.js';

type Word = Record<string, unknown> & { text: string };
interface Stack {
  push(entry: unknown): void;
}
type StackClass = StyleLookup & (new (dictionary: object, defaultStyle?: object) => Stack);
interface Inlines {
  measure(words: Word[], stack: Stack): Word[];
}

// pdfmake's own classes, even when this process has written a PDF (tests/helpers/pristine.ts).
const Stack = pristine<{ default: StackClass }>('pdfmake/js/StyleContextStack.js').default;
const TextInlines = pristine<{ default: new (doc: object) => Inlines }>('pdfmake/js/TextInlines.js').default;

/** A document whose fonts answer widths from the text and say what they were asked, in order. */
function fakeDocument() {
  const asked: unknown[][] = [];
  const fonts = new Map<string, { name: string }>();
  const firstAsked: string[] = [];
  return {
    asked,
    firstAsked,
    provideFont(family: unknown, bold: unknown, italics: unknown) {
      const name = JSON.stringify([family, bold, italics]);
      let font = fonts.get(name);
      if (!font) {
        firstAsked.push(name);
        font = {
          name,
          widthOfString: (text: string, size: number, features: unknown) => {
            asked.push([name, text, size, features]);
            return text.length * size * 0.5 + (bold ? 1 : 0);
          },
          lineHeight: (size: number) => size * 1.17,
        } as { name: string };
        fonts.set(name, font);
      }
      return font;
    },
  };
}

/** Each style property a word may carry of its own, with the values it may take. */
const PROPS = {
  font: fc.constantFrom('Roboto', 'Other'),
  bold: fc.boolean(),
  italics: fc.boolean(),
  fontSize: fc.constantFrom(8, 9.5, 12),
  color: fc.constantFrom('#123456', 'black'),
  sup: fc.boolean(),
  sub: fc.boolean(),
  characterSpacing: fc.constantFrom(0, 0.5),
  link: fc.constantFrom('https://example.org/', '#ref-1'),
  decoration: fc.constantFrom('underline', null),
  lineHeight: fc.constantFrom(1, 1.3),
  preserveLeadingSpaces: fc.boolean(),
  preserveTrailingSpaces: fc.boolean(),
  leadingIndent: fc.constantFrom(0, 12),
  fontFeatures: fc.constantFrom(['tnum'], null),
  style: fc.oneof(fc.constantFrom('a', 'b', 'missing'), fc.constant(['a', 'b'])),
};
const styleProps = fc.record(PROPS, { requiredKeys: [] });
/** One property changed: neighbouring inlines that differ in that alone. */
const oneChange = fc
  .constantFrom(...(Object.keys(PROPS) as (keyof typeof PROPS)[]))
  .chain((key) => PROPS[key].map((value) => ({ [key]: value })));
const texts = fc.array(fc.constantFrom('word ', ' lead', 'trail  ', '\tx', '–', 'г. ', '  ', ''), {
  minLength: 1,
  maxLength: 4,
});
/** An inline's words as pdfmake's text breaker makes them: its own properties copied onto each. */
const inline = (base: Record<string, unknown>) =>
  fc
    .record({ change: fc.option(oneChange), texts, lineEnd: fc.boolean(), glued: fc.boolean() })
    .map(({ change, texts: words, lineEnd, glued }) =>
      words.map((text, i): Word => ({
        text,
        ...(lineEnd && i === words.length - 1 ? { lineEnd: true } : {}),
        ...(glued && i === 0 ? { noNewLine: true } : {}),
        ...base,
        ...change,
      })),
    );
const dictionary = fc.record({
  a: fc.record({ fontSize: fc.constantFrom(7, 10), bold: fc.boolean() }, { requiredKeys: [] }),
  b: fc.record({ color: fc.constantFrom('red', 'blue'), sup: fc.boolean() }, { requiredKeys: [] }),
});
const entry = fc.oneof(fc.constantFrom('a', 'b'), styleProps);

function measured(words: Word[]): unknown[] {
  return words.map((w) => ({ ...w, font: (w.font as { name: string }).name }));
}

describe('words measured once per run of one style', () => {
  test('are pdfmake’s, with the fonts asked the same in the same order', () => {
    fc.assert(
      fc.property(
        styleProps.chain((base) => fc.array(inline(base), { minLength: 1, maxLength: 5 })),
        dictionary,
        fc.array(entry, { maxLength: 3 }),
        (inlines, dict, entries) => {
          const stackOf = (): Stack => {
            const s = new Stack(dict, { fontSize: 11 });
            for (const e of entries) s.push(e);
            return s;
          };
          const words = (): Word[] => structuredClone(inlines.flat());
          const theirs = fakeDocument();
          const ours = fakeDocument();
          const a = new TextInlines(theirs).measure(words(), stackOf());
          const b = measureWords(ours as never, Stack, words(), stackOf());
          expect(measured(b)).toEqual(measured(a));
          // Property order too: the words keep pdfmake's shapes.
          expect(b.map((w) => Object.keys(w))).toEqual(a.map((w) => Object.keys(w)));
          expect(ours.asked).toEqual(theirs.asked);
          expect(ours.firstAsked).toEqual(theirs.firstAsked);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('resolve a run of words with the same style once', () => {
    const lookups: string[] = [];
    const counting: StyleLookup = {
      getStyleProperty: (item, stack, property, fallback) => {
        lookups.push(property);
        return Stack.getStyleProperty(item, stack, property, fallback);
      },
    };
    const words: Word[] = [
      { text: 'one ' },
      { text: 'two ' },
      { text: 'bold ', bold: true },
      { text: 'words', bold: true },
    ];
    measureWords(fakeDocument() as never, counting, words, new Stack({}));
    // leadingIndent once, then the 23 of pdfmake's measure for each of the two runs.
    expect(lookups.filter((p) => p === 'color')).toHaveLength(2);
    expect(lookups.filter((p) => p === 'leadingIndent')).toHaveLength(1);
    expect(words.map((w) => w.width)).toEqual([24, 24, 31, 31]);
  });
});
