/**
 * Reads the files the translation workflow works on, as text: each project's texts
 * and Markdown in the source language and the target languages, the interface
 * strings, and the records of which English each translation was made from.
 */
import { FileReader, type Overlay } from '../load/read.js';
import type { Project } from '../model/project.js';
import type { FileSet } from './files.js';
import { proseFiles } from './catalog.js';
import { contentStateFile, interfaceStateFile } from './state.js';
import { signoffFile } from './signoff.js';

export function readTranslationFiles(
  root: string,
  projects: readonly Project[],
  locales: readonly string[],
  sourceLocale = 'en',
  overlay?: Overlay,
): { files: FileSet; namespaces: string[] } {
  const reader = new FileReader(root, overlay);
  const files = new Map<string, string>();
  const add = (rel: string): void => {
    const text = reader.read(rel);
    if (text !== undefined) files.set(rel, text);
  };
  const namespaces = reader
    .list(`locales/${sourceLocale}`, '.json')
    .map((rel) => rel.slice(`locales/${sourceLocale}/`.length, -'.json'.length));
  for (const locale of [sourceLocale, ...locales]) {
    for (const ns of namespaces) add(`locales/${locale}/${ns}.json`);
    add(interfaceStateFile(locale));
  }
  for (const project of projects) {
    const base = `content/${project.id}`;
    add(`${base}/quotations.yaml`);
    for (const locale of new Set([project.config.sourceLocale, ...locales])) {
      add(`${base}/${locale}/texts.yaml`);
      for (const rel of proseFiles(project)) add(`${base}/${locale}/${rel}`);
      add(contentStateFile(project.id, locale));
      add(signoffFile(project.id, locale));
    }
  }
  return { files, namespaces };
}
