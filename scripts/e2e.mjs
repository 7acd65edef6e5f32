#!/usr/bin/env node
/**
 * Browser tests of every built HTML page (`npm run test:e2e`, after `npm run build`):
 * Debian's Chromium driven by playwright-core opens each page at 375 and 1280 px (and
 * 320 px for the overflow and chart checks) and asserts: no request beyond the page itself, no
 * console error, no horizontal scrolling, no line ending inside a number range ("4–" above "6"), the organisation’s name beside its mark, axe-core (WCAG 2.1 A/AA and best practice)
 * with no violation, chart text no smaller than 11 px as drawn, no chart's title, subtitle,
 * caption or drawn text cut at an edge, and no chart scrolling inside its box but at 320 px
 * (where one that cannot shrink legibly may, if it takes the keyboard's focus). It writes a
 * screenshot per page and width and a print-to-PDF per page under output/e2e/ for
 * people to look at, prints a summary, and exits 1 on any failure.
 *
 * Chromium: $CHROMIUM_PATH, else the first of the usual install paths and names on PATH
 * (`apt-get install -y chromium` on Debian). Nothing is ever downloaded.
 * Options: --out DIR (default output), --no-shots (skip screenshots and PDFs), --only SUBSTRING.
 */
/* global document, getComputedStyle -- the functions passed to page.evaluate run in the browser */
import { accessSync, constants, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const WIDTHS = [375, 1280];
/** Narrower than any phone in use: the page must still not scroll sideways, nor cut a chart. */
const OVERFLOW_ONLY = [320];
const MIN_CHART_PX = 11;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const outDir = resolve(root, option('--out') ?? 'output');
const shots = !process.argv.includes('--no-shots');
const only = option('--only');

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Debian's binary first (its /usr/bin/chromium is a shell wrapper that also works), then names on PATH. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  const fixed = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
  const onPath = (env.PATH ?? '').split(delimiter).flatMap((dir) => names.map((n) => join(dir, n)));
  return [...fixed, ...onPath].find(executable);
}

function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (name === 'e2e' && d === dir) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** In the page: each web font it declares that the browser cannot load (a face it cannot read). */
async function fontsThatFail() {
  const failed = [];
  for (const face of document.fonts)
    await face.load().catch((e) => failed.push(`${face.family} ${face.weight}: ${e.message ?? e}`));
  return failed;
}

/**
 * Measured in the page: overflow; the smallest chart text as drawn (font size × SVG scale) in
 * the drawings shown (a chart has a phone's and a wide screen's, one of them hidden); and
 * what a chart cuts off: its title, subtitle and caption (text of the page, which must wrap
 * inside the column), each drawing's text outside its box as the page opens, and a box that
 * scrolls sideways (`chartScrolls`; one that does must take the keyboard's focus).
 */
function measure() {
  const doc = document.documentElement;
  let smallest = Infinity;
  let chartTexts = 0;
  const cut = [];
  let chartScrolls = 0;
  const shown = (e) => e.getClientRects().length > 0;
  const name = (e) => `${e.closest('figure')?.id ?? '?'} “${e.textContent.trim().slice(0, 40)}”`;
  for (const figure of document.querySelectorAll('figure.chart')) {
    const fig = figure.getBoundingClientRect();
    for (const line of figure.querySelectorAll('figcaption, figcaption > *')) {
      const r = line.getBoundingClientRect();
      if (
        line.scrollWidth > line.clientWidth + 1 ||
        r.left < fig.left - 1 ||
        r.right > fig.right + 1 ||
        r.right > doc.clientWidth
      )
        cut.push(`caption ${name(line)} is cut at the edge`);
    }
    if (figure.querySelector('svg .role-title'))
      cut.push(`${figure.id}: its title is drawn inside the chart, where a narrow screen cuts it`);
    const box = figure.querySelector('.chart-scroll');
    if (!box) continue;
    const scrolls =
      /auto|scroll/.test(getComputedStyle(box).overflowX) && box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      chartScrolls++;
      if (box.tabIndex < 0) cut.push(`${figure.id}: scrolls sideways but takes no focus`);
    }
    const inside = box.getBoundingClientRect();
    for (const svg of box.querySelectorAll('svg')) {
      if (!shown(svg)) continue;
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent.trim()) continue;
        const r = text.getBoundingClientRect();
        if (!scrolls && (r.left < inside.left - 1 || r.right > inside.right + 1))
          cut.push(`chart text ${name(text)} is cut at the edge`);
        const ctm = text.getScreenCTM();
        if (!ctm) continue;
        const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
        chartTexts++;
        smallest = Math.min(smallest, size);
      }
    }
  }
  // The organisation's name beside its mark, never wrapping under it into the lines below.
  let headClash = null;
  const org = document.querySelector('.cover .organisation, .masthead .organisation');
  const mark = org?.querySelector('.logo')?.getBoundingClientRect();
  const orgName = org?.querySelector('span:not(.logo):not(.doctype)')?.getBoundingClientRect();
  if (mark && orgName && orgName.left < mark.right - 1)
    headClash = 'the organisation’s name wraps under its mark';
  return {
    headClash,
    scrollWidth: Math.max(doc.scrollWidth, document.body.scrollWidth),
    clientWidth: doc.clientWidth,
    chartTexts,
    smallestChartPx: chartTexts ? Math.round(smallest * 10) / 10 : null,
    cut,
    chartScrolls,
  };
}

