/**
 * The semantic document: the output of compose and the input of both writers.
 * A typed tree of blocks (docs/document-model.md); each writer has one small
 * renderer per block kind and never looks for structure anywhere else.
 */
import type { Element, ElementContent } from 'hast';
import type { AudienceId } from './schema.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentKind, Logo } from './project.js';

export interface DocumentMeta {
  readonly project: string;
  readonly locale: string;
  readonly kind: DocumentKind;
  readonly type: 'briefing' | 'release';
  readonly audience: AudienceId | undefined;
  readonly title: string;
  readonly subtitle: string;
  readonly shortTitle: string;
  /** "Briefing for OSCE participating States", "News release". */
  readonly audienceLabel: string;
  /** The audience in the running header of each page: "For the OSCE", "News release". */
  readonly runningLabel: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  /** ISO date the information is current to; the PDF's creation date. */
  readonly date: string;
  readonly pageSize: 'A4' | 'LETTER';
  /** Localized "Page {{page}} of {{pages}}" with the placeholders kept. */
  readonly pageLabel: string;
  readonly contentsLabel: string;
  /** Units shown in the source language because their translation is missing. */
  readonly fallbacks: readonly string[];
  /** Figures and sources the document shows: the inputs it depends on. */
  readonly figures: readonly string[];
  /** Figure uses shown, by key: what a new value of a figure may change. */
  readonly uses: readonly string[];
  /** Prose units shown (`findings/x.md`, `framing/osce.md`, `release.md`): inputs by file. */
  readonly prose: readonly string[];
  /** Units of the project's texts the document shows (`chronology.x`): inputs by entry. */
  readonly texts: readonly string[];
  /** Sentences that show a figure. */
  readonly places: readonly Place[];
  readonly sources: readonly string[];
  readonly charts: readonly string[];
}

/** One figure use a document shows. */
export interface ShownUse {
  readonly id: string;
  /** See model/figure-use.ts useKey: `id@current` or `id@date@sources`. */
  readonly key: string;
  readonly asOf: string;
}

/** A sentence that shows a figure, as a reader sees it: the unit of the change report. */
export interface Place {
  /** The heading of the section it is in. */
  readonly section: string;
  /** The sentence with each figure as `{id}`: stable across updates, so old and new pair up. */
  readonly pattern: string;
  readonly text: string;
}

/**
 * Inline content, already localized and sanitized: text with `strong`, `em`, `br`,
 * `a[href]` (https, `#ref-N`, or `#chart-<id>` on `a.chartref`: a reference to a figure),
 * `time[datetime]`, `span.fig[data-figure]` (a figure value), `span.untranslated[lang]`
 * and `sup.cite` (a citation mark, numbered by compose).
 */
export type Inline = ElementContent[];

/**
 * Block content of a Markdown unit: `p`, `ul`/`ol`/`li`, `blockquote`, `h3`–`h5`, with
 * inline content inside. Produced from Markdown directly, never from an HTML string.
 */
export type Flow = ElementContent[];

export interface Cover {
  readonly kind: 'cover';
  readonly organisation: Inline;
  readonly logo: Logo | undefined;
  /** "Briefing" or "News release". */
  readonly doctype: string;
  readonly title: Inline;
  readonly subtitle: Inline;
  /** The audience's name ("Briefing for OSCE participating States"); none for the release. */
  readonly audience: string | undefined;
  /** "Information as of 16 January 2022". */
  readonly date: string;
  /** "Issued 17 January 2022". */
  readonly issued: string;
  /** The language's name in itself ("Русский"). */
  readonly language: string;
  readonly distribution: string | undefined;
  /** Who to contact, when the project names anyone. */
  readonly contacts: Contacts | undefined;
}

/** The head of a news release: the organisation's mark, the headline and the standfirst. */
export interface Masthead {
  readonly kind: 'masthead';
  readonly organisation: Inline;
  readonly logo: Logo | undefined;
  /** "News release". */
  readonly doctype: string;
  readonly headline: Inline;
  readonly standfirst: Inline | undefined;
  /** "Issued 17 January 2022". */
  readonly issued: string;
}

export interface Contact {
  /** Name and role, as the project's texts give them. */
  readonly name: Inline;
  readonly email: string | undefined;
  readonly phone: string | undefined;
  readonly url: string | undefined;
}

/** "For more information": the people a reader may contact. */
export interface Contacts {
  readonly kind: 'contacts';
  readonly heading: string;
  readonly entries: readonly Contact[];
  /** The end mark of a news release ("###"), when the block closes one. */
  readonly endMark: string | undefined;
}

/** A part of a document that opens on a new page: the annex, with its sections. */
export interface Part {
  readonly kind: 'part';
  readonly id: string;
  readonly heading: string;
  readonly children: Block[];
}

export interface ContentsEntry {
  readonly target: string;
  readonly level: 2 | 3;
  readonly label: Inline;
}

/** The table of contents, filled from the sections once the document is complete. */
export interface Contents {
  readonly kind: 'contents';
  readonly heading: string;
  entries: ContentsEntry[];
}

export interface Section {
  readonly kind: 'section';
  /** The anchor: `summary`, `findings`, `finding-incident-1`, `references`. */
  readonly id: string;
  readonly level: 2 | 3;
  readonly heading: Inline;
  /** What the section holds, for styling: `finding incident`, `addressee`. */
  readonly role: string | undefined;
  /** Set when the heading is shown in another language than the document's. */
  readonly lang: string | undefined;
  readonly children: Block[];
}

