/** The semantic document: the output of compose and the input of both writers. */
import type { Root } from 'hast';
import type { AudienceId } from '../load/schema.js';
import type { DocumentKind } from './project.js';

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

export interface SemanticDocument {
  readonly meta: DocumentMeta;
  readonly tree: Root;
}
