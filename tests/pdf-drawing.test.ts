/**
 * A document as the PDF writer takes it (src/write/pdf-drawing.ts): each drawing's content
 * serialized once, below its `<svg>`, and the writer given the very markup, and so the
 * very PDF, that the whole tree gives.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { composeDocument, translatorFor } from '../src/pipeline/document.js';
import { renderChart } from '../src/charts/chart.js';
import type { Block, Chart, SemanticDocument } from '../src/model/document.js';
import { drawingMarkup, printable } from '../src/write/pdf-drawing.js';
import { writePdf } from '../src/write/pdf.js';
import { repoRoot } from './helpers/workspace.js';

const chartsOf = (blocks: readonly Block[]): Chart[] =>
  blocks.flatMap((b) =>
    b.kind === 'chart' ? [b] : b.kind === 'part' || b.kind === 'section' ? chartsOf(b.children) : [],
  );

const docs = new Map<string, SemanticDocument>();
beforeAll(async () => {
  const ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
  const project = ws.projects[0]!;
  for (const locale of ['en', 'ru', 'kk']) {
    const translator = translatorFor(ws, project, locale);
    const charts = [];
    for (const [, chart] of project.charts) charts.push(await renderChart(chart, project, translator));
    for (const kind of ['briefing-osce', 'release'] as const)
      docs.set(`${locale}/${kind}`, composeDocument(ws, project, locale, kind, { translator, charts }));
  }
}, 120_000);

const svgTree = (markup: string): Element =>
  fromHtml(markup, { fragment: true, space: 'svg' }).children[0] as Element;

describe('a document as the PDF writer takes it', () => {
  test('every drawing of the example, in every language, gives the markup its whole tree gives', () => {
    let seen = 0;
    for (const [name, doc] of docs) {
      const before = chartsOf(doc.body);
      const after = chartsOf(printable(doc).body);
      expect(after.length, name).toBe(before.length);
      after.forEach((c, i) => {
        expect(c.svg.children.map((n) => n.type)).toEqual(['raw']);
        expect(drawingMarkup(c.svg), `${name} ${c.id}`).toBe(toHtml(before[i]!.svg, { space: 'svg' }));
        seen++;
      });
    }
    // The briefings show charts in the annex too (a part's sections), not only at the top.
    expect(seen).toBeGreaterThanOrEqual(12);
  });

  test('markup that must be escaped comes out as the whole tree gives it', () => {
    const tree = svgTree(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">a &lt; b &amp; c' +
        '<g aria-label="&quot;x&quot; &amp; y"><text x="1">Ш &lt;&gt; &amp;amp; “q”</text></g>\n</svg>',
    );
    const doc = { ...docs.get('en/briefing-osce')! };
    const chart = chartsOf(doc.body)[0]!;
    const withTree = { ...doc, body: [{ ...chart, svg: tree }] };
    const [only] = chartsOf(printable(withTree).body);
    expect(drawingMarkup(only!.svg)).toBe(toHtml(tree, { space: 'svg' }));
  });

  test('the rest of the document is the same, and a drawing is serialized once for every document that shows it', () => {
    const doc = docs.get('kk/briefing-osce')!;
    const out = printable(doc);
    const plain = (d: SemanticDocument): string =>
      JSON.stringify(d, (key, value: unknown) =>
        // A chart's drawing; a logo's `svg` is its markup already.
        key === 'svg' && typeof value === 'object'
          ? drawingMarkup(value as Element)
          : key === 'phone'
            ? undefined
            : value,
      );
    expect(plain(out)).toBe(plain(doc));
    expect(chartsOf(printable(doc).body)[0]!.svg).toBe(chartsOf(out.body)[0]!.svg);
    // The composed document is left as it was: the HTML writer still reads its trees.
    expect(chartsOf(doc.body)[0]!.svg.children.map((n) => n.type)).not.toContain('raw');
  });

  test('a briefing printed from it has the bytes printed from the whole trees', async () => {
    const doc = docs.get('ru/briefing-osce')!;
    const [whole, sent] = [await writePdf(doc), await writePdf(printable(doc))];
    expect(Buffer.from(sent).equals(Buffer.from(whole))).toBe(true);
  }, 60_000);
});