/** A Markdown unit's body. */
export interface Prose {
  readonly kind: 'prose';
  readonly content: Flow;
  /** Set when the unit is shown in the source language because its translation is missing. */
  readonly untranslated: { readonly lang: string; readonly notice: string } | undefined;
}

export interface KeyFigure {
  readonly id: string;
  readonly value: Inline;
  readonly label: Inline;
  /** "as of 16 January 2022". */
  readonly asOf: string;
  /** "earlier: at least 18 (6 January)". */
  readonly earlier: Inline | undefined;
  /** The citation mark of the value's sources. */
  readonly cite: Inline;
}

export interface KeyFigures {
  readonly kind: 'keyFigures';
  readonly heading: string;
  readonly items: readonly KeyFigure[];
}

/** Asks to one addressee in a callout, named once above them. */
export interface CalloutGroup {
  readonly addressee: Inline;
  readonly items: readonly CalloutItem[];
}

/** One key ask: a recommendation of the same briefing. */
export interface CalloutItem {
  readonly text: Inline;
  /**
   * The number the recommendation has in the briefing's recommendations section, so the
   * box and the section never number one ask twice; absent where that section is not printed.
   */
  readonly number?: number;
}

/** Whether a group's asks print their recommendations' numbers: all of them have one. */
export const numberedAsks = (g: CalloutGroup): boolean => g.items.every((i) => i.number !== undefined);

/** A boxed list beside the text: the audience's key asks. */
export interface Callout {
  readonly kind: 'callout';
  readonly role: 'key-asks';
  readonly heading: string;
  /**
   * What the box's numbers are ("Numbered as in the recommendations."), where it prints
   * them: without it, asks numbered 10, 1, 12 read as a list out of order. Empty otherwise.
   */
  readonly note: string;
  /**
   * The asks under whom they ask, so an ask never stands without its addressee and an
   * addressee is named once: addressees in the order of their first ask, asks in their order.
   */
  readonly groups: readonly CalloutGroup[];
}

export interface ChartTable {
  /** "Data". */
  readonly label: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface Chart {
  readonly kind: 'chart';
  readonly id: string;
  /**
   * The chart's title and subtitle, each as lines: printed as text above the drawing, which
   * holds none (a page wraps text to its column; a drawing is cut at a phone's edge).
   */
  readonly title: readonly string[];
  readonly subtitle: readonly string[];
  /** The chart as drawn by the chart renderer for the page, checked against the SVG vocabulary. */
  readonly svg: Element;
  /** Its width in CSS pixels, as drawn. */
  readonly width: number | undefined;
  /**
   * The same chart drawn for a phone's column (an HTML page shows it on a narrow screen).
   * Drawn after the PDF is under way, which does not show it (pipeline/render-document.ts):
   * undefined until then, and an HTML page without it shows the wide drawing at every width.
   */
  readonly phone: Element | undefined;
  readonly caption: string;
  readonly table: ChartTable | undefined;
  /** "Figure 2": set once the document is complete, in reading order. */
  label: string | undefined;
}

export interface ChronologyEntry {
  readonly id: string;
  /** "approx. 11:00", "in the evening", "11:00 (until 7 January)". */
  readonly when: string;
  readonly place: Inline | undefined;
  /** The event, with its citation mark. */
  readonly text: Inline;
}

export interface ChronologyDay {
  /** YYYY-MM-DD, local to the project's time zone. */
  readonly day: string;
  readonly label: string;
  readonly entries: readonly ChronologyEntry[];
}

export interface Chronology {
  readonly kind: 'chronology';
  /** Its name for a reader moving between regions ("Chronology"). */
  readonly label: string;
  /** "Times are local (UTC+06:00)…". */
  readonly note: string;
  /** The column headings: time, event. */
  readonly columns: readonly [string, string];
  readonly days: readonly ChronologyDay[];
}

export interface RecommendationGroup {
  readonly addressee: Inline;
  /** The number of the group's first recommendation: one numbering across groups. */
  readonly start: number;
  readonly items: readonly { readonly id: string; readonly text: Inline }[];
}

export interface Recommendations {
  readonly kind: 'recommendations';
  /** Numbered (a briefing: "recommendation 7" names one thing) or not (the release). */
  readonly numbered: boolean;
  readonly groups: readonly RecommendationGroup[];
}

/** The numbered source list, filled once every citation mark is numbered. */
export interface References {
  readonly kind: 'references';
  entries: Inline[];
}

export interface TableCell {
  /** Set when the cell is in another language than the document's. */
  readonly lang: string | undefined;
  readonly content: Inline;
}

/** A plain table: a header row and rows of cells (the review copy's source and translation). */
export interface Table {
  readonly kind: 'table';
  /** Its name for a reader moving between regions. */
  readonly label: string;
  /** What the table holds, for styling: `review`. */
  readonly role: string | undefined;
  readonly header: readonly string[];
  readonly rows: readonly { readonly role: string | undefined; readonly cells: readonly TableCell[] }[];
}

export type Block =
  | Cover
  | Masthead
  | Contacts
  | Part
  | Table
  | Contents
  | Section
  | Prose
  | KeyFigures
  | Callout
  | Chart
  | Chronology
  | Recommendations
  | References;

export type BlockKind = Block['kind'];

export interface SemanticDocument {
  readonly meta: DocumentMeta;
  readonly body: readonly Block[];
  /** What composing this document found to warn about (a reference to a chart it does not show). */
  readonly warnings?: readonly Diagnostic[];
}
