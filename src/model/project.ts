/** The validated model of a briefing project: the output of the load stage. */
import type { Root } from 'mdast';
import type {
  ChronologyEntry,
  FindingEntry,
  ProjectFile,
  RecommendationEntry,
  SourceEntry,
  TextsFile,
} from '../load/schema.js';
import type { Registry } from './figures.js';
import type { DirectiveUse } from '../load/markdown.js';

export const documentKinds = ['briefing-osce', 'briefing-un', 'briefing-eu', 'release'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** A prose unit: a Markdown file with a title. */
export interface Prose {
  readonly file: string;
  readonly title: string;
  readonly tree: Root;
  /** Directives used in the body, with positions in the file. */
  readonly uses: readonly DirectiveUse[];
}

export interface LocaleContent {
  readonly locale: string;
  readonly texts: TextsFile;
  readonly textsFile: string;
  readonly findings: ReadonlyMap<string, Prose>;
  readonly framing: ReadonlyMap<string, Prose>;
  readonly release: Prose | undefined;
}

/** A file the project was built from, with the hash of its bytes. */
export interface InputFile {
  readonly path: string;
  readonly sha256: string;
}

export interface ChartSpec {
  readonly id: string;
  readonly file: string;
  readonly spec: unknown;
  /** Line and column of the value at a JSON pointer, for diagnostics. */
  readonly positionOf?: (pointer: string) => { line: number; column: number };
}

export interface Project {
  readonly id: string;
  readonly dir: string;
  readonly config: ProjectFile;
  readonly figures: Registry;
  readonly sources: readonly SourceEntry[];
  readonly chronology: readonly ChronologyEntry[];
  readonly recommendations: readonly RecommendationEntry[];
  readonly findings: readonly FindingEntry[];
  readonly charts: ReadonlyMap<string, ChartSpec>;
  readonly locales: ReadonlyMap<string, LocaleContent>;
  /** Every file read, keyed by path relative to the project folder. */
  readonly inputs: ReadonlyMap<string, InputFile>;
}
