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
  MarkdownFrontMatter,
  ProjectFile,
  QuotationsFile,
  RecommendationsFile,
  SourcesFile,
  TextsFile,
} from '../model/schema.js';
import { parseYaml, validate, type ParsedYaml } from './yaml.js';
import { resolveReferences } from './resolve.js';
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
  const reader = new FileReader(dir, overlay);
  const diagnostics: Diagnostic[] = [];
  const positions = new Map<string, ParsedYaml>();
  // Files that are there but could not be read, or required and missing: their own error is
  // the one reported, not every reference to what they would have defined (a missing
  // en/texts.yaml had brought 88 more errors, from the charts, the speakers and the units).
  const unreadable = new Set<string>();

  const yamlFile = <S extends z.ZodType>(
    rel: string,
    schema: S,
    required: boolean,
  ): z.infer<S> | undefined => {
    const text = reader.read(rel);
    if (text === undefined) {
      if (reader.wasRefused(rel)) unreadable.add(rel);
      else if (required) {
        diagnostics.push(diagnose('file/missing', reader.path(rel), { kind: 'file', rel }));
        unreadable.add(rel);
      }
      return undefined;
    }
    const parsed = parseYaml(text, reader.path(rel));
    positions.set(rel, parsed);
    const result = validate(parsed, schema);
    if (!result.ok) {
      diagnostics.push(...result.errors);
      unreadable.add(rel);
      return undefined;
    }
    return result.value;
  };

  const config = yamlFile('project.yaml', ProjectFile, true);
  const figureEntries = yamlFile('figures.yaml', FiguresFile, true);
  const sources = yamlFile('sources.yaml', SourcesFile, true);
  const chronology = yamlFile('chronology.yaml', ChronologyFile, false) ?? [];
  const recommendations = yamlFile('recommendations.yaml', RecommendationsFile, false) ?? [];
  const findings = yamlFile('findings.yaml', FindingsFile, false) ?? [];
  const quotationEntries = yamlFile('quotations.yaml', QuotationsFile, false) ?? [];

  const proseFile = (rel: string, source: boolean): Prose | undefined => {
    const text = reader.read(rel);
    if (text === undefined) {
      // A translation missing falls back to the source language; the source has nothing to
      // fall back to (an English briefing had printed an empty summary).
      if (!reader.wasRefused(rel))
        diagnostics.push(
          diagnose(source ? 'file/missing' : 'i18n/missing', reader.path(rel), { kind: 'file', rel }),
        );
      return undefined;
    }
    const file = reader.path(rel);
    const split = splitMarkdown(text, file);
    if (!split.ok) {
      diagnostics.push(...split.errors);
      unreadable.add(rel);
      return undefined;
    }
    const fm = validate(split.value.frontMatter, MarkdownFrontMatter);
    if (!fm.ok) {
      diagnostics.push(...fm.errors);
      unreadable.add(rel);
      return undefined;
    }
    const parsed = parseMarkdown(split.value.body, file, { line: split.value.bodyLine, column: 1 });
    diagnostics.push(...parsed.errors);
    return {
      file,
      title: fm.value.title,
      tree: parsed.tree,
      uses: parsed.uses,
    };
  };

  const locales = new Map<string, LocaleContent>();
  const audienceIds = config ? Object.keys(config.audiences) : [];
  for (const locale of config?.locales ?? []) {
    const textsRel = `${locale}/texts.yaml`;
    const isSource = locale === config?.sourceLocale;
    const texts = yamlFile(textsRel, TextsFile, isSource);
    if (!texts && !isSource && !reader.exists(textsRel)) {
      diagnostics.push(
        diagnose('i18n/missing', reader.path(textsRel), {
          kind: 'texts-file',
          rel: textsRel,
          sourceLocale: config?.sourceLocale ?? 'source',
        }),
      );
    }
    const findingProse = new Map<string, Prose>();
    for (const f of findings) {
      const prose = proseFile(`${locale}/findings/${f.id}.md`, isSource);
      if (prose) findingProse.set(f.id, prose);
    }
    const framing = new Map<string, Prose>();
    for (const audience of audienceIds) {
      const prose = proseFile(`${locale}/framing/${audience}.md`, isSource);
      if (prose) framing.set(audience, prose);
    }
    const release = proseFile(`${locale}/release.md`, isSource);
    if (texts)
      locales.set(locale, {
        locale,
        texts,
        textsFile: reader.path(textsRel),
        findings: findingProse,
        framing,
        release,
      });
    else if (!isSource)
      locales.set(locale, {
        locale,
        texts: emptyTexts,
        textsFile: reader.path(textsRel),
        findings: findingProse,
        framing,
        release,
      });
  }

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

  // A project may bring its own templates and partials; they override the tool's of the same name.
  const ownTemplates = (relDir: string): Map<string, TemplateSource> =>
    new Map(
      reader
        .list(relDir, '.hbs')
        .map((rel) => [basename(rel, '.hbs'), { file: reader.path(rel), source: reader.read(rel) ?? '' }]),
    );

  const logoRel = config?.organisation.logo;
  const logo = logoRel
    ? loadLogo(reader, logoRel, {
        file: reader.path('project.yaml'),
        at: positions.get('project.yaml')?.positionOf(['organisation', 'logo']),
      })
    : { problems: [] };
  diagnostics.push(...logo.problems);

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
    templates: ownTemplates('templates'),
    partials: ownTemplates('templates/partials'),
    inputs: reader.inputs,
    unreadable,
  };
  const before = reader.problems.length;
  // The plain texts that figures and quotations quote: read here, like every file of the project.
  const sourceTexts = sources.map((s) => (s.text ? reader.read(`sources/${s.text}`) : undefined));
  diagnostics.push(
    ...resolveReferences(project, {
      path: (rel) => reader.path(rel),
      sourceTexts,
      positions,
      formulaProblems: problems,
      figureEntries,
      quotationEntries,
      unreadable,
    }),
    ...reader.problems.slice(before),
    ...checkFigureValues(project, figureEntries, reader.path('figures.yaml'), positions.get('figures.yaml')),
  );
  return { project, diagnostics, positions };
}
