import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { withChartChecks } from '../src/pipeline/chart-memo.js';
import { translatorFor } from '../src/pipeline/build.js';
import { renderChart } from '../src/charts/chart.js';
import { renderSvg } from '../src/charts/render.js';
import { chartLimitProblems, paintUrlProblems } from '../src/charts/limits.js';
import { fromHtml } from 'hast-util-from-html';
import { outsideVocabulary } from '../src/model/vocabulary.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';

let root: string;
let ws: Workspace;
beforeAll(() => {
  root = makeWorkspace();
  ws = loadWorkspace(root);
});
afterAll(() => removeWorkspace(root));

const chart = async (id: string, locale: string, w: Workspace = ws) => {
  const project = w.projects[0]!;
  return renderChart(project.charts.get(id)!, project, translatorFor(w, project, locale));
};

describe('charts from the figure registry', () => {
  test.each([
    ['en', 'Detained', '3,811', 'over 80'],
    ['ru', 'Задержаны', '3\u00a0811', 'более\u00a080'],
    ['kk', 'Ұсталғандар', '3\u00a0811', '80-нен астам'],
  ])('the %s chart carries localized labels and numbers', async (locale, label, number, qualified) => {
    const c = await chart('tolls', locale);
    expect(c.svg).toContain(label);
    expect(c.svg).toContain(number);
    expect(c.svg).toContain(qualified);
    expect(c.svg).toMatch(/<svg role="img" aria-label="[^"]+"/);
    expect(c.table?.rows).toContainEqual([label, number]);
  });

  test('axis tick labels group digits the locale way', async () => {
    const ru = await chart('tolls', 'ru');
    expect(ru.svg).toMatch(/>\d\u00a0\d{3}</);
    const en = await chart('tolls', 'en');
    expect(en.svg).toMatch(/>\d,\d{3}</);
  });

  test('changing a figure changes the chart', async () => {
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'figures.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replace('value: 3811', 'value: 4102')
          .replace('3,811 people', '3,811 people'),
      );
      const changed = loadWorkspace(copy);
      const c = await chart('tolls', 'en', changed);
      expect(c.svg).toContain('4,102');
      expect(c.svg).not.toContain('3,811');
    } finally {
      removeWorkspace(copy);
    }
  });

  test('the timeline shows Almaty local time whatever the machine time zone', async () => {
    const script = `
      import { loadWorkspace } from './dist/pipeline/workspace.js';
      import { translatorFor } from './dist/pipeline/build.js';
      import { renderChart } from './dist/charts/chart.js';
      const ws = loadWorkspace(${JSON.stringify(root)}); const p = ws.projects[0];
      const c = await renderChart(p.charts.get('timeline'), p, translatorFor(ws, p, 'en'));
      console.log(JSON.stringify({ when: c.table.rows[0][0], ticks: [...c.svg.matchAll(/>(\\d\\d:\\d\\d)</g)].map((m) => m[1]) }));`;
    // A process per zone (a formatter made in one zone keeps it), all three at once: each
    // mostly waits for its modules to load.
    const run = async (tz: string): Promise<{ when: string; ticks: string[] }> => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        cwd: repoRoot,
        env: { ...process.env, TZ: tz, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await once(child, 'close');
      return JSON.parse(out) as { when: string; ticks: string[] };
    };
    const [utc, newYork, tokyo] = await Promise.all(['UTC', 'America/New_York', 'Asia/Tokyo'].map(run));
    expect(utc!.when).toBe('5\u00a0January, 15:00–17:30');
    expect(utc!.ticks).toContain('15:00');
    expect(newYork).toEqual(utc);
    expect(tokyo).toEqual(utc);
  });

  test('a spec that loads data from a URL is rejected by check and by the renderer', async () => {
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'charts', 'tolls.vl.json');
      const spec = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      spec.data = { url: 'https://example.org/data.json' };
      writeFileSync(file, JSON.stringify(spec));
      const w = await withChartChecks(loadWorkspace(copy));
      expect(w.diagnostics.filter((d) => d.rule === 'chart/data-url').map((d) => d.file)).toEqual([file]);
      await expect(renderSvg(spec, translatorFor(w, w.projects[0]!, 'en'))).rejects.toThrow(/URL|url/);
    } finally {
      removeWorkspace(copy);
    }
  });

  test('sizes beyond what a page could show are refused by check, at their place; data may hold any number', async () => {
    // `"width": 1e400` reads as Infinity: check and the HTML took it, the PDF failed with an internal error.
    const bad = chartLimitProblems({
      width: Infinity,
      height: { step: 1e308 },
      padding: { left: -20_000, top: 5 },
      mark: { type: 'bar', cornerRadius: 4 },
      data: { values: [{ height: 1e12, top: 50_000 }] },
      config: { view: { continuousWidth: 300 } },
    });
    expect(bad.map((p) => p.pointer)).toEqual(['/width', '/height/step', '/padding/left']);
    expect(bad[0]?.message).toMatch(
      /`width` is too large to be a number; a chart's sizes are at most 10000 pixels/,
    );
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'charts', 'tolls.vl.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{', '{\n  "width": 1e400,'));
      const w = await withChartChecks(loadWorkspace(copy));
      expect(w.diagnostics.filter((d) => d.rule === 'chart/limit').map((d) => `${d.file}:${d.line}`)).toEqual(
        [`${file}:2`],
      );
    } finally {
      removeWorkspace(copy);
    }
  });

  test('every expression and every count Vega would loop over is bounded, at its place', () => {
    const redos = "test(/^(a+)+$/, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!') ? 'x' : datum.label";
    const bad = chartLimitProblems({
      encoding: {
        x: { field: 'v', axis: { labelExpr: redos, tickCount: 10_000_000 }, bin: { maxbins: 1e6 } },
        y: { field: 'w', bin: { step: 1e-7 }, axis: { tickCount: 'millisecond', format: '0100000000d' } },
        color: {
          field: 'c',
          scale: { bins: { step: 1e-6 } },
          legend: { labelExpr: 't\\u0065st(/a/, datum.label)' },
        },
        row: { field: 'r', header: { labelExpr: "replace(datum.label, /a/, 'b')" } },
      },
      transform: [
        { density: 'v', steps: 50_000_000 },
        { quantile: 'v', step: 1e-8 },
        { regression: 'v', on: 'w', method: 'poly', order: 1e6 },
      ],
      params: [{ name: 'p', select: { type: 'point', on: "click[test(/a/, 'a')]" } }],
      hconcat: Array.from({ length: 60 }, () => ({ mark: 'bar' })),
      data: { values: [{ labelExpr: 'test(x)', tickCount: 1e9, format: '0100000000d' }] },
    });
    expect(bad.map((p) => p.pointer)).toEqual([
      '/encoding/x/axis/tickCount',
      '/encoding/x/axis/labelExpr',
      '/encoding/x/bin/maxbins',
      '/encoding/y/bin/step',
      '/encoding/y/axis/tickCount',
      '/encoding/y/axis/format',
      '/encoding/color/scale/bins/step',
      '/encoding/color/legend/labelExpr',
      '/encoding/row/header/labelExpr',
      '/transform/0/steps',
      '/transform/1/step',
      '/transform/2/order',
      '/params/0/select/on',
      '/hconcat',
    ]);
    // What real charts ask for passes: a bin width over its extent, ticks by the month, a few layers.
    expect(
      chartLimitProblems({
        encoding: {
          x: { field: 'v', bin: { step: 5, extent: [0, 100] }, axis: { tickCount: 5, format: ',d' } },
          y: { field: 'd', type: 'temporal', axis: { tickCount: { interval: 'month', step: 3 } } },
        },
        transform: [
          { density: 'v', steps: 200 },
          { quantile: 'v', step: 0.01 },
        ],
        layer: [{ mark: 'bar' }, { mark: 'text' }],
      }),
    ).toEqual([]);
  });

  test("a paint that names another file is refused at its place in the spec; url(#id) is the chart's own", async () => {
    expect(
      paintUrlProblems({
        layer: [{ mark: { type: 'bar', fill: 'url(https://evil.example/x#a)', stroke: 'url(#g)' } }],
        config: {
          background: 'url(https://evil.example/x.png)',
          mark: { color: '\\75 rl(//evil.example/y)' },
        },
        data: { values: [{ c: 'url(//evil.example/z)', note: 'a\\b (c)' }] },
        transform: [{ calculate: "datum.note + '\\n(x)'", as: 'n' }],
      }).map((p) => p.pointer),
    ).toEqual(['/layer/0/mark/fill', '/config/background', '/config/mark/color', '/data/values/0/c']);
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'charts', 'tolls.vl.json');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('"layer": [{ "mark": "bar" }');
      writeFileSync(
        file,
        text
          .replace(
            '{ "mark": "bar" }',
            '{ "mark": { "type": "bar", "fill": "url(https://evil.example/x#a)" } }',
          )
          .replace('{', '{\n  "config": { "background": "url(https://evil.example/x.png)" },'),
      );
      const w = await withChartChecks(loadWorkspace(copy));
      const lines = text.split('\n');
      const barLine = lines.findIndex((l) => l.includes('"layer": [{ "mark": "bar" }')) + 2;
      expect(
        w.diagnostics.filter((d) => d.rule === 'chart/data-url').map((d) => `${d.file}:${d.line}`),
      ).toEqual([`${file}:2`, `${file}:${barLine}`]);
    } finally {
      removeWorkspace(copy);
    }
  });

  test('a drawing that paints with another file is outside the vocabulary; its own gradients and clips are not', () => {
    const drawn = (svg: string): string[] =>
      outsideVocabulary(fromHtml(svg, { fragment: true, space: 'svg' }));
    expect(
      drawn(
        '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><rect fill="url(#gradient_0)" aria-label="url(x)"/></g></svg>',
      ),
    ).toEqual([]);
    for (const attr of ['fill', 'stroke', 'filter', 'mask', 'clip-path', 'marker-start', 'cursor'])
      expect(drawn(`<svg><rect ${attr}="url(https://evil.example/x#a)"/></svg>`)).toHaveLength(1);
  });

  test('an unknown figure in a chart is reported as one anywhere is: once, at its line, with the id it may mean', async () => {
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'charts', 'tolls.vl.json');
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('detained@current', 'detaned@current'));
      const w = await withChartChecks(loadWorkspace(copy));
      const found = w.diagnostics.filter((d) => d.rule === 'ref/unknown-figure');
      expect(found.map((d) => [d.file, d.line, d.message])).toEqual([
        [file, 5, 'unknown figure `detaned`; did you mean `detained`?'],
      ]);
      expect(w.diagnostics.filter((d) => d.rule === 'chart/invalid')).toEqual([]);
    } finally {
      removeWorkspace(copy);
    }
  });

  test('an invalid spec is reported by check with its file and the Vega-Lite message', async () => {
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'charts', 'timeline.vl.json');
      writeFileSync(file, JSON.stringify({ data: { values: [] }, mark: 'nonsense', encoding: {} }));
      const w = await withChartChecks(loadWorkspace(copy));
      const found = w.diagnostics.filter((d) => d.rule === 'chart/invalid');
      expect(found).toHaveLength(1);
      expect(found[0]?.file).toBe(file);
      expect(found[0]?.message).toMatch(/nonsense/);
    } finally {
      removeWorkspace(copy);
    }
  });
});

describe('the loader is a loader', () => {
  test('translation commands load without compiling charts; the drawing commands check them', async () => {
    const copy = makeWorkspace();
    try {
      const file = join(copy, 'content', 'test', 'charts', 'tolls.vl.json');
      writeFileSync(file, JSON.stringify({ mark: 'bar', encoding: { x: { field: 'x', type: 'nonsense' } } }));
      const loaded = loadWorkspace(copy);
      expect(loaded.diagnostics.filter((d) => d.rule === 'chart/invalid')).toEqual([]);
      expect(
        (await withChartChecks(loaded)).diagnostics.filter((d) => d.rule === 'chart/invalid'),
      ).toHaveLength(1);
    } finally {
      removeWorkspace(copy);
    }
  });
});
