/**
 * Vega measures label widths with a canvas when it has one and otherwise guesses
 * (0.8 × font size per character), which cut long axis labels short and made
 * charts wider than they are. Without a canvas we measure with the very font the
 * PDF embeds, shaped as the PDF writer shapes it: HarfBuzz (fonts/shaper.ts), and fontkit
 * for the rare label HarfBuzz leaves to it, as the PDF writer does. Exact, deterministic,
 * no native dependency. fontkit is loaded only then: its start alone took about 90 ms of
 * a cold build, on the way to the first briefing.
 */
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import * as vega from 'vega';
import { faceBytes, roboto, type RobotoStyle } from '../fonts/roboto.js';
import { advance, loadShaper } from '../fonts/shaper.js';

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: string | number;
  readonly fontStyle?: string;
}

const require = createRequire(import.meta.url);
const faces = new Map<RobotoStyle, Fontkit.Font>();
function face(style: RobotoStyle): Fontkit.Font {
  let f = faces.get(style);
  if (!f) {
    f = (require('fontkit') as typeof Fontkit).openSync(roboto[style]) as Fontkit.Font;
    faces.set(style, f);
  }
  return f;
}

const cache = new Map<string, number>();

export function textWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const value = text == null ? '' : String(text).trim();
  if (size <= 0 || !value) return 0;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 500;
  const italic = item.fontStyle === 'italic';
  const style: RobotoStyle = bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal';
  const key = `${style}\u0000${value}`;
  let em = cache.get(key);
  if (em === undefined) {
    em = advance(faceBytes(roboto[style]), value);
    if (em === undefined) {
      const f = face(style);
      em = f.layout(value).advanceWidth / f.unitsPerEm;
    }
    cache.set(key, em);
  }
  return em * size;
}

let installed = false;
/** Vega reads `textMetrics.width` for layout and truncation; vl-convert replaces it the same way. */
export async function useFontMetrics(): Promise<void> {
  // Before any label is measured: a width never depends on whether HarfBuzz had loaded yet.
  await loadShaper();
  if (installed) return;
  // Exported by vega-scenegraph at runtime, though missing from vega's typings.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } })
    .textMetrics;
  metrics.width = textWidth;
  installed = true;
}
