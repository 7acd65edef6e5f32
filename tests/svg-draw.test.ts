/**
 * Charts drawn into a PDF without pdfmake's SVG renderer (src/write/svg-draw.ts): the same
 * bytes as svg-to-pdfkit gives, for every chart of the example in every language and for
 * made-up charts within what is read, and anything outside it left to svg-to-pdfkit.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { translatorFor } from '../src/pipeline/build.js';
import { renderChart } from '../src/charts/chart.js';
import { roboto } from '../src/fonts/roboto.js';
import { drawSvg, planOf, type Canvas } from '../src/write/svg-draw.js';
import { planSvg } from '../src/write/svg-plan.js';
import { parseSvg } from '../src/write/svg-parse.js';
import { pathCommands } from '../src/write/svg-path.js';
import { repoRoot } from './helpers/workspace.js';
import fc from 'fast-check';
import {
  fontFile as pdfmakeFontFile,
  withChartDrawing,
  type PdfDocument,
  type Renderer,
  type SvgItem,
} from '../src/write/pdfmake-svg.js';
import { pristine } from './helpers/pristine.js';
import { warmUpChart } from '../src/pipeline/warm-up.js';

const require = createRequire(import.meta.url);
type Doc = Canvas & { end(): void; on(e: string, f: (c?: Buffer) => void): void };
const PDFDocument = require('pdfkit') as new (o: object) => Doc;
const svgToPdfkit = require('pdfmake/js/3rd-party/svg-to-pdfkit/source.js') as (
  doc: Doc,
  svg: string,
  x: number,
  y: number,
  options: object,
) => void;

const fontFile = (_family: string, bold: boolean, italic: boolean): string => roboto[types(bold, italic)];

/** A PDF with some text before the chart (so fonts and glyphs are in use already), then the chart. */
async function pdf(svg: string, draw: (doc: Doc, svg: string) => void): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, info: { CreationDate: new Date(0) }, size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c!));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(roboto.normal);
  (doc as unknown as { text(t: string, x: number, y: number): void }).text('Алматы, 6 January', 72, 60);
  draw(doc, svg);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const theirs = (doc: Doc, svg: string): void =>
  svgToPdfkit(doc, svg, 72.5, 100.25, { width: 360, height: 300, assumePt: true, fontCallback: fontFile });
const ours = (doc: Doc, svg: string): void => {
  expect(drawSvg(doc, svg, 72.5, 100.25, fontFile)).toBe(true);
};

/** The chart as the PDF writer hands it on: through hast, then resized by pdfmake-measure. */
function asWritten(svg: string, width: number, height: number): string {
  const tree = fromHtml(svg, { fragment: true, space: 'svg' });
  return toHtml(tree, { space: 'svg' }).replace(
    /<svg([^>]*?) width="[^"]*" height="[^"]*"/,
    `<svg$1 width="${width}" height="${height}"`,
  );
}

const charts: [string, string][] = [];
beforeAll(async () => {
  const ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
  const project = ws.projects[0]!;
  for (const locale of ['en', 'ru', 'kk'])
    for (const [id, chart] of project.charts)
      charts.push([
        `${locale}/${id}`,
        (await renderChart(chart, project, translatorFor(ws, project, locale))).svg,
      ]);
}, 120_000);

describe('a chart of the example', () => {
  test("the PDF worker's warm-up chart is planned here too: it warms what a document's charts run", () => {
    expect(planSvg(parseSvg(warmUpChart)!)).toBeDefined();
  });

  test('and the organisation logo are drawn here, with the bytes svg-to-pdfkit gives', async () => {
    const logo = readFileSync(join(repoRoot, 'content/kazakhstan-2022/assets/logo.svg'), 'utf8');
    const [a, b] = [await pdf(logo, theirs), await pdf(logo, ours)];
    expect(b.equals(a)).toBe(true);
  });

  test('is drawn here, with the bytes svg-to-pdfkit gives, as rendered and as the PDF writer hands it on', async () => {
    expect(charts.length).toBeGreaterThanOrEqual(12);
    for (const [name, svg] of charts)
      for (const markup of [svg, asWritten(svg, 300, 280), asWritten(svg, 512, 200)]) {
        const [a, b] = [await pdf(markup, theirs), await pdf(markup, ours)];
        expect(b.equals(a), name).toBe(true);
      }
  });
});

