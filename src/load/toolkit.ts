/**
 * Loads what the tool brings to every project: the Handlebars templates and
 * partials, the page stylesheet and the interface strings of each locale.
 */
import { basename } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { InputFile } from '../model/project.js';
import { parseJson, type ParsedJson } from './json.js';
import { FileReader, type Overlay } from './read.js';

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
  /** Where each value of a locale file is, by file (absolute) and JSON path. */
  readonly localePositions: ReadonlyMap<string, ParsedJson>;
  /**
   * Locale files that are there but could not be read (their own error says why), relative
   * to the tool root: what they define is unknown, not missing (as `Project.unreadable`).
   */
  readonly unreadable: ReadonlySet<string>;
}

export function loadToolkit(
  root: string,
  overlay?: Overlay,
): { toolkit: Toolkit; diagnostics: Diagnostic[] } {
  const reader = new FileReader(root, overlay);
  const diagnostics: Diagnostic[] = [];
  const read = (dir: string, ext: string): Map<string, { file: string; source: string }> => {
    const out = new Map<string, { file: string; source: string }>();
    for (const rel of reader.list(dir, ext)) {
      const source = reader.read(rel);
      if (source !== undefined) out.set(basename(rel, ext), { file: reader.path(rel), source });
    }
    return out;
  };
  const localePositions = new Map<string, ParsedJson>();
  const templates = read('templates', '.hbs');
  const partials = read('templates/partials', '.hbs');
  const css = reader.read('templates/assets/page.css') ?? '';
  const locales = new Map<string, Record<string, Record<string, unknown>>>();
  const unreadable = new Set<string>();
  for (const dir of reader.listDirs('locales')) {
    const namespaces: Record<string, Record<string, unknown>> = {};
    for (const rel of reader.list(`locales/${dir}`, '.json')) {
      const text = reader.read(rel);
      const parsed = text === undefined ? undefined : parseJson(text, reader.path(rel), 'schema/invalid');
      const value = parsed?.ok ? parsed.value : undefined;
      if (parsed?.ok && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const path of valuesNotText(value))
          diagnostics.push(
            diagnose(
              'schema/invalid',
              reader.path(rel),
              {
                kind: 'shape',
                detail: 'interface text is a string or a group of strings',
                at: path.join('.'),
              },
              parsed.parsed.positionOf(path),
            ),
          );
        // Kept either way, for positions and for what its other keys define; an error stops the build.
        namespaces[basename(rel, '.json')] = value as Record<string, unknown>;
        localePositions.set(reader.path(rel), parsed.parsed);
        continue;
      }
      // There but not read: refused (the reader reports it), not JSON, or not an object.
      unreadable.add(rel);
      if (parsed && !parsed.ok) diagnostics.push(parsed.error);
      else if (parsed)
        diagnostics.push(
          diagnose(
            'schema/invalid',
            reader.path(rel),
            { kind: 'not-object', what: 'interface strings' },
            { line: 1, column: 1 },
          ),
        );
    }
    locales.set(dir, namespaces);
  }
  diagnostics.push(...reader.problems);
  if (templates.size === 0)
    diagnostics.push(diagnose('file/missing', reader.path('templates'), { kind: 'templates' }));
  return {
    toolkit: { root, templates, partials, css, locales, inputs: reader.inputs, localePositions, unreadable },
    diagnostics,
  };
}

/**
 * Paths of an interface strings file's values that are neither text nor a group of texts:
 * a number, `true` or `null` had been printed in a briefing as "42", "true" or the key itself.
 */
function* valuesNotText(value: object, path: readonly string[] = []): Generator<string[]> {
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) yield* valuesNotText(v, [...path, key]);
    else yield [...path, key];
  }
}
