/** The PDF's type styles: one table, read by the writer and by the keep estimates. */
import type { Style } from 'pdfmake/interfaces.js';
import type { DocumentMeta } from '../model/document.js';
import { BODY_SIZE } from '../model/page.js';
import { TIGHTER, type TighterStep } from './pdfmake-balance.js';

export const ACCENT = '#8a1c1c';
export const MUTED = '#5c6670';
export const RULE = '#d5d9dd';
/** The cover's foot: its dates, language and contacts (pdf.ts places the foot by their lines). */
export const COVER_META_SIZE = 10;

/** The body text's style: what every style adds to. */
export const DEFAULT_STYLE = { font: 'Roboto', fontSize: BODY_SIZE, lineHeight: 1.3, color: '#1d2327' };

export type Styles = Record<string, Style>;

const SOURCES_8 = { references: { fontSize: 8, lineHeight: 1.1 }, reference: { margin: [0, 0, 0, 1] } };
const SOURCES_7_5 = {
  references: { fontSize: 7.5, lineHeight: 1.05 },
  reference: { margin: [0, 0, 0, 0.5] },
};

export function stylesOf(meta: Pick<DocumentMeta, 'type'>): Styles {
  return {
    coverOrg: { fontSize: 10, color: MUTED },
    coverType: { fontSize: 12, color: MUTED, margin: [0, 0, 0, 6] },
    coverTitle: { fontSize: 28, bold: true, lineHeight: 1.1, margin: [0, 0, 0, 12] },
    coverSubtitle: { fontSize: 15, color: MUTED, margin: [0, 0, 0, 28] },
    coverAudience: { fontSize: 13, bold: true, color: ACCENT },
    coverMeta: { fontSize: COVER_META_SIZE, color: MUTED, margin: [0, 2, 0, 0] },
    coverMetaHead: { fontSize: COVER_META_SIZE, bold: true, color: MUTED, margin: [0, 8, 0, 0] },
    headline: { fontSize: 20, bold: true, lineHeight: 1.15, margin: [0, 0, 0, 8] },
    standfirst: { fontSize: 13, color: MUTED, lineHeight: 1.25, margin: [0, 0, 0, 14] },
    endMark: { alignment: 'center', color: MUTED, margin: [0, 10, 0, 14] },
    partTitle: { fontSize: 22, bold: true, color: ACCENT, margin: [0, 0, 0, 12] },
    h1: { fontSize: 22, bold: true, margin: [0, 0, 0, 10] },
    h2: { fontSize: 16, bold: true, margin: [0, 16, 0, 8], color: '#1d2327' },
    h3: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 5] },
    h4: { fontSize: 11, bold: true, italics: true, margin: [0, 8, 0, 4] },
    p: { margin: [0, 0, 0, 7] },
    note: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 4] },
    li: { margin: [0, 0, 0, 4] },
    list: { margin: [0, 0, 0, 8] },
    quote: { italics: true, color: '#333333' },
    th: { bold: true, fontSize: 9 },
    td: { fontSize: 9 },
    chronologyDay: { bold: true, fontSize: 10, color: ACCENT },
    caption: { fontSize: 9, color: MUTED, margin: [0, 4, 0, 4] },
    // A chart's title and subtitle, at the sizes Vega drew them in the chart (theme.ts).
    chartTitle: { fontSize: 13, bold: true, lineHeight: 1.1 },
    chartSubtitle: { fontSize: 10, color: MUTED, lineHeight: 1.15 },
    // Sources are set tight: they follow the text they support, not the reader's eye.
    references: { fontSize: 8.5, lineHeight: 1.15 },
    reference: { margin: [0, 0, 0, 2] },
    // A news release runs two or three pages: its lists and sources are set tighter.
    ...(meta.type === 'release'
      ? {
          references: { fontSize: 8, lineHeight: 1.1 },
          reference: { margin: [0, 0, 0, 1] },
          // Set a little tighter than a briefing, as a release is: two or three pages.
          p: { margin: [0, 0, 0, 5], lineHeight: 1.25 },
          li: { margin: [0, 0, 0, 2], lineHeight: 1.25 },
          h2: { fontSize: 13, bold: true, margin: [0, 8, 0, 4], color: '#1d2327' },
          endMark: { alignment: 'center', color: MUTED, margin: [0, 6, 0, 6] },
          h3: { fontSize: 11.5, bold: true, margin: [0, 7, 0, 3] },
        }
      : {}),
    boxTitle: { bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
    figureValue: { fontSize: 16, bold: true, color: ACCENT },
    figureLabel: { fontSize: 10 },
    figureAsOf: { fontSize: 8.5, color: MUTED },
    running: { fontSize: 8, color: MUTED, lineHeight: 1.15 },
    toc2: { fontSize: BODY_SIZE, bold: true, lineHeight: 1.2 },
    toc3: { fontSize: 9, color: '#333333', lineHeight: 1.15 },
    // Swapped in when the sources would end on a page of their own (pdfmake-balance.ts).
    // Each with the share of the sources' height it saves (line height against the usual).
    [TIGHTER]: (meta.type === 'release'
      ? [{ shrink: 0.1, styles: SOURCES_7_5 }]
      : [
          { shrink: 0.1, styles: SOURCES_8 },
          { shrink: 0.19, styles: SOURCES_7_5 },
          // Last, the annex's other reference matter too: tables (the chronology) a half point smaller.
          { styles: { ...SOURCES_7_5, th: { bold: true, fontSize: 8.5 }, td: { fontSize: 8.5 } } },
        ]) satisfies TighterStep[],
  } as Styles;
}