describe('a chart drawn again', () => {
  test('is drawn from the plan kept the first time, with the same bytes in every document', async () => {
    const [name, svg] = charts[0]!;
    const plan = planOf(svg);
    expect(plan, name).toBeDefined();
    expect(planOf(svg)).toBe(plan);
    const [a, b, c] = [await pdf(svg, theirs), await pdf(svg, ours), await pdf(svg, ours)];
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(true);
  });

  test('a chart left to svg-to-pdfkit is remembered as such, and a long session keeps only the latest plans', () => {
    const declined = wrap('<g opacity="0.5"><path d="M0,0h4"></path></g>');
    expect(planOf(declined)).toBeUndefined();
    expect(planOf(declined)).toBeUndefined();
    const first = wrap('<rect x="0" y="0" width="1" height="10" fill="#000"/>');
    const kept = planOf(first);
    expect(kept).toBeDefined();
    for (let i = 2; i < 100; i++) planOf(wrap(`<rect x="0" y="0" width="${i}" height="10" fill="#000"/>`));
    const again = planOf(first);
    expect(again).toEqual(kept);
    expect(again).not.toBe(kept);
  });
});

const wrap = (inner: string, root = 'width="200" height="120" viewBox="0 0 400 240"'): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" ${root}><g fill="none" stroke-miterlimit="10" transform="translate(10,5)">${inner}</g></svg>`;

describe('made-up charts within what is read', () => {
  test.each([
    [
      'bars with opacities and a dashed rule',
      '<path d="M0,0h50v20h-50Z" fill="#8a1c1c" fill-opacity="0.4" opacity="0.5"></path><line transform="translate(3,4)" x2="90" y2="0" stroke="#9aa3ab" stroke-width="1.5" stroke-dasharray="3 2 1" stroke-dashoffset="-2"></line>',
    ],
    [
      'arcs, curves and relative moves',
      '<path d="M2.5,0A2.5,2.5,0,1,1,-2.5,0A2.5,2.5,0,1,1,2.5,0 m10 10 c1,2 3,4 5,6 a4 7 30 0 0 8 2 z" fill="#5c6670" stroke="#fff" stroke-linejoin="round"></path>',
    ],
    [
      'empty and zero-length paths, rectangles, a hidden part',
      '<path d="M0,0h0v0h0Z" stroke="#000"></path><rect x="1" y="2" width="30" height="10" fill="#abc"></rect><rect width="0" height="4" fill="#000"></rect><path d="M0,0L9,9" display="none" stroke="#000"></path>',
    ],
    [
      'text in lines, anchored, bold, with entities and spaces',
      '<g transform="translate(40,20)"><text text-anchor="middle" font-family="Roboto" font-size="10px" fill="#1d2327"><tspan x="0" dy="0">Police &amp; army</tspan><tspan x="0" dy="12">  Қаңтар  оқиғасы </tspan></text><text text-anchor="end" font-weight="bold" font-size="13" fill="#000" opacity="0">hidden</text><text font-family="Roboto" font-weight="700" transform="translate(5,60)">AV Wa To <tspan dx="4" text-anchor="end">кейін</tspan> 225</text></g>',
    ],
    [
      'rounded rectangles, circles and ellipses (a logo)',
      '<rect width="40" height="40" rx="4" fill="#8a1c1c"/><rect x="50" width="30" height="10" ry="12" fill="#000" stroke="#9aa3ab"/><circle cx="20" cy="23" r="2.5" fill="#ffffff"/><ellipse cx="90" cy="20" rx="8" ry="3" fill="#5c6670"/><circle r="0" fill="#000"/>',
    ],
    [
      'a viewBox not at the origin, wider than the box',
      '<line x1="-5" y1="3" x2="80" y2="3" stroke="#e6e9ec"></line>',
      'width="300" height="50" viewBox="-20 -10 400 40"',
    ],
  ])('%s', async (_name, inner, root?: string) => {
    const svg = wrap(inner, root);
    const [a, b] = [await pdf(svg, theirs), await pdf(svg, ours)];
    expect(b.toString('latin1')).toBe(a.toString('latin1'));
    // Something was drawn: more than the same chart with nothing in it.
    expect(a.length).toBeGreaterThan((await pdf(wrap('', root), theirs)).length + 40);
  });
});

