/**
 * Loads a whole workspace (the tool's templates and locales, and every project
 * under content/) and runs every check that needs no rendering.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compileTemplates, type CompiledTemplate } from '../compose/handlebars.js';
import { loadProject } from '../load/project.js';
import { loadToolkit, type Toolkit } from '../load/toolkit.js';
import type { Project } from '../model/project.js';
import { documentKinds, type DocumentKind } from '../model/project.js';
import { checkInterfaceStrings, checkTemplateText } from './checks.js';
import { checkCharts } from './chart-checks.js';
import { translatorFor } from './build.js';
import { loadTranslations, staleDiagnostics, type Translations } from '../translation/workspace.js';

/** A project's compiled templates (the tool's, with the project's own in their place) and their files. */
export interface ProjectTemplates {
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  readonly files: ReadonlyMap<string, string>;
}

export interface Workspace {
  readonly root: string;
  readonly toolkit: Toolkit;
  /** By project id. */
  readonly templates: ReadonlyMap<string, ProjectTemplates>;
  readonly projects: readonly Project[];
  readonly diagnostics: Diagnostic[];
  /** Every unit of every translation language, with its state (see translation/catalog.ts). */
  readonly translations: Translations;
}

export function projectDirs(root: string): string[] {
  const contentDir = join(root, 'content');
  try {
    return readdirSync(contentDir)
      .filter((name) => !name.startsWith('.') && statSync(join(contentDir, name)).isDirectory())
      .sort()
      .map((name) => join(contentDir, name));
  } catch {
    return [];
  }
}

export function loadWorkspace(root: string, onlyProjects?: readonly string[]): Workspace {
  const { toolkit, diagnostics } = loadToolkit(root);
  const templates = new Map<string, ProjectTemplates>();
  const tool = compileTemplates(toolkit);
  diagnostics.push(...tool.diagnostics);
  diagnostics.push(...checkInterfaceStrings(toolkit), ...checkTemplateText(toolkit));
  const projects: Project[] = [];
  const dirs = projectDirs(root).filter(
    (d) => !onlyProjects || onlyProjects.some((p) => d.endsWith(`/${p}`)),
  );
  if (dirs.length === 0)
    diagnostics.push(
      diagnostic(
        'file/missing',
        join(root, 'content'),
        onlyProjects
          ? `no project named ${onlyProjects.join(', ')} under content/`
          : 'no project under content/',
      ),
    );
  for (const dir of dirs) {
    const result = loadProject(dir);
    diagnostics.push(...result.diagnostics);
    if (result.project) {
      projects.push(result.project);
      templates.set(result.project.id, projectTemplates(toolkit, result.project, tool, diagnostics));
      diagnostics.push(...audienceLabels(toolkit, result.project));
      for (const locale of result.project.config.locales) {
        if (!toolkit.locales.has(locale))
          diagnostics.push(
            diagnostic(
              'i18n/missing-key',
              join(root, 'locales', locale),
              `project ${result.project.id} uses locale ${locale}, which has no interface strings in locales/${locale}/`,
            ),
          );
      }
    }
  }
  const translations = loadTranslations({ root, toolkit, projects });
  const ws = { root, toolkit, templates, projects, diagnostics, translations };
  // Stale translations are warnings like missing ones: listed by every build, fatal with --strict.
  diagnostics.push(...translations.diagnostics, ...staleDiagnostics(root, translations.catalogs.values()));
  for (const project of projects) {
    diagnostics.push(
      ...checkCharts(
        project,
        project.config.locales.map((l) => translatorFor(ws, project, l)),
      ),
    );
  }
  return ws;
}

/** The project's templates: the tool's compiled once, recompiled only for a project that overrides some. */
function projectTemplates(
  toolkit: Toolkit,
  project: Project,
  tool: ProjectTemplates,
  diagnostics: Diagnostic[],
): ProjectTemplates {
  let compiled = tool;
  if (project.templates.size || project.partials.size) {
    const own = compileTemplates(toolkit, project);
    diagnostics.push(...own.diagnostics);
    compiled = own;
  }
  for (const kind of documentKinds(project))
    if (!templateName(compiled, kind))
      diagnostics.push(
        diagnostic(
          'file/missing',
          join(project.dir, 'project.yaml'),
          `no template for ${kind}: add templates/${kind === 'release' ? 'release' : 'briefing'}.hbs`,
        ),
      );
  return compiled;
}

/** The template a document uses: its own (`briefing-osce`), else the shared briefing or release template. */
export function templateName(t: ProjectTemplates, kind: DocumentKind): string | undefined {
  return [kind, kind === 'release' ? 'release' : 'briefing'].find((name) => t.templates.has(name));
}

/** Every audience has a name readers see: the project's `audiences.<id>.label`, or the interface's. */
function audienceLabels(toolkit: Toolkit, project: Project): Diagnostic[] {
  const src = project.config.sourceLocale;
  const texts = project.locales.get(src)?.texts;
  const ui = toolkit.locales.get(src)?.common as
    { document?: { audience?: Record<string, unknown> } } | undefined;
  return Object.keys(project.config.audiences)
    .filter((a) => !texts?.audiences[a] && typeof ui?.document?.audience?.[a] !== 'string')
    .map((a) =>
      diagnostic(
        'ref/unknown-audience',
        join(project.dir, src, 'texts.yaml'),
        `audience \`${a}\` has no name: add \`audiences: { ${a}: { label: "Briefing for …" } }\` to ${src}/texts.yaml`,
      ),
    );
}
