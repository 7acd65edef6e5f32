/**
 * Quotations from the registry (quotations.yaml): each language prints its one approved
 * rendering, with its own quotation marks, a note where the rendering is a translation, and
 * a reference where its sentence does not cite the source; the translation workflow offers
 * only the renderings a translator makes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { composeDocument } from '../src/pipeline/document.js';
import { buildQuotations, foundVerbatim, translatedFrom } from '../src/model/quotations.js';
import { makeWorkspace, removeWorkspace, runMain } from './helpers/workspace.js';
import { treeOf } from './helpers/document.js';

const quotations = `- id: detained
  speaker: ministry
  source: ministry
  language: ru
  renderings:
    en: { kind: published, text: "people had been detained" }
    ru: { kind: original, source: ministry-ru, text: "люди были задержаны" }
    kk: { kind: translation, text: "адамдар ұсталды" }
- id: analysis
  speaker: hrw
  source: release
  language: en
  renderings:
    en: { kind: original, text: "An analysis of :fig[videos] verified videos." }
    ru: { kind: translation, text: "Анализ :fig[videos] «проверенных» видеозаписей." }
    kk: { kind: indirect, text: ":fig[videos]{noun=video}ны талдау" }
`;

/** The base project with two quotations, quoted in sentences and as a block, in every language. */
function quotingWorkspace(): string {
  const root = makeWorkspace();
  const p = join(root, 'content', 'test');
  writeFileSync(join(p, 'quotations.yaml'), quotations);
  writeFileSync(join(p, 'sources', 'ministry-ru.txt'), 'По данным министерства, люди были задержаны.\n');
  appendFileSync(
    join(p, 'sources.yaml'),
    '- id: ministry-ru\n  kind: statement\n  date: 2022-01-07\n  text: ministry-ru.txt\n',
  );
  const speakers: Record<string, string> = {
    en: 'speakers:\n  ministry: Internal Affairs Ministry\n  hrw: Human Rights Watch\n',
    ru: 'speakers:\n  ministry: МВД\n  hrw: Human Rights Watch\n',
    kk: 'speakers:\n  ministry: ІІМ\n  hrw: Human Rights Watch\n',
  };
  const prose: Record<string, string> = {
    en: '\nThe ministry said that :quote[detained]. :cite[ministry] Later, officials repeated that :quote[detained].\n\n::quote[analysis]\n',
    ru: '\nМинистерство заявило, что :quote[detained]. :cite[ministry-ru] Human Rights Watch пишет: :quote[analysis].\n\n::quote[analysis]\n',
    kk: '\nМинистрлік :quote[detained] деп мәлімдеді. :cite[ministry] Human Rights Watch :quote[analysis]ды жариялады.\n\n::quote[analysis]\n',
  };
  const titles: Record<string, string> = {
    en: '{ author: Internal Affairs Ministry, title: Statement in Russian }',
    ru: '{ author: МВД, title: Заявление }',
    kk: '{ author: ІІМ, title: Мәлімдеме }',
  };
  for (const l of ['en', 'ru', 'kk']) {
    const texts = join(p, l, 'texts.yaml');
    writeFileSync(
      texts,
      readFileSync(texts, 'utf8').replace('sources:\n', `sources:\n  ministry-ru: ${titles[l] ?? ''}\n`),
    );
    appendFileSync(texts, speakers[l] ?? '');
    appendFileSync(join(p, l, 'findings', 'tolls.md'), prose[l] ?? '');
  }
  return root;
}