/**
 * Number ranges with a line ending after their dash ("4–" above "6 January"), as the page is
 * drawn: the text of the page read across its markup (a range is often two `time` elements
 * and a dash), each range's dash and the digit after it compared by the line they sit on.
 */
function rangeBreaks() {
  const skip = (n) => n.parentElement?.closest('svg, script, style, template');
  const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
  const at = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skip(n)) continue;
    for (let i = 0; i < n.data.length; i++) at.push([n, i]);
    text += n.data;
  }
  const box = ([node, i]) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    return r.getBoundingClientRect();
  };
  const broken = [];
  for (const m of text.matchAll(/\d\u2013\u2060?(?=\d)/g)) {
    const dash = box(at[m.index + 1]);
    const next = box(at[m.index + m[0].length]);
    if (dash.height && next.height && next.top > dash.top + dash.height / 2)
      broken.push(text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 6).replace(/\s+/g, ' '));
  }
  return broken;
}

/** Axe and the overflow measure must see what they are for: a page built to fail both. */
async function selfTest(browser, axeSource) {
  const page = await browser.newPage({ viewport: { width: 375, height: 600 } });
  await page.setContent(
    '<!DOCTYPE html><html lang="en"><title>canary</title><style>@font-face { font-family: "Canary"; src: url(data:font/woff;base64,d09GRgAAAAA=) format("woff"); }</style><main><img src="data:,"><div style="width:60rem">wide</div><figure class="chart" id="chart-canary" style="width:10rem"><figcaption><span class="chart-title" style="white-space:nowrap">A title far too long to stay inside its column</span></figcaption><div class="chart-scroll" style="overflow:hidden"><svg width="400" height="20"><text class="role-title" x="300" y="15">cut</text></svg></div></figure>' +
      Array.from({ length: 40 }, (_, i) => `<p style="width:${50 + 2 * i}px">Watch 4–6 January</p>`).join(
        '',
      ) +
      '</main></html>',
  );
  const m = await page.evaluate(measure);
  const fonts = await page.evaluate(fontsThatFail);
  const ranges = await page.evaluate(rangeBreaks);
  await page.evaluate(axeSource);
  const ids = await page.evaluate(() =>
    globalThis.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id)),
  );
  await page.close();
  const problems = [];
  if (!ids.includes('image-alt'))
    problems.push(`axe missed an image without alt (found: ${ids.join(', ') || 'nothing'})`);
  if (!(m.scrollWidth > m.clientWidth)) problems.push('the overflow measure missed a 960 px element');
  const cutSeen = ['caption chart-canary', 'chart text chart-canary', 'title is drawn inside'];
  for (const want of cutSeen)
    if (!m.cut.some((c) => c.includes(want)))
      problems.push(`the chart measure missed: ${want} (found: ${m.cut.join('; ')})`);
  if (!fonts.length) problems.push('the font check missed a face that is not a font');
  if (!ranges.length) problems.push('the range check missed "4–" ending a line');
  return problems;
}

