/** The page around a document in HTML: landmarks, scrolling boxes, links to its siblings. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { htmlPage, shapeForScreen, type PageLinks } from '../src/write/html-page.js';
import { loadWorkspace, type Workspace } from '../src/build/workspace.js';
import { composeDocument, translatorFor } from '../src/build/build.js';
import { documentInputs, staleness } from '../src/build/inputs.js';
import { pageLinks } from '../src/build/page-links.js';
import { makeWorkspace, removeWorkspace } from './helpers/workspace.js';

const tree = (html: string): Root => fromHtml(html, { fragment: true });
const shaped = (html: string): string => toHtml(shapeForScreen(tree(html)));

describe('the tree as a screen shows it', () => {
  test('every nav and aside, and every section under an h2, is named by its heading', () => {
    const html = shaped(
      '<nav class="contents" id="contents"><h2>Contents</h2></nav>' +
        '<section id="summary"><h2>Summary</h2><aside class="key-figures"><h3>Key figures</h3></aside></section>' +
        '<section id="findings"><h2>Findings</h2><section id="f1"><h3>One finding</h3></section></section>',
    );
    expect(html).toContain(
      '<nav class="contents" id="contents" aria-labelledby="contents-title"><h2 id="contents-title">',
    );
    expect(html).toContain('<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">');
    expect(html).toMatch(/<aside class="key-figures" aria-labelledby="(landmark-\d+-title)"><h3 id="\1">/);
    // A subsection is no landmark: naming thirty of them would bury the page's regions.
    expect(html).toContain('<section id="f1"><h3>One finding</h3>');
  });

  test('an aside without a heading is named by its text, and ids never collide', () => {
    const html = shaped(
      '<p id="summary-title">taken</p><section id="summary"><h2>Summary</h2></section>' +
        '<aside class="callout"><p>Not yet translated; shown in English.</p></aside>',
    );
    expect(html).toContain('<aside class="callout" aria-label="Not yet translated; shown in English.">');
    expect(html).toContain('aria-labelledby="summary-title-2"><h2 id="summary-title-2">');
  });

  test('tables and charts scroll inside a focusable, named box; the caption comes first', () => {
    const source =
      '<section id="chronology"><h2>Chronology</h2><table><tr><td>x</td></tr></table></section>' +
      '<figure class="chart"><svg viewBox="0 0 480 200"><text>label</text></svg>\n    <figcaption>Tolls</figcaption>' +
      '<details><summary>Chart data</summary><table><tr><td>1</td></tr></table></details></figure>';
    const original = tree(source);
    const html = toHtml(shapeForScreen(original));
    expect(html).toContain(
      '<div class="table-scroll" tabindex="0" role="group" aria-label="Chronology"><table>',
    );
    expect(html).toContain(
      '<figure class="chart"><figcaption>Tolls</figcaption><div class="chart-scroll" tabindex="0" role="group" aria-label="Tolls"><svg',
    );
    expect(html).toContain('<div class="table-scroll" tabindex="0" role="group" aria-label="Tolls"><table>');
    // The composed tree is shared with the PDF writer: it is left as it was.
    expect(toHtml(original)).toBe(toHtml(tree(source)));
  });
});

describe('the page around the document', () => {
  const meta = {
    locale: 'kk',
    type: 'briefing',
    title: 'Қазақстан',
    shortTitle: 'Қазақстан',
    audienceLabel: 'ЕҚЫҰ',
    author: 'A',
    subtitle: 'S',
    keywords: 'k',
    date: '2022-01-16',
  } as Parameters<typeof htmlPage>[0]['meta'];
  const links: PageLinks = {
    languages: [
      { lang: 'en', label: 'English', href: '../en/briefing-osce.html' },
      { lang: 'kk', label: 'Қазақша', href: 'briefing-osce.html', current: true },
    ],
    editions: [
      { label: 'ЕҚЫҰ', href: 'briefing-osce.html', current: true },
      { label: 'Баспасөз релизі', href: 'release.html' },
    ],
    pdf: { label: 'PDF нұсқасы', href: 'briefing-osce.pdf' },
    index: { label: 'Барлық құжаттар', href: '../../index.html' },
    labels: { languages: 'Тіл', editions: 'Құжаттың нұсқалары' },
  };

  test('links the document in every language (hreflang), its editions, its PDF and the index', () => {
    const page = htmlPage({ meta, body: '<article></article>', css: 'body{}', links });
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="kk">')).toBe(true);
    expect(page).toContain('<link rel="alternate" hreflang="en" href="../en/briefing-osce.html">');
    expect(page).toContain('<nav class="languages" aria-label="Тіл">');
    expect(page).toContain('<a href="../en/briefing-osce.html" hreflang="en" lang="en">English</a>');
    expect(page).toContain(
      '<a href="briefing-osce.html" aria-current="page" hreflang="kk" lang="kk">Қазақша</a>',
    );
    expect(page).toContain('<a href="briefing-osce.pdf" type="application/pdf">PDF нұсқасы</a>');
    expect(page).toContain('<a href="../../index.html">Барлық құжаттар</a>');
    expect(page).toContain('<nav class="editions" aria-label="Құжаттың нұсқалары">');
    expect(page.indexOf('class="page-bar"')).toBeLessThan(page.indexOf('<main>'));
  });

  test('a standalone page (a review copy) has no bar', () => {
    const page = htmlPage({ meta, body: '<article></article>', css: '' });
    expect(page).not.toContain('page-bar');
    expect(page).not.toContain('rel="alternate"');
  });
});

describe('links and their inputs in a built workspace', () => {
  let root: string;
  let ws: Workspace;
  beforeAll(() => {
    root = makeWorkspace();
    ws = loadWorkspace(root);
  });
  afterAll(() => removeWorkspace(root));

  test('languages are named in themselves, editions in the page language', () => {
    const project = ws.projects[0]!;
    const links = pageLinks(ws, project, 'ru', 'briefing-osce', translatorFor(ws, project, 'ru'));
    expect(links.languages.map((l) => l.label)).toEqual(['English', 'Русский', 'Қазақша']);
    expect(links.languages.find((l) => l.current)?.lang).toBe('ru');
    expect(links.editions.map((e) => e.href)).toEqual(
      expect.arrayContaining(['briefing-osce.html', 'release.html']),
    );
    expect(links.editions.find((e) => e.href === 'release.html')?.label).toBe('Пресс-релиз');
  });

  test("every language's name and every edition's label is an input of each document", () => {
    const project = ws.projects[0]!;
    const doc = composeDocument(ws, project, 'en', 'release');
    const inputs = documentInputs(ws, project, doc, 'test');
    expect(Object.keys(inputs.files)).toEqual(
      expect.arrayContaining(['locales/kk/common.json#meta.name', 'locales/ru/common.json#meta.name']),
    );
    expect(Object.keys(inputs.files)).not.toContain('locales/kk/common.json');
    for (const audience of Object.keys(project.config.audiences))
      expect(Object.keys(inputs.texts ?? {})).toContain(`en:audiences.${audience}.label`);
    expect(staleness(inputs, ws, project, 'test')).toEqual([]);
    const renamed = { ...inputs, files: { ...inputs.files, 'locales/kk/common.json#meta.name': 'old' } };
    expect(staleness(renamed, ws, project, 'test')).toEqual([
      { kind: 'file', path: 'locales/kk/common.json#meta.name', state: 'changed' },
    ]);
  });
});
