/**
 * Reads the files the translation workflow works on, as text: each project's texts
 * and Markdown in its source language and the target languages, the interface
 * strings (English, INTERFACE_SOURCE, and their translations), and the records of
 * which source text each translation was made from and who signed it off.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { FileReader, type Overlay } from '../load/read.js';
import type { Project } from '../model/project.js';
import type { FileSet } from './files.js';
import { INTERFACE_SOURCE, proseFiles } from './catalog.js';
import { contentStateFile, interfaceStateFile } from './state.js';
import { signoffFile } from './signoff.js';

export interface TranslationFiles {
  readonly files: FileSet;
  readonly namespaces: string[];
  /**
   * Records (translated-from.yaml, signed-off.yaml) that are there but cannot be read: not
   * text, too large, outside the project. Only this module reads them, so their problems
   * are reported from here; the content files are reported by the project's load.
   */
  readonly refused: ReadonlySet<string>;
  readonly problems: readonly Diagnostic[];
}

export function readTranslationFiles(
  root: string,
  projects: readonly Project[],
  locales: readonly string[],
  overlay?: Overlay,
): TranslationFiles {
  const reader = new FileReader(root, overlay);
  const files = new Map<string, string>();
  const records: string[] = [];
  const add = (rel: string): void => {
    const text = reader.read(rel);
    if (text !== undefined) files.set(rel, text);
  };
  const addRecord = (rel: string): void => {
    records.push(rel);
    add(rel);
  };
  const namespaces = reader
    .list(`locales/${INTERFACE_SOURCE}`, '.json')
    .map((rel) => rel.slice(`locales/${INTERFACE_SOURCE}/`.length, -'.json'.length));
  for (const locale of new Set([INTERFACE_SOURCE, ...locales])) {
    for (const ns of namespaces) add(`locales/${locale}/${ns}.json`);
    addRecord(interfaceStateFile(locale));
  }
  for (const project of projects) {
    const base = `content/${project.id}`;
    add(`${base}/quotations.yaml`);
    for (const locale of new Set([project.config.sourceLocale, ...locales])) {
      add(`${base}/${locale}/texts.yaml`);
      for (const rel of proseFiles(project)) add(`${base}/${locale}/${rel}`);
      addRecord(contentStateFile(project.id, locale));
      addRecord(signoffFile(project.id, locale));
    }
  }
  const refused = new Set(records.filter((rel) => reader.wasRefused(rel)));
  const paths = new Set([...refused].map((rel) => reader.path(rel)));
  return { files, namespaces, refused, problems: reader.problems.filter((d) => paths.has(d.file)) };
}
