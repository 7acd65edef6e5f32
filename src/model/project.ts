/** The validated model of a briefing project: the output of the load stage. */
import type { Root } from 'mdast';
import type { Position } from '../diagnostics/diagnostic.js';
import type {
  ChronologyEntry,
  FindingEntry,
  ProjectFile,
  RecommendationEntry,
  SourceEntry,
  TextsFile,
} from './schema.js';
import type { Registry } from './figures.js';
import { sourceOf, type Quotations } from './quotations.js';
import { coversBy, type Claim, type Covers } from './figure-use.js';

/** A briefing per declared audience (`briefing-<audience>`), and the news release. */
export const directiveNames = ['fig', 'cite', 'date', 'time', 'quote', 'chartref'] as const;
export type DirectiveName = (typeof directiveNames)[number];

export interface DirectiveUse {
  readonly name: DirectiveName;
  readonly value: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly position: Position;
  /** For figures: what the sentence around the use claims (see load/claims.ts). */
  readonly claim?: Claim;
  /** A block directive (`::quote[id]`, a quotation set apart with its attribution). */
  readonly block?: boolean;
}

export type DocumentKind = 'release' | `briefing-${string}`;

/** What a document kind names: the news release, or the briefing for one audience. */
export type Edition = { readonly type: 'release' } | { readonly type: 'briefing'; readonly audience: string };

const BRIEFING = 'briefing-';
const RELEASE: Edition = { type: 'release' };
/** Each kind read once: a build asks for the same few kinds in every loop over its documents. */
const editions = new Map<DocumentKind, Edition>([['release', RELEASE]]);

/** The kind of the briefing for an audience. */
export const briefingKind = (audience: string): DocumentKind => `${BRIEFING}${audience}`;

/** What a kind names: the one place a kind's string is read. */
export function editionOf(kind: DocumentKind): Edition {
  let edition = editions.get(kind);
  if (!edition) {
    edition = { type: 'briefing', audience: kind.slice(BRIEFING.length) };
    editions.set(kind, edition);
  }
  return edition;
}

/** The documents a project makes, in a stable order: its audiences' briefings as declared, then the release. */
export function documentKinds(project: Pick<Project, 'config'>): DocumentKind[] {
  return [...Object.keys(project.config.audiences).map(briefingKind), 'release'];
}

/** The audience of a briefing kind; undefined for the release. */
export function audienceOf(kind: DocumentKind): string | undefined {
  const edition = editionOf(kind);
  return edition.type === 'briefing' ? edition.audience : undefined;
}

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

/** The organisation's mark: SVG markup (checked) or a PNG as a data URL. */
export type Logo =
  { readonly kind: 'svg'; readonly svg: string } | { readonly kind: 'png'; readonly dataUrl: string };

export interface TemplateSource {
  readonly file: string;
  readonly source: string;
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
  /** The quotation registry (quotations.yaml): one approved rendering per quotation and language. */
  readonly quotations: Quotations;
  readonly charts: ReadonlyMap<string, ChartSpec>;
  readonly locales: ReadonlyMap<string, LocaleContent>;
  /** The organisation's mark, from `organisation.logo` in project.yaml. */
  readonly logo: Logo | undefined;
  /** Templates and partials of the project's own (`templates/` in its folder): they override the tool's by name. */
  readonly templates: ReadonlyMap<string, TemplateSource>;
  readonly partials: ReadonlyMap<string, TemplateSource>;
  /** Every file read, keyed by path relative to the project folder. */
  readonly inputs: ReadonlyMap<string, InputFile>;
  /**
   * Files that are there but could not be read (their own error says why), by path
   * relative to the project folder: what they define is unknown, not missing.
   */
  readonly unreadable: ReadonlySet<string>;
}

/**
 * What a short text claims by the entry it belongs to: a chronology event is dated
 * and sourced, a recommendation sourced; other texts claim nothing.
 */
export function entryClaim(project: Project, key: string): Claim | undefined {
  const [group, id] = key.split('.');
  if (group === 'chronology') {
    const e = project.chronology.find((c) => c.id === id);
    return e ? { cites: [e.source], dated: true } : undefined;
  }
  if (group === 'quotations') {
    // Figures inside a quotation are what its source said, when it was said (its English wording's source).
    const q = project.quotations.get(id ?? '');
    const english = q?.renderings[project.config.sourceLocale];
    const source = q && english ? sourceOf(q, english) : q?.source;
    return source ? { cites: [source], dated: true } : undefined;
  }
  if (group === 'recommendations') {
    const r = project.recommendations.find((x) => x.id === id);
    return r ? { cites: [r.source], dated: false } : undefined;
  }
  return undefined;
}

/** Whether citing one source vouches for a value of another, in this project. */
export function projectCovers(project: Project): Covers {
  return coversBy(new Map(project.sources.map((s) => [s.id, s.via])));
}
