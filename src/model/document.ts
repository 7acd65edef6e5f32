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
  readonly sources: readonly string[];
  readonly charts: readonly string[];
}

export interface SemanticDocument {
  readonly meta: DocumentMeta;
  readonly tree: Root;
}
