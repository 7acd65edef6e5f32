/**
 * References to figures in prose (`:chartref[id]`): the number the figure's caption has in
 * this document, in the document's language, linked to the figure in HTML and PDF; a
 * reference to a chart the document does not show is left out, with a located warning.
 */
import { pdfjs as loadPdfjs } from './helpers/pdfjs.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { chartsFor } from '../src/pipeline/build.js';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { composeDocument, translatorFor } from '../src/pipeline/document.js';
import type { RenderedChart } from '../src/charts/chart.js';
import type { DocumentKind } from '../src/model/project.js';
import type { SemanticDocument } from '../src/model/document.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { treeOf } from './helpers/document.js';
import { selectAll } from './helpers/select.js';
import { makeWorkspace, removeWorkspace, runMain } from './helpers/workspace.js';

let root: string;
let ws: Workspace;

function edit(rel: string, from: string | RegExp, to: string): void {
  const path = join(root, 'content', 'test', rel);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

beforeAll(() => {
  root = makeWorkspace();
  // The timeline is placed beside the finding (Figure 1 of the OSCE briefing), the tolls
  // chart follows in the charts section (Figure 2); the UN and EU briefings show no chart.
  edit('findings.yaml', 'kind: context', 'kind: context\n  charts: [timeline]');
  edit('en/findings/tolls.md', 'to morgues by', 'to morgues :chartref[tolls] by');
  edit('en/findings/tolls.md', /person\}\. :cite/, 'person} :chartref[timeline]. :cite');
  edit('ru/findings/tolls.md', 'в морги', 'в морги :chartref[tolls]');
  edit('ru/findings/tolls.md', /person\}\. :cite/, 'person} :chartref[timeline]. :cite');
  edit('kk/findings/tolls.md', 'мәйітханаларға', 'мәйітханаларға :chartref[tolls]');
  edit('kk/findings/tolls.md', 'ұстады.', 'ұстады :chartref[timeline].');
  ws = loadWorkspace(root);
});
afterAll(() => removeWorkspace(root));

async function composed(kind: DocumentKind, locale: string): Promise<SemanticDocument> {
  const project = ws.projects[0]!;
  const translator = translatorFor(ws, project, locale);
  const diagnostics: Diagnostic[] = [];
  const charts: RenderedChart[] = await chartsFor(project, kind, translator, new Map(), diagnostics);
  expect(diagnostics).toEqual([]);
  return composeDocument(ws, project, locale, kind, { translator, charts });
}

const text = (e: Element): string => toHtml(e.children).replace(/<[^>]*>/g, '');