describe('what is left to svg-to-pdfkit', () => {
  test.each([
    ['a clip path', '<g clip-path="url(#c)"><path d="M0,0h4"></path></g>'],
    ['a rotated label', '<text transform="rotate(-90)">a</text>'],
    ['a circle of a percentage', '<circle cx="3" cy="3" r="2%"></circle>'],
    ['a style attribute', '<path d="M0,0h4" style="fill:red"></path>'],
    ['a translucent group', '<g opacity="0.5"><path d="M0,0h4"></path></g>'],
    ['a named colour', '<path d="M0,0h4" fill="red"></path>'],
    ['a text placed by its own x', '<text x="4">a</text>'],
    ['a round line cap on a stroke', '<path d="M0,0h4" stroke="#000" stroke-linecap="round"></path>'],
    ['a quadratic curve', '<path d="M0,0Q1,1,2,0"></path>'],
    ['italic text', '<text font-style="italic">a</text>'],
    ['a zero in a dash list', '<path d="M0,0h4" stroke="#000" stroke-dasharray="0 2"></path>'],
    ['a gradient', '<defs><linearGradient id="g"></linearGradient></defs>'],
  ])('%s', (_name, inner) => {
    const root = parseSvg(wrap(inner));
    expect(root).toBeDefined();
    expect(planSvg(root!)).toBeUndefined();
  });

  test('markup that is not plain: a comment, CDATA, an unknown entity, a stray closing tag', () => {
    for (const markup of [
      wrap('<!-- x --><path d="M0,0h4"></path>'),
      wrap('<text><![CDATA[a]]></text>'),
      wrap('<text>&nbsp;</text>'),
      wrap('</path>'),
      '<g></g>',
    ])
      expect(parseSvg(markup)).toBeUndefined();
  });

  test('path data read whole or not at all', () => {
    expect(pathCommands('M0,0 L10 10 h5v-5z')).toEqual([
      ['move', 0, 0],
      ['line', 10, 10],
      ['line', 15, 10],
      ['line', 15, 5],
      ['close'],
    ]);
    expect(pathCommands('M0,0 L10')).toBeUndefined();
    expect(pathCommands('M0,0 X1')).toBeUndefined();
  });
});

/** Two families on different files, so a family read otherwise than pdfmake reads it shows in the bytes. */
const families = {
  Roboto: roboto,
  Alt: { normal: roboto.italics, bold: roboto.bolditalics, italics: roboto.normal, bolditalics: roboto.bold },
};
const types = (bold: boolean, italic: boolean): keyof typeof roboto =>
  bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal';
const pickFont = pdfmakeFonts();
function pdfmakeFonts(): (family: string, bold: boolean, italic: boolean) => string {
  const doc = {
    fonts: families,
    getFontType: types,
    getFontFile: (f: string, b: boolean, i: boolean) =>
      (families as Record<string, Record<string, string>>)[f]?.[types(b, i)] ?? null,
  } as unknown as PdfDocument;
  return pdfmakeFontFile(doc, 'Roboto');
}
const theirsFamilies = (doc: Doc, svg: string): void =>
  svgToPdfkit(doc, svg, 20, 30, {
    width: 300,
    height: 200,
    assumePt: true,
    fontCallback: pickFont,
    warningCallback: () => undefined,
  });
/** As pdfmake-svg.ts does: the drawer, else svg-to-pdfkit. */
let drawnHere = 0;
const oursOrTheirs = (doc: Doc, svg: string): void => {
  if (drawSvg(doc, svg, 20, 30, pickFont)) drawnHere++;
  else theirsFamilies(doc, svg);
};
/** The bytes, or what was thrown: svg-to-pdfkit itself fails on some input (a colour named `toString`). */
const outcome = (svg: string, draw: (doc: Doc, svg: string) => void): Promise<string> =>
  pdf(svg, draw).then(
    (b) => b.toString('latin1'),
    (e: unknown) => `threw ${String(e)}`,
  );
async function same(svg: string): Promise<void> {
  expect(await outcome(svg, oursOrTheirs), svg).toBe(await outcome(svg, theirsFamilies));
}

