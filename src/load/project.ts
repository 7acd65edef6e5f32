/**
 * Load stage: reads one project folder, validates every file against its schema
 * and returns the typed model, or every problem found (never only the first).
 */
import { basename } from 'node:path';
import type { z } from 'zod';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildRegistry } from '../model/figures.js';
import { buildQuotations } from '../model/quotations.js';
import type { ChartSpec, LocaleContent, Project, Prose, TemplateSource } from '../model/project.js';
import { parseJson, pointerPath } from './json.js';
import { parseMarkdown } from './markdown.js';
import { splitMarkdown } from './markdown-file.js';
import { loadLogo } from './logo.js';
import { FileReader, type Overlay } from './read.js';
import {
  ChronologyFile,
  FiguresFile,
  FindingsFile,
  type FindingEntry,
  MarkdownFrontMatter,
  ProjectFile,
  QuotationsFile,
  RecommendationsFile,
  SourcesFile,
  TextsFile,
} from '../model/schema.js';
import { parseYaml, validate, type ParsedYaml } from './yaml.js';
import { resolveReferences } from './resolve.js';
import type { Loaded } from './check/context.js';
import { checkFigureValues } from './figure-values.js';

const emptyTexts = TextsFile.parse({
  project: { title: '', subtitle: '', shortTitle: '', organisation: '' },
  sources: {},
});

export interface LoadResult {
  readonly project: Project | undefined;
  readonly diagnostics: Diagnostic[];
  /** Parsed YAML per project-relative file, so later checks can point at positions. */
  readonly positions: ReadonlyMap<string, ParsedYaml>;
}

export function loadProject(dir: string, overlay?: Overlay): LoadResult {
  const files = new ProjectFiles(new FileReader(dir, overlay));
  const { reader, diagnostics, positions, unreadable } = files;

  const config = files.yaml('project.yaml', ProjectFile, true);
  const figureEntries = files.yaml('figures.yaml', FiguresFile, true);
  const sources = files.yaml('sources.yaml', SourcesFile, true);
  const chronology = files.yaml('chronology.yaml', ChronologyFile, false) ?? [];
  const recommendations = files.yaml('recommendations.yaml', RecommendationsFile, false) ?? [];
  const findings = files.yaml('findings.yaml', FindingsFile, false) ?? [];
  const quotationEntries = files.yaml('quotations.yaml', QuotationsFile, false) ?? [];
  const locales = loadLocales(files, config, findings);
  const charts = loadCharts(files);
  const logo = projectLogo(files, config);

  diagnostics.push(...reader.problems);
  if (!config || !figureEntries || !sources) return { project: undefined, diagnostics, positions };

  const { registry, problems } = buildRegistry(figureEntries);
  const project: Project = {
    id: basename(dir),
    dir,
    config,
    figures: registry,
    sources,
    chronology,
    recommendations,
    findings,
    quotations: buildQuotations(quotationEntries),
    charts,
    locales,
    logo: logo.logo,
    templates: ownTemplates(reader, 'templates'),
    partials: ownTemplates(reader, 'templates/partials'),
    inputs: reader.inputs,
    unreadable,
  };
  diagnostics.push(
    ...checkLoaded(files, project, { figureEntries, quotationEntries, formulaProblems: problems }),
  );
  return { project, diagnostics, positions };
}

/**
 * The checks of a loaded project: its references, then what reading the source texts they
 * quote found, then the figures' values.
 */
function checkLoaded(
  files: ProjectFiles,
  project: Project,
  entries: Pick<Loaded, 'figureEntries' | 'quotationEntries' | 'formulaProblems'>,
): Diagnostic[] {
  const { reader, positions, unreadable } = files;
  const { figureEntries, quotationEntries, formulaProblems } = entries;
  const before = reader.problems.length;
  // The plain texts that figures and quotations quote: read here, like every file of the project.
  const sourceTexts = project.sources.map((s) => (s.text ? reader.read(`sources/${s.text}`) : undefined));
  return [
    ...resolveReferences(project, {
      path: (rel) => reader.path(rel),
      sourceTexts,
      positions,
      formulaProblems,
      figureEntries,
      quotationEntries,
      unreadable,
    }),
    ...reader.problems.slice(before),
    ...checkFigureValues(project, figureEntries, reader.path('figures.yaml'), positions.get('figures.yaml')),
  ];
}

/** The files of one project folder as they are read and validated, and every problem found. */
class ProjectFiles {
  readonly diagnostics: Diagnostic[] = [];
  /** Parsed YAML per project-relative file, so later checks can point at positions. */
  readonly positions = new Map<string, ParsedYaml>();
  // Files that are there but could not be read, or required and missing: their own error is
  // the one reported, not every reference to what they would have defined (a missing
  // en/texts.yaml had brought 88 more errors, from the charts, the speakers and the units).
  readonly unreadable = new Set<string>();

  constructor(readonly reader: FileReader) {}

  yaml<S extends z.ZodType>(rel: string, schema: S, required: boolean): z.infer<S> | undefined {
    const reader = this.reader;
    const text = reader.read(rel);
    if (text === undefined) {
      if (reader.wasRefused(rel)) this.unreadable.add(rel);
      else if (required) {
        this.diagnostics.push(diagnose('file/missing', reader.path(rel), { kind: 'file', rel }));
        this.unreadable.add(rel);
      }
      return undefined;
    }
    const parsed = parseYaml(text, reader.path(rel));
    this.positions.set(rel, parsed);
    const result = validate(parsed, schema);
    if (!result.ok) {
      this.diagnostics.push(...result.errors);
      this.unreadable.add(rel);
      return undefined;
    }
    return result.value;
  }

