/**
 * Loads a whole workspace (the tool's templates and locales, and every project
 * under content/) and runs every check of the content that needs no rendering;
 * the charts are checked on request (`withChartChecks` in chart-memo.ts), by the commands that draw.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isInside, type Overlay } from '../load/read.js';
import { basename, join, resolve } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compileTemplates, templateNames, type CompiledTemplate } from '../write/templates.js';
import { loadProject } from '../load/project.js';
import { loadToolkit, type Toolkit } from '../load/toolkit.js';
import type { ParsedYaml } from '../load/yaml.js';
import type { Project } from '../model/project.js';
import { checkInterfaceBidi, checkInterfaceStrings, checkLocaleTags, checkTemplateText } from './checks.js';
import { checkTemplateSafety, checkTemplateNames } from './template-checks.js';
import { loadTranslations, staleDiagnostics, type Translations } from '../translation/workspace.js';

/** A project's compiled templates (the tool's, with the project's own in their place) and their files. */
export interface ProjectTemplates {
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  readonly files: ReadonlyMap<string, string>;
}

/** What documents are made from: the tool's templates and locales, and the projects. */
export interface WorkspaceContent {
  readonly root: string;
  readonly toolkit: Toolkit;
  /** By project id. */
  readonly templates: ReadonlyMap<string, ProjectTemplates>;
  readonly projects: readonly Project[];
  /** Every problem found so far (the translations' are added to the same list). */
  readonly diagnostics: Diagnostic[];
}

export interface Workspace extends WorkspaceContent {
  /** Every unit of every translation language, with its state (see translation/catalog.ts). */
  readonly translations: Translations;
}

/** A project's folder name is its id: as the ids of its content are. */
const PROJECT_ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * The project folders `--project` names, or all. A name no folder has stops the command
 * (a typo in a script would otherwise leave its project out of every build, unsaid).
 */
function selectedProjects(
  root: string,
  dirs: readonly string[],
  onlyProjects: readonly string[] | undefined,
  diagnostics: Diagnostic[],
): string[] {
  const content = join(root, 'content');
  const known = dirs.map((d) => basename(d));
  const unknown = (onlyProjects ?? []).filter((p) => !known.includes(p));
  for (const id of unknown) diagnostics.push(diagnose('ref/unknown-project', content, { id, known }));
  const chosen = dirs.filter((d) => !onlyProjects || onlyProjects.includes(basename(d)));
  if (chosen.length === 0 && unknown.length === 0)
    diagnostics.push(diagnose('file/missing', content, { kind: 'no-project' }));
  return chosen;
}

/**
 * Project folders under content/. An entry that cannot be followed (a dangling
 * link) or that leads outside the workspace is reported where it is and skipped;
 * it hides no other project.
 */
