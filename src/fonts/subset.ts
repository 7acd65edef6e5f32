/**
 * Roboto for the charts of an HTML page: the two faces chart text uses (Regular, and
 * Medium for bold titles, as text-metrics.ts measures them), cut down to the characters
 * the charts show and inlined as data: URLs, so the page still loads nothing
 * (its CSP allows `font-src data:` and nothing else).
 */
import { createRequire } from 'node:module';
import type SubsetFont from 'subset-font';
import { faceBytes, roboto } from './roboto.js';
import { ttfToWoff } from './woff.js';

/** The family the page's CSS gives chart text; not "Roboto", so body text never mixes in a partial face. */
export const CHART_FONT_FAMILY = 'Briefing Roboto';

const faces = [
  { file: roboto.normal, weight: 400 },
  { file: roboto.bold, weight: 700 },
] as const;

/**
 * Every document of a language shows much the same charts: the rules are made once per
 * set of characters per thread. WOFF (zlib), not WOFF2: Brotli at its top quality took
 * 30–70 ms a face, ten times the subsetting itself, for files only a fifth smaller; and
 * wrapped here (woff.ts), not by harfbuzz, whose compression took 10–30 ms a face.
 */
const byChars = new Map<string, Promise<string>>();
/** A long `watch` session sees the charts change; older sets are dropped past this many. */
const keptSets = 32;

/** The characters the rules for `text` hold, in order: what they depend on ('' for none). */
export function chartChars(text: string): string {
  const chars = [...new Set(text.replace(/\s/g, ''))].sort().join('');
  return chars && chars + ' ';
}

/** `@font-face` rules holding exactly the characters of `text`, or nothing when it is empty. */
export function chartFontCss(text: string): Promise<string> {
  const chars = chartChars(text);
  if (!chars) return Promise.resolve('');
  let rules = byChars.get(chars);
  if (!rules) {
    rules = fontFaceRules(chars);
    // A failure is not remembered: the next document tries again and reports its own error.
    rules.catch(() => byChars.delete(chars));
    if (byChars.size >= keptSets) byChars.delete(byChars.keys().next().value ?? '');
    byChars.set(chars, rules);
  }
  return rules;
}

/**
 * Loaded when a page first shows a chart: with its font converter it starts three
 * WebAssembly modules (tens of megabytes reserved, 20 ms), which a build that writes no
 * such page, or writes it after its PDFs are under way, should not wait for.
 */
let subsetter: typeof SubsetFont | undefined;

async function fontFaceRules(chars: string): Promise<string> {
  const subsetFont = (subsetter ??= createRequire(import.meta.url)('subset-font') as typeof SubsetFont);
  const rules = await Promise.all(
    faces.map(async ({ file, weight }) => {
      const woff = ttfToWoff(await subsetFont(faceBytes(file), chars, { targetFormat: 'truetype' }));
      return `@font-face { font-family: "${CHART_FONT_FAMILY}"; font-weight: ${weight}; font-style: normal; src: url(data:font/woff;base64,${woff.toString('base64')}) format("woff"); }`;
    }),
  );
  return rules.join('\n');
}
