/**
 * Loads what the tool brings to every project: the Handlebars templates and
 * partials, the page stylesheet and the interface strings of each locale.
 */
import { basename } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { InputFile } from '../model/project.js';
import { parseJson } from './json.js';
import { FileReader } from './read.js';

export interface Toolkit {
  readonly root: string;
  /** Template sources by name (`briefing-osce`, `release`...). */
  readonly templates: ReadonlyMap<string, { file: string; source: string }>;
  readonly partials: ReadonlyMap<string, { file: string; source: string }>;
  readonly css: string;
  /** Interface strings: locale → namespace → JSON. */
  readonly locales: ReadonlyMap<string, Record<string, Record<string, unknown>>>;
  /** Files read, relative to the tool root (templates/..., locales/...). */
  readonly inputs: ReadonlyMap<string, InputFile>;
}

export function loadToolkit(root: string): { toolkit: Toolkit; diagnostics: Diagnostic[] } {
  const reader = new FileReader(root);
  const diagnostics: Diagnostic[] = [];
  const read = (dir: string, ext: string): Map<string, { file: string; source: string }> => {
    const out = new Map<string, { file: string; source: string }>();
    for (const rel of reader.list(dir, ext))
      out.set(basename(rel, ext), { file: reader.path(rel), source: reader.read(rel) ?? '' });
    return out;
  };
  const templates = read('templates', '.hbs');
  const partials = read('templates/partials', '.hbs');
  const css = reader.read('templates/assets/page.css') ?? '';
  const locales = new Map<string, Record<string, Record<string, unknown>>>();
  for (const dir of reader.listDirs('locales')) {
    const namespaces: Record<string, Record<string, unknown>> = {};
    for (const rel of reader.list(`locales/${dir}`, '.json')) {
      const text = reader.read(rel) ?? '';
      const parsed = parseJson(text, reader.path(rel), 'schema/invalid');
      if (parsed.ok) namespaces[basename(rel, '.json')] = parsed.value as Record<string, unknown>;
      else diagnostics.push(parsed.error);
    }
    locales.set(dir, namespaces);
  }
  if (templates.size === 0)
    diagnostics.push(diagnostic('file/missing', reader.path('templates'), 'no templates found'));
  return { toolkit: { root, templates, partials, css, locales, inputs: reader.inputs }, diagnostics };
}
