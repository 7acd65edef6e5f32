/** The house style of every chart, so content specs say only what they show. A spec's own `config` wins. */
const theme = {
  font: 'Roboto',
  background: '#ffffff',
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
    labelFontSize: 10,
    titleFontSize: 10,
    titleFontWeight: 'normal',
    titleColor: '#5c6670',
    labelColor: '#1d2327',
    domainColor: '#9aa3ab',
    tickColor: '#9aa3ab',
    gridColor: '#e6e9ec',
  },
  // Legends name series in full: a cut-off series name cannot be read from the data table.
  legend: { labelFontSize: 10, symbolType: 'square', labelLimit: 0 },
  text: { fontSize: 10, color: '#1d2327' },
};

export function withTheme(spec: Record<string, unknown>): Record<string, unknown> {
  const own = (spec.config ?? {}) as Record<string, unknown>;
  return { width: 280, ...spec, config: { ...theme, ...own } };
}
