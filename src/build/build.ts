/**
 * Build stage, in memory: plans the documents, composes each once and hands the
 * semantic document to both writers. Returns files and manifests; writes nothing.
 */
import { createRequire } from 'node:module';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { compose } from '../compose/compose.js';
import { createTranslator, type Translator } from '../i18n/instance.js';
import { sha256 } from '../load/read.js';
import type { SemanticDocument } from '../model/document.js';
import type { DocumentKind, Project } from '../model/project.js';
import { writeHtml } from '../write/html.js';
import { writePdf } from '../write/pdf.js';
import { plan, type Filters, type Format } from './plan.js';
import { renderChart, type RenderedChart } from '../charts/chart.js';
import type { Workspace } from './workspace.js';

const require = createRequire(import.meta.url);
export const toolVersion = (require('../../package.json') as { version: string }).version;

export interface DocumentInputs {
  readonly tool: string;
  /** Files read, relative to the workspace root, with their sha256. */
  readonly files: Record<string, string>;
  /** Figures shown, with the value shown. */
  readonly figures: Record<string, string>;
}

export interface BuiltFile {
  /** Path relative to the output folder. */
  readonly path: string;
  readonly bytes: Buffer;
  readonly project: string;
  readonly locale: string;
  readonly audience: string | null;
  readonly type: 'briefing' | 'release';
  readonly format: Format;
  readonly sha256: string;
  readonly inputs: DocumentInputs;
  readonly fallbacks: readonly string[];
}

export interface BuildResult {
  readonly files: BuiltFile[];
  readonly diagnostics: Diagnostic[];
}

export function translatorFor(ws: Workspace, project: Project, locale: string): Translator {
  const ns = (l: string): Record<string, Record<string, unknown>> => ({
    ...(ws.toolkit.locales.get(l) ?? {}),
    project: (project.locales.get(l)?.texts ?? {}) as Record<string, unknown>,
  });
  const src = project.config.sourceLocale;
  return createTranslator(
    locale,
    ns(locale),
    locale === src ? undefined : { locale: src, namespaces: ns(src) },
  );
}

/** The inputs a document depends on: the files it read, the figures it shows, the tool's version. */
function inputsOf(
  ws: Workspace,
  doc: SemanticDocument,
  project: Project,
  templateName: string,
): DocumentInputs {
  const files: Record<string, string> = {};
  const prefix = `content/${project.id}/`;
  const { locale, kind } = doc.meta;
  const src = project.config.sourceLocale;
  const audience = doc.meta.audience;
  for (const [rel, f] of project.inputs) {
    const [first] = rel.split('/');
    const localeFile = first === locale || first === src;
    if (localeFile && rel.includes('/framing/') && !(audience && rel.endsWith(`/framing/${audience}.md`)))
      continue;
    if (localeFile && rel.endsWith('/release.md') && kind !== 'release') continue;
    if (project.config.locales.includes(first ?? '') && !localeFile) continue;
    files[prefix + rel] = f.sha256;
  }
  for (const [rel, f] of ws.toolkit.inputs) {
    if (
      rel.startsWith('locales/') &&
      !rel.startsWith(`locales/${locale}/`) &&
      !rel.startsWith(`locales/${src}/`)
    )
      continue;
    if (
      rel.startsWith('templates/') &&
      rel.endsWith('.hbs') &&
      !rel.includes('/partials/') &&
      rel !== `templates/${templateName}.hbs`
    )
      continue;
    files[rel] = f.sha256;
  }
  const figures: Record<string, string> = {};
  for (const id of doc.meta.figures) {
    const f = project.figures.get(id);
    if (f) figures[id] = `${f.latest.qualifier} ${f.latest.value ?? ''} ${f.latest.asOf}`.trim();
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  return { tool: toolVersion, files: sorted, figures };
}

/** One document of the workspace, composed: the single way build, reports and tests get one. */
export function composeDocument(
  ws: Workspace,
  project: Project,
  locale: string,
  kind: DocumentKind,
  options: { translator?: Translator; charts?: readonly RenderedChart[] } = {},
): SemanticDocument {
  const template = ws.templates.get(kind);
  const templateFile = ws.toolkit.templates.get(kind)?.file ?? kind;
  if (!template)
    throw new DiagnosticError([diagnostic('file/missing', templateFile, `template ${kind}.hbs is missing`)]);
  const translator = options.translator ?? translatorFor(ws, project, locale);
  return compose({ project, locale, kind, translator, template, templateFile, charts: options.charts ?? [] });
}

export async function build(
  ws: Workspace,
  filters: Filters,
  onFile?: (f: BuiltFile) => void,
): Promise<BuildResult> {
  const diagnostics: Diagnostic[] = [];
  const files: BuiltFile[] = [];
  const translators = new Map<string, Translator>();
  const chartCache = new Map<string, Promise<RenderedChart>>();
  for (const planned of plan(ws.projects, filters)) {
    const { project, locale, kind } = planned;
    const key = `${project.id}/${locale}`;
    const translator = translators.get(key) ?? translatorFor(ws, project, locale);
    translators.set(key, translator);
    let doc: SemanticDocument;
    try {
      const charts = await chartsFor(project, kind, translator, chartCache, diagnostics);
      doc = composeDocument(ws, project, locale, kind, { translator, charts });
    } catch (e) {
      if (e instanceof DiagnosticError) {
        diagnostics.push(...e.diagnostics);
        continue;
      }
      throw e;
    }
    const inputs = inputsOf(ws, doc, project, kind);
    for (const format of planned.formats) {
      let bytes: Buffer;
      try {
        bytes = format === 'html' ? Buffer.from(writeHtml(doc, ws.toolkit.css), 'utf8') : await writePdf(doc);
      } catch (e) {
        diagnostics.push(
          diagnostic(
            'build/write',
            `${project.id}/${locale}/${kind}.${format}`,
            e instanceof Error ? e.message : String(e),
          ),
        );
        continue;
      }
      const file: BuiltFile = {
        path: `${project.id}/${locale}/${kind}.${format}`,
        bytes,
        project: project.id,
        locale,
        audience: doc.meta.audience ?? null,
        type: doc.meta.type,
        format,
        sha256: sha256(bytes),
        inputs,
        fallbacks: doc.meta.fallbacks,
      };
      files.push(file);
      onFile?.(file);
    }
  }
  return { files, diagnostics };
}

/** The charts a document shows (chosen in project.yaml per audience), rendered once per locale. */
export async function chartsFor(
  project: Project,
  kind: string,
  t: Translator,
  cache: Map<string, Promise<RenderedChart>>,
  diagnostics: Diagnostic[],
): Promise<RenderedChart[]> {
  const ids =
    kind === 'release'
      ? project.config.release.charts
      : (project.config.audiences[kind.slice('briefing-'.length) as 'osce']?.charts ?? []);
  const out: RenderedChart[] = [];
  for (const id of ids) {
    const chart = project.charts.get(id);
    if (!chart) continue;
    const key = `${project.id}/${t.locale}/${id}`;
    const pending = cache.get(key) ?? renderChart(chart, project, t);
    cache.set(key, pending);
    try {
      out.push(await pending);
    } catch (e) {
      diagnostics.push(
        diagnostic('chart/invalid', chart.file, `${t.locale}: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  }
  return out;
}