describe('svg-to-pdfkit and the drawer agree, or the drawer declines', () => {
  test.each([
    ['an element named after an object property', '<g><toString fill="#000"/><constructor/></g>'],
    ['a weight named after one', '<text font-weight="toString" fill="#000">Wa</text>'],
    [
      'references beyond 16 bits, and a name in capitals',
      '<text fill="#000">&#x10041; &#65601; A &AMP; B</text>',
    ],
    [
      'a family inherited by name',
      '<g font-family="Alt"><text font-family="inherit" fill="#000">Wa</text></g>',
    ],
    [
      'no paint spelled with a space',
      '<g fill="#f00" stroke="#000"><path d="M0,0h50v9h-50z" fill="none "/><path d="M0,0h50" stroke=" none"/></g>',
    ],
    [
      'no dash list spelled with a space',
      '<g stroke-dasharray="3 2"><line x2="90" stroke="#000" stroke-dasharray=" none"/></g>',
    ],
    [
      'segments too short to measure',
      '<line x2="1e-170" stroke="#000"/><path d="M0,0C1e-170,0 0,0 0,0" stroke="#000"/>',
    ],
  ])('%s', async (_name, inner) => {
    await same(wrap(inner));
  });

  test.each([['0 0 0x190 0xF0'], ['0,,0,400,240'], ['0 0 400'], [' 0, 0 ,400 240 ']])(
    'a viewBox of "%s"',
    async (vb) => {
      await same(wrap('<path d="M0,0h50v9h-50z" fill="#abc"/>', `width="200" height="120" viewBox="${vb}"`));
    },
  );

  test("pdfmake's choice of font: the first family it has, any case, quoted or not, else its default", () => {
    expect(pickFont("'alt', Roboto", false, false)).toBe(roboto.italics);
    expect(pickFont('Serif, "ROBOTO"', true, false)).toBe(roboto.bold);
    expect(pickFont('Unknown', false, true)).toBe(roboto.italics);
  });

  test('on made-up SVG in and around what the drawer reads (fast-check)', async () => {
    const value = (...v: string[]): fc.Arbitrary<string> => fc.constantFrom(...v);
    // Each attribute mostly with values the drawer reads, sometimes with one it declines or reads otherwise.
    const usual: Record<string, string[]> = {
      fill: ['#8a1c1c', '#abc', 'none', 'transparent'],
      stroke: ['#9aa3ab', '#000', 'none'],
      opacity: ['1', '0.5', '0', '2'],
      'fill-opacity': ['0.2', '1'],
      'stroke-width': ['1', '0', '1.5px'],
      'stroke-dasharray': ['3 2', '3', 'none'],
      'stroke-linejoin': ['round', 'miter'],
      transform: ['translate(10,5)', 'translate(3)', 'translate( 1.5 , -2 )'],
      display: ['inline', 'none'],
      'font-family': ['Roboto', 'Alt', "'Alt', sans-serif"],
      'font-weight': ['bold', '700', 'normal', '500'],
      'font-size': ['10px', '13'],
      'text-anchor': ['start', 'middle', 'end'],
      class: ['mark-rule role-axis-grid'],
    };
    const odd = value('none ', 'red', 'inherit', 'toString', 'rotate(5)', 'round', '0 2', 'x-small');
    const attrs = fc
      .subarray(Object.keys(usual), { maxLength: 3 })
      .chain((names) =>
        fc
          .tuple(
            ...names.map((k) =>
              fc.oneof(
                { arbitrary: fc.constantFrom(...usual[k]!), weight: 12 },
                { arbitrary: odd, weight: 1 },
              ),
            ),
          )
          .map((vs) => Object.fromEntries(names.map((k, i) => [k, vs[i]!]))),
      );
    const render = (name: string, a: Record<string, string>, inner = ''): string =>
      `<${name}${Object.entries(a)
        .map(([k, v]) => ` ${k}="${v}"`)
        .join('')}>${inner}</${name}>`;
    const words = value('Police &amp; army', ' Қаңтар  оқиғасы ', 'AV Wa', '', '  ', '&#x10041;', '225');
    const tspan = fc
      .tuple(
        fc.dictionary(value('x', 'dy', 'dx', 'y'), value('0', '12', '-3.5', '1e1'), { maxKeys: 2 }),
        attrs,
        words,
      )
      .map(([at, a, w]) => render('tspan', { ...at, ...a }, w));
    const text = fc
      .tuple(attrs, fc.array(fc.oneof(words, tspan), { maxLength: 3 }))
      .map(([a, c]) => render('text', a, c.join('')));
    const d = value(
      'M0,0h50v20h-50Z',
      'M2.5,0A2.5,2.5,0,1,1,-2.5,0A2.5,2.5,0,1,1,2.5,0',
      'M0,0 c1,2 3,4 5,6 a4 7 30 0 0 8 2 z',
      'M0,0h0v0h0Z',
      'M0,0L1e-170,0',
      'M0,0Q1,1,2,0',
      'M0,0 L10',
    );
    const shape = fc.oneof(
      fc.tuple(attrs, d).map(([a, dd]) => render('path', { ...a, d: dd })),
      attrs.map((a) => render('line', { ...a, x2: '40', y2: '3' })),
      fc
        .tuple(attrs, value('0', '4', '30'))
        .map(([a, r]) => render('rect', { ...a, width: '30', height: '20', rx: r })),
      fc
        .tuple(attrs, value('0', '2.5', '-1'))
        .map(([a, r]) => render('circle', { ...a, cx: '5', cy: '5', r })),
      value('<toString/>', '<title>t</title>', '<constructor fill="#000"/>'),
    );
    const group = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, shape, text, tie('g')),
      g: fc
        .tuple(attrs, fc.array(tie('node'), { maxLength: 3 }))
        .map(([a, c]) => render('g', a, (c as string[]).join(''))),
    })).g;
    drawnHere = 0;
    await fc.assert(
      fc.asyncProperty(group, async (g) => {
        await same(wrap(g as string));
      }),
      { numRuns: 80, seed: 20261204 },
    );
    // Not vacuous: the drawer drew a good share of them itself.
    expect(drawnHere).toBeGreaterThan(25);
  });
});

