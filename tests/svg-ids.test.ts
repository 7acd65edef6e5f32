/**
 * A chart's clip paths and gradients are named from the chart alone: the same chart has
 * the same bytes whatever was drawn before it in the thread, and two charts in one page
 * never share an id.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { translatorFor } from '../src/pipeline/build.js';
import { draw, renderSvg } from '../src/charts/render.js';
import { ownIds } from '../src/charts/svg-ids.js';
import { useFontMetrics } from '../src/charts/text-metrics.js';
import { repoRoot } from './helpers/workspace.js';
import type { Translator } from '../src/i18n/instance.js';

let t: Translator;
beforeAll(async () => {
  const ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
  t = translatorFor(ws, ws.projects[0]!, 'en');
  // Labels measured in Roboto, as renderSvg measures them.
  await useFontMetrics();
}, 60_000);

const values = [
  { k: 'a', v: 3 },
  { k: 'b', v: 7 },
];
/** A bar chart whose bars are clipped to a domain narrower than the data. */
const clipped = (max: number): Record<string, unknown> => ({
  data: { values },
  mark: { type: 'bar', clip: true },
  encoding: {
    x: { field: 'k', type: 'nominal' },
    y: { field: 'v', type: 'quantitative', scale: { domain: [0, max] } },
  },
});
/** An area filled with a gradient, and clipped too. */
const shaded: Record<string, unknown> = {
  data: { values },
  mark: {
    type: 'area',
    clip: true,
    color: {
      gradient: 'linear',
      stops: [
        { offset: 0, color: 'white' },
        { offset: 1, color: 'darkgreen' },
      ],
    },
  },
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
};

const ids = (svg: string): string[] => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
const references = (svg: string): string[] => [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);

async function drawnOnce(spec: Record<string, unknown>): Promise<string> {
  const drawing = await draw(spec, t);
  drawing.close();
  return drawing.svg;
}

describe("a chart's own ids", () => {
  test('Vega alone numbers them by what the thread drew before', async () => {
    // The reason for svg-ids.ts: if this ever passes, Vega no longer needs it.
    expect(await drawnOnce(clipped(5))).not.toBe(await drawnOnce(clipped(5)));
  });

  test('the same chart has the same bytes, whatever was drawn before it', async () => {
    const first = ownIds(await drawnOnce(clipped(5)));
    await drawnOnce(shaded);
    await drawnOnce(clipped(6));
    expect(ownIds(await drawnOnce(clipped(5)))).toBe(first);
    expect(await renderSvg(clipped(5), t)).toBe(first);
  });

  test('a title that reads like an id is printed as written, and changes nothing', async () => {
    const titled = { ...clipped(5), title: 'Source: <a id="clip2"> fill="url(#clip2)"' };
    const drawings = [];
    for (let i = 0; i < 3; i++) drawings.push(ownIds(await drawnOnce(titled)));
    expect(new Set(drawings).size).toBe(1);
    expect(drawings[0]).toContain('Source: &lt;a id="clip2"&gt; fill="url(#clip2)"');
  });

  test('every reference points at an id of its own chart, and two charts share none', async () => {
    const a = await renderSvg(clipped(5), t);
    const b = await renderSvg(shaded, t);
    for (const svg of [a, b]) {
      expect(references(svg).length).toBeGreaterThan(0);
      for (const ref of references(svg)) expect(ids(svg)).toContain(ref);
    }
    expect(b).toMatch(/<linearGradient id="chart-[0-9a-f]{10}-\d+"/);
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
  });

  test('ids are renamed in tags only, consistently, by first appearance', () => {
    // A label may read like an attribute: text escapes `<` and `>`, not `"`.
    const drawn = (clip: string, pattern: string, gradient: string): string =>
      `<svg><g clip-path="url(#${clip})"><path fill="url(#${pattern})" aria-label="clip7"/>` +
      `<text> id="clip7" fill="url(#clip7)"</text></g><defs><pattern id="${pattern}"><rect fill="url(#${gradient})"/>` +
      `</pattern><radialGradient id="${gradient}"/><clipPath id="${clip}"/></defs></svg>`;
    const out = ownIds(drawn('clip7', 'p_gradient_4', 'gradient_4'));
    const prefix = /clip-path="url\(#(chart-[0-9a-f]{10}-)1\)"/.exec(out)?.[1];
    expect(prefix).toBeDefined();
    expect(out).toBe(drawn(`${prefix}1`, `${prefix}2`, `${prefix}3`));
    // The same chart numbered from other counters: the same result.
    expect(ownIds(drawn('clip1', 'p_gradient_0', 'gradient_0'))).toBe(out);
  });

  test('a gradient the spec names itself is renamed too: two charts on one page never share it', async () => {
    const named = (color: string): Record<string, unknown> => ({
      ...shaded,
      mark: {
        type: 'area',
        color: {
          gradient: 'linear',
          id: 'shade',
          stops: [
            { offset: 0, color: 'white' },
            { offset: 1, color },
          ],
        },
      },
    });
    const a = await renderSvg(named('darkgreen'), t);
    const b = await renderSvg(named('darkred'), t);
    for (const svg of [a, b]) {
      expect(svg).not.toContain('"shade"');
      for (const ref of references(svg)) expect(ids(svg)).toContain(ref);
    }
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
  });

  test('a chart without clip paths or gradients is left as drawn', () => {
    const svg = '<svg><path fill="#4c78a8" d="M0,0h4"/></svg>';
    expect(ownIds(svg)).toBe(svg);
  });
});