async function main() {
  const files = htmlFiles(outDir).filter((f) => !only || f.includes(only));
  if (!files.length) {
    console.error(`e2e: no HTML under ${relative(root, outDir) || '.'}; run \`npm run build\` first`);
    return 1;
  }
  const chromium = findChromium();
  if (!chromium) {
    console.error('e2e: no Chromium found; install it (`apt-get install -y chromium`) or set CHROMIUM_PATH');
    return 1;
  }
  const { chromium: driver } = require('playwright-core');
  const axeSource = require('axe-core').source;
  const browser = await driver.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
  console.log(`e2e: ${files.length} pages in ${await browser.version()} (${chromium})`);
  const broken = await selfTest(browser, axeSource);
  if (broken.length) {
    await browser.close();
    console.error(`e2e: the checks failed their self-test: ${broken.join('; ')}`);
    return 1;
  }
  const shotDir = join(outDir, 'e2e');
  if (shots) mkdirSync(shotDir, { recursive: true });
  const rows = [];
  let failures = 0;
  const started = Date.now();
  try {
    for (const file of files) {
      const rel = relative(outDir, file);
      const url = pathToFileURL(file).href;
      for (const width of [...OVERFLOW_ONLY, ...WIDTHS]) {
        const full = WIDTHS.includes(width);
        const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        const requests = [];
        const errors = [];
        page.on('request', (r) => {
          if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url());
        });
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(url, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const m = await page.evaluate(measure);
        const problems = [];
        const badFonts = await page.evaluate(fontsThatFail);
        if (badFonts.length) problems.push(`fonts that do not load: ${badFonts.join('; ')}`);
        if (m.scrollWidth > m.clientWidth)
          problems.push(`scrolls sideways: ${m.scrollWidth} px in ${m.clientWidth}`);
        if (m.headClash) problems.push(m.headClash);
        for (const r of await page.evaluate(rangeBreaks))
          problems.push(`a line ends inside a number range: “${r}”`);
        // A chart cut at its edge, or whose title is: never. A chart whose drawing scrolls in
        // its box: only on the narrowest phone, where it cannot shrink and stay legible.
        problems.push(...m.cut);
        if (m.chartScrolls && width > OVERFLOW_ONLY[0])
          problems.push(`${m.chartScrolls} chart(s) scroll sideways in their box at ${width} px`);
        if (m.smallestChartPx !== null && m.smallestChartPx < MIN_CHART_PX)
          problems.push(`chart text drawn at ${m.smallestChartPx} px (minimum ${MIN_CHART_PX})`);
        let violations = [];
        if (full) {
          await page.evaluate(axeSource);
          const result = await page.evaluate(
            (tags) =>
              globalThis.axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations'],
              }),
            AXE_TAGS,
          );
          violations = result.violations;
          for (const v of violations)
            problems.push(
              `axe ${v.impact ?? ''} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0]?.target.join(' ')})`,
            );
          if (requests.length) problems.push(`requests: ${requests.slice(0, 3).join(', ')}`);
          if (errors.length) problems.push(`console errors: ${errors.slice(0, 3).join(' | ')}`);
          if (shots) {
            const base = join(shotDir, `${rel.replace(/\.html$/, '').replaceAll('/', '--')}-${width}`);
            await page.screenshot({ path: `${base}.png`, fullPage: true });
            if (width === WIDTHS.at(-1))
              await page.pdf({ path: `${base.replace(/-\d+$/, '')}-print.pdf`, format: 'A4' });
          }
        }
        await context.close();
        failures += problems.length ? 1 : 0;
        rows.push({
          rel,
          width,
          m,
          axe: full ? violations.length : '–',
          requests: requests.length,
          errors: errors.length,
          problems,
        });
      }
    }
  } finally {
    await browser.close();
  }
  const pad = (s, n) => String(s).padEnd(n);
  console.log(
    `\n${pad('page', 42)}${pad('width', 7)}${pad('scroll', 8)}${pad('axe', 5)}${pad('chart px', 10)}${pad('req', 5)}errors`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.rel, 42)}${pad(r.width, 7)}${pad(r.m.scrollWidth, 8)}${pad(r.axe, 5)}${pad(r.m.smallestChartPx ?? '–', 10)}${pad(r.requests, 5)}${r.errors}${r.problems.length ? '  FAIL' : ''}`,
    );
    for (const p of r.problems) console.log(`    ${p}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\ne2e: ${rows.length} page views of ${files.length} pages in ${seconds} s: ${failures ? `${failures} failed` : 'all passed'}` +
      (shots ? `; screenshots and print PDFs in ${relative(root, shotDir)}/` : ''),
  );
  return failures ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`e2e: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
