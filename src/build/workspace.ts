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
import { documentKinds } from '../model/project.js';
import { checkInterfaceStrings, checkTemplateText } from './checks.js';
import { checkCharts } from './chart-checks.js';
import { translatorFor } from './build.js';
import { loadTranslations, staleDiagnostics, type Translations } from '../translation/workspace.js';

export interface Workspace {
  readonly root: string;
  readonly toolkit: Toolkit;
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
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
  const { templates, diagnostics: templateProblems } = compileTemplates(toolkit);
  diagnostics.push(...templateProblems);
  for (const kind of documentKinds) {
    if (!toolkit.templates.has(kind))
      diagnostics.push(
        diagnostic('file/missing', join(root, 'templates', `${kind}.hbs`), `template ${kind}.hbs is missing`),
      );
  }
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
