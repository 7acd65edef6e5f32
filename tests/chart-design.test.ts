/**
 * The shipped charts as readers see them, in every language: colours bound to category
 * ids, a truthful timeline, print-size labels and accessible text in the document's language.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { translatorFor } from '../src/pipeline/build.js';
import { renderChart, resolveForDrawing, type RenderedChart } from '../src/charts/chart.js';
import {
  draw,
  PRINT_WIDTH,
  renderSvg,
  wrapLabel,
  wrapLabels,
  wrappable,
  wrapSignals,
} from '../src/charts/render.js';
import { PHONE_FIT } from '../src/charts/fit.js';
import { textWidth } from '../src/charts/text-metrics.js';
import { splitTitle } from '../src/charts/resolve.js';
import { LEGIBLE_PX, NARROWEST_COLUMN_PX } from '../src/write/html-chart.js';
import { chartFontCss } from '../src/fonts/subset.js';
import { repoRoot } from './helpers/workspace.js';
import type { Translator } from '../src/i18n/instance.js';
import { keepWithNext } from '../src/i18n/keep-next.js';

const locales = ['en', 'ru', 'kk'] as const;
/** Each chart with its phone's drawing made (a build makes it once the PDF is under way). */
const rendered = new Map<string, Omit<RenderedChart, 'phoneSvg'> & { phoneSvg: string }>();
const texts = new Map<string, (key: string) => string>();
/** Each chart's spec as resolved for each language, with that language's translator. */
const resolved: [Record<string, unknown>, Translator][] = [];
const translators = new Map<string, Translator>();

beforeAll(async () => {
  const ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
  const project = ws.projects[0]!;
  for (const locale of locales) {
    const t = translatorFor(ws, project, locale);
    translators.set(locale, t);
    texts.set(locale, (key) => t.t(`project:${key}`));
    for (const [id, chart] of project.charts) {
      const drawn = await renderChart(chart, project, t);
      rendered.set(`${locale}/${id}`, { ...drawn, phoneSvg: await drawn.phoneSvg() });
      resolved.push([resolveForDrawing(chart, project, t).spec, t]);
    }
  }
}, 120_000);

const svg = (locale: string, id: string): string => rendered.get(`${locale}/${id}`)!.svg;
/** Legend entries in drawn order: symbol fill and label text. */
function legend(s: string): [string, string][] {
  const fills = [
    ...s.matchAll(/class="mark-symbol role-legend-symbol"[\s\S]*?<path[^>]*\sfill="([^"]*)"/g),
  ].map((m) => m[1]!);
  const labels = [
    ...s.matchAll(/class="mark-text role-legend-label"[\s\S]*?<text[^>]*>([^<]*)<\/text>/g),
  ].map((m) => m[1]!);
  return labels.map((l, i) => [fills[i] ?? '', l]);
}

describe('chart colours follow category ids, not translations', () => {
  test.each(locales)(
    'tolls (%s): official grey first, verified red second, named in the language',
    (locale) => {
      const t = texts.get(locale)!;
      expect(legend(svg(locale, 'tolls'))).toEqual([
        ['#5c6670', t('charts.tolls.official')],
        ['#8a1c1c', t('charts.tolls.verified')],
      ]);
    },
  );

  test.each(locales)('timeline (%s): events grey first, incidents red second', (locale) => {
    const t = texts.get(locale)!;
    expect(legend(svg(locale, 'timeline'))).toEqual([
      ['#5c6670', t('charts.timeline.event')],
      ['#8a1c1c', t('charts.timeline.incident')],
    ]);
  });

  test('the two verified tolls are the red bars in every language', () => {
    // Two bars and the legend's swatch.
    const reds = locales.map((l) => (svg(l, 'tolls').match(/<path[^>]*\sfill="#8a1c1c"/g) ?? []).length);
    expect(reds).toEqual([3, 3, 3]);
  });
});

