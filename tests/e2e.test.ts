/**
 * End to end: the command on temporary copies of the content. The real `briefing` process
 * (bin, supervisor, command thread, code cache) for the whole Kazakhstan build, another time
 * zone and an unknown command; the rest in this process (`runMain`), which runs the same
 * `main` with the same worker threads for a second less of start-up each.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { pdfPages } from './helpers/pdf-text.js';
import { kazakhstanBuilt } from './helpers/shared-build.js';
import { keepWithNext } from '../src/i18n/keep-next.js';
import {
  type CliResult,
  fileHashes,
  makeWorkspace,
  removeWorkspace,
  repoRoot,
  runCli,
  runMain,
  sha,
} from './helpers/workspace.js';

const kinds = ['briefing-osce', 'briefing-un', 'briefing-eu', 'release'];
const locales = ['en', 'ru', 'kk'];
const sums = (dir: string): Record<string, string> => fileHashes(dir);

describe('briefing build on the Kazakhstan project', () => {
  let root: string;
  let first: CliResult;
  let release = (): void => {};
  beforeAll(async () => {
    // The run's one build of the example, which pdf.test.ts reads too.
    ({ root, result: first, release } = await kazakhstanBuilt());
  });
  afterAll(() => release());

  test('writes 24 documents, the manifest and the index', () => {
    expect(first.stderr).not.toMatch(/error/);
    expect(first.status).toBe(0);
    for (const locale of locales)
      for (const kind of kinds)
        for (const ext of ['html', 'pdf']) {
          expect(existsSync(join(root, 'output', 'kazakhstan-2022', locale, `${kind}.${ext}`))).toBe(true);
        }
    expect(first.stdout).toMatch(/built 12 documents \(24 files\)/);
    expect(existsSync(join(root, 'output', 'index.html'))).toBe(true);
    const manifest = JSON.parse(
      readFileSync(join(root, 'output', 'kazakhstan-2022', 'manifest.json'), 'utf8'),
    ) as { documents: Record<string, unknown>[] };
    expect(manifest.documents).toHaveLength(24);
    for (const d of manifest.documents) {
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining([
          'path',
          'project',
          'locale',
          'audience',
          'type',
          'format',
          'sha256',
          'inputs',
        ]),
      );
      expect(d.sha256).toBe(sha(join(root, 'output', String(d.path))));
    }
  });

  test('the Kazakh OSCE briefing PDF reads in Kazakh, letters included', async () => {
    const text = (await pdfPages(join(root, 'output', 'kazakhstan-2022', 'kk', 'briefing-osce.pdf'))).join(
      '\n',
    );
    expect(text).toMatch(/ЕҚЫҰ/);
    for (const letter of ['Ә', 'Қ', 'Ұ', 'І', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'])
      expect(text).toContain(letter);
  });

  test('HTML pages are self-contained and declare their language', () => {
    for (const locale of locales) {
      const html = readFileSync(join(root, 'output', 'kazakhstan-2022', locale, 'briefing-eu.html'), 'utf8');
      expect(html).toContain(`<html lang="${locale}">`);
      // Nothing loads from elsewhere: no remote source, stylesheet or font (a source's URL is a
      // link the reader may follow, `<a href>`, not a request the page makes).
      expect(html).not.toMatch(/src="(https?:)?\/\//);
      expect(html).not.toMatch(/<link\b[^>]*href="(https?:)?\/\//);
      expect(html).not.toMatch(/url\((?!data:)/);
      expect(html).toMatch(/font-src data:/);
      expect(html).toMatch(/<a href="https:\/\/www\.hrw\.org\/news\/2022\/01\/07\/[^"]+">/);
      expect(html).not.toMatch(/<script/);
    }
  });

  test('every HTML page passes html-validate (recommended, a11y and document presets) with no error', async () => {
    const config = JSON.parse(readFileSync(join(repoRoot, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    const validator = new HtmlValidate(config);
    const pages = [
      join(root, 'output', 'index.html'),
      ...locales.flatMap((l) => kinds.map((k) => join(root, 'output', 'kazakhstan-2022', l, `${k}.html`))),
    ];
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateFile(page);
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
    }
    expect(problems).toEqual([]);
  });

  test('each page links to itself in every language, to the other editions, its PDF and the index', () => {
    const dir = join(root, 'output', 'kazakhstan-2022');
    for (const locale of locales)
      for (const kind of kinds) {
        const html = readFileSync(join(dir, locale, `${kind}.html`), 'utf8');
        const bar = html.slice(html.indexOf('<header class="page-bar">'), html.indexOf('<main>'));
        const hrefs = [...bar.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
        for (const other of locales) {
          const href = other === locale ? `${kind}.html` : `../${other}/${kind}.html`;
          expect(bar).toContain(`href="${href}" `);
          if (other !== locale)
            expect(html).toContain(`<link rel="alternate" hreflang="${other}" href="${href}">`);
        }
        for (const k of kinds) expect(hrefs).toContain(`${k}.html`);
        expect(hrefs).toEqual(expect.arrayContaining([`${kind}.pdf`, '../../index.html']));
        // Every link leads to a file the build wrote.
        for (const href of hrefs) expect(existsSync(join(dir, locale, href))).toBe(true);
        expect(bar).toContain('hreflang="kk" lang="kk">Қазақша</a>');
        // The page itself is marked once among the languages and once among the editions.
        expect(bar.match(/aria-current="page"/g)).toHaveLength(2);
      }
  });

  test('a chart’s title and subtitle are text of the page, in its language; its drawings are named images', () => {
    const dir = join(root, 'output', 'kazakhstan-2022');
    for (const locale of locales) {
      const html = readFileSync(join(dir, locale, 'briefing-osce.html'), 'utf8');
      const texts = readFileSync(join(repoRoot, 'content', 'kazakhstan-2022', locale, 'texts.yaml'), 'utf8');
      const title = /\n {2}tolls:\n(?: {4}.*\n)*? {4}title: (.+)\n/.exec(texts)?.[1]?.replace(/^"|"$/g, '');
      expect(title).toBeTruthy();
      const figures = [...html.matchAll(/<figure class="chart" id="chart-[^"]+">[\s\S]*?<\/figure>/g)].map(
        (m) => m[0],
      );
      expect(figures).toHaveLength(4);
      expect(figures.join('')).toContain(`</strong> ${keepWithNext(title!, locale)}</span>`);
      for (const f of figures) {
        // A title Vega drew was cut at the edge of a phone; the page's text wraps.
        expect(f).not.toContain('role-title');
        expect(f).toMatch(
          /^<figure[^>]*>\s*<figcaption>\s*<span class="chart-title"><strong class="figure-label">/,
        );
        const drawings = [
          ...f.matchAll(/<svg role="img" aria-label="([^"]+)"[^>]*class="marks (chart-wide|chart-phone)"/g),
        ];
        expect(drawings.map((d) => d[2])).toEqual(['chart-wide', 'chart-phone']);
        expect(drawings[0]![1]).toBe(drawings[1]![1]);
        expect(f).toMatch(/<details>\s*<summary>[^<]+<\/summary>[\s\S]*<table class="chart-data">/);
      }
    }
  });

  test('the index names documents, languages in their own language, dates and sizes', () => {
    const index = readFileSync(join(root, 'output', 'index.html'), 'utf8');
    expect(index).toContain('Kazakhstan: The January Crackdown');
    expect(index).toMatch(/<h3>Русский<\/h3>[\s\S]*<h3>Қазақша<\/h3>/);
    expect(index.indexOf('<h3>English</h3>')).toBeLessThan(index.indexOf('<h3>Русский</h3>'));
    expect(index).toContain('Briefing for OSCE participating States');
    expect(index).toContain('Для государств\u00a0— участников ОБСЕ');
    expect(index).toContain('Information as of 16\u00a0January 2022');
    expect(index).toContain('Ақпарат 2022\u00a0жылғы 16\u00a0қаңтардағы жағдай бойынша');
    expect(index).toMatch(/\(\d+ KB\)/);
    expect(index).toMatch(/\(\d+ КБ\)/);
    expect(index).not.toMatch(/>briefing-(osce|un|eu)</);
  });
});

describe('briefing build on the small fixture project', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('PDF text contains the expected sentences in each locale', async () => {
    expect((await runMain(['build', '--format', 'pdf', '--audience', 'osce'], root)).status).toBe(0);
    const page = async (l: string): Promise<string> =>
      (await pdfPages(join(root, 'output', 'test', l, 'briefing-osce.pdf'))).join('\n').replace(/\s+/g, ' ');
    expect(await page('en')).toContain('Authorities detained 3,811 people.');
    expect(await page('ru')).toContain('Власти задержали 3\u00a0811 человек.'.replace(/\u00a0/g, ' '));
    expect(await page('kk')).toContain('Топ 80\u2011нен астам бейнежазба талдады.');
  });

  test('two builds of the same input are byte-identical', async () => {
    expect((await runMain(['build', '--out', 'a'], root)).status).toBe(0);
    // A process of its own in another time zone: `main` in this one sets UTC itself.
    expect(runCli(['build', '--out', 'b'], root, { TZ: 'America/New_York' }).status).toBe(0);
    const a = sums(join(root, 'a'));
    // 24 documents, the manifest, the change report and its JSON twin, the index.
    expect(Object.keys(a)).toHaveLength(24 + 4);
    expect(sums(join(root, 'b'))).toEqual(a);
  });

  test('narrowing flags select documents, listed with commas or given again', async () => {
    const r = await runMain(
      [
        'build',
        '--locale',
        'ru',
        '--audience',
        'eu',
        '--audience',
        'release',
        '--format',
        'html',
        '--out',
        'narrow',
      ],
      root,
    );
    expect(r.status).toBe(0);
    expect(Object.keys(sums(join(root, 'narrow', 'test'))).sort()).toEqual([
      'CHANGES.json',
      'CHANGES.md',
      'manifest.json',
      'ru/briefing-eu.html',
      'ru/release.html',
    ]);
  });

  test('a chart label missing in Kazakh is shown in English only as a listed fallback', async () => {
    const texts = join(root, 'content', 'test', 'kk', 'texts.yaml');
    const before = readFileSync(texts, 'utf8');
    try {
      writeFileSync(texts, before.replace('title: Шығындар, ', ''));
      const r = await runMain(['build', '--locale', 'kk', '--audience', 'osce', '--out', 'fallback'], root);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/translation missing\): 1 unit\n {2}kk\/texts\.yaml charts\.tolls\.title/);
      const strict = await runMain(
        ['build', '--locale', 'kk', '--audience', 'osce', '--out', 'strict', '--strict'],
        root,
      );
      expect(strict.status).toBe(1);
    } finally {
      writeFileSync(texts, before);
    }
  });

  test('wrong usage exits 2', async () => {
    expect((await runMain(['build', '--format', 'docx'], root)).status).toBe(2);
    expect(runCli(['frobnicate'], root).status).toBe(2);
  });

  test('a problem found by the checks that run beside the build stops it before it writes anything', async () => {
    expect((await runMain(['build', '--out', 'late'], root)).status).toBe(0);
    const before = sums(join(root, 'late'));
    const framing = join(root, 'content', 'test', 'kk', 'framing', 'osce.md');
    const chart = join(root, 'content', 'test', 'charts', 'timeline.vl.json');
    const glossary = join(root, 'content', 'test', 'glossary.yaml');
    const [prose, spec] = [readFileSync(framing, 'utf8'), readFileSync(chart, 'utf8')];
    try {
      // A document to rebuild, so the build renders before the checks end.
      writeFileSync(framing, prose.replace('талдады', 'қарап шықты'));
      writeFileSync(glossary, 'terms: [unclosed\n');
      const translations = await runMain(['build', '--out', 'late', '--jobs', '2'], root);
      expect(translations.status).toBe(1);
      expect(translations.stderr).toMatch(/content\/test\/glossary\.yaml:\d+:\d+ error/);
      expect(translations.stderr).toMatch(/build stopped: \d+ problems?; previous outputs are untouched/);
      expect(sums(join(root, 'late'))).toEqual(before);
      rmSync(glossary);
      writeFileSync(chart, spec.replace('"mark": "bar"', '"mark": "geoshape"'));
      const charts = await runMain(['build', '--out', 'late', '--jobs', '1'], root);
      expect(charts.status).toBe(1);
      expect(charts.stderr).toMatch(/content\/test\/charts\/timeline\.vl\.json:\d+:\d+ error .*geoshape/);
      expect(charts.stderr).toMatch(/build stopped: \d+ problems?; previous outputs are untouched/);
      expect(sums(join(root, 'late'))).toEqual(before);
    } finally {
      writeFileSync(framing, prose);
      writeFileSync(chart, spec);
      rmSync(glossary, { force: true });
    }
  });

  test('a corrupted value stops check and build with file:line:column, and leaves outputs untouched', async () => {
    expect((await runMain(['build', '--out', 'keep'], root)).status).toBe(0);
    const before = sums(join(root, 'keep'));
    const figures = join(root, 'content', 'test', 'figures.yaml');
    writeFileSync(figures, readFileSync(figures, 'utf8').replace('value: 225', 'value: 2x25'));
    const check = await runMain(['check'], root);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/content\/test\/figures\.yaml:\d+:\d+ error .*expected number/);
    const build = await runMain(['build', '--out', 'keep'], root);
    expect(build.status).toBe(1);
    expect(build.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(sums(join(root, 'keep'))).toEqual(before);
  });
});
