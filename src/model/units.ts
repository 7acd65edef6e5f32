/**
 * Translatable units: the smallest pieces of text a translator works on, each with
 * a stable id. Content units are the keys of `<locale>/texts.yaml` (as dotted paths)
 * and the Markdown files; interface units are the keys of `locales/<locale>/*.json`.
 */
import { relative } from 'node:path';
import { sha256 } from '../text/hash.js';
import type { Project } from './project.js';

export interface TextUnit {
  /** `chronology.protests-spread`, `findings/incident-1.md`, `ui:common.section.findings`. */
  readonly id: string;
  /** File holding it, relative to the workspace root. */
  readonly file: string;
  /** Hash of the unit's text (of the whole file, for Markdown units). */
  readonly hash: string;
}

const unitHash = (text: string): string => sha256(text).slice(0, 16);

/** Dotted paths of every string leaf of a YAML/JSON tree. */
export function flatten(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (tree && typeof tree === 'object' && !Array.isArray(tree))
    return Object.entries(tree).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

export function contentUnits(project: Project, locale: string): TextUnit[] {
  const content = project.locales.get(locale);
  if (!content) return [];
  const prefix = `content/${project.id}/`;
  const units: TextUnit[] = flatten(content.texts).map(([id, text]) => ({
    id,
    file: `${prefix}${locale}/texts.yaml`,
    hash: unitHash(text),
  }));
  const prose = [
    ...[...content.findings.values()],
    ...[...content.framing.values()],
    ...(content.release ? [content.release] : []),
  ];
  for (const p of prose) {
    const rel = relative(project.dir, p.file);
    const hash = project.inputs.get(rel)?.sha256.slice(0, 16) ?? '';
    units.push({ id: rel.slice(locale.length + 1), file: prefix + rel, hash });
  }
  // A quotation's wording in this language: edited in quotations.yaml, beside the other languages'.
  for (const [id, q] of project.quotations) {
    const rendering = q.renderings[locale];
    if (rendering)
      units.push({
        id: `quotations.${id}`,
        file: `${prefix}quotations.yaml`,
        hash: unitHash(JSON.stringify(rendering)),
      });
  }
  return units.sort((a, b) => a.id.localeCompare(b.id));
}

export function interfaceUnits(
  locales: ReadonlyMap<string, Record<string, Record<string, unknown>>>,
  locale: string,
): TextUnit[] {
  const namespaces = locales.get(locale) ?? {};
  return Object.entries(namespaces)
    .flatMap(([ns, tree]) =>
      flatten(tree).map(([key, text]) => ({
        id: `ui:${ns}.${key}`,
        file: `locales/${locale}/${ns}.json`,
        hash: unitHash(text),
      })),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}
