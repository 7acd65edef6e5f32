/**
 * A chart as an HTML page shows it: its title and subtitle as text that wraps to the column
 * (chart.hbs), and two drawings, one for a wide screen and one for a phone's column, of which
 * the page's CSS shows one. Each drawing states as its size the least at which its smallest
 * text reads at LEGIBLE_PX; the CSS lets it grow to the column's width, and a drawing still
 * wider than the column at that size scrolls inside its box rather than shrink below it.
 */
import type { Element } from 'hast';
import type { Chart } from '../model/document.js';
import { joinRangesText } from './html-ranges.js';

/** The least size, in CSS pixels, of any text in a chart as a screen shows it. */
export const LEGIBLE_PX = 11;
/** The narrowest column a page is read in: a 320 px screen less the page's margins (page.css). */
export const NARROWEST_COLUMN_PX = 288;

/** The smallest font size a drawing's text is given, in its own units. */
function smallestText(node: Element): number {
  let least = Infinity;
  const walk = (n: Element): void => {
    const size = parseFloat(String(n.properties.fontSize ?? ''));
    if (n.tagName === 'text' && size > 0) least = Math.min(least, size);
    for (const c of n.children) if (c.type === 'element') walk(c);
  };
  walk(node);
  return least;
}

/** A drawing sized to read at LEGIBLE_PX (its viewBox keeps what it shows), marked by `className`. */
export function legible(svg: Element, className: string): Element {
  const width = Number(svg.properties.width);
  const height = Number(svg.properties.height);
  const least = smallestText(svg);
  const scale = Number.isFinite(least) ? Math.max(1, LEGIBLE_PX / least) : 1;
  const own = Array.isArray(svg.properties.className) ? svg.properties.className : [];
  // Whole pixels, never below the legible size (rounded first: 400 × 1.1 is 440.00000000000006).
  const up = (n: number): number => Math.ceil(Math.round(n * scale * 1000) / 1000);
  const sized = width > 0 && height > 0 ? { width: up(width), height: up(height) } : {};
  return { ...svg, properties: { ...svg.properties, ...sized, className: [...own, className] } };
}

/** What chart.hbs sees of a chart; `drawing` serializes a drawing as trusted HTML. */
export function chartView(b: Chart, drawing: (svg: Element) => unknown): object {
  // Without a phone's drawing (one not drawn yet, pipeline/render-document.ts), the wide one
  // stands alone at every width, under a class the page's CSS never hides.
  const phone = legible(b.phone ?? b.svg, b.phone ? 'chart-phone' : 'chart-alone');
  // A box that scrolls on some phone takes the keyboard's focus, to be scrolled without a pointer.
  const scrolls = Number(phone.properties.width) > NARROWEST_COLUMN_PX;
  return {
    id: b.id,
    label: b.label,
    title: joinRangesText(b.title.join(' ')),
    subtitle: b.subtitle.map(joinRangesText),
    caption: joinRangesText(b.caption),
    svg: b.phone ? drawing(legible(b.svg, 'chart-wide')) : '',
    phone: drawing(phone),
    scrolls,
    table: b.table && { ...b.table, rows: b.table.rows.map((r) => r.map(joinRangesText)) },
  };
}
