/**
 * Every limit on input, in one place. Each is far above what real content needs
 * (the largest file of the first project is 40 kB, its deepest list 3 levels)
 * and far below what makes a parser or renderer run for minutes.
 */
export const limits = {
  /** Any one content, template or locale file. */
  fileBytes: 2_000_000,
  /** Nesting of lists and block quotes in Markdown, and of brackets on one line. */
  markdownDepth: 16,
  /**
   * Emphasis marks (`*`, `_`, `~`) on one line of Markdown: micromark's cost grows with their
   * nesting (five thousand levels of `**` took 45 s); a paragraph needs a few dozen at most.
   */
  markdownMarks: 256,
  /** Characters of one word (a link's address included): a page's line holds about 90. */
  wordChars: 300,
  /** Nesting of YAML collections and JSON values. */
  structureDepth: 64,
  /** YAML aliases (`*name`) in one file: content needs none; a few are harmless. */
  yamlAliases: 10,
  /** Rows a chart's data may have, generated (`sequence`) or inline. */
  chartRows: 10_000,
  /** A chart's sizes, paddings, steps and offsets, in pixels (a page is under a thousand). */
  chartPixels: 10_000,
  /**
   * Things a chart computes one by one from a count in its spec: axis ticks (`tickCount`),
   * bins (`maxbins`, `extent / step`), density and quantile steps. Vega draws them all,
   * synchronously: `"tickCount": 10000000` ran for minutes.
   */
  chartCount: 1_000,
  /** Views in one chart: layers, concatenated and repeated charts. */
  chartViews: 50,
  /** Width and height of a PNG logo, in pixels (it is printed a few centimetres wide). */
  logoSide: 4_000,
  /** Wall-clock time for rendering one chart. */
  chartMs: 10_000,
} as const;
