/**
 * What every check of a loaded project shares: what the loader read beside the project,
 * where a file is (for messages) and where a value is in it (for places). Nothing here
 * reads a file.
 */
import type { Position } from '../../diagnostics/diagnostic.js';
import type { FormulaProblem } from '../../model/figures.js';
import type { LocaleContent, Project } from '../../model/project.js';
import type { FigureEntry, QuotationEntry } from '../../model/schema.js';
import type { ParsedYaml } from '../yaml.js';

/** What the loader hands the checks beside the project. */
export interface Loaded {
  /** Absolute path of a project-relative path, for messages. */
  readonly path: (rel: string) => string;
  readonly positions: ReadonlyMap<string, ParsedYaml>;
  readonly formulaProblems: readonly FormulaProblem[];
  readonly figureEntries: readonly FigureEntry[];
  readonly quotationEntries: readonly QuotationEntry[];
  /** Per source of sources.yaml, its `text` as the loader read it: undefined without one, or unreadable. */
  readonly sourceTexts: readonly (string | undefined)[];
  /** Project-relative files that are there but could not be read (their own error says why). */
  readonly unreadable: ReadonlySet<string>;
}

export interface CheckContext extends Loaded {
  /** A project-relative file as a path for messages. */
  readonly file: (rel: string) => string;
  /** Where a value is in a project-relative YAML file. */
  readonly pos: (rel: string, path: PropertyKey[]) => Position | undefined;
  /**
   * A language whose texts.yaml could not be read has no nouns, labels or texts to check
   * against: that file's error is the one cause (a typo in it gave hundreds of follow-ons).
   */
  readonly textsRead: (locale: string) => boolean;
  /** The source language's content, where texts are checked against. */
  readonly sourceLocale: LocaleContent | undefined;
  readonly sourceIds: ReadonlySet<string>;
  /** The plain text a source's words are checked against: its own, or that of the source it comes via. */
  readonly textOf: (source: string) => string | undefined;
}

export function checkContext(project: Project, loaded: Loaded): CheckContext {
  return {
    ...loaded,
    file: (rel) => loaded.path(rel),
    pos: (rel, path) => loaded.positions.get(rel)?.positionOf(path),
    textsRead: (locale) => !loaded.unreadable.has(`${locale}/texts.yaml`),
    sourceLocale: project.locales.get(project.config.sourceLocale),
    sourceIds: new Set(project.sources.map((s) => s.id)),
    textOf: sourceTextOf(project, loaded.sourceTexts),
  };
}

function sourceTextOf(
  project: Project,
  texts: Loaded['sourceTexts'],
): (source: string) => string | undefined {
  const sourceTexts = new Map<string, string>();
  project.sources.forEach((s, i) => {
    const text = texts[i];
    if (s.text && text !== undefined) sourceTexts.set(s.id, text);
  });
  const textOf = (id: string): string | undefined => {
    const s = project.sources.find((x) => x.id === id);
    if (!s) return undefined;
    return sourceTexts.get(s.id) ?? (s.via ? textOf(s.via) : undefined);
  };
  return textOf;
}