export function projectDirs(root: string, problems: Diagnostic[] = []): string[] {
  const contentDir = join(root, 'content');
  let names: string[];
  try {
    names = readdirSync(contentDir).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
  const realRoot = realpathSync(root);
  const dirs: string[] = [];
  for (const name of names.sort()) {
    const path = join(contentDir, name);
    let real: string;
    try {
      real = realpathSync(path);
      if (!statSync(real).isDirectory()) continue;
    } catch {
      problems.push(diagnose('file/unreadable', path, { kind: 'dangling-project', name }));
      continue;
    }
    if (!isInside(realRoot, real)) {
      problems.push(diagnose('file/outside-project', path, { kind: 'project', name }));
      continue;
    }
    // A folder named `index.html` would be written over the index; a name with markup
    // or spaces would be a path and an id nobody can type.
    if (!PROJECT_ID.test(name)) {
      problems.push(diagnose('schema/invalid', path, { kind: 'project-name', name }, { line: 1, column: 1 }));
      continue;
    }
    dirs.push(path);
  }
  return dirs;
}

/**
 * `overlay` gives files as a write would leave them (absolute path → text): the
 * workspace is then loaded and checked as it would be after the write.
 */
export function loadWorkspace(root: string, onlyProjects?: readonly string[], overlay?: Overlay): Workspace {
  return withTranslations(loadContent(root, onlyProjects, overlay), overlay);
}

/**
 * The toolkit and the projects, checked one by one: all a document needs. The checks
 * across the workspace's translations come after (`withTranslations`), so a build can
 * make documents while they run.
 */
export function loadContent(
  root: string,
  onlyProjects?: readonly string[],
  overlay?: Overlay,
): WorkspaceContent {
  const loading = startContent(root, onlyProjects, overlay);
  // `next` gives undefined for a project that failed to load: the ones after it load all the same.
  while (loading.next() !== false) continue;
  return loading.content;
}

/** A workspace loaded one project at a time (`next`); `content` holds what is loaded so far. */
export interface ContentLoading {
  readonly content: WorkspaceContent;
  /** Projects not loaded yet. */
  readonly left: number;
  /** Loads the next project: the project, or undefined if it failed to load; false once all are loaded. */
  next(): Project | undefined | false;
}

/** The toolkit loaded and checked, and the project folders found: `next` loads each project. */
export function startContent(
  root: string,
  onlyProjects?: readonly string[],
  overlay?: Overlay,
): ContentLoading {
  const { toolkit, diagnostics } = loadToolkit(root, overlay);
  const templates = new Map<string, ProjectTemplates>();
  const tool = compileTemplates(toolkit);
  diagnostics.push(...tool.diagnostics, ...missingTemplates(toolkit, diagnostics));
  diagnostics.push(
    ...checkInterfaceStrings(toolkit),
    ...checkInterfaceBidi(toolkit),
    ...checkTemplateText(toolkit),
    ...checkLocaleTags(toolkit),
    ...checkTemplateSafety(toolkit),
  );
  const projects: Project[] = [];
  const dirs = selectedProjects(root, projectDirs(root, diagnostics), onlyProjects, diagnostics);
  const content: WorkspaceContent = { root, toolkit, templates, projects, diagnostics };
  let done = 0;
  return {
    content,
    get left() {
      return dirs.length - done;
    },
    next: () => {
      const dir = dirs[done];
      if (dir === undefined) return false;
      done++;
      const result = loadProject(dir, overlay);
      diagnostics.push(...result.diagnostics);
      if (!result.project) return undefined;
      projects.push(result.project);
      templates.set(result.project.id, projectTemplates(toolkit, result.project, tool, diagnostics));
      diagnostics.push(...audienceLabels(toolkit, result.project, result.positions.get('project.yaml')));
      result.project.config.locales.forEach((locale, i) => {
        if (!toolkit.locales.has(locale))
          diagnostics.push(
            diagnose(
              'i18n/missing-key',
              join(dir, 'project.yaml'),
              { kind: 'locale', locale, known: [...toolkit.locales.keys()] },
              result.positions.get('project.yaml')?.positionOf(['locales', i]),
            ),
          );
      });
      return result.project;
    },
  };
}

/** The workspace's translations (catalogues, glossaries, states) loaded and checked; their problems added to the content's. */
export function withTranslations(content: WorkspaceContent, overlay?: Overlay): Workspace {
  const { root, toolkit, projects, diagnostics } = content;
  const translations = loadTranslations({ root, toolkit, projects, overlay });
  // Stale translations are warnings like missing ones: listed by every build, fatal with --strict.
  diagnostics.push(
    ...translations.diagnostics,
    ...staleDiagnostics(root, translations.catalogs.values(), translations.unreadable, translations.files),
  );
  return { ...content, translations };
}

/** The project's templates: the tool's compiled once, recompiled only for a project that overrides some. */
function projectTemplates(
  toolkit: Toolkit,
  project: Project,
  tool: ProjectTemplates,
  diagnostics: Diagnostic[],
): ProjectTemplates {
  diagnostics.push(...checkTemplateNames(project));
  if (!project.templates.size && !project.partials.size) return tool;
  const own = compileTemplates(toolkit, project);
  diagnostics.push(...own.diagnostics);
  return own;
}

/**
 * Every block kind has a template: a tool without one is broken, not a project. A
 * template the loader refused (a link out of the folder) is already its error: one
 * cause, one error.
 */
function missingTemplates(toolkit: Toolkit, found: readonly Diagnostic[]): Diagnostic[] {
  const refused = new Set(
    found.filter((d) => d.severity === 'error').map((d) => resolve(toolkit.root, d.file)),
  );
  return Object.values(templateNames)
    .filter((name) => !toolkit.templates.has(name))
    .filter((name) => !refused.has(resolve(toolkit.root, 'templates', `${name}.hbs`)))
    .map((name) =>
      diagnose('file/missing', join(toolkit.root, 'templates', `${name}.hbs`), {
        kind: 'block-template',
        block: name,
      }),
    );
}

/**
 * Every audience has a name readers see: the project's `audiences.<id>.label`, or the
 * interface's. Pointed at the audience in project.yaml. Not asked when the source
 * language's texts.yaml or interface strings are missing or could not be read: that is
 * the one cause, reported as such.
 */
function audienceLabels(toolkit: Toolkit, project: Project, config: ParsedYaml | undefined): Diagnostic[] {
  const src = project.config.sourceLocale;
  if (
    !toolkit.locales.has(src) ||
    !project.locales.has(src) ||
    toolkit.unreadable.has(`locales/${src}/common.json`)
  )
    return [];
  const texts = project.locales.get(src)?.texts;
  const ui = toolkit.locales.get(src)?.common as
    { document?: { audience?: Record<string, unknown> } } | undefined;
  return Object.keys(project.config.audiences)
    .filter((a) => !texts?.audiences[a] && typeof ui?.document?.audience?.[a] !== 'string')
    .map((a) =>
      diagnose(
        'ref/unknown-audience',
        join(project.dir, 'project.yaml'),
        { kind: 'unnamed', id: a, textsFile: `${src}/texts.yaml` },
        config?.keyPositionOf(['audiences', a]),
      ),
    );
}
