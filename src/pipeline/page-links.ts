/**
 * Where a document sits among its siblings, for the page around it (write/html-page.ts):
 * the same document in each language of its project, every document of the project in
 * its language, its PDF, and the index. Paths are relative, so the output folder can move.
 */
import type { Translator } from '../i18n/instance.js';
import { audienceOf, documentKinds, type DocumentKind, type Project } from '../model/project.js';
import type { PageLinks } from '../write/html-page.js';
import type { WorkspaceContent } from './workspace.js';

/** A language's name in that language (`meta.name` of its interface strings: "Қазақша"). */
export function languageName(ws: WorkspaceContent, locale: string): string {
  const meta = ws.toolkit.locales.get(locale)?.common?.meta as { name?: unknown } | undefined;
  return typeof meta?.name === 'string' ? meta.name : locale;
}

function textAt(tree: unknown, path: string): string | undefined {
  let cur = tree;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' && cur !== '' ? cur : undefined;
}

/** The text keys an edition's name may come from: the project's own label of each audience. */
export const editionTextKeys = (project: Project): string[] =>
  Object.keys(project.config.audiences).map((a) => `audiences.${a}.label`);

/**
 * A document's name in a language, as its cover says it: the project's label of the
 * audience (its translation, else the source language's), else the interface's; or "News release".
 */
export function editionLabel(project: Project, locale: string, kind: DocumentKind, t: Translator): string {
  const audience = audienceOf(kind);
  if (!audience) return t.t('document.release');
  const key = `audiences.${audience}.label`;
  const source = project.locales.get(project.config.sourceLocale)?.texts;
  if (textAt(source, key) === undefined) return t.t(`document.audience.${audience}`);
  return textAt(project.locales.get(locale)?.texts, key) ?? textAt(source, key) ?? key;
}

export function pageLinks(
  ws: WorkspaceContent,
  project: Project,
  locale: string,
  kind: DocumentKind,
  t: Translator,
): PageLinks {
  return {
    languages: project.config.locales.map((l) => ({
      lang: l,
      label: languageName(ws, l),
      href: l === locale ? `${kind}.html` : `../${l}/${kind}.html`,
      current: l === locale,
    })),
    editions: documentKinds(project).map((k) => ({
      label: editionLabel(project, locale, k, t),
      href: `${k}.html`,
      current: k === kind,
    })),
    pdf: { label: t.t('page.pdf'), href: `${kind}.pdf` },
    index: { label: t.t('page.index'), href: '../../index.html' },
    labels: { languages: t.t('page.languages'), editions: t.t('page.editions') },
  };
}