describe('the registry', () => {
  test('words are found verbatim piece by piece: elisions, figures and a capital first letter allowed', () => {
    const source = 'Police said “in all cases, officers worked” and that “at least 10 people were killed”.';
    expect(foundVerbatim('In all cases, officers worked.', source)).toBe(true);
    expect(foundVerbatim('in all cases […] worked', source)).toBe(true);
    expect(foundVerbatim(':fig[killed] people were killed', source)).toBe(true);
    expect(foundVerbatim('in all cases, officers acted', source)).toBe(false);
  });

  test('a rendering says what it is a translation from, and only when it is one', () => {
    const [detained] = buildQuotations([
      {
        id: 'd',
        speaker: 's',
        source: 'x',
        language: 'ru',
        renderings: {
          en: { kind: 'published', text: 'a' },
          ru: { kind: 'original', text: 'б' },
          kk: { kind: 'translation', text: 'в' },
          de: { kind: 'indirect', text: 'd' },
        },
      },
    ]).values();
    if (!detained) throw new Error('no quotation');
    const from = (locale: string): string | undefined =>
      translatedFrom(detained, { rendering: detained.renderings[locale]!, locale, fallback: false }, 'en');
    expect(from('en')).toBe('ru'); // HRW's English of a Russian statement
    expect(from('ru')).toBeUndefined(); // the speaker's own words
    expect(from('kk')).toBe('en'); // our translation of the English
    expect(from('de')).toBeUndefined(); // reported speech claims no wording
  });

  test('an excerpt takes its speaker, source and language from its quotation', () => {
    const q = buildQuotations([
      { id: 'whole', speaker: 's', source: 'x', language: 'ru', renderings: {} },
      { id: 'part', excerptOf: 'whole', renderings: {} },
    ]).get('part');
    expect([q?.speaker, q?.source, q?.language]).toEqual(['s', 'x', 'ru']);
  });
});

describe('documents print the approved rendering of their language', () => {
  let root: string;
  let ws: Workspace;
  beforeAll(() => {
    root = quotingWorkspace();
    ws = loadWorkspace(root);
  });
  afterAll(() => removeWorkspace(root));
  const html = (locale: string): string =>
    toHtml(treeOf(composeDocument(ws, ws.projects[0]!, locale, 'briefing-osce')));

  test('the workspace checks clean', async () => {
    const r = await runMain(['check'], root);
    expect(r.stderr).not.toMatch(/ error /);
    expect(r.stderr).not.toMatch(/quote\/|ref\/unknown-quotation/);
  });

  test('English: curly quotes, a published translation marked, no second reference where the sentence cites', () => {
    const h = html('en');
    expect(h).toContain('said that “people had been detained” (translated from Russian).<sup class="cite"');
    // The sentence without a citation of its own gets the quotation's reference.
    expect(h).toMatch(
      /repeated that “people had been detained” \(translated from Russian\)<sup class="cite" data-source="ministry">/,
    );
  });

  test('a block quotation prints the words as they stand, the speaker and the reference', () => {
    expect(html('en')).toMatch(
      /<blockquote>\s*<p>An analysis of <span class="fig"[^>]*>over 80<\/span>\u00a0verified videos\.\u00a0— Human Rights Watch<sup class="cite" data-source="release">/,
    );
    expect(html('ru')).toContain('видеозаписей.\u00a0— Human Rights Watch (перевод с\u00a0английского)<sup');
  });

  test('Russian: the speaker’s own words unmarked, a translation in guillemets with inner „“ and its note', () => {
    const h = html('ru');
    expect(h).toContain('заявило, что «люди были задержаны».');
    expect(h).not.toContain('люди были задержаны» (перевод');
    // The full stop of the words gives way to the sentence's; inner marks become „ “; the
    // sentence cites nothing, so the quotation brings its reference.
    expect(h).toMatch(
      /пишет: «Анализ <span class="fig"[^>]*>более\u00a080<\/span> „проверенных“ видеозаписей» \(перевод с\u00a0английского\)<sup class="cite" data-source="release">.*?<\/sup>\./,
    );
  });

  test('Kazakh: a translation marked as one; reported speech without quotation marks, its case ending kept on', () => {
    const h = html('kk');
    expect(h).toContain('Министрлік «адамдар ұсталды» (ағылшын тілінен аударма) деп');
    // The ending written after the directive («ды») joins the last word, before the reference mark.
    expect(h).toMatch(
      /Human Rights Watch <span class="fig"[^>]*>80\u2011нен астам\u00a0бейнежазба<\/span>ны талдауды<sup class="cite" data-source="release">.*?<\/sup> жариялады\./,
    );
  });

  test('a document records each quotation it shows as an input, per language', () => {
    const doc = composeDocument(ws, ws.projects[0]!, 'kk', 'briefing-osce');
    expect(doc.meta.texts).toEqual(expect.arrayContaining(['quotations.detained', 'quotations.analysis']));
  });
});

