/**
 * The glossary as a tool: validated by `check`, terms checked in every translation
 * (inflected forms, stems, reviewed exceptions), counted by `i18n status`, given to
 * the translator in the XLIFF notes and as TBX.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { Term } from '../src/translation/glossary.js';
import { englishSpans, englishVariants, stemOf, targetSpans } from '../src/translation/terms.js';
import { makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

const glossaryFixture = join(repoRoot, 'tests', 'fixtures', 'glossary', 'glossary.yaml');

const term = (en: string, targets: Record<string, string>, extra: Partial<Term> = {}): Term => ({
  en,
  targets,
  forms: {},
  stems: {},
  exceptions: [],
  note: undefined,
  line: undefined,
  column: undefined,
  ...extra,
});

describe('matching terms', () => {
  test('English: whole words, a plural s, quotation marks and remarks aside, acronyms by case', async () => {
    expect(englishSpans('The state of emergency was lifted.', term('state of emergency', {}))).toEqual([
      [4, 22],
    ]);
    expect(englishSpans('Protesters gathered', term('protester(s)', {}))).toHaveLength(1);
    expect(englishSpans('“terrorism” charges', term('“terrorism” charges', {}))).toHaveLength(1);
    expect(englishSpans('near city hall', term('city hall (Almaty)', {}))).toHaveLength(1);
    expect(englishSpans('the unified front', term('UN', {}))).toEqual([]);
    expect(englishSpans('a public statement', term('Public (distribution)', {}))).toEqual([]);
    expect(englishSpans(':fig[state_of_emergency] days', term('state of emergency', {}))).toEqual([]);
  });

  test('translations: inflected Russian and Kazakh forms match by stem', async () => {
    const order = term('order to shoot to kill', {
      ru: 'приказ стрелять на поражение',
      kk: 'өлтіру үшін оқ ату туралы бұйрық',
    });
    expect(targetSpans('отдал приказ открывать огонь на поражение', order, 'ru')).toBeUndefined();
    expect(targetSpans('приказа стрелять на поражение', order, 'ru')).toBeDefined();
    expect(targetSpans('өлтіру үшін оқ ату туралы бұйрығы', order, 'kk')).toBeDefined();
    expect(targetSpans('ескертусіз оқ ату туралы бұйрық', order, 'kk')).toBeUndefined();
    expect(stemOf('гранаталары')).toBe('граната');
  });

  test('declared forms and stems replace the generic stems', async () => {
    const t = term('authorities', { kk: 'билік' }, { forms: { kk: ['биліктің'] } });
    expect(targetSpans('биліктің шешімі', t, 'kk')).toBeDefined();
    expect(targetSpans('билік шешті', t, 'kk')).toBeUndefined();
    const k = term('killing', { kk: 'кісі өлтіру' }, { stems: { kk: ['кісі өл'] } });
    expect(targetSpans('әрбір кісі өлімін', k, 'kk')).toBeDefined();
  });
});

/** The rule as one regular expression per variant (what terms.ts finds without compiling one). */
function expressionSpans(text: string, en: string): [number, number][] {
  const plain = text.replace(/[“”"«»„‘’'`]/g, ' ');
  const spans: [number, number][] = [];
  for (const variant of englishVariants(en)) {
    const words = variant.split(' ');
    const acronym = words.some((w) => /^[A-Z]{2,}$/.test(w));
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}-])${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}(?:s|es)?(?![\\p{L}\\p{N}-])`,
      acronym ? 'gu' : 'giu',
    );
    for (const m of plain.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

describe('matching English terms, against the rule as a regular expression', () => {
  // Letters whose case is tricky (ſ and the Kelvin sign fold to s and k, ͅ folds to a
  // letter), a letter outside the basic plane, marks, hyphens, digits, quotes, spaces.
  const pieces = [
    's',
    'S',
    'es',
    'ES',
    'ſ',
    '\u212a',
    'k',
    'a',
    'as',
    'Un',
    'UN',
    'state',
    'й',
    '\u0345',
    '\u0301',
    '𝐀',
    '-',
    '1',
    ' ',
    ' ',
    '  ',
    '\t',
    '.',
    '(',
    '“',
    '’',
    'state of',
    'é',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => `x ${p.join('')}`);
  const en = fc.constantFrom(
    's',
    'as',
    'k',
    'UN',
    'a-s',
    'state',
    'state of',
    'a s',
    'as (remark)',
    'es / k',
    'state(s)',
    '𝐀',
    'й',
    'é',
    'K',
    'ſ',
    'as.',
    '1',
  );

  test('the same places, on random texts', () => {
    fc.assert(
      fc.property(text, en, (t, e) => {
        expect(englishSpans(t, term(e, {}))).toEqual(expressionSpans(t, e));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the glossary of a project', () => {
  let root: string;
  const kk = (rel: string): string => join(root, 'content', 'test', 'kk', rel);
  const glossary = (): string => join(root, 'content', 'test', 'glossary.yaml');
  const edit = (path: string, from: string, to: string): void => {
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };
  const termWarnings = (): Diagnostic[] =>
    loadWorkspace(root).diagnostics.filter((d) => d.rule === 'i18n/term-mismatch');
  beforeEach(() => {
    root = makeWorkspace();
    copyFileSync(glossaryFixture, glossary());
  });
  afterEach(() => removeWorkspace(root));

  test('a consistent translation raises nothing; check passes', async () => {
    expect(termWarnings()).toEqual([]);
    const r = await runMain(['check'], root);
    expect(r.stderr).not.toMatch(/glossary|term-mismatch/);
  });

  test('a term given twice, or a term of spaces, is an error at its place', () => {
    const first = readFileSync(glossary(), 'utf8').match(/en: "([^"]+)"/)?.[1] ?? '';
    expect(first).not.toBe('');
    appendFileSync(
      glossary(),
      `- { en: "${first}", ru: "другое", kk: "басқа" }\n- { en: "   ", ru: "x", kk: "y" }\n`,
    );
    const problems = loadWorkspace(root)
      .diagnostics.filter((d) => d.file === glossary())
      .map((d) => `${d.rule} ${d.message}`);
    expect(problems).toEqual([expect.stringMatching(/^schema\/invalid a term is words, not spaces/)]);
    // The shape is refused first; with the spaces gone, the second entry is.
    writeFileSync(glossary(), readFileSync(glossary(), 'utf8').replace(/- \{ en: " {3}".*\n/, ''));
    const twice = loadWorkspace(root).diagnostics.filter((d) => d.file === glossary());
    expect(twice.map((d) => `${d.rule} ${d.message}`)).toEqual([
      `ref/duplicate-id id \`${first}\` is used twice`,
    ]);
  });

  test('a planted term error is a located warning with its rule id, counted by i18n status', async () => {
    edit(kk('findings/tolls.md'), 'бейбіт тұрғындар', 'азаматтар');
    const found = termWarnings();
    expect(
      found.map((d) => `${d.file.slice(root.length + 1)}:${d.line}:${d.column} ${d.severity} ${d.message}`),
    ).toEqual([
      'content/test/kk/findings/tolls.md:4:1 warning findings/tolls.md p1: the English has “civilians”; the kk text lacks the agreed “бейбіт тұрғындар”',
    ]);
    const status = await runMain(['i18n', 'status', '--locale', 'kk'], root);
    expect(status.stdout).toMatch(
      /test · kk: 40 units: 40 translated, 0 missing, 0 stale, 0 signed off by a reviewer, 1 term problem\n/,
    );
    expect(status.stdout).toMatch(
      /term {4}content\/test\/kk\/findings\/tolls\.md:4 {2}findings\/tolls\.md p1/,
    );
    const json = JSON.parse((await runMain(['i18n', 'status', '--json'], root)).stdout) as {
      status: { scope: string; locale: string; termProblems: number }[];
    };
    expect(json.status.find((r) => r.scope === 'test' && r.locale === 'kk')?.termProblems).toBe(1);
  });

  test('a term error follows its place in the file: text added above moves it, the check kept or not', () => {
    edit(kk('findings/tolls.md'), 'бейбіт тұрғындар', 'азаматтар');
    const place = (): string[] => termWarnings().map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(place()).toEqual([expect.stringMatching(/^4:1 findings\/tolls\.md p1: /)]);
    // Blank lines above the paragraph: the same entries, so the unit's check is found kept;
    // its place is found again in the file as it is now.
    edit(kk('findings/tolls.md'), '---\n:date', '---\n\n\n:date');
    expect(place()).toEqual([expect.stringMatching(/^6:1 findings\/tolls\.md p1: /)]);
  });

  test('without the declared stem the inflected form is flagged; a reviewed exception silences one unit', async () => {
    edit(glossary(), '  stems: { kk: ["кісі өл"] }\n', '');
    const release = 'release.md title: the English has “killing”; the kk text lacks the agreed “кісі өлтіру”';
    expect(termWarnings().map((d) => d.message)).toEqual([
      'recommendations.investigate: the English has “killing”; the kk text lacks the agreed “кісі өлтіру”',
      release,
    ]);
    edit(
      glossary(),
      '  ru: убийство\n',
      '  ru: убийство\n  exceptions:\n    - { unit: recommendations.investigate, locale: kk, reason: "«кісі өлімі» reviewed as the idiom here", by: A. Reviewer }\n',
    );
    expect(termWarnings().map((d) => d.message)).toEqual([release]);
  });

  test('check validates the glossary and points at the problem', async () => {
    const check = async (lines: string[]): Promise<string> => {
      writeFileSync(glossary(), [...lines, ''].join('\n'));
      const r = await runMain(['check'], root);
      expect(r.status).toBe(1);
      return r.stderr;
    };
    expect(
      await check(['- { en: "morgue", ru: "морг", kk: "мәйітхана" }', '- { ru: "власти", kk: "билік" }']),
    ).toMatch(/glossary\.yaml:2:3 error missing required field `en` at `1` \(schema\/missing\)/);
    const stderr = await check([
      '- { en: "morgue", ru: "морг", kk: "мәйітхана" }',
      '- { en: "civilians", de: "Zivilisten" }',
      '- { en: "killing", kk: "кісі өлтіру", stems: { ru: ["убий"] } }',
      '- { en: "morgue", kk: "мәйітхана", exceptions: [{ unit: findings/nowhere.md, reason: "x" }] }',
    ]);
    expect(stderr).toMatch(/glossary\.yaml:2:\d+ error `de` is not a language of this project/);
    expect(stderr).toMatch(/glossary\.yaml:3:\d+ error stems for `ru`, but the entry has no `ru` term/);
    expect(stderr).toMatch(
      /glossary\.yaml:4:3 error exception for “morgue” names no unit `findings\/nowhere\.md`/,
    );
  });

  test('the export gives each entry its terms in a note, and --tbx writes the termbase', async () => {
    const out = join(root, 'kk.xlf');
    expect((await runMain(['i18n', 'export', '--locale', 'kk', '--tbx', '--out', out], root)).status).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(
      /<note from="developer">Glossary \(kk\): “morgue” → “мәйітхана”; “civilians” → “бейбіт тұрғындар”\.<\/note>/,
    );
    expect(xml).toMatch(/“killing” → “кісі өлтіру” — Not «қаза тапқан» \(died\)/);
    const tbx = readFileSync(join(root, 'kk.tbx'), 'utf8');
    expect(tbx).toMatch(/<martif type="TBX-Basic" xml:lang="en">/);
    expect(tbx).toMatch(
      /<langSet xml:lang="en"><tig><term>authorities<\/term><\/tig><\/langSet><langSet xml:lang="kk"><tig><term>билік<\/term><\/tig><tig><term>биліктің<\/term>/,
    );
  });
});
