/**
 * Projects written in different languages in one workspace: each project's texts are
 * translated from its own `sourceLocale`, the interface strings always from English, and
 * every message, XLIFF file and record says the language of its own units. (The
 * translation layer had taken the first project's source language for the whole
 * workspace: with a Russian project sorted first, the English project vanished from
 * `i18n status` and the interface strings were called stale translations of Russian.)
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileHashes, makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

const second = join(repoRoot, 'tests', 'fixtures', 'second-project');

interface StatusJson {
  status: {
    scope: string;
    sourceLocale: string;
    locale: string;
    total: number;
    translated: number;
    missing: number;
    stale: number;
    units: { id: string; file: string; state: string; reason?: string }[];
  }[];
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

/**
 * The second project twice: as it is (written in English, translated into Russian), and
 * as `aaa-ru` (sorted first) written in Russian and translated into English.
 */
function mixedWorkspace(): string {
  const root = makeWorkspace({ second, 'aaa-ru': second });
  edit(join(root, 'content', 'aaa-ru', 'project.yaml'), 'sourceLocale: en', 'sourceLocale: ru');
  // Its record of which English the Russian was made from means nothing now: Russian is the source.
  rmSync(join(root, 'content', 'aaa-ru', 'ru', 'translated-from.yaml'));
  return root;
}