describe('a rebuild after a rendering changes', () => {
  let root: string;
  beforeAll(() => {
    root = quotingWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('rebuilds the documents of that language that print it, in the same session too', async () => {
    // Built twice in this process, as `watch` does: what the first build kept must not hide the change.
    expect((await runMain(['build', '--format', 'html'], root)).status).toBe(0);
    const file = join(root, 'content', 'test', 'quotations.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('адамдар ұсталды', 'адамдар ұсталып алынды'));
    const r = await runMain(['build', '--format', 'html'], root);
    expect(r.status).toBe(0);
    const rebuilt = r.stdout.split('\n').filter((l) => l.startsWith('rebuilt '));
    expect(rebuilt.length).toBeGreaterThan(0);
    for (const line of rebuilt) {
      expect(line).toMatch(/^rebuilt output\/test\/kk\//);
      expect(line).toContain('quotation detained changed in quotations.yaml (kk)');
    }
    const kk = readFileSync(join(root, 'output', 'test', 'kk', 'briefing-osce.html'), 'utf8');
    expect(kk).toContain('адамдар ұсталып алынды');
  });
});

describe('the translation workflow', () => {
  let root: string;
  beforeAll(() => {
    root = quotingWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('renderings a translator makes are units; the speaker’s own words are not', async () => {
    const ru = await runMain(['i18n', 'export', '--locale', 'ru', '--out', '-'], root);
    expect(ru.stdout).toContain('content/test/quotations.yaml#analysis');
    expect(ru.stdout).not.toContain('content/test/quotations.yaml#detained');
    const kk = await runMain(['i18n', 'export', '--locale', 'kk', '--out', '-'], root);
    expect(kk.stdout).toContain('content/test/quotations.yaml#detained');
    // The translator sees the original the speaker used.
    expect(kk.stdout).toContain('Their own words (ru): люди были задержаны');
  });

  test('an imported rendering is written into quotations.yaml, and a new one is a translation', async () => {
    const file = join(root, 'content', 'test', 'quotations.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('    kk: { kind: translation, text: "адамдар ұсталды" }\n', ''),
    );
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--only', 'missing', '--out', out], root);
    const xml = readFileSync(out, 'utf8').replace(
      /(<source>people had been detained<\/source>\s*)<target state="needs-translation"\/>/,
      '$1<target state="translated">адамдар ұсталды</target>',
    );
    expect(xml).toContain('адамдар ұсталды');
    writeFileSync(out, xml);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('kk: { kind: translation, text: "адамдар ұсталды" }');
    const status = await runMain(['i18n', 'status', '--locale', 'kk', '--json'], root);
    expect(status.stdout).not.toContain('quotations.detained');
  });

  test('a changed English rendering makes its translations stale', async () => {
    const file = join(root, 'content', 'test', 'quotations.yaml');
    await runMain(['i18n', 'accept', '--locale', 'ru', '--all'], root);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'An analysis of :fig[videos] verified videos.',
        'An analysis of :fig[videos] verified videos',
      ),
    );
    const r = await runMain(['i18n', 'status', '--locale', 'ru'], root);
    expect(r.stdout).toMatch(/stale\s+content\/test\/quotations\.yaml\s+quotations\.analysis/);
  });
});