describe('a reference to a figure', () => {
  test('loads without problems', () => {
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test.each([
    ['en', '(see Figure\u00a01)', '(see Figure\u00a02)'],
    ['ru', '(см.\u00a0рис.\u00a01)', '(см.\u00a0рис.\u00a02)'],
    ['kk', '(1-суретті қараңыз)', '(2-суретті қараңыз)'],
  ])('reads in %s as the number of its figure in this document, linked to it', async (locale, one, two) => {
    const doc = await composed('briefing-osce', locale);
    const tree = treeOf(doc);
    const figures = selectAll(tree, 'figure');
    const labels = new Map(
      figures.map((f) => [
        String(f.properties.id),
        text(selectAll(f, 'strong').find((s) => String(s.properties.className).includes('figure-label'))!),
      ]),
    );
    expect([...labels]).toEqual([
      ['chart-timeline', `${locale === 'kk' ? '1-сурет' : locale === 'ru' ? 'Рисунок 1' : 'Figure 1'}.`],
      ['chart-tolls', `${locale === 'kk' ? '2-сурет' : locale === 'ru' ? 'Рисунок 2' : 'Figure 2'}.`],
    ]);
    const links = selectAll(tree, 'a').filter((a) => String(a.properties.className).includes('chartref'));
    expect(links.map((a) => String(a.properties.href))).toEqual(['#chart-tolls', '#chart-timeline']);
    const html = toHtml(tree);
    // The parentheses stay outside the link; the words inside it.
    expect(html).toContain(
      `${one.slice(0, 1)}<a class="chartref" href="#chart-timeline">${one.slice(1, -1)}</a>)`,
    );
    expect(html.replace(/<[^>]*>/g, '')).toContain(two);
    expect(doc.warnings).toBeUndefined();
  });

  test('a reference to a chart the document does not show is left out, with a located warning', async () => {
    const doc = await composed('briefing-un', 'en');
    const html = toHtml(treeOf(doc));
    expect(html).not.toMatch(/chartref|see Figure|<figure/);
    // The space before the reference goes with it.
    expect(html).toContain('delivered to morgues by');
    expect(html).toMatch(/person<\/span>\.|people<\/span>\./);
    expect(
      doc.warnings?.map((w) => [w.rule, w.severity, w.file.endsWith('en/findings/tolls.md'), w.line]),
    ).toEqual([
      ['ref/chart-not-shown', 'warning', true, 4],
      ['ref/chart-not-shown', 'warning', true, 6],
    ]);
    expect(doc.warnings?.[0]?.message).toBe(
      'briefing-un (en): `:chartref[tolls]` names a chart this document does not show; the reference is left out',
    );
  });

  test('`check` warns once per reference, naming every document that leaves it out', async () => {
    const r = await runMain(['check'], root);
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('ref/chart-not-shown'));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /tolls\.md:4:\d+ warning `:chartref\[tolls\]` names a chart this document does not show; the reference is left out \(in briefing-un \(en\), briefing-eu \(en\)\)/,
    );
  });

  test('an unknown chart is a located error', async () => {
    const other = makeWorkspace();
    try {
      const path = join(other, 'content', 'test', 'en', 'findings', 'tolls.md');
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace('to morgues by', 'to morgues :chartref[tols] by'),
      );
      const found = loadWorkspace(other).diagnostics.filter((d) => d.rule === 'ref/unknown-chart');
      expect(
        found.map((d) => [d.file.endsWith('en/findings/tolls.md'), d.line, d.column, d.message]),
      ).toEqual([
        [true, 4, 65, 'unknown chart `tols` (expected charts/tols.vl.json); did you mean `tolls`?'],
      ]);
    } finally {
      removeWorkspace(other);
    }
  });

  test('in the PDF, each reference links to its figure: the page whose caption has that number', async () => {
    const r = await runMain(
      [
        'build',
        '--project',
        'test',
        '--locale',
        'ru',
        '--audience',
        'osce',
        '--format',
        'pdf',
        '--jobs',
        '1',
      ],
      root,
    );
    expect(r.status).toBe(0);
    const pdfjs = await loadPdfjs();
    const data = new Uint8Array(readFileSync(join(root, 'output', 'test', 'ru', 'briefing-osce.pdf')));
    const doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
      .promise;
    try {
      const links: { dest: string; text: string }[] = [];
      const captions = new Map<string, number>();
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        const content = await page.getTextContent();
        const runs = content.items.flatMap((it) => ('str' in it ? [it] : []));
        for (const c of runs) if (/^Рисунок \d\.$/.test(c.str.trim())) captions.set(c.str.trim(), i);
        for (const a of (await page.getAnnotations()) as {
          subtype: string;
          dest?: unknown;
          rect: number[];
        }[]) {
          if (a.subtype !== 'Link' || typeof a.dest !== 'string' || !a.dest.startsWith('chart-')) continue;
          // The line the link is on: text runs whose baseline is inside its rectangle.
          const [, y1 = 0, , y2 = 0] = a.rect;
          const line = runs.filter((t) => Number(t.transform[5]) >= y1 && Number(t.transform[5]) <= y2);
          links.push({ dest: a.dest, text: line.map((t) => t.str).join('') });
          const target = (await doc.getDestination(a.dest)) as [{ num: number; gen: number }] | null;
          expect(target).not.toBeNull();
          const n = a.dest === 'chart-timeline' ? 1 : 2;
          expect((await doc.getPageIndex(target![0])) + 1).toBe(captions.get(`Рисунок ${n}.`));
        }
      }
      // A link per line it spans (its words on that line), each found on its own line.
      expect([...new Set(links.map((l) => l.dest))].sort()).toEqual(['chart-timeline', 'chart-tolls']);
      for (const l of links)
        expect(l.text).toMatch(new RegExp(`\\(см\\.\\sрис\\.\\s${l.dest === 'chart-timeline' ? 1 : 2}\\)`));
    } finally {
      await doc.destroy();
    }
  });
});