  prose(rel: string, source: boolean): Prose | undefined {
    const reader = this.reader;
    const text = reader.read(rel);
    if (text === undefined) {
      // A translation missing falls back to the source language; the source has nothing to
      // fall back to (an English briefing had printed an empty summary).
      if (!reader.wasRefused(rel))
        this.diagnostics.push(
          diagnose(source ? 'file/missing' : 'i18n/missing', reader.path(rel), { kind: 'file', rel }),
        );
      return undefined;
    }
    const file = reader.path(rel);
    const split = splitMarkdown(text, file);
    if (!split.ok) {
      this.diagnostics.push(...split.errors);
      this.unreadable.add(rel);
      return undefined;
    }
    const fm = validate(split.value.frontMatter, MarkdownFrontMatter);
    if (!fm.ok) {
      this.diagnostics.push(...fm.errors);
      this.unreadable.add(rel);
      return undefined;
    }
    const parsed = parseMarkdown(split.value.body, file, { line: split.value.bodyLine, column: 1 });
    this.diagnostics.push(...parsed.errors);
    return {
      file,
      title: fm.value.title,
      tree: parsed.tree,
      uses: parsed.uses,
    };
  }
}

/** Each language's texts and prose; a translation without texts still has its prose. */
function loadLocales(
  files: ProjectFiles,
  config: ProjectFile | undefined,
  findings: readonly FindingEntry[],
): Map<string, LocaleContent> {
  const { reader, diagnostics } = files;
  const locales = new Map<string, LocaleContent>();
  const audienceIds = config ? Object.keys(config.audiences) : [];
  for (const locale of config?.locales ?? []) {
    const textsRel = `${locale}/texts.yaml`;
    const isSource = locale === config?.sourceLocale;
    const texts = files.yaml(textsRel, TextsFile, isSource);
    if (!texts && !isSource && !reader.exists(textsRel)) {
      diagnostics.push(
        diagnose('i18n/missing', reader.path(textsRel), {
          kind: 'texts-file',
          rel: textsRel,
          sourceLocale: config?.sourceLocale ?? 'source',
        }),
      );
    }
    const prose = localeProse(files, locale, isSource, findings, audienceIds);
    if (texts) locales.set(locale, { locale, texts, textsFile: reader.path(textsRel), ...prose });
    else if (!isSource)
      locales.set(locale, { locale, texts: emptyTexts, textsFile: reader.path(textsRel), ...prose });
  }
  return locales;
}

/** One language's findings, framings (one per audience) and release. */
function localeProse(
  files: ProjectFiles,
  locale: string,
  isSource: boolean,
  findings: readonly FindingEntry[],
  audienceIds: readonly string[],
): Pick<LocaleContent, 'findings' | 'framing' | 'release'> {
  const findingProse = new Map<string, Prose>();
  for (const f of findings) {
    const prose = files.prose(`${locale}/findings/${f.id}.md`, isSource);
    if (prose) findingProse.set(f.id, prose);
  }
  const framing = new Map<string, Prose>();
  for (const audience of audienceIds) {
    const prose = files.prose(`${locale}/framing/${audience}.md`, isSource);
    if (prose) framing.set(audience, prose);
  }
  const release = files.prose(`${locale}/release.md`, isSource);
  return { findings: findingProse, framing, release };
}

function loadCharts(files: ProjectFiles): Map<string, ChartSpec> {
  const { reader, diagnostics, unreadable } = files;
  const charts = new Map<string, ChartSpec>();
  for (const rel of reader.list('charts', '.vl.json')) {
    const text = reader.read(rel);
    const id = basename(rel, '.vl.json');
    const parsed = text === undefined ? undefined : parseJson(text, reader.path(rel), 'chart/invalid');
    if (!parsed?.ok) {
      // Refused (its error is the reader's) or not JSON.
      if (parsed) diagnostics.push(parsed.error);
      unreadable.add(rel);
      continue;
    }
    charts.set(id, {
      id,
      file: reader.path(rel),
      spec: parsed.value,
      positionOf: (pointer) => parsed.parsed.positionOf(pointerPath(pointer)),
    });
  }
  return charts;
}

/** A project may bring its own templates and partials; they override the tool's of the same name. */
function ownTemplates(reader: FileReader, relDir: string): Map<string, TemplateSource> {
  return new Map(
    reader
      .list(relDir, '.hbs')
      .map((rel) => [basename(rel, '.hbs'), { file: reader.path(rel), source: reader.read(rel) ?? '' }]),
  );
}

function projectLogo(files: ProjectFiles, config: ProjectFile | undefined): ReturnType<typeof loadLogo> {
  const { reader, positions } = files;
  const logoRel = config?.organisation.logo;
  const logo = logoRel
    ? loadLogo(reader, logoRel, {
        file: reader.path('project.yaml'),
        at: positions.get('project.yaml')?.positionOf(['organisation', 'logo']),
      })
    : { problems: [] };
  files.diagnostics.push(...logo.problems);
  return logo;
}