/** Where a chart draws its content and its legend: the root group's offset, the legend's within it. */
function placement(s: string): { root: [number, number]; legend: [number, number] | undefined } {
  const at = (m: RegExpExecArray | null): [number, number] => [Number(m?.[1]), Number(m?.[2])];
  const root = at(/viewBox="[^"]*"><g [^>]*transform="translate\(([\d.-]+),([\d.-]+)\)"/.exec(s));
  const legend = /role-legend"><g transform="translate\(([\d.-]+),([\d.-]+)\)"/.exec(s);
  return { root, legend: legend ? at(legend) : undefined };
}

describe('charts read on a phone as on paper', () => {
  test.each(locales)(
    '%s: every legend is under the chart from its left edge; no chart paints a background',
    (locale) => {
      let legends = 0;
      for (const [key, chart] of rendered) {
        if (!key.startsWith(`${locale}/`)) continue;
        expect(chart.svg).not.toMatch(/viewBox="[^"]*">\s*<rect/);
        const { root, legend } = placement(chart.svg);
        if (!legend) continue;
        legends++;
        const height = Number(/<svg\b[^>]*?\sheight="([\d.]+)"/.exec(chart.svg)?.[1]);
        // The theme's padding is the chart's left edge; the legend's top is in the lower part.
        expect(Math.abs(root[0] + legend[0] - 8)).toBeLessThanOrEqual(1);
        expect(root[1] + legend[1]).toBeGreaterThan(height * 0.75);
      }
      expect(legends).toBe(2);
    },
  );

  test.each(locales)('%s: a toll stated in words ("dozens") is written at the zero line', (locale) => {
    const chart = rendered.get(`${locale}/tolls`)!;
    const words = chart.table!.rows[0]![1]!;
    expect(words).not.toMatch(/\d/);
    expect(chart.svg).toContain(`>${words}</text>`);
  });
});