describe('projects written in different languages', () => {
  let root: string;
  beforeEach(() => {
    root = mixedWorkspace();
  });
  afterEach(() => removeWorkspace(root));

  const status = async (): Promise<StatusJson> => {
    const r = await runMain(['i18n', 'status', '--json'], root);
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as StatusJson;
  };
  /** Records the English of aaa-ru as translated from its current Russian. */
  const acceptEnglish = async (): Promise<string> => {
    const r = await runMain(['i18n', 'accept', '--locale', 'en', '--all'], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };

  test('i18n status lists both projects, each from its own source; the interface is en → kk, ru and current', async () => {
    const s = await status();
    expect(
      s.status.map((r) => `${r.scope} ${r.sourceLocale}→${r.locale} ${r.translated}/${r.missing}/${r.stale}`),
    ).toEqual([
      'aaa-ru ru→en 0/0/22',
      'interface en→kk 78/0/0',
      'interface en→ru 78/0/0',
      'second en→ru 22/0/0',
    ]);
    // The Russian project's English has no record yet of the Russian it was made from.
    expect(new Set(s.status[0]?.units.map((u) => `${u.state} ${u.reason ?? ''}`))).toEqual(
      new Set(['stale unrecorded']),
    );
    const text = await runMain(['i18n', 'status'], root);
    expect(text.stdout).toMatch(/^aaa-ru · ru → en: 22 units: 0 translated, 0 missing, 22 stale/m);
    expect(text.stdout).toMatch(/^interface · en → kk: 78 units: 78 translated/m);
    expect(text.stdout).toMatch(/^second · en → ru: 22 units: 22 translated/m);
    expect(text.stdout).toMatch(
      /stale\s+content\/aaa-ru\/en\/texts\.yaml\s+\S+\s+\(no record of the ru text it was made from\)/,
    );
    expect(text.stdout).not.toMatch(/locales\//);

    expect(await acceptEnglish()).toMatch(
      /^recorded 22 units of en as translated from the current ru \(content\/aaa-ru\/en\/translated-from\.yaml\)$/m,
    );
    expect(readFileSync(join(root, 'content', 'aaa-ru', 'en', 'translated-from.yaml'), 'utf8')).toMatch(
      /^# The ru text each translation here was made from/,
    );
    expect((await runMain(['i18n', 'status', '--strict'], root)).status).toBe(0);
  });

  test('check: no warning about the interface strings; the Russian project’s English is stale from ru', async () => {
    const before = await runMain(['check'], root);
    expect(before.status).toBe(0);
    expect(before.stderr).not.toMatch(/locales\//);
    const warnings = before.stderr.split('\n').filter((l) => / warning /.test(l));
    expect(warnings.length).toBe(22);
    for (const w of warnings)
      expect(w).toMatch(
        /content\/aaa-ru\/en\/.* has no record of the ru text it was translated from \(i18n\/stale\)$/,
      );

    await acceptEnglish();
    const after = await runMain(['check'], root);
    expect(after.status).toBe(0);
    expect(after.stderr).not.toMatch(/warning/);

    // An edit of the Russian source makes its English translation stale, said as such.
    edit(
      join(root, 'content', 'aaa-ru', 'ru', 'findings', 'arrests.md'),
      'на мирном марше',
      'на мирном шествии',
    );
    const stale = await runMain(['check'], root);
    expect(stale.stderr).toMatch(
      /content\/aaa-ru\/en\/findings\/arrests\.md.* `findings\/arrests\.md` is stale: the ru text changed after this en translation was made \(i18n\/stale\)/,
    );
    expect(stale.stderr).not.toMatch(/content\/second\//);
  });

  test('XLIFF: each <file> has its own source-language, and an export imports back unchanged', async () => {
    await acceptEnglish();
    const ru = await runMain(['i18n', 'export', '--locale', 'ru', '--out', '-'], root);
    expect(ru.status).toBe(0);
    const files = (xml: string): string[] =>
      [...xml.matchAll(/<file original="([^"]+)" source-language="([^"]+)" target-language="([^"]+)"/g)].map(
        (m) => `${m[2] ?? ''}→${m[3] ?? ''} ${m[1] ?? ''}`,
      );
    const ruFiles = files(ru.stdout);
    // Into Russian: the interface strings and the English project, both from English; not the Russian project.
    expect(ruFiles).toContain('en→ru locales/en/common.json');
    expect(ruFiles).toContain('en→ru content/second/en/texts.yaml');
    expect(ruFiles.every((f) => f.startsWith('en→ru '))).toBe(true);
    expect(ruFiles.some((f) => f.includes('aaa-ru'))).toBe(false);

    const en = await runMain(['i18n', 'export', '--locale', 'en', '--out', '-'], root);
    const enFiles = files(en.stdout);
    // Into English: only the Russian project, from Russian; the interface is English already.
    expect(enFiles).toContain('ru→en content/aaa-ru/ru/texts.yaml');
    expect(enFiles).toContain('ru→en content/aaa-ru/ru/findings/arrests.md');
    expect(enFiles.every((f) => f.startsWith('ru→en content/aaa-ru/'))).toBe(true);

    const before = fileHashes(root, ['content', 'locales']);
    for (const [locale, xml] of [
      ['ru', ru.stdout],
      ['en', en.stdout],
    ] as const) {
      const file = join(root, `${locale}.xlf`);
      writeFileSync(file, xml);
      const r = await runMain(['i18n', 'import', file], root);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/no file changed/);
    }
    expect(fileHashes(root, ['content', 'locales'])).toEqual(before);

    // A file that says it was translated from another language than its source file's is refused.
    const wrong = join(root, 'wrong.xlf');
    writeFileSync(
      wrong,
      en.stdout.replace(
        '<file original="content/aaa-ru/ru/texts.yaml" source-language="ru"',
        '<file original="content/aaa-ru/ru/texts.yaml" source-language="en"',
      ),
    );
    const refused = await runMain(['i18n', 'import', wrong], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/source-language is `en`, expected `ru`/);
    expect(fileHashes(root, ['content', 'locales'])).toEqual(before);
  });

  test('a translator’s English of a changed Russian text imports, recorded as made from the ru', async () => {
    await acceptEnglish();
    edit(
      join(root, 'content', 'aaa-ru', 'ru', 'findings', 'arrests.md'),
      'на мирном марше',
      'на мирном шествии',
    );
    const r = await runMain(['i18n', 'export', '--locale', 'en', '--only', 'stale', '--out', '-'], root);
    expect(r.stdout).toMatch(
      /<file original="content\/aaa-ru\/ru\/findings\/arrests\.md" source-language="ru"/,
    );
    expect(r.stdout).toMatch(/The Russian text has changed since this translation was made/);
    const file = join(root, 'en.xlf');
    writeFileSync(file, r.stdout.replaceAll('state="needs-review-translation"', 'state="translated"'));
    const imported = await runMain(['i18n', 'import', file], root);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(
      /1 unit recorded as translated from the current source text: findings\/arrests\.md/,
    );
    const record = readFileSync(join(root, 'content', 'aaa-ru', 'en', 'translated-from.yaml'), 'utf8');
    expect(record).toMatch(/^# The ru text each translation here was made from/);
    expect(record).toMatch(/^# A unit whose ru text has changed since is stale/m);
    expect((await runMain(['i18n', 'status', '--strict'], root)).status).toBe(0);
  });

  test('a glossary (English terms) is used for the English project only; the Russian project’s is reported once', async () => {
    await acceptEnglish();
    const glossary = '- { en: "arrests", ru: "аресты" }\n';
    writeFileSync(join(root, 'content', 'aaa-ru', 'glossary.yaml'), glossary);
    writeFileSync(join(root, 'content', 'second', 'glossary.yaml'), glossary);
    const r = await runMain(['check'], root);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /content\/aaa-ru\/glossary\.yaml:1:3 warning this project is written in ru, but a glossary's source terms are en .*\(i18n\/glossary-source\)/,
    );
    expect(r.stderr.match(/i18n\/glossary-source/g)?.length).toBe(1);
    expect(r.stderr).not.toMatch(/aaa-ru.*i18n\/term-mismatch/);
    // The English project's glossary is checked as before: its Russian lacks «аресты».
    expect(r.stderr).toMatch(
      /content\/second\/ru\/.*the English has “arrests”; the ru text lacks the agreed “аресты” \(i18n\/term-mismatch\)/,
    );
    const en = await runMain(
      ['i18n', 'export', '--locale', 'en', '--tbx', '--out', join(root, 'en.xlf')],
      root,
    );
    expect(en.stderr).toMatch(/en\.tbx: 0 glossary terms/);
    const ru = await runMain(
      ['i18n', 'export', '--locale', 'ru', '--tbx', '--out', join(root, 'ru.xlf')],
      root,
    );
    expect(ru.stderr).toMatch(/ru\.tbx: 1 glossary term /);
    expect(readFileSync(join(root, 'ru.tbx'), 'utf8')).toMatch(/<martif type="TBX-Basic" xml:lang="en">/);
  });

  test('a review copy of the Russian project is ru to en; none is made of it in its own language', async () => {
    await acceptEnglish();
    const out = join(root, 'review');
    const r = await runMain(
      ['i18n', 'review', '--locale', 'en', '--project', 'aaa-ru', '--format', 'html', '--out', out],
      root,
    );
    expect(r.status).toBe(0);
    const html = readFileSync(join(out, 'aaa-ru', 'en', 'review-release.html'), 'utf8');
    expect(html).toContain('Review copy (ru to en)');
    expect(html).toMatch(/<td lang="ru">/);
    const own = await runMain(
      ['i18n', 'review', '--locale', 'ru', '--project', 'aaa-ru', '--format', 'html', '--out', out],
      root,
    );
    expect(own.status).toBe(0);
    expect(own.stdout).not.toMatch(/aaa-ru/);
  });
});
