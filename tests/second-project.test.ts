/**
 * A second project that differs on every axis — two languages, its own audiences and
 * no OSCE/UN/EU, another time zone and page size, a cover template of its own — builds with
 * no change to src/ or templates/ and produces exactly its own documents.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { runIncremental } from '../src/pipeline/run.js';
import type { Manifest } from '../src/pipeline/output.js';
import { makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

const second = join(repoRoot, 'tests', 'fixtures', 'second-project');
let root: string;
let out: string;
const text = (path: string): string =>
  readFileSync(join(out, 'second', path), 'utf8')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  root = makeWorkspace({ second });
  out = join(root, 'output');
  const ws = loadWorkspace(root);
  expect(ws.diagnostics.map((d) => `${d.file}:${d.line ?? ''} ${d.message}`)).toEqual([]);
  const r = await runIncremental(ws, out, {}, {});
  expect(r.ok).toBe(true);
}, 60_000);
afterAll(() => removeWorkspace(root));

describe('a second project', () => {
  test('builds exactly its own languages and audiences', () => {
    const files = ['en', 'ru'].flatMap((l) => readdirSync(join(out, 'second', l)).map((f) => `${l}/${f}`));
    expect(files.sort()).toEqual(
      ['en', 'ru']
        .flatMap((l) =>
          ['briefing-coe', 'briefing-donors', 'release'].flatMap((d) => [`${l}/${d}.html`, `${l}/${d}.pdf`]),
        )
        .sort(),
    );
    const manifest = JSON.parse(readFileSync(join(out, 'second', 'manifest.json'), 'utf8')) as Manifest;
    expect(new Set(manifest.documents.map((d) => d.audience))).toEqual(new Set(['coe', 'donors', null]));
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).not.toMatch(/briefing-(osce|un|eu)|\/kk\//);
  });

  test('names its audiences in each language', () => {
    expect(text('en/briefing-donors.html')).toContain('Briefing for donors');
    expect(text('ru/briefing-coe.html')).toContain('Записка для Совета Европы');
  });

  test('names its audiences in its review copies as its documents do', async () => {
    const r = await runMain(['i18n', 'review', '--locale', 'ru', '--format', 'html'], root);
    expect(r.status).toBe(0);
    const review = readFileSync(
      join(root, 'output', 'review', 'second', 'ru', 'review-briefing-donors.html'),
      'utf8',
    );
    expect(review).toContain('Briefing for donors');
    expect(review).not.toContain('DONORS');
  });

  test('follows each audience’s recipe, and its own template where it has one', () => {
    const coe = text('en/briefing-coe.html');
    expect(coe).toMatch(/Contents/);
    expect(coe).not.toMatch(/Chronology/);
    // The donors' recipe has no contents page and puts the asks before the chronology.
    const donors = readFileSync(join(out, 'second', 'en', 'briefing-donors.html'), 'utf8');
    expect(donors).not.toContain('class="contents"');
    expect(donors.indexOf('id="recommendations"')).toBeLessThan(donors.indexOf('id="chronology"'));
    // Its own cover template draws every cover of the project (a release has none), the tool’s every other block.
    for (const file of ['en/briefing-donors.html', 'ru/briefing-coe.html', 'en/briefing-coe.html']) {
      const html = readFileSync(join(out, 'second', file), 'utf8');
      expect(html).toMatch(
        /<header class="cover second-team">\s*<p class="audience">|<header class="cover second-team">\s*<h1>/,
      );
      expect(html).toContain('class="key-figures"');
    }
  });

  test('a template named after no block kind is a located warning', () => {
    const ws = loadWorkspace(root);
    expect(ws.diagnostics).toEqual([]);
    writeFileSync(join(root, 'content', 'second', 'templates', 'briefing-donors.hbs'), '<p>{{title}}</p>\n');
    try {
      const problems = loadWorkspace(root).diagnostics.map(
        (d) => `${d.rule} ${d.line}:${d.column} ${d.message}`,
      );
      expect(problems).toEqual([
        expect.stringMatching(
          /^template\/unknown 1:1 no block is drawn by a template named `briefing-donors`/,
        ),
      ]);
    } finally {
      rmSync(join(root, 'content', 'second', 'templates', 'briefing-donors.hbs'));
    }
  });

  test('shows times in its own time zone and numbers that agree in Russian', () => {
    expect(text('en/briefing-donors.html')).toMatch(/UTC-05:00.*10:00/);
    expect(text('ru/briefing-donors.html')).toContain('120 человек задержаны');
  });

  test('an audience it does not declare is a located error', () => {
    const recs = join(root, 'content', 'second', 'recommendations.yaml');
    const before = readFileSync(recs, 'utf8');
    writeFileSync(recs, before.replace('audiences: [donors]', 'audiences: [donors, eu]'));
    try {
      const problems = loadWorkspace(root).diagnostics.filter((d) => d.rule === 'ref/unknown-audience');
      expect(problems.map((d) => [d.file.endsWith('recommendations.yaml'), d.line])).toEqual([[true, 7]]);
    } finally {
      writeFileSync(recs, before);
    }
  });

  test('an audience without a name is an error at its declaration in project.yaml', () => {
    const texts = join(root, 'content', 'second', 'en', 'texts.yaml');
    const before = readFileSync(texts, 'utf8');
    writeFileSync(texts, before.replace('  donors: { label: Briefing for donors }\n', ''));
    try {
      const problems = loadWorkspace(root).diagnostics.filter((d) => d.severity === 'error');
      expect(problems.map((d) => [d.rule, d.file.slice(root.length), d.line, d.column])).toEqual([
        ['ref/unknown-audience', '/content/second/project.yaml', 15, 3],
      ]);
      expect(problems[0]?.message).toContain('add `audiences: { donors: { label:');
    } finally {
      writeFileSync(texts, before);
    }
  });

  test('interface strings that cannot be read are the one error, not every audience they name', () => {
    // The Kazakhstan project's audiences take their names from locales/en/common.json.
    const ws = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
    try {
      const common = join(ws, 'locales', 'en', 'common.json');
      writeFileSync(common, readFileSync(common, 'utf8').replace('"Page {{', '"Page {{" "'));
      const problems = loadWorkspace(ws).diagnostics.filter((d) => d.severity === 'error');
      expect(problems.map((d) => [d.rule, d.file.slice(ws.length)])).toEqual([
        ['schema/invalid', '/locales/en/common.json'],
      ]);
    } finally {
      removeWorkspace(ws);
    }
  });
});

describe('HTML landmarks', () => {
  test('the document sits in one <main>', () => {
    const html = readFileSync(join(out, 'second', 'en', 'briefing-coe.html'), 'utf8');
    expect(html.match(/<main>/g)).toHaveLength(1);
    expect(html.indexOf('<main>')).toBeLessThan(html.indexOf('<article'));
  });
});
