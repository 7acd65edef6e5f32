/**
 * One document of a workspace, composed: the single way the build, the reports and the
 * tests get one, with the translator of its language.
 */
import { compose } from '../compose/compose.js';
import type { Translator } from '../i18n/instance.js';
import type { RenderedChart } from '../charts/chart.js';
import type { SemanticDocument } from '../model/document.js';
import type { DocumentKind, Project } from '../model/project.js';
import { translatorFor, type Tool } from './translator.js';

export { toolVersion, translatorFor } from './translator.js';

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
