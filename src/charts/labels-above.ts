/**
 * A bar chart's category labels set above their bars, across the drawing, instead of
 * beside them: on a phone's column, long labels beside a plot left it a few dozen pixels
 * wide and wrapped each label onto three to five lines (the Kazakh tolls chart drew 1,270
 * px tall, its bars of 19 against 1,000 a pixel or two long). Above, a label has the whole
 * column and the bars the whole plot. Only for the drawings whose labels need it
 * (`needsLabelsAbove`), and only for horizontal bars on a band scale, as `barRows`
 * (render.ts) finds them: the transform adds layers and changes the rows' padding, which
 * other shapes (panels, offset bars, point scales) draw otherwise.
 */
import { isRecord } from '../model/json.js';
import { LABEL_SIZE, LINE_HEIGHT } from './theme.js';
import { textWidth } from './text-metrics.js';

/** The spec's rows: `encoding.y` of a nominal field, and the labels the data give it. */
export interface Rows {
  readonly channel: { readonly field: string } & Record<string, unknown>;
  readonly labels: readonly string[];
}

/** Bars as thick as this, in pixels, with their label's lines above them. */
const BAR = 14;
/** Between a label's last line and its bar. */
const GAP = 2;
/** Between a bar and the next row's label. */
const ROW_GAP = 10;
/** A label beside the plot on more lines than this is set above it instead. */
const MOST_LINES_BESIDE = 2;

/**
 * Greedy word wrap of one label to `width` pixels, at the spaces a line may end on: not at a
 * no-break space, which keeps an abbreviation with its name ("пл. Республики").
 */
export function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/[ \t\n\r]+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth({ fontSize: LABEL_SIZE }, `${last} ${word}`) <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Whether the spec's rows are set above their bars in a drawing `width` wide: where beside a
 * plot `plot` wide a label would take more than two lines, and where the bars' lengths are
 * quantities from zero (an `x` of its own, no `x2`). A timeline's bars (start to end on a time
 * axis) keep their labels beside: above, they would float apart from the dots and spans they name.
 */
export function needsLabelsAbove(
  spec: Record<string, unknown>,
  rows: Rows,
  width: number,
  plot: number,
): boolean {
  // A selection's params belong to one view, which the layers added here would split.
  if (!lengthBars(spec) || (Array.isArray(spec.params) && spec.params.length)) return false;
  const beside = width - plot;
  return rows.labels.some((l) => wrapLabel(l, beside).length > MOST_LINES_BESIDE);
}

/** Bars whose length is a quantity: `x` quantitative, and no `x2` in the spec or any layer. */
function lengthBars(spec: Record<string, unknown>): boolean {
  const encodings = [spec, ...(Array.isArray(spec.layer) ? spec.layer : [])].map((s) =>
    isRecord(s) && isRecord(s.encoding) ? s.encoding : {},
  );
  const x = encodings.map((e) => e.x).find(isRecord);
  return x?.type === 'quantitative' && !encodings.some((e) => 'x2' in e);
}

/**
 * The spec drawn with its labels above its bars, each wrapped to `width`: the y axis draws
 * no labels, ticks or line; one text layer per number of lines (Vega sets a text's first
 * line on its baseline and the rest under it, so each count needs its own lift); the rows
 * tall enough for the longest label, the bars `BAR` thick at the foot of each row. The data,
 * domain and order are unchanged, and so are the spec's own layers (its value labels stay
 * beside the bars' ends). Grid lines would cross the labels, so the x axis draws none.
 */
export function labelsAbove(
  spec: Record<string, unknown>,
  rows: Rows,
  width: number,
): Record<string, unknown> {
  const wrapped = new Map(rows.labels.map((l) => [l, wrapLabel(l, width)] as const));
  const most = Math.max(1, ...[...wrapped.values()].map((w) => w.length));
  const above = GAP + most * LINE_HEIGHT;
  const step = BAR + above + ROW_GAP;
  const { channel } = rows;
  const encoding = (spec.encoding ?? {}) as Record<string, unknown>;
  const x = isRecord(encoding.x) ? encoding.x : undefined;
  const scale = isRecord(channel.scale) ? channel.scale : {};
  const axis = isRecord(channel.axis) ? channel.axis : {};
  const { mark, layer, ...rest } = spec;
  const own = Array.isArray(layer) ? layer : [{ mark }];
  const counts = [...new Set([...wrapped.values()].map((w) => w.length))].sort((a, b) => a - b);
  return {
    ...rest,
    height: { step },
    encoding: {
      ...encoding,
      y: {
        ...channel,
        scale: { ...scale, paddingInner: (above + ROW_GAP) / step, paddingOuter: above / step },
        axis: { ...axis, labels: false, ticks: false, domain: false },
      },
      ...(x ? { x: { ...x, axis: { ...(isRecord(x.axis) ? x.axis : {}), grid: false } } } : {}),
    },
    layer: [...own, ...counts.map((n) => labelLayer(channel.field, wrapped, n))],
  };
}

/** The labels of `n` lines, each as its lines, lifted so that the last sits just above its bar. */
function labelLayer(
  field: string,
  wrapped: ReadonlyMap<string, readonly string[]>,
  n: number,
): Record<string, unknown> {
  const mine = [...wrapped].filter(([, w]) => w.length === n);
  // As text, as the rows' labels were read (a number names its row as its digits).
  const label = `toString(datum[${JSON.stringify(field)}])`;
  const lines = mine.reduceRight(
    (rest, [l, w]) => `${label} === ${JSON.stringify(l)} ? ${JSON.stringify(w)} : ${rest}`,
    'null',
  );
  const descent = Math.round(0.21 * LABEL_SIZE);
  return {
    transform: [
      { filter: `indexof(${JSON.stringify(mine.map(([l]) => l))}, ${label}) >= 0` },
      { calculate: lines, as: 'briefing_label_lines' },
    ],
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'bottom',
      lineHeight: LINE_HEIGHT,
      fontSize: LABEL_SIZE,
      dy: -(BAR / 2 + GAP + descent + (n - 1) * LINE_HEIGHT),
    },
    // What the rows' other layers inherit from the spec's own encoding is not the labels'.
    encoding: {
      x: { value: 0 },
      text: { field: 'briefing_label_lines' },
      color: { value: '#1d2327' },
      size: { value: LABEL_SIZE },
      opacity: { value: 1 },
      angle: { value: 0 },
    },
  };
}
