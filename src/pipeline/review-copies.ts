/**
 * Review copies of a workspace's documents in one language (translation/review.ts makes
 * each as a semantic document), rendered by the build's writers and written as the
 * build writes: one set, committed at once under the output folder's lock (output.ts).
 */
import { createContext } from '../compose/context.js';
import type { Translator } from '../i18n/instance.js';
import { documentKinds, type DocumentKind, type Project } from '../model/project.js';
import type { Catalog } from '../translation/catalog.js';
import { reviewCss, reviewDocument, type ReviewInput } from '../translation/review.js';
import type { SignOff } from '../translation/signoff.js';
import { compileTemplates } from '../write/templates.js';
import { writeHtml } from '../write/html.js';
import { writePdf } from '../write/pdf.js';
import { OutputTransaction, withOutputLock } from './output.js';
import { translatorFor } from './translator.js';
import type { Workspace } from './workspace.js';

export type ReviewFormat = 'html' | 'pdf';

/** One review copy, its path relative to the output folder. */
export interface ReviewCopy {
  readonly rel: string;
  readonly bytes: Buffer | string;
}

/** Every document's review copy in `locale`, per project translated into it, in each format. */
export async function makeReviewCopies(
  ws: Workspace,
  catalog: Catalog,
  signoffsOf: (project: string) => ReadonlyMap<string, SignOff>,
  formats: readonly ReviewFormat[],
): Promise<ReviewCopy[]> {
  const locale = catalog.locale;
  const copies: ReviewCopy[] = [];
  for (const project of ws.projects) {
    // A project is reviewed in the languages it is translated into, not in its own.
    if (!project.config.locales.includes(locale) || locale === project.config.sourceLocale) continue;
    const of: ProjectReview = {
      ws,
      project,
      catalog,
      signoffs: signoffsOf(project.id),
      tSource: translatorFor(ws, project, project.config.sourceLocale),
      tTarget: translatorFor(ws, project, locale),
    };
    for (const kind of documentKinds(project)) {
      const doc = reviewDocument(reviewInput(of, kind));
      const base = `${project.id}/${locale}/review-${kind}`;
      if (formats.includes('html'))
        copies.push({
          rel: `${base}.html`,
          bytes: await writeHtml(
            doc,
            reviewCss,
            ws.templates.get(project.id) ?? compileTemplates(ws.toolkit),
          ),
        });
      if (formats.includes('pdf')) copies.push({ rel: `${base}.pdf`, bytes: await writePdf(doc) });
    }
  }
  return copies;
}

/** What every review copy of one project shares. */
interface ProjectReview {
  readonly ws: Workspace;
  readonly project: Project;
  readonly catalog: Catalog;
  readonly signoffs: ReadonlyMap<string, SignOff>;
  readonly tSource: Translator;
  readonly tTarget: Translator;
}

/** What one document's review copy is made from: both languages' renderers and names. */
function reviewInput(of: ProjectReview, kind: DocumentKind): ReviewInput {
  const { ws, project, catalog, signoffs, tSource, tTarget } = of;
  const src = project.config.sourceLocale;
  const source = createContext(project, src, kind, tSource, 'review');
  // As the document names itself: the project's label for its audience, not its id.
  const audience = source.audienceLabel();
  return {
    project,
    kind,
    catalog,
    glossary: ws.translations.glossaries.get(project.id),
    signoffs,
    render: {
      source: source.renderer,
      target: createContext(project, catalog.locale, kind, tTarget, 'review').renderer,
    },
    names: { source: tSource.t('meta.name'), target: tTarget.t('meta.name') },
    title: project.locales.get(src)?.texts.project.title ?? project.id,
    documentName: audience
      ? `${tSource.t('document.briefing')} · ${audience}`
      : tSource.t('document.release'),
  };
}

/** Writes the copies into `outDir` as one set, as a build writes its documents. */
export async function writeReviewCopies(outDir: string, copies: readonly ReviewCopy[]): Promise<void> {
  await withOutputLock(outDir, async () => {
    const tx = new OutputTransaction(outDir);
    for (const c of copies) tx.write(c.rel, c.bytes);
    tx.commit();
    return Promise.resolve();
  });
}
