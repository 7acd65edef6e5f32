/** The page around a document in HTML: landmarks, scrolling boxes, links to its siblings. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { htmlPage, type PageLinks } from '../src/write/html-page.js';
import { treeOf } from './helpers/document.js';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { composeDocument, translatorFor } from '../src/pipeline/document.js';
import { documentInputs, staleness } from '../src/pipeline/inputs.js';
import { pageLinks } from '../src/pipeline/page-links.js';
import { makeWorkspace, removeWorkspace } from './helpers/workspace.js';

describe('the document as a screen shows it', () => {
  let root: string;
  let html: string;
  beforeAll(() => {
    root = makeWorkspace();
    const w = loadWorkspace(root);
    html = toHtml(treeOf(composeDocument(w, w.projects[0]!, 'en', 'briefing-osce')));
  });
  afterAll(() => removeWorkspace(root));

  test('every nav and aside, and every top-level section, is a landmark named by its heading', () => {
    expect(html).toContain('<nav class="contents" id="contents" aria-labelledby="contents-heading">');
    expect(html).toMatch(/<section id="summary" aria-labelledby="summary-title">\s*<h2 id="summary-title">/);
    expect(html).toMatch(/<aside class="key-figures" aria-label="Key figures">/);
    // A subsection is no landmark: naming thirty of them would bury the page's regions.
    expect(html).toMatch(/<section id="finding-[\w-]+" class="finding [a-z]+">\s*<h3>/);
  });

  test('tables scroll inside a focusable, named box', () => {
    expect(html).toMatch(
      /<div class="table-scroll" tabindex="0" role="group" aria-label="Chronology">\s*<table class="chronology">/,
    );
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
