/**
 * The sizes a chart is drawn for (render.ts draws it to fit one): kept apart from the
 * renderer, which loads Vega, so that what names them need not.
 */
import { TEXT_WIDTH } from '../model/page.js';

/**
 * How wide a drawing may be, and how far it may narrow to get there: first its plot (from
 * `plot`, unless the spec sets its width, down to `minPlot`), then its labels, wrapped to no
 * less than `minLabel` (below it a chart is as narrow as it can honestly get).
 */
export interface Fit {
  readonly width: number;
  readonly plot: number;
  readonly minPlot: number;
  readonly minLabel: number;
  /** Legend entries one under another, where side by side they would be wider than the chart. */
  readonly stackedLegend: boolean;
  /** A bar chart's labels above its bars where beside them they would take over two lines (labels-above.ts). */
  readonly labelsAbove: boolean;
}

/** The printed text block (model/page.ts, CSS pixels drawn as points), and a wide screen's column. */
export const PRINT_FIT: Fit = {
  width: TEXT_WIDTH,
  plot: 260,
  minPlot: 180,
  minLabel: 100,
  stackedLegend: false,
  labelsAbove: false,
};

/**
 * A phone's column: at 320 px a page's column is 288 px, where a drawing this wide shows its
 * 10-unit labels at 11 px (write/html-blocks.ts sets that size as the drawing's least).
 */
export const PHONE_FIT: Fit = {
  width: 256,
  plot: 150,
  minPlot: 80,
  minLabel: 72,
  stackedLegend: true,
  labelsAbove: true,
};

/** The drawings a chart is shown by: for print and wide screens, and for a phone. */
export const fits = { print: PRINT_FIT, phone: PHONE_FIT } as const;
export type FitName = keyof typeof fits;
