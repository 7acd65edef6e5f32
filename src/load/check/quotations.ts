/**
 * Checks of the quotation registry (quotations.yaml): every quotation has a source, a
 * named speaker and a rendering in every language of the project; words printed as the
 * speaker's own, or as a source published them, stand verbatim in that source's text; an
 * excerpt repeats its quotation's words. Returns diagnostics; never throws.
 */
import { diagnose, type Diagnostic, type Position } from '../../diagnostics/diagnostic.js';
import type { Claim } from '../../model/figure-use.js';
import type { Project } from '../../model/project.js';
import { foundVerbatim, isQuoted, isVerbatim, languageOf, sourceOf } from '../../model/quotations.js';
import type { QuotationEntry } from '../../model/schema.js';

export interface QuotationCheckInput {
  readonly project: Project;
  readonly entries: readonly QuotationEntry[];
  /** quotations.yaml as a path for messages. */
  readonly file: string;
  readonly pos: (path: PropertyKey[]) => Position | undefined;
  /** The plain text a source's words are checked against (its own, or its release's). */
  readonly textOf: (source: string) => string | undefined;
  readonly needSource: (id: string, path: PropertyKey[]) => void;
  /** Checks a rendering's Markdown as the texts of its locale are checked (digits, figures). */
  /** `path`: where the text is in quotations.yaml, to place a problem inside a value of several lines. */
  readonly checkText: (
    text: string,
    locale: string,
    at: Position | undefined,
    claim: Claim,
    path: readonly (string | number)[],
  ) => void;
}

export function checkQuotations(input: QuotationCheckInput): Diagnostic[] {
  const { project, entries, file, pos } = input;
  const out: Diagnostic[] = [];
  const ids = new Set(entries.map((e) => e.id));
  const speakers = project.locales.get(project.config.sourceLocale)?.texts.speakers ?? {};
  // The speakers are named in the source language's texts.yaml: unknown while it cannot be read.
  const speakersUnread = project.unreadable.has(`${project.config.sourceLocale}/texts.yaml`);
  entries.forEach((e, i) => {
    const q = project.quotations.get(e.id);
    if (e.excerptOf !== undefined && !ids.has(e.excerptOf))
      out.push(
        diagnose(
          'ref/unknown-quotation',
          file,
          { kind: 'excerpt-of', excerpt: e.id, id: e.excerptOf, known: ids },
          pos([i, 'excerptOf']),
        ),
      );
    if (e.source !== undefined) input.needSource(e.source, [i, 'source']);
    if (e.speaker !== undefined && !(e.speaker in speakers) && !speakersUnread)
      out.push(
        diagnose(
          'ref/unknown-speaker',
          file,
          {
            speaker: e.speaker,
            quotation: e.id,
            textsFile: `${project.config.sourceLocale}/texts.yaml`,
            known: Object.keys(speakers),
          },
          pos([i, 'speaker']),
        ),
      );
    for (const locale of project.config.locales)
      if (!e.renderings[locale])
        out.push(diagnose('quote/missing-rendering', file, { id: e.id, locale }, pos([i, 'renderings'])));
    if (!q) return;
    const parent = e.excerptOf === undefined ? undefined : project.quotations.get(e.excerptOf);
    for (const [locale, r] of Object.entries(e.renderings)) {
      const at = (field: string): Position | undefined => pos([i, 'renderings', locale, field]);
      if (r.source !== undefined) input.needSource(r.source, [i, 'renderings', locale, 'source']);
      const source = sourceOf(q, r);
      if (project.config.locales.includes(locale))
        input.checkText(r.text, locale, at('text'), { cites: source ? [source] : [], dated: true }, [
          i,
          'renderings',
          locale,
          'text',
        ]);
      if (r.kind === 'original' && q.language !== undefined && languageOf(locale) !== q.language)
        out.push(
          diagnose('quote/original-language', file, { id: e.id, locale, language: q.language }, at('kind')),
        );
      if (isVerbatim(r.kind) && source !== undefined) {
        const sourceText = input.textOf(source);
        const problem =
          sourceText === undefined ? 'no-text' : foundVerbatim(r.text, sourceText) ? undefined : 'not-found';
        if (problem)
          out.push(
            diagnose('quote/not-verbatim', file, { kind: problem, source, locale, id: e.id }, at('text')),
          );
      }
      const whole = parent?.renderings[locale];
      if (whole && isQuoted(r.kind) && isQuoted(whole.kind) && !foundVerbatim(r.text, whole.text))
        out.push(diagnose('quote/excerpt', file, { id: e.id, locale, whole: parent?.id ?? '' }, at('text')));
    }
  });
  return out;
}
