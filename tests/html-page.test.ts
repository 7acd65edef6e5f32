/** The page around a document in HTML: landmarks, scrolling boxes, links to its siblings. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { fromHtml } from 'hast-util-from-html';
import type { Element } from 'hast';
import type { Chart, SemanticDocument } from '../src/model/document.js';
import { legible, LEGIBLE_PX, NARROWEST_COLUMN_PX } from '../src/write/html-chart.js';
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

describe('a chart as a page shows it', () => {
  /** A drawing as the chart renderer gives it: its size, a viewBox, and text at `fontSize` units. */
  const drawing = (width: number, fontSize: number): Element =>
    fromHtml(
      `<svg class="marks" width="${width}" height="100" viewBox="0 0 ${width} 100"><text font-size="${fontSize}px">Label</text></svg>`,
      { fragment: true, space: 'svg' },
    ).children[0] as Element;
  const chartBlock = (phoneWidth: number): Chart => ({
    kind: 'chart',
    id: 'tolls',
    title: ['Reported tolls'],
    subtitle: ['Official figures by date', 'then tolls verified from footage'],
    svg: drawing(400, 10),
    width: 400,
    phone: drawing(phoneWidth, 10),
    caption: 'Tolls, by date.',
    table: { label: 'Chart data', header: ['Measure'], rows: [['Killed']] },
    label: 'Figure 2',
  });
  const page = (b: Chart): string => toHtml(treeOf({ body: [b] } as unknown as SemanticDocument));

  test('its title, subtitle and caption are text above its drawings, the figure’s caption', () => {
    expect(page(chartBlock(250))).toMatch(
      /<figure class="chart" id="chart-tolls">\s*<figcaption>\s*<span class="chart-title"><strong class="figure-label">Figure 2\.<\/strong> Reported tolls<\/span>\s*<span class="chart-subtitle">Official figures by date<\/span><span class="chart-subtitle">then tolls verified from footage<\/span>\s*<span class="chart-caption">Tolls, by date\.<\/span>\s*<\/figcaption>\s*<div class="chart-scroll">/,
    );
    // Without a title the figure's number opens the caption, as it did.
    expect(page({ ...chartBlock(250), title: [], subtitle: [] })).toMatch(
      /<figcaption>\s*<span class="chart-caption"><strong class="figure-label">Figure 2\.<\/strong> Tolls, by date\.<\/span>/,
    );
  });

  test('each drawing states the size at which its smallest text reads at 11 px, and keeps its viewBox', () => {
    const html = page(chartBlock(250));
    expect(html).toContain('<svg class="marks chart-wide" width="440" height="110" viewBox="0 0 400 100">');
    expect(html).toContain('<svg class="marks chart-phone" width="275" height="110" viewBox="0 0 250 100">');
    // Text drawn at 12 units already reads at 12 px: the drawing is not made larger.
    expect(legible(drawing(300, 12), 'x').properties).toMatchObject({ width: 300, height: 100 });
    expect(LEGIBLE_PX).toBe(11);
  });

  test('a box whose phone drawing fits a 320 px screen takes no focus; one that must scroll does', () => {
    const fits = Math.floor(NARROWEST_COLUMN_PX / 1.1);
    expect(page(chartBlock(fits))).toMatch(/<div class="chart-scroll"><svg/);
    expect(page(chartBlock(fits + 2))).toMatch(
      /<div class="chart-scroll" tabindex="0" role="group" aria-label="Tolls, by date\."><svg/,
    );
  });

  test('without a phone’s drawing, its wide drawing stands alone, shown at every width', () => {
    const html = page({ ...chartBlock(250), phone: undefined });
    expect(html).toContain('<svg class="marks chart-alone" width="440" height="110" viewBox="0 0 400 100">');
    expect(html).not.toContain('chart-wide');
    expect(html).not.toContain('chart-phone');
  });

  test('its data stay in a table under a disclosure', () => {
    expect(page(chartBlock(250))).toMatch(
      /<details>\s*<summary>Chart data<\/summary>\s*<div class="table-scroll" tabindex="0" role="group" aria-label="Tolls, by date\.">\s*<table class="chart-data">/,
    );
  });
});
