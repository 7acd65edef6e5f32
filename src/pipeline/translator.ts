/**
 * A document's language as the build needs it before anything is composed: the translator
 * of a project's language (charts, reports, checks) and the tool's version (what a
 * document was made with). Apart from the composer (document.ts), so that a build with
 * nothing to make does not load it.
 */
import { createRequire } from 'node:module';
import { createTranslator, type Translator } from '../i18n/instance.js';
import type { Toolkit } from '../load/toolkit.js';
import type { Project } from '../model/project.js';
import { codeHash } from './memo-file.js';

// Two folders below the package in dist/pipeline/ and in a bundle's dist/cli/ or dist/pipeline/ alike.
const require = createRequire(import.meta.url);
export const toolVersion = (require('../../package.json') as { version: string }).version;

/**
 * The tool as a document's inputs record it: its version and its code. Code changed under
 * the same version (a checkout, a patch) can change any document's bytes, so every
 * document is made again; a build with no change of code makes the same bytes.
 */
export const toolBuild = (): string => `${toolVersion}+${codeHash().slice(0, 12)}`;

/** What a document is made with besides its project: the tool's interface strings. */
export interface Tool {
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