describe("pdfmake's renderSVG with the drawer in front", () => {
  // pdfmake's own, as it comes (its own copy of svg-to-pdfkit), and the same with the drawer before it.
  const own = pristine<{ default: { prototype: Renderer } }>('pdfmake/js/Renderer.js').default.prototype
    .renderSVG;
  const patched = withChartDrawing(own);
  /** A pdfkit document with what pdfmake's renderer asks of its document: fonts by family, and their files. */
  const asPdfmake = (doc: Doc): PdfDocument =>
    Object.assign(doc, {
      fonts: families,
      getFontType: types,
      getFontFile: (f: string, b: boolean, i: boolean) =>
        (families as Record<string, Record<string, string>>)[f]?.[types(b, i)] ?? null,
    }) as unknown as PdfDocument;
  const through = (render: typeof own, item: Omit<SvgItem, 'svg'>) => (doc: Doc, svg: string) =>
    render.call({ pdfDocument: asPdfmake(doc) }, { ...item, svg, _width: 300, _height: 200 } as SvgItem);

  test.each([
    ['a chart of the example', () => charts[0]![1], {}],
    [
      'text in a family pdfmake knows, at another place',
      () => wrap('<text font-family="alt" font-weight="bold" fill="#000">Wa Қаңтар</text>'),
      { font: 'Alt' },
    ],
    [
      'an SVG with a link (left to pdfmake)',
      () => wrap('<path d="M0,0h9v9z" fill="#abc"/>'),
      { link: 'https://example.org/' },
    ],
    ['an SVG the drawer declines', () => wrap('<circle r="2%" fill="#000"/>'), {}],
  ])('%s: the bytes pdfmake gives alone', async (_name, svg, extra) => {
    const item = { x: 41.5, y: 77, ...extra };
    const markup = (svg as () => string)();
    // Not vacuous: the first two are the drawer's to draw, the last two are not.
    expect(planSvg(parseSvg(markup)!) !== undefined && !('link' in extra)).toBe(!/link|declines/.test(_name));
    expect((await pdf(markup, through(patched, item))).toString('latin1')).toBe(
      (await pdf(markup, through(own, item))).toString('latin1'),
    );
  });
});
