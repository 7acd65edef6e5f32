/**
 * Property-based tests (fast-check): whatever the input, the parsers at the
 * boundary return data or located diagnostics; they never throw, never hang,
 * never accept what is not real. A few thousand cases here; `npm run fuzz` runs
 * the same properties with FUZZ_RUNS cases each.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseYaml, validate } from '../src/load/yaml.js';
import { mayHaveLongWord, parseMarkdown } from '../src/load/markdown.js';
import { parseJson } from '../src/load/json.js';
import { parseTree, type ParseError } from 'jsonc-parser';
import { decodeText } from '../src/load/decode.js';
import { isCalendarDate, isMoment } from '../src/model/dates.js';
import { FiguresFile, ProjectFile } from '../src/model/schema.js';
import { buildRegistry } from '../src/model/figures.js';
import { isCount } from '../src/load/figure-values.js';
import { readXliff } from '../src/translation/xliff.js';
import { planImport } from '../src/translation/import.js';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { withChartChecks } from '../src/pipeline/chart-memo.js';
import { build } from '../src/pipeline/build.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chartLimitProblems } from '../src/charts/limits.js';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const opts = { numRuns: runs };

const located = (d: { line?: number; column?: number }): boolean =>
  d.line !== undefined && d.line >= 1 && (d.column ?? 1) >= 1;

/** Text made of the characters that matter to YAML and Markdown, plus anything. */
const syntaxy = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '  ',
        '- ',
        ': ',
        '[',
        ']',
        '{',
        '}',
        '"',
        "'",
        '&a ',
        '*a',
        '#',
        '---',
        '>',
        '|',
        '\t',
        '*',
        '_',
        '`',
        ':fig[x]',
        ':date[2022-02-30]',
        '<div>',
        '</div>',
        '<script>',
        '{{fig "x"}}',
        '![a](b)',
        '[l](javascript:x)',
        '1',
        '\uFEFF',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('YAML', () => {
  test('parsing and validating any text returns data or located diagnostics, never throws', () => {
    fc.assert(
      fc.property(syntaxy, (text) => {
        const parsed = parseYaml(text, 'x.yaml');
        expect(parsed.errors.every(located)).toBe(true);
        for (const schema of [ProjectFile, FiguresFile]) {
          const r = validate(parsed, schema);
          if (!r.ok) expect(r.errors.every(located)).toBe(true);
        }
      }),
      opts,
    );
  });

  test('deep nesting is refused at a place, not a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 20_000 }), (depth) => {
        const parsed = parseYaml('['.repeat(depth) + ']'.repeat(depth), 'x.yaml');
        expect(parsed.errors.map((e) => e.rule)).toEqual(['limit/depth']);
      }),
      { numRuns: Math.min(runs, 50) },
    );
  });
});

describe('Markdown', () => {
  test('any text parses to a tree, every diagnostic located', () => {
    fc.assert(
      fc.property(syntaxy, (text) => {
        const r = parseMarkdown(text, 'x.md', { line: 4, column: 1 });
        expect(r.errors.every(located)).toBe(true);
        expect(r.errors.every((e) => (e.line ?? 0) >= 4)).toBe(true);
      }),
      opts,
    );
  });

  test('the quick look for an over-long word never hides one the exact pattern finds', () => {
    // Every character \s matches, a letter, a Kazakh one and one outside the BMP (two units).
    const spaces = [
      ' ',
      '\t',
      '\n',
      '\v',
      '\f',
      '\r',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
    ];
    const line = fc.array(
      fc.oneof(fc.constantFrom(...spaces), fc.constantFrom('a', 'ә', '😀', '\u180e', '\u200b')),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(line, fc.integer({ min: 0, max: 12 }), (chars, max) => {
        const text = chars.join('');
        expect(mayHaveLongWord(text, max)).toBe(new RegExp(`\\S{${max + 1},}`).test(text));
        if (new RegExp(`\\S{${max + 1},}`, 'u').test(text)) expect(mayHaveLongWord(text, max)).toBe(true);
      }),
      { numRuns: Math.max(runs, 2000) },
    );
  });

  test('nesting past the limit is refused before parsing, quickly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 3000 }), fc.boolean(), (depth, quotes) => {
        const text = quotes
          ? '>'.repeat(depth) + ' x'
          : Array.from({ length: depth }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n');
        const started = Date.now();
        const r = parseMarkdown(text, 'x.md');
        expect(r.errors.some((e) => e.rule === 'limit/depth')).toBe(true);
        expect(Date.now() - started).toBeLessThan(2000);
      }),
      { numRuns: Math.min(runs, 40) },
    );
  });
});

describe('dates', () => {
  test('a date is accepted exactly when the calendar has that day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const date = new Date(Date.UTC(y, m - 1, d));
          date.setUTCFullYear(y);
          const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
          expect(isCalendarDate(iso)).toBe(real);
          expect(isMoment(`${iso}T12:00+06:00`)).toBe(real);
        },
      ),
      opts,
    );
  });
});