describe('the timeline draws what is known', () => {
  test.each(locales)(
    '%s: a dot per timed event, a shaded band per date-only event, no full-day bar under a dot',
    (locale) => {
      const s = svg(locale, 'timeline');
      const dots = (s.match(/<path[^>]*transform="translate[^>]*d="M[^"]*A/g) ?? []).length;
      const bands = (s.match(/stroke-dasharray="3,2"/g) ?? []).length;
      // 5 timed events (internet, incidents one to four) and the legend's 2 round swatches;
      // 4 events known by their day or part of it.
      expect({ dots, bands }).toEqual({ dots: 5 + 2, bands: 4 });
    },
  );
});

describe('axis labels have room', () => {
  /** The first axis's labels as shown (opacity 1), each with its left and right edge. */
  function shownLabels(s: string): { left: number; right: number }[] {
    const axis = s.slice(s.indexOf('role-axis-label'));
    return [
      ...axis.matchAll(
        /<text text-anchor="(start|middle|end)" transform="translate\(([\d.]+),15\)"[^>]*opacity="1">([^<]*)<\/text>/g,
      ),
    ].map((m) => {
      const width = textWidth({ fontSize: 10 }, m[3]!);
      const left = Number(m[2]) - (m[1] === 'start' ? 0 : m[1] === 'middle' ? width / 2 : width);
      return { left, right: left + width };
    });
  }

  // The timeline's dates, and the tolls' numbers, where "800" and "1,000" once touched.
  test.each(locales.flatMap((l) => [[l, 'timeline'] as const, [l, 'tolls'] as const]))(
    '%s %s: the labels shown stand apart by a clear gap',
    (locale, id) => {
      const shown = shownLabels(svg(locale, id));
      expect(shown.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < shown.length; i++)
        expect(shown[i]!.left - shown[i - 1]!.right).toBeGreaterThanOrEqual(6);
    },
  );
});

describe('labels print at full size', () => {
  test.each(locales)('%s: every chart fits the printed text block, no text below 10 px', (locale) => {
    for (const [key, chart] of rendered) {
      if (!key.startsWith(`${locale}/`)) continue;
      const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(chart.svg)?.[1]);
      expect(width).toBeLessThanOrEqual(PRINT_WIDTH);
      const sizes = [...chart.svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
    }
  });

  test('a long label wraps at word boundaries within the width', () => {
    const lines = wrapLabel('Өлтірілген күштік құрылым қызметкерлері (Алматы полициясы)', 150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Өлтірілген күштік құрылым қызметкерлері (Алматы полициясы)');
    for (const l of lines) expect(textWidth({ fontSize: 10 }, l)).toBeLessThanOrEqual(150);
  });
});

describe('accessible text in the document language', () => {
  test.each(locales)('%s: one description, from the data, and no Vega template inside', (locale) => {
    for (const [key, chart] of rendered) {
      if (!key.startsWith(`${locale}/`)) continue;
      for (const drawing of [chart.svg, chart.phoneSvg]) {
        expect(drawing.match(/aria-[a-z]+=/g)).toEqual(['aria-label=']);
        expect(drawing).not.toMatch(/\brole="(?!img")/);
        expect(drawing).toContain(
          `aria-label="${chart.description.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
        );
        expect(drawing).not.toMatch(/titled|for a (linear|utc|band) scale|label:|mark container/);
      }
    }
  });
});

describe('the charts font in HTML', () => {
  test('a Roboto subset of exactly the characters shown, the same bytes on every run', async () => {
    const a = await chartFontCss('Қазақстан 2022');
    const b = await chartFontCss('Қазақстан 2022');
    expect(a).toBe(b);
    expect(a.match(/@font-face/g)).toHaveLength(2);
    expect(a).toMatch(/src: url\(data:font\/woff;base64,[A-Za-z0-9+/=]+\)/);
    expect(await chartFontCss('  ')).toBe('');
  });
});

describe('a chart narrowed to fit the page', () => {
  // Narrowing runs the same Vega view again at a new width instead of compiling the spec
  // again (render.ts): Vega-Lite makes the width a signal, so the drawing must not change.
  test('is drawn as the spec compiled at its new width is drawn', async () => {
    for (const [spec, t] of resolved) {
      const narrowed = await draw(spec, t);
      const fresh = await draw({ ...spec, width: 190 }, t);
      try {
        expect(await narrowed.resize(190)).toBe(fresh.svg);
        expect(await narrowed.resize(230)).not.toBe(fresh.svg);
      } finally {
        narrowed.close();
        fresh.close();
      }
    }
  });
});

describe('a chart whose labels are wrapped to fit', () => {
  // Wrapping sets the signals of the view already drawn (render.ts, `wrappable`) instead of
  // compiling the spec again with the labels wrapped: the drawings must be the same.
  test('is drawn as the spec compiled with its labels wrapped is drawn, at every step', async () => {
    for (const [spec, t] of resolved) {
      const adjustable = wrappable(spec);
      expect(adjustable).toBeDefined();
      const drawing = await draw(adjustable!, t);
      try {
        const plain = await draw(spec, t);
        plain.close();
        expect(drawing.svg).toBe(plain.svg);
        // Narrower each time; the last step changes only the labels' text in some charts.
        for (const limit of [220, 150, 149, 110]) {
          const fresh = await draw(wrapLabels({ ...spec, width: 180 }, limit), t);
          fresh.close();
          expect(await drawing.redraw(180, wrapSignals(spec, limit))).toBe(fresh.svg);
        }
      } finally {
        drawing.close();
      }
    }
  });

  // Specs a user could write whose rows Vega-Lite pads by another default than a bar's.
  const values = [
    { place: 'Almaty', kind: 'killed', n: 3 },
    { place: 'Almaty', kind: 'injured', n: 5 },
    { place: 'Taldykorgan and the villages of its district', kind: 'killed', n: 2 },
    { place: 'Taldykorgan and the villages of its district', kind: 'injured', n: 4 },
  ];
  const y = { field: 'place', type: 'nominal', axis: { labelLimit: 300 } };
  const others: [string, Record<string, unknown>][] = [
    [
      'a heat map',
      { mark: 'rect', encoding: { y, x: { field: 'kind', type: 'nominal' }, color: { field: 'n' } } },
    ],
    ['ticks', { mark: 'tick', encoding: { y, x: { field: 'n', type: 'quantitative' } } }],
    [
      'grouped bars',
      {
        mark: 'bar',
        encoding: { y, yOffset: { field: 'kind' }, x: { field: 'n', type: 'quantitative' } },
      },
    ],
    [
      'bars with a heat map drawn over them',
      {
        encoding: { y, x: { field: 'kind', type: 'nominal' } },
        layer: [{ mark: 'bar', encoding: { x: { field: 'n', type: 'quantitative' } } }, { mark: 'rect' }],
      },
    ],
    [
      'bars in rows',
      { mark: 'bar', encoding: { y, row: { field: 'kind' }, x: { field: 'n', type: 'quantitative' } } },
    ],
    [
      'bars sorted',
      {
        mark: 'bar',
        encoding: { y: { ...y, sort: '-x' }, x: { field: 'n', type: 'quantitative', aggregate: 'sum' } },
      },
    ],
    [
      'bars at points',
      {
        mark: 'bar',
        encoding: { y: { ...y, scale: { type: 'point' } }, x: { field: 'n', type: 'quantitative' } },
      },
    ],
    [
      'stacked bars',
      {
        mark: { type: 'bar' },
        encoding: { y, color: { field: 'kind' }, x: { field: 'n', type: 'quantitative' } },
      },
    ],
    [
      'bars labelled on the right',
      {
        mark: 'bar',
        encoding: {
          y: { ...y, axis: { labelLimit: 300, orient: 'right' } },
          x: { field: 'n', type: 'quantitative' },
        },
      },
    ],
    [
      'bars in a fixed height',
      { mark: 'bar', height: 90, encoding: { y, x: { field: 'n', type: 'quantitative' } } },
    ],
    [
      'bars with a title',
      {
        mark: 'bar',
        title: 'Cities',
        encoding: { y: { ...y, title: 'Place' }, x: { field: 'n', type: 'quantitative' } },
      },
    ],
    [
      'bars labelled in a style of their own',
      {
        mark: 'bar',
        config: { style: { loud: { labelExpr: 'upper(datum.label)' } } },
        encoding: {
          y: { ...y, axis: { labelLimit: 300, style: 'loud' } },
          x: { field: 'n', type: 'quantitative' },
        },
      },
    ],
    [
      'a heat map in layers',
      {
        encoding: { y, x: { field: 'kind', type: 'nominal' } },
        layer: [
          { mark: 'rect', encoding: { color: { field: 'n' } } },
          { mark: 'text', encoding: { text: { field: 'n' } } },
        ],
      },
    ],
  ];
  test.each(others)('%s: drawn as the spec itself, and wrapped as compiled again', async (_, shape) => {
    const [, t] = resolved[0]!;
    const spec = { data: { values }, height: { step: 20 }, ...shape };
    const adjustable = wrappable(spec);
    if (!adjustable) return;
    const drawing = await draw(adjustable, t);
    try {
      const plain = await draw(spec, t);
      plain.close();
      expect(drawing.svg).toBe(plain.svg);
      for (const limit of [150, 90]) {
        const signals = wrapSignals(spec, limit);
        if ('y_step' in signals && !drawing.signals.has('y_step')) continue;
        const fresh = await draw(wrapLabels({ ...spec, width: 180 }, limit), t);
        fresh.close();
        expect(await drawing.redraw(180, signals)).toBe(fresh.svg);
      }
    } finally {
      drawing.close();
    }
  });

  test('a spec that sets what the signals would is drawn by compiling it again', () => {
    const [spec] = resolved[0]!;
    const y = (spec.encoding as { y: Record<string, unknown> }).y;
    const withY = (more: Record<string, unknown>): Record<string, unknown> => ({
      ...spec,
      encoding: { ...(spec.encoding as object), y: { ...y, ...more } },
    });
    expect(wrappable(withY({ scale: { paddingInner: 0.3 } }))).toBeUndefined();
    expect(wrappable(withY({ axis: { labelExpr: 'datum.label' } }))).toBeUndefined();
    expect(wrappable(withY({ axis: {} }))).toBeUndefined();
    expect(wrappable({ ...spec, config: { axis: { labelLimit: 90 } } })).toBeUndefined();
    expect(wrappable({ ...spec, config: { legend: { direction: 'vertical' } } })).toBeDefined();
    // Shapes Vega-Lite would refuse, or a signal of the spec's own under one of these names:
    // compiled as they are, so that the error is Vega-Lite's own.
    expect(wrappable(withY({ axis: true }))).toBeUndefined();
    expect(wrappable({ ...spec, params: 5 })).toBeUndefined();
    expect(wrappable({ ...spec, params: [{ name: 'briefing_wrap_keys', value: 1 }] })).toBeUndefined();
    expect(wrappable({ ...spec, params: [{ name: 'threshold', value: 1 }] })).toBeDefined();
  });
});

describe('titles are the document’s text, not the drawing’s', () => {
  /** The texts.yaml group of each shipped chart. */
  const group: Record<string, string> = {
    tolls: 'tolls',
    timeline: 'timeline',
    'footage-origin': 'origin',
    'videos-per-incident': 'videos',
  };

  test.each(locales)('%s: each title and subtitle is taken out of both drawings', (locale) => {
    const t = texts.get(locale)!;
    for (const [key, chart] of rendered) {
      if (!key.startsWith(`${locale}/`)) continue;
      const id = key.slice(locale.length + 1);
      // As the language's typesetting keeps its short words with the next («и\u00a0раненых»).
      expect(chart.title.text).toEqual([keepWithNext(t(`charts.${group[id]!}.title`), locale)]);
      expect(chart.title.subtitle[0]).toBe(keepWithNext(t(`charts.${group[id]!}.subtitle`), locale));
      for (const drawing of [chart.svg, chart.phoneSvg]) {
        expect(drawing).not.toContain('role-title');
        for (const line of [...chart.title.text, ...chart.title.subtitle])
          expect(drawing).not.toContain(`>${line}<`);
      }
    }
  });

  test('a title Vega must compute (a signal) stays in the drawing; text, lines and subtitles come out', () => {
    expect(splitTitle({ mark: 'bar', title: 'One' }).title).toEqual({ text: ['One'], subtitle: [] });
    expect(splitTitle({ title: { text: ['One', 'Two'], subtitle: 'Three', anchor: 'start' } })).toEqual({
      spec: {},
      title: { text: ['One', 'Two'], subtitle: ['Three'] },
    });
    const computed = { title: { text: { signal: 'upper("x")' } } };
    expect(splitTitle(computed)).toEqual({ spec: computed, title: { text: [], subtitle: [] } });
  });
});

describe('a phone’s drawing', () => {
  const widthOf = (s: string): number => Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(s)?.[1]);
  const smallest = (s: string): number =>
    Math.min(...[...s.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1])));

  test.each(locales)('%s: fits a 320 px screen’s column with its smallest text at 11 px', (locale) => {
    for (const [key, chart] of rendered) {
      if (!key.startsWith(`${locale}/`)) continue;
      const atLegibleSize = (widthOf(chart.phoneSvg) * LEGIBLE_PX) / smallest(chart.phoneSvg);
      expect({ key, fits: atLegibleSize <= NARROWEST_COLUMN_PX }).toEqual({ key, fits: true });
      // Narrower than the wide screen's drawing, and described as it is.
      expect(widthOf(chart.phoneSvg)).toBeLessThan(widthOf(chart.svg));
    }
  });

  /** A drawing's texts of one role: each as its lines, with the baseline of its first. */
  const texts = (s: string, role: string): { lines: string[]; y: number }[] =>
    [...s.matchAll(new RegExp(`<g class="mark-text ${role}[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g'))].flatMap((g) =>
      [...g[1]!.matchAll(/<text[^>]*translate\([\d.-]+,([\d.-]+)\)[^>]*>([\s\S]*?)<\/text>/g)].map((t) => ({
        y: Number(t[1]),
        lines: t[2]!.includes('<tspan')
          ? [...t[2]!.matchAll(/<tspan[^>]*>([^<]*)</g)].map((l) => l[1]!)
          : [t[2]!],
      })),
    );
  const bars = (s: string): { y: number; width: number }[] =>
    [...s.matchAll(/<path d="M0,([\d.-]+)h([\d.-]+)v/g)].map((m) => ({
      y: Number(m[1]),
      width: Number(m[2]),
    }));

  test.each(locales)('%s: long labels of bars stand above them, the bars across the drawing', (locale) => {
    for (const id of ['tolls', 'footage-origin']) {
      const chart = rendered.get(`${locale}/${id}`)!;
      const categories = chart.table!.rows.map((r) => r[0]!);
      const above = texts(chart.phoneSvg, 'role-mark').filter((t) => categories.includes(t.lines.join(' ')));
      expect(above.map((t) => t.lines.join(' ')).sort()).toEqual([...categories].sort());
      // None beside the plot any more: the axis labels are its ticks'.
      const axis = texts(chart.phoneSvg, 'role-axis-label').map((t) => t.lines.join(' '));
      expect(axis.filter((l) => categories.some((c) => c.includes(l)))).toEqual([]);
      // Each bar has its label's last line just above it, and the longest bar half the drawing.
      for (const bar of bars(chart.phoneSvg)) {
        const gap = above.map((t) => bar.y - (t.y + (t.lines.length - 1) * 12)).filter((d) => d > 0);
        expect({ id, bar: bar.y, gap: Math.min(...gap) }).toEqual({
          id,
          bar: bar.y,
          gap: expect.any(Number),
        });
        expect(Math.min(...gap)).toBeLessThanOrEqual(8);
      }
      const widest = Math.max(...bars(chart.phoneSvg).map((b) => b.width));
      expect(widest).toBeGreaterThan(widthOf(chart.phoneSvg) / 2);
    }
  });

  test('a spec of one bar mark, its rows named by numbers, has them above its bars too', async () => {
    const t = translators.get('en')!;
    const long = 'A row whose label is far too long to stand beside a plot on a phone';
    const spec = {
      data: {
        values: [
          { row: long, v: 40 },
          { row: 2022, v: 10 },
        ],
      },
      mark: 'bar',
      encoding: {
        y: { field: 'row', type: 'nominal', sort: null },
        x: { field: 'v', type: 'quantitative', axis: { title: null } },
        color: { value: '#8a1c1c' },
        size: { value: 14 },
      },
    };
    const phone = await renderSvg(spec, t, PHONE_FIT);
    const above = texts(phone, 'role-mark').map((x) => x.lines.join(' '));
    expect(above.sort()).toEqual(['2022', long]);
    expect(phone).not.toMatch(/<text[^>]*fill="#8a1c1c"/);
  });

  test.each(locales)('%s: the timeline keeps its labels beside the dots and spans they name', (locale) => {
    const chart = rendered.get(`${locale}/timeline`)!;
    // No text layers of labels: its text marks are those of the print drawing.
    expect(texts(chart.phoneSvg, 'role-mark')).toHaveLength(texts(chart.svg, 'role-mark').length);
  });

  test.each(locales)('%s: a legend’s entries stand one under another, from the left edge', (locale) => {
    const s = rendered.get(`${locale}/tolls`)!.phoneSvg;
    const entries = [
      ...s.matchAll(
        /<g transform="translate\(([\d.-]+),([\d.-]+)\)"><path class="background"[^>]*\/><g><g class="mark-symbol role-legend-symbol"/g,
      ),
    ];
    expect(entries).toHaveLength(2);
    expect(entries[0]![1]).toBe(entries[1]![1]);
    expect(Number(entries[1]![2])).toBeGreaterThan(Number(entries[0]![2]));
  });
});
