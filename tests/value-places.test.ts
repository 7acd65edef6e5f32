/**
 * Places inside a YAML string value, found in its file: the value's every character at the
 * character of the source that makes it, whatever the style `yaml` wrote it in.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseDocument, stringify, type Scalar } from 'yaml';
import { alignValue, scalarEnd } from '../src/load/value-places.js';
import { parseYaml } from '../src/load/yaml.js';
import { parseMarkdown } from '../src/load/markdown.js';

const runs = Number(process.env.FC_RUNS ?? 200);

/** Whether the source character at `r` makes the value's character `c`. */
function makes(raw: string, r: number, c: string): boolean {
  const s = raw[r];
  if (s === c) return true;
  if (c === ' ' && (s === '\n' || s === '\r')) return true;
  return s === '\\' && raw.startsWith('"');
}

describe('places in YAML values', () => {
  const styles: Scalar.Type[] = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];

  test('every character of a value, in every style, is placed at the character that makes it', () => {
    const words = fc.array(
      fc.oneof(
        fc.constantFrom('annul', 'order', '5', ':fig[x]', "it's", '"q"', 'é', '\\', '#', '—', 'Қаңтар'),
        fc
          .string({ minLength: 1, maxLength: 6 })
          // Printable text only: the loader refuses control characters in a file.
          .filter((w) =>
            [...w].every((ch) => ch.charCodeAt(0) >= 0x20 && !/[\u007f-\u009f\u2028\u2029\ufeff]/.test(ch)),
          ),
      ),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(
        words,
        fc.constantFrom(...styles),
        fc.integer({ min: 20, max: 60 }),
        (list, style, width) => {
          const text = list.join(' ').trim();
          fc.pre(text.length > 0);
          const source = stringify(
            { k: text, next: 1 },
            { defaultStringType: style, lineWidth: width, minContentWidth: 10 },
          );
          const doc = parseDocument(source);
          const value = doc.get('k');
          fc.pre(typeof value === 'string' && doc.errors.length === 0);
          const start = source.indexOf(': ') + 2;
          const raw = source.slice(start, scalarEnd(source, start));
          const map = alignValue(value as string, raw);
          [...(value as string)].forEach((c, i) => {
            if (c === '\n' && /^[|>]/.test(raw)) return;
            expect([c, raw[map[i] ?? -1], makes(raw, map[i] ?? -1, c)]).toEqual([c, raw[map[i] ?? -1], true]);
          });
          for (let i = 1; i < map.length; i++) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1] ?? 0);
        },
      ),
      { numRuns: runs },
    );
  });

  test('a problem on the second line of a folded, block or quoted value is placed on its line', () => {
    const at = (source: string, find: string): string => {
      const parsed = parseYaml(source, 'x.yaml');
      const value = (parsed.data as { k: string }).k;
      const place = parsed.placesIn(['k'], value);
      const i = value.indexOf(find);
      const before = value.slice(0, i).split('\n');
      const p = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
      const found = place ? place(p) : undefined;
      return found ? `${found.line}:${found.column}` : 'as it stands';
    };
    expect(at('a: 1\nk: annul any order\n  to shoot 5 times.\n', '5')).toBe('3:12');
    expect(at('k: |\n  one\n  has :fig[nope]\n', ':fig')).toBe('3:7');
    expect(at('k: >\n  one\n\n  two 5\n', '5')).toBe('4:7');
    expect(at('k: "a\\nb\\nc 5"\n', '5')).toBe('1:13');
    expect(at("k: 'it''s\n  5'\n", '5')).toBe('2:3');
    expect(at('k: plain 5\n', '5')).toBe('as it stands');
  });
});

describe('places in Markdown text', () => {
  test('a digit in a code block or after a character reference is placed where it is in the file', () => {
    const where = (md: string): string[] =>
      parseMarkdown(md, 'x.md', { line: 10, column: 1 })
        .errors.filter((d) => d.rule === 'markdown/digit-in-prose')
        .map((d) => `${d.line}:${d.column}`);
    expect(where('Intro.\n\n```\nfoo\n5 cats\n```\n')).toEqual(['14:1']);
    expect(where('A&#10;B&#10;C 5 cats.\n')).toEqual(['10:15']);
    expect(where('Some &mdash; text 5 cats.\n')).toEqual(['10:19']);
    expect(where('Intro.\n\n    indented code\n    with 5 here\n')).toEqual(['13:10']);
    expect(where('Plain words and 5.\n')).toEqual(['10:17']);
  });
});