describe('formulas', () => {
  const ids = ['a', 'b', 'c'];
  const token = fc.constantFrom(
    'a',
    'b',
    'c',
    'd',
    '+',
    '-',
    '*',
    '/',
    '(',
    ')',
    '0',
    '2',
    ' ',
    '**',
    'a.b',
    '!',
  );
  test('any formula builds a registry or reports problems; a value shown is a count or refused', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 15 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
        (parts, values) => {
          const entries = FiguresFile.parse([
            ...ids.map((id, i) => ({
              id,
              values: [{ value: values[i], asOf: '2022-01-01', source: 's', quote: 'q' }],
            })),
            { id: 'x', formula: parts.join('') },
          ]);
          const { registry, problems } = buildRegistry(entries);
          const x = registry.get('x');
          if (problems.length === 0 && x) {
            // Either a count, or something load/figure-values.ts refuses (NaN, infinite, negative).
            expect(typeof isCount(x.latest.value)).toBe('boolean');
          }
        },
      ),
      opts,
    );
  });
});

describe('JSON and encodings', () => {
  test('any text is JSON with positions or one located error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), syntaxy), (text) => {
        const r = parseJson(text, 'x.json', 'chart/invalid');
        if (!r.ok) expect(located(r.error)).toBe(true);
        else expect(r.parsed.positionOf(['a', 0]).line).toBeGreaterThanOrEqual(1);
      }),
      opts,
    );
  });

  test('JSON is accepted exactly when a strict parse with offsets finds no error', () => {
    // parseJson parses with JSON.parse and builds the tree of offsets only when asked.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
          syntaxy,
        ),
        (text) => {
          const errors: ParseError[] = [];
          const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
          expect([text, parseJson(text, 'x.json', 'chart/invalid').ok]).toEqual([
            text,
            !errors.length && !!tree,
          ]);
        },
      ),
      { numRuns: runs * 3 },
    );
  });

  test('any bytes decode to text or a reason, never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const d = decodeText(bytes);
        expect(d.ok ? typeof d.text : typeof d.message).toBe('string');
      }),
      opts,
    );
  });

  test('chart limits walk any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(chartLimitProblems(v))).toBe(true);
      }),
      opts,
    );
  });
});

describe('XLIFF import', () => {
  let root: string;
  let ws: Workspace;
  let exported: string;
  beforeAll(async () => {
    root = makeWorkspace();
    ws = loadWorkspace(root);
    const { main } = await import('../src/cli/main.js');
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await main(['i18n', 'export', '--locale', 'kk', '--out', 'kk.xlf'], root);
    } finally {
      process.stdout.write = write;
    }
    const { readFileSync } = await import('node:fs');
    exported = readFileSync(`${root}/kk.xlf`, 'utf8');
  });
  afterAll(() => removeWorkspace(root));

  const plan = (text: string): void => {
    const read = readXliff(text);
    if (!read.ok) {
      expect(read.problems.length).toBeGreaterThan(0);
      return;
    }
    const p = planImport(read.files, ws.translations.catalogs, ws.translations.files);
    for (const problem of p.problems) expect(typeof problem.message).toBe('string');
  };

  test('a mutated export is planned or refused, never throws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        syntaxy,
        (at, cut, insert) => {
          const i = at % exported.length;
          plan(exported.slice(0, i) + insert + exported.slice(i + cut));
        },
      ),
      { numRuns: Math.min(runs, 200) },
    );
  });

  test('any text is planned or refused, never throws', () => {
    fc.assert(
      fc.property(syntaxy, (text) => plan(text)),
      opts,
    );
  });
});

describe('the whole workspace', () => {
  // Each case loads, checks and composes the Kazakhstan project (a third of a second, after
  // ten to load Vega and the charts' code): only under `npm run fuzz`, FUZZ_RUNS / 40 cases.
  const files = ['content', 'locales', 'templates'].flatMap((dir) =>
    readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ya?ml|md|json|hbs)$/.test(f))
      .map((f) => join(repoRoot, dir, f)),
  );
  const pieces = [
    ':',
    ' ',
    '-',
    '#',
    '"',
    "'",
    '\n',
    '\t',
    '[',
    ']',
    '{',
    '}',
    '---\n',
    ':::',
    '1',
    'Қ',
    '\r\n',
  ];
  const edit = fc.record({
    file: fc.nat({ max: files.length - 1 }),
    edits: fc.array(
      fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), put: fc.constantFrom('', ...pieces) }),
      { minLength: 1, maxLength: 3 },
    ),
  });

  const fuzzOnly = process.env.FUZZ_RUNS ? test : test.skip;
  fuzzOnly(
    'one file edited at random: `check` reports located problems, never an internal error',
    async () => {
      await fc.assert(
        fc.asyncProperty(edit, async ({ file, edits }) => {
          const path = files[file]!;
          let text = readFileSync(path, 'utf8');
          for (const { at, cut, put } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + put + text.slice(i + cut);
          }
          // As `briefing check` runs: the workspace, its charts, then every document in memory.
          const ws = await withChartChecks(loadWorkspace(repoRoot, undefined, new Map([[path, text]])));
          const found = [...ws.diagnostics];
          if (!hasErrors(found))
            found.push(...(await build(ws, { formats: ['html'] }, { force: true })).diagnostics);
          expect(found.filter((d) => d.rule === 'internal/error')).toEqual([]);
          expect(found.filter((d) => d.severity === 'error' && !located(d))).toEqual([]);
        }),
        { numRuns: Math.max(1, Math.round(runs / 40)) },
      );
    },
    300_000,
  );
});
