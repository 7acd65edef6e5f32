/** Labels print at this size in pixels, drawn one to one as points: never below 7 pt on paper. */
export const LABEL_SIZE = 10;
/** Distance between the lines of a wrapped label. */
export const LINE_HEIGHT = 12;

// Legends name series in full: a cut-off series name cannot be read from the data table.
// Below the chart, from its left edge: a legend on the right (or centred under the plot)
// is the first thing a narrow screen cuts off.
export const legendTheme = {
  orient: 'bottom',
  layout: { bottom: { anchor: 'start', bounds: 'full', frame: 'bounds' } },
  labelFontSize: LABEL_SIZE,
  symbolType: 'square',
  labelLimit: 0,
};

/** The house style of every chart, so content specs say only what they show. A spec's own `config` wins. */
export const theme = {
  font: 'Roboto',
  // The SVG is one image (role="img") described from the data in the document's language
  // (chart.ts); Vega's own ARIA texts are English templates, so it writes none.
  aria: false,
  // No background of its own: the page (white in print and on screen) shows through, and
  // so does the shadow that tells a reader a chart too wide for the screen scrolls inside its box.
  background: null,
  padding: 8,
  view: { stroke: null },
  title: {
    anchor: 'start',
    fontSize: 13,
    fontWeight: 'bold',
    subtitleFontSize: 10,
    subtitleColor: '#5c6670',
    offset: 10,
  },
  axis: {
    labelFontSize: LABEL_SIZE,
    titleFontSize: 10,
    titleFontWeight: 'normal',
    titleColor: '#5c6670',
    labelColor: '#1d2327',
    domainColor: '#9aa3ab',
    tickColor: '#9aa3ab',
    gridColor: '#e6e9ec',
    // Axis labels that would come closer than this are thinned out (Vega-Lite drops
    // overlapping ones on a quantitative axis, but let "800" and "1,000" touch).
    labelSeparation: 6,
  },
  legend: legendTheme,
  text: { fontSize: 10, color: '#1d2327' },
};

export function withTheme(spec: Record<string, unknown>): Record<string, unknown> {
  const own = (spec.config ?? {}) as Record<string, unknown>;
  return { width: 280, ...spec, config: { ...theme, ...own } };
}
