import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { treeOf } from './helpers/document.js';
import { toHtml } from 'hast-util-to-html';
import { selectAll } from './helpers/select.js';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { composeDocument } from '../src/pipeline/document.js';
import type { DocumentKind } from '../src/model/project.js';
import { makeWorkspace, removeWorkspace } from './helpers/workspace.js';
import { renderInlineHtml } from '../src/compose/markdown.js';

let root: string;
let ws: Workspace;
beforeAll(() => {
  root = makeWorkspace();
  ws = loadWorkspace(root);
});
afterAll(() => removeWorkspace(root));

function doc(kind: DocumentKind, locale = 'en') {
  return composeDocument(ws, ws.projects[0]!, locale, kind);
}

describe('composition per audience', () => {
  test.each<[DocumentKind, string[]]>([
    ['briefing-osce', ['investigate', 'moscow-mechanism']],
    ['briefing-un', ['investigate']],
    ['briefing-eu', ['investigate', 'eu-press']],
  ])('%s carries only the recommendations addressed to its audience', (kind, expected) => {
    const ids = selectAll(treeOf(doc(kind)), 'li')
      .map((e) => String(e.properties.id ?? ''))
      .filter((id) => id.startsWith('rec-'));
    expect(ids.map((id) => id.slice(4)).sort()).toEqual([...expected].sort());
  });

  test('the release is audience-free and carries the public asks', () => {
    const html = toHtml(treeOf(doc('release')));
    expect(html).toContain('Investigate every killing');
    expect(html).not.toContain('Moscow Mechanism');
  });

  test('every citation number resolves to an entry of the source list', () => {
    const d = doc('briefing-osce', 'ru');
    const refs = new Set(
      selectAll(treeOf(d), 'li')
        .map((e) => String(e.properties.id ?? ''))
        .filter((id) => id.startsWith('ref-')),
    );
    const links = selectAll(treeOf(d), 'a')
      .map((a) => String(a.properties.href ?? ''))
      .filter((h) => h.startsWith('#ref-'));
    expect(links.length).toBeGreaterThan(3);
    for (const href of links) expect(refs.has(href.slice(1))).toBe(true);
  });

  test('figures in prose are formatted for the locale', () => {
    const html = toHtml(treeOf(doc('briefing-osce', 'kk')));
    expect(html).toContain('80\u2011нен астам\u00a0бейнежазба');
    expect(html).toContain('3\u00a0811');
    expect(html).toContain('206'); // derived: bodies − security_bodies
  });

  test('a missing translation falls back visibly, never silently', () => {
    const project = ws.projects[0]!;
    const kk = project.locales.get('kk')!;
    const findings = new Map(kk.findings);
    findings.delete('tolls');
    const patched = { ...project, locales: new Map(project.locales).set('kk', { ...kk, findings }) };
    const d = composeDocument(ws, patched, 'kk', 'briefing-osce');
    expect(d.meta.fallbacks).toEqual(['kk findings/tolls.md']);
    const marked = selectAll(treeOf(d), 'div').filter((e) => e.properties.lang === 'en');
    expect(marked).toHaveLength(1);
  });
});

describe('prose', () => {
  const r = {
    fig: (id: string): { text: string; use: number } => ({
      text: id === 'crowd' ? 'thousands' : 'ұзақ',
      use: 0,
    }),
    date: (): string => '',
    time: (): string => '',
    quote: () => undefined,
    chartref: () => ({ text: '(see Figure …)', ref: 0 }),
  };
  test.each<[string, string]>([
    [':fig[crowd] of people gathered.', 'Thousands of people gathered.'],
    ['It rained. :fig[crowd] of people gathered.', 'It rained. Thousands of people gathered.'],
    ['Then :fig[crowd] of people gathered.', 'Then thousands of people gathered.'],
    [':fig[kk] уақыт.', 'Ұзақ уақыт.'],
  ])('a worded figure opening a sentence is capitalized: %s', (source, expected) => {
    expect(renderInlineHtml(source, r).replace(/<[^>]+>/g, '')).toBe(expected);
  });

  test('a range of days said whole opens its sentence capitalized; one <time> holds both days', () => {
    const ranges = {
      ...r,
      date: (_iso: string, a: Record<string, string>) => (a.to ? 'с 4 по 6 января' : '4 января'),
    };
    const html = renderInlineHtml(
      ':date[2022-01-04]{to=2022-01-06 range=between} силы применяли силу. Затем :date[2022-01-04]{to=2022-01-06 range=between} и :date[2022-01-04].',
      ranges,
    );
    expect(html.replace(/<[^>]+>/g, '')).toBe(
      'С 4 по 6 января силы применяли силу. Затем с 4 по 6 января и 4 января.',
    );
    expect(html).toContain('<time datetime="2022-01-04" data-to="2022-01-06">');
  });

  test('a link keeps its target only when it is an https: address; any other keeps its text', () => {
    const html = renderInlineHtml(
      'See [a](https://www.hrw.org/x), [b](evil.html), [c](//evil.example/x), [d](?a=b), [e](#top), ' +
        '[f](javascript:alert(1)), [g](http://example.org) and [h][r]. :chartref[tolls]\n\n[r]: //evil.example/y',
      r,
    );
    expect(html.match(/href="[^"]*"/g)).toEqual(['href="https://www.hrw.org/x"', 'href="#chart-tolls"']);
    expect(html.replace(/<[^>]+>/g, '')).toBe('See a, b, c, d, e, f, g and h. (see Figure …)');
  });
});

describe('sub-headings in a text', () => {
  test('a finding’s ### is a heading one level below the finding’s own, in the page and the PDF alike', async () => {
    const root = makeWorkspace();
    try {
      const { appendFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      appendFileSync(
        join(root, 'content', 'test', 'en', 'findings', 'tolls.md'),
        '\n### What the tolls leave out\n\nThe figures are official. :cite[release]\n\n#### And below it\n\nMore. :cite[release]\n',
      );
      const local = loadWorkspace(root);
      const html = toHtml(treeOf(composeDocument(local, local.projects[0]!, 'en', 'briefing-osce')));
      expect(html).toMatch(/<h4[^>]*>What the tolls leave out<\/h4>/);
      expect(html).toMatch(/<h5[^>]*>And below it<\/h5>/);
    } finally {
      removeWorkspace(root);
    }
  });
});
