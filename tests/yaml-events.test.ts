/**
 * YAML read from js-yaml's events (src/load/yaml-events.ts) must say what the `yaml`
 * package says (the reference, src/load/yaml.ts): the same data, every value and key at
 * the same place, and nothing where the reference finds a problem. It may decline any text.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { yamlFromEvents } from '../src/load/yaml-events.js';
import { referenceYamlFacts } from '../src/load/yaml.js';
import { repoRoot } from './helpers/workspace.js';

/** What both readers establish, as the reference gives it when it finds no problem. */
function reference(source: string, lineOffset = 0): object | undefined {
  const { errors, ...facts } = referenceYamlFacts(source, 'test.yaml', lineOffset);
  return errors.length ? undefined : facts;
}

/**
 * Whether the events' reader took the text; when it did, its facts must be the reference's
 * (and the reference must find no problem in it).
 */
function takenAlike(source: string, lineOffset = 0): boolean {
  const quick = yamlFromEvents(source, lineOffset);
  if (quick) expect(quick).toEqual(reference(source, lineOffset));
  return quick !== undefined;
}

/** The YAML texts of the project and of the fixtures: files, and Markdown front matter (with its offset). */
function corpus(): { name: string; source: string; lineOffset: number }[] {
  const out: { name: string; source: string; lineOffset: number }[] = [];
  for (const dir of ['content', join('tests', 'fixtures')])
    for (const f of readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })) {
      const name = join(dir, f);
      if (f.endsWith('.yaml'))
        out.push({ name, source: readFileSync(join(repoRoot, name), 'utf8'), lineOffset: 0 });
      if (!f.endsWith('.md')) continue;
      // Front matter, as load/markdown-file.ts hands it over: one line into its file.
      const lines = readFileSync(join(repoRoot, name), 'utf8').split('\n');
      const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
      if (lines[0]?.trimEnd() === '---' && end > 0)
        out.push({ name, source: lines.slice(1, end).join('\n'), lineOffset: 1 });
    }
  return out;
}

const texts = corpus();

describe('YAML read from js-yaml events', () => {
  test.each(texts.filter((t) => t.name.startsWith('content')).map((t) => [t.name, t] as const))(
    '%s: read from the events, as the reference reads it',
    (_name, { source, lineOffset }) => {
      const quick = yamlFromEvents(source, lineOffset);
      // Every text of the project is taken: the shortcut is what makes loading faster.
      expect(quick).toBeDefined();
      expect(quick).toEqual(reference(source, lineOffset));
    },
  );

  test("the fixtures' texts, valid or not: each one taken is read as the reference reads it", () => {
    let taken = 0;
    for (const { source, lineOffset } of texts.filter((t) => !t.name.startsWith('content')))
      if (takenAlike(source, lineOffset)) taken++;
    expect(taken).toBeGreaterThan(10);
  });

  test('texts edited at random: one taken is valid for the reference and read the same', () => {
    const sources = texts.map((t) => t.source).filter((s) => s.length > 20);
    const edit = fc.record({
      file: fc.nat({ max: sources.length - 1 }),
      from: fc.nat(),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom('insert', 'delete', 'replace'),
          // Line ends and spaces of other systems and scripts among them.
          char: fc.constantFrom(
            ...': -#\'"\t\n[]{}&*!|>?,%@ab1 \n',
            '\r',
            '\r\n',
            '\u2028',
            '\u0085',
            '\ufeff',
            '\u00a0',
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    let taken = 0;
    fc.assert(
      fc.property(edit, ({ file, from, edits }) => {
        const lines = sources[file]!.split('\n');
        const start = from % Math.max(1, lines.length - 25);
        let text = lines.slice(start, start + 25).join('\n');
        for (const { at, kind, char } of edits) {
          const i = at % (text.length + 1);
          text =
            kind === 'insert'
              ? text.slice(0, i) + char + text.slice(i)
              : text.slice(0, i) + (kind === 'replace' ? char : '') + text.slice(i + 1);
        }
        if (takenAlike(text)) taken++;
      }),
      { numRuns: 3000 },
    );
    // Edited texts are still mostly valid YAML: the property says something about many of them.
    expect(taken).toBeGreaterThan(500);
  });

  test('data written by the reference in its styles, with scalars of every core type', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '1',
        '-1',
        '0o17',
        '0x1F',
        '1.5',
        '.5',
        '1e3',
        '.inf',
        'NaN',
        '~',
        'null',
        'true',
        'False',
      ),
      fc.constantFrom(
        '1_000',
        '2022-01-16',
        '12:30',
        '+1',
        '007',
        '0b101',
        'yes',
        'no',
        'Қаңтар',
        'a: b',
        '- x',
      ),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.string({ minLength: 1 }).filter((k) => k !== '__proto__');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).map;
    const style = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      indent: fc.integer({ min: 1, max: 4 }),
    }) as fc.Arbitrary<Parameters<typeof stringify>[2] & object>;
    let taken = 0;
    fc.assert(
      fc.property(value, style, (data, options) => {
        if (takenAlike(stringify(data, options))) taken++;
      }),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(300);
  });

  test('what it declines: the reference reads it', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  block\n',
      'a: >\n  folded\n',
      '? a\n: b\n',
      ': b\n',
      '1: a\n',
      'true: a\n',
      'a: 1\na: 2\n',
      '---\na: 1\n---\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      '__proto__: a\n',
      '',
      '- \n',
      'a: [1, 2\n',
      // Found by the edited texts: `yaml` refuses a tab as indentation, js-yaml read a scalar.
      '\ttitle Summary for eu',
      'a: 1\n  \tb: 2\n',
      // Found by edits with more characters: js-yaml breaks a line at a lone carriage
      // return, `yaml` reads on (and here finds a mapping inside a value).
      'a: x\rb: y\n',
      '- id: release\n\r  kind: release\n',
      // And with a byte-order mark: `yaml` counts one opening a line into its indentation.
      '\ufeff- id: x\n  at: y\n',
      '# a comment\n\ufeff# another\na: 1\n',
      // Found by a bad-input sweep: a document end marker first, which js-yaml passes over
      // and `yaml` reads as an empty document, then a second one (a translation's front
      // matter passed `check` and then broke `i18n import`).
      '...\ntitle: x\n',
      'a: 1\n...\n',
    ])
      expect(yamlFromEvents(text, 0)).toBeUndefined();
    expect(
      referenceYamlFacts('...\ntitle: x\n', 'x.yaml', 1).errors.map((e) => `${e.rule} ${e.line}`),
    ).toEqual(['yaml/syntax 3']);
  });

  test('a file saved with Windows line ends (CR LF) is taken, and read as the reference reads it', () => {
    for (const { source } of texts.filter((t) => t.name.startsWith('content')).slice(0, 10))
      expect(takenAlike(source.replace(/\n/g, '\r\n'))).toBe(true);
  });
});
