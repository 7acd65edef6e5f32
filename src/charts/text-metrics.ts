/**
 * Vega measures label widths with a canvas when it has one and otherwise guesses
 * (0.8 × font size per character), which cut long axis labels short and made
 * charts wider than they are. Without a canvas we measure with the very font the
 * PDF embeds, through fontkit: exact, deterministic, no native dependency.
 */
import * as fontkit from 'fontkit';
import * as vega from 'vega';
import { roboto, type RobotoStyle } from '../fonts/roboto.js';

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: string | number;
  readonly fontStyle?: string;
}

const faces = new Map<RobotoStyle, fontkit.Font>();
function face(style: RobotoStyle): fontkit.Font {
  let f = faces.get(style);
  if (!f) {
    f = fontkit.openSync(roboto[style]) as fontkit.Font;
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
    const f = face(style);
    em = f.layout(value).advanceWidth / f.unitsPerEm;
    cache.set(key, em);
  }
  return em * size;
}

let installed = false;
/** Vega reads `textMetrics.width` for layout and truncation; vl-convert replaces it the same way. */
export function useFontMetrics(): void {
  if (installed) return;
  // Exported by vega-scenegraph at runtime, though missing from vega's typings.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } })
    .textMetrics;
  metrics.width = textWidth;
  installed = true;
}
