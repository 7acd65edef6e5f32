/**
 * Checks of sources.yaml: a source's `via` exists, its text file was read, its title is
 * given, and a title published in a language is in that language's texts.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';
import { references } from './references.js';

export function checkSources(project: Project, ctx: CheckContext): Diagnostic[] {
  const { file, pos } = ctx;
  const need = references(project, ctx);
  const out: Diagnostic[] = [];
  // Sources: `via` must exist, and text files must be readable.
  project.sources.forEach((s, i) => {
    if (s.via) out.push(...need.source(s.via, 'sources.yaml', [i, 'via']));
    if (s.text && ctx.sourceTexts[i] === undefined)
      out.push(
        diagnose(
          'file/missing',
          file('sources.yaml'),
          { kind: 'source-text', text: s.text },
          pos('sources.yaml', [i, 'text']),
        ),
      );
  });
  // A source is named in the references by its author and title in the source language.
  project.sources.forEach((s, i) => {
    const published = s.titleLanguage;
    if (published && !project.config.locales.includes(published))
      out.push(
        diagnose(
          'source/title-language',
          file('sources.yaml'),
          { source: s.id, language: published, locales: project.config.locales },
          pos('sources.yaml', [i, 'titleLanguage']),
        ),
      );
    if (ctx.sourceLocale && !(s.id in ctx.sourceLocale.texts.sources))
      out.push(
        diagnose(
          'source/untitled',
          file('sources.yaml'),
          { source: s.id, textsFile: `${project.config.sourceLocale}/texts.yaml` },
          pos('sources.yaml', [i, 'id']),
        ),
      );
  });
  return out;
}
