/**
 * One document of a workspace, composed: the single way the build, the reports and the
 * tests get one, with the translator of its language.
 */
import { createRequire } from 'node:module';
import { compose } from '../compose/compose.js';
import { createTranslator, type Translator } from '../i18n/instance.js';
import type { RenderedChart } from '../charts/chart.js';
import type { Toolkit } from '../load/toolkit.js';
import type { SemanticDocument } from '../model/document.js';
import type { DocumentKind, Project } from '../model/project.js';

// Two folders below the package in dist/pipeline/ and in a bundle's dist/cli/ or dist/pipeline/ alike.
const require = createRequire(import.meta.url);
export const toolVersion = (require('../../package.json') as { version: string }).version;

/** What a document is made with besides its project: the tool's interface strings. */
interface Tool {
  readonly toolkit: Toolkit;
}

export function translatorFor(ws: Tool, project: Project, locale: string): Translator {
  const ns = (l: string): Record<string, Record<string, unknown>> => ({
    ...(ws.toolkit.locales.get(l) ?? {}),
    project: (project.locales.get(l)?.texts ?? {}) as Record<string, unknown>,
  });
  const src = project.config.sourceLocale;
  return createTranslator(
    locale,
    ns(locale),
    locale === src ? undefined : { locale: src, namespaces: ns(src) },
  );
}

/** One document of the workspace, composed: the single way build, reports and tests get one. */
export function composeDocument(
  ws: Tool,
  project: Project,
  locale: string,
  kind: DocumentKind,
  options: { translator?: Translator; charts?: readonly RenderedChart[] } = {},
): SemanticDocument {
  const translator = options.translator ?? translatorFor(ws, project, locale);
  return compose({ project, locale, kind, translator, charts: options.charts ?? [] });
}
