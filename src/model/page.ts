/**
 * The printed page both the PDF writer and the chart renderer lay out for: one
 * measure, so a chart drawn for the text block is printed at its own size.
 */

/** Left and right margins, in points: with 11 pt type they give lines of 60–80 characters (English about 78). */
export const MARGIN_X = 96;
/** The text block on A4, the narrower of the two page sizes, in points (CSS pixels in charts). */
export const TEXT_WIDTH = 595.28 - 2 * MARGIN_X;
/** Body type size, in points. */
export const BODY_SIZE = 11;
