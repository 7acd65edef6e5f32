/**
 * The next event, applied as the README says: a later official value of a figure.
 * Statements stay what their sources said, current uses and the cover follow the new
 * value, derived figures take the date and qualifier their inputs justify, and the
 * change report names every sentence whose number changed, in every language.
 * In-process, on a temporary copy of the small project.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { runIncremental } from '../src/pipeline/run.js';
import type { History } from '../src/pipeline/changes.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';

let root: string;
let out: string;
const html = (path: string): string =>
  readFileSync(join(out, 'test', `${path}.html`), 'utf8')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

async function build(): Promise<void> {
  const r = await runIncremental(loadWorkspace(root), out, { formats: ['html'] }, {});
  if (!r.ok)
    throw new Error(
      'checksFailed' in r
        ? 'checks failed'
        : r.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'),
    );
}

function addLaterValue(): void {
  const dir = join(root, 'content', 'test');
  writeFileSync(
    join(dir, 'sources', 'prosecutor-march.txt'),
    'The prosecutor general said on 1 March that over 232 people had died in the January events.\n',
  );
  writeFileSync(
    join(dir, 'sources.yaml'),
    readFileSync(join(dir, 'sources.yaml'), 'utf8') +
      '- id: prosecutor-march\n  kind: authority\n  date: 2022-03-01\n  text: prosecutor-march.txt\n',
  );
  const figures = readFileSync(join(dir, 'figures.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'figures.yaml'),
    figures.replace(
      "      quote: 'the bodies of 225 people'\n",
      "      quote: 'the bodies of 225 people'\n" +
        '    - value: 232\n      qualifier: over\n      asOf: 2022-03-01\n      source: prosecutor-march\n' +
        "      quote: 'over 232 people had died'\n",
    ),
  );
  for (const locale of ['en', 'ru', 'kk']) {
    const texts = join(dir, locale, 'texts.yaml');
    writeFileSync(
      texts,
      readFileSync(texts, 'utf8').replace(
        /^sources:\n/m,
        'sources:\n  prosecutor-march: { author: Prosecutor General, title: Statement of 1 March }\n',
      ),
    );
  }
}

let before: Record<string, string>;
beforeAll(async () => {
  root = makeWorkspace();
  out = join(root, 'output');
  await build();
  before = Object.fromEntries(
    ['en', 'ru', 'kk'].flatMap((l) =>
      ['briefing-osce', 'briefing-un', 'briefing-eu', 'release'].map((d) => [`${l}/${d}`, html(`${l}/${d}`)]),
    ),
  );
  addLaterValue();
  await build();
}, 60_000);
afterAll(() => removeWorkspace(root));

describe('a later value of a figure', () => {
  const statement: Record<string, RegExp> = {
    en: /The bodies of 225 bodies were delivered to morgues by 15 January, among them 206 civilians/,
    ru: /К 15 января в морги были доставлены 225 тел, из них 206 — гражданские лица/,
    kk: /15 қаңтар\S* қарай мәйітханаларға 225 дене жеткізілді, оның 206 бейбіт тұрғындар/,
  };
  const current: Record<string, RegExp> = {
    en: /over 232 bodies delivered to morgues as of 1 March 2022/,
    ru: /более 232 тел доставлено в морги по состоянию на 1 марта 2022/,
    kk: /232\u2011ден астам/,
  };

  test.each(['en', 'ru', 'kk'])('%s: statements keep their value, current uses and the cover follow', (l) => {
    const osce = html(`${l}/briefing-osce`);
    expect(osce).toMatch(statement[l]!);
    expect(before[`${l}/briefing-osce`]).toMatch(statement[l]!);
    expect(osce).toMatch(current[l]!);
    expect(before[`${l}/briefing-osce`]).not.toMatch(/232/);
    // The cover's "information as of" moves with the newest value shown.
    expect(osce).toMatch(/1 March 2022|1 марта 2022|1 наурыз/);
    expect(html(`${l}/release`)).toMatch(current[l]!);
  });

  test.each<[string, RegExp, RegExp]>([
    ['en', /now stands at 225 bodies/, /now stands at over 232 bodies/],
    ['ru', /доставлены 225 тел\./, /доставлены более 232 тел\./],
    ['kk', /225 дене жеткізілді/, /232\u2011ден астам дене жеткізілді/],
  ])('%s: a current use in prose follows the new value', (l, was, now) => {
    expect(before[`${l}/briefing-un`]).toMatch(was);
    expect(html(`${l}/briefing-un`)).toMatch(now);
  });

  test('a document that does not show the figure is untouched', () => {
    for (const l of ['en', 'ru', 'kk']) expect(html(`${l}/briefing-eu`)).toBe(before[`${l}/briefing-eu`]);
  });

  test('the derived figure takes the date and qualifier of its inputs', () => {
    const ws = loadWorkspace(root);
    const other = ws.projects[0]!.figures.get('other_bodies')!;
    expect(other.history.map((h) => [h.value, h.qualifier, h.asOf])).toEqual([
      [206, 'exact', '2022-01-15'],
      [213, 'over', '2022-03-01'],
    ]);
    expect(other.latest.sources).toEqual(['prosecutor', 'prosecutor-march']);
  });

  test('the change report names every sentence whose number changed, and keeps its history', () => {
    const history = JSON.parse(readFileSync(join(out, 'test', 'CHANGES.json'), 'utf8')) as History;
    expect(history.entries).toHaveLength(2);
    const [latest] = history.entries;
    expect(latest!.figures.map((f) => f.id)).toEqual(['bodies', 'other_bodies']);
    const places = latest!.sentences.map((s) => `${s.document}: ${s.before} → ${s.after}`);
    const golden = join(repoRoot, 'tests', 'fixtures', 'figure-update', 'sentences.txt');
    const actual = places.join('\n') + '\n';
    if (process.env.UPDATE) writeFileSync(golden, actual);
    expect(existsSync(golden)).toBe(true);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
    // Only documents whose bytes changed are listed; the EU briefing shows no `bodies`.
    expect(latest!.documents.map((d) => d.path).filter((p) => p.includes('briefing-eu'))).toEqual([]);
    const md = readFileSync(join(out, 'test', 'CHANGES.md'), 'utf8');
    expect(md.indexOf('## Change 2')).toBeLessThan(md.indexOf('## Change 1'));
    expect(md).toContain('### Sentences to read');
  });
});

describe('labels that agree with any new number', () => {
  test.each<[number, string]>([
    [3821, '3 821 задержанный'],
    [3822, '3 822 задержанных'],
    [1, '1 задержанный'],
  ])('ru key figure %d reads “%s”', async (value, expected) => {
    const ws = makeWorkspace();
    try {
      const figures = join(ws, 'content', 'test', 'figures.yaml');
      writeFileSync(figures, readFileSync(figures, 'utf8').replace('value: 3811', `value: ${value}`));
      const { composeDocument } = await import('../src/pipeline/document.js');
      const w = loadWorkspace(ws);
      const doc = composeDocument(w, w.projects[0]!, 'ru', 'briefing-osce');
      const { toText } = await import('./helpers/text.js');
      const { treeOf } = await import('./helpers/document.js');
      expect(toText(treeOf(doc)).replace(/\s+/g, ' ')).toContain(expected);
    } finally {
      removeWorkspace(ws);
    }
  });
});

describe('dependencies by what a document shows', () => {
  test('an edited finding rebuilds the briefings that show it, not the release', async () => {
    const ws = makeWorkspace();
    try {
      const o = join(ws, 'output');
      const first = await runIncremental(loadWorkspace(ws), o, { formats: ['html'] }, {});
      expect(first.ok).toBe(true);
      const finding = join(ws, 'content', 'test', 'en', 'findings', 'tolls.md');
      writeFileSync(
        finding,
        readFileSync(finding, 'utf8').replace('Authorities detained', 'The authorities detained'),
      );
      const r = await runIncremental(loadWorkspace(ws), o, { formats: ['html'] }, {});
      if (!r.ok) throw new Error('build failed');
      const rebuilt = r.documents.filter((d) => d.reasons.length).map((d) => d.path);
      expect(rebuilt).toContain('test/en/briefing-osce');
      expect(rebuilt.filter((p) => p.endsWith('release'))).toEqual([]);
    } finally {
      removeWorkspace(ws);
    }
  });

  test('an edited chronology entry rebuilds the briefings that show the chronology, not the release', async () => {
    const ws = makeWorkspace();
    try {
      const o = join(ws, 'output');
      expect((await runIncremental(loadWorkspace(ws), o, { formats: ['html'] }, {})).ok).toBe(true);
      const texts = join(ws, 'content', 'test', 'ru', 'texts.yaml');
      writeFileSync(texts, readFileSync(texts, 'utf8').replace('открывают огонь', 'открыли огонь'));
      const r = await runIncremental(loadWorkspace(ws), o, { formats: ['html'] }, {});
      if (!r.ok) throw new Error('build failed');
      const rebuilt = r.documents.filter((d) => d.reasons.length);
      expect(rebuilt.map((d) => d.path).sort()).toEqual([
        'test/ru/briefing-eu',
        'test/ru/briefing-osce',
        'test/ru/briefing-un',
      ]);
      expect(rebuilt[0]!.reasons).toEqual([{ kind: 'text', locale: 'ru', unit: 'chronology.residence' }]);
    } finally {
      removeWorkspace(ws);
    }
  });
});
