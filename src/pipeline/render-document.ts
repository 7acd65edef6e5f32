/**
 * One planned document made into bytes: compose once, then both writers. The same
 * code runs on the main thread (one job, or one document to rebuild) and in each
 * worker of the pool; it never throws: every failure comes back as diagnostics.
 */
import { diagnose, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Translator } from '../i18n/instance.js';
import type { Place, SemanticDocument } from '../model/document.js';
import type { DocumentKind, Project } from '../model/project.js';
import type { RenderedChart } from '../charts/chart.js';
import { writeHtml } from '../write/html.js';
import { chartChars, chartFontCss } from '../fonts/subset.js';
import { memoAsync } from '../text/memo.js';
import { rendererVersions } from './renderers.js';
import type { BlockTemplates } from '../write/html-blocks.js';
import { writePdf } from '../write/pdf.js';
import { printable } from '../write/pdf-drawing.js';
import { composeDocument, translatorFor } from './document.js';
import { withPhoneDrawings } from '../compose/blocks.js';
import { toolBuild } from './translator.js';
import { documentInputs, type DocumentInputs } from './inputs.js';
import { pageLinks } from './page-links.js';
import type { Format } from './plan.js';
import type { WorkspaceContent } from './workspace.js';

/** A document to render, by name only: plain data, so it crosses to a worker thread. */
export interface RenderJob {
  readonly project: string;
  readonly locale: string;
  readonly kind: DocumentKind;
  readonly formats: readonly Format[];
  /** Rendered by the main thread, once per language for every document that shows them. */
  readonly charts: readonly RenderedChart[];
}

export interface RenderedDocument {
  readonly files: readonly { readonly format: Format; readonly bytes: Uint8Array }[];
  readonly audience: string | null;
  readonly type: 'briefing' | 'release';
  readonly inputs: DocumentInputs;
  readonly fallbacks: readonly string[];
  readonly places: readonly Place[];
  /** For the index: the title, the edition's name ("Briefing for…", "News release") and the date of information. */
  readonly title: string;
  readonly label: string;
  readonly asOf: string;
}

export interface RenderOutcome {
  /** Undefined when the document could not be composed. */
  readonly rendered?: RenderedDocument;
  readonly diagnostics: Diagnostic[];
}

/** What one thread keeps between documents: a translator per language. */
export interface RenderCaches {
  readonly translators: Map<string, Translator>;
}

export const newCaches = (): RenderCaches => ({ translators: new Map() });

/** The project's block templates: its own where it has them, the tool's elsewhere. */
function templatesOf(ws: WorkspaceContent, project: string): BlockTemplates {
  return ws.templates.get(project) ?? { templates: new Map(), files: new Map() };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The charts' font of an HTML page, kept between runs by the characters it holds: cutting
 * it starts harfbuzz (WebAssembly), about 0.13 s of a one-document rebuild's CPU, spent
 * while the PDF is written on the other core.
 */
const keptChartFonts = (text: string): Promise<string> => {
  const chars = chartChars(text);
  if (!chars) return Promise.resolve('');
  return memoAsync('chart-font-css', [rendererVersions(), chars], () => chartFontCss(text));
};

/** Writes a composed document as PDF: here, or on a worker thread (see pool.ts). */
export type PdfWriter = (doc: SemanticDocument) => Promise<Uint8Array>;

/**
 * Composes the document and writes its formats. The PDF is asked for first, so that
 * a PDF written on a worker thread is under way while this thread writes the HTML.
 */
export async function renderDocument(
  ws: WorkspaceContent,
  job: RenderJob,
  caches: RenderCaches,
  pdf: PdfWriter = writePdf,
): Promise<RenderOutcome> {
  const base = `${job.project}/${job.locale}/${job.kind}`;
  const project = ws.projects.find((p) => p.id === job.project);
  if (!project)
    return {
      diagnostics: [diagnose('internal/error', base, { detail: `project ${job.project} is not loaded` })],
    };
  const translator = translatorOf(ws, project, job.locale, caches);
  const doc = composedOrProblems(ws, project, job, translator, base);
  if (Array.isArray(doc)) return { diagnostics: doc };
  const diagnostics: Diagnostic[] = [];
  diagnostics.push(...(doc.warnings ?? []));
  const writing = startWriting(ws, project, job, doc, translator, pdf);
  // While a worker writes the PDF (the last thing a one-document rebuild waits for).
  const inputs = documentInputs(ws, project, doc, toolBuild());
  const files: { format: Format; bytes: Uint8Array }[] = [];
  for (const format of job.formats) {
    const out = await writing.get(format);
    if (out instanceof Uint8Array) files.push({ format, bytes: out });
    else if (out?.error instanceof DiagnosticError) diagnostics.push(...out.error.diagnostics);
    else diagnostics.push(diagnose('internal/error', `${base}.${format}`, { detail: message(out?.error) }));
  }
  return { rendered: renderedOf(doc, files, inputs), diagnostics };
}

/** The language's translator, made once per thread. */
function translatorOf(
  ws: WorkspaceContent,
  project: Project,
  locale: string,
  caches: RenderCaches,
): Translator {
  const key = `${project.id}/${locale}`;
  const translator = caches.translators.get(key) ?? translatorFor(ws, project, locale);
  caches.translators.set(key, translator);
  return translator;
}

/** The composed document, or the problems that kept it from being composed. */
function composedOrProblems(
  ws: WorkspaceContent,
  project: Project,
  job: RenderJob,
  translator: Translator,
  base: string,
): SemanticDocument | Diagnostic[] {
  try {
    return composeDocument(ws, project, job.locale, job.kind, { translator, charts: job.charts });
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    return [diagnose('internal/error', base, { detail: message(e) })];
  }
}

/**
 * The charts' drawings for a phone, by chart id: only the HTML page shows them, so they are
 * drawn once the PDF is under way (on a worker, the path a build waits for), not before.
 */
async function phoneDrawings(charts: readonly RenderedChart[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(charts.map(async (c) => [c.id, await c.phoneSvg()] as const)));
}

/** A format being written: its bytes, or what it failed with. */
type Writing = Promise<Uint8Array | { error: unknown }>;

/** Begins each format's writer, the PDF first. */
function startWriting(
  ws: WorkspaceContent,
  project: Project,
  job: RenderJob,
  doc: SemanticDocument,
  translator: Translator,
  pdf: PdfWriter,
): Map<Format, Writing> {
  // Settled at once into values or errors: a failure is a diagnostic, never an unhandled rejection.
  const settled = (p: Promise<Uint8Array>): Writing => p.catch((error: unknown) => ({ error }));
  const html = async (): Promise<Uint8Array> =>
    Buffer.from(
      await writeHtml(
        withPhoneDrawings(doc, await phoneDrawings(job.charts)),
        ws.toolkit.css,
        templatesOf(ws, project.id),
        pageLinks(ws, project, job.locale, job.kind, translator),
        keptChartFonts,
      ),
      'utf8',
    );
  const writing = new Map<Format, Writing>();
  if (job.formats.includes('pdf')) writing.set('pdf', settled(pdf(printable(doc))));
  if (job.formats.includes('html')) writing.set('html', settled(html()));
  return writing;
}

function renderedOf(
  doc: SemanticDocument,
  files: RenderedDocument['files'],
  inputs: DocumentInputs,
): RenderedDocument {
  return {
    files,
    audience: doc.meta.audience ?? null,
    type: doc.meta.type,
    inputs,
    fallbacks: doc.meta.fallbacks,
    places: doc.meta.places,
    title: doc.meta.title,
    label: doc.meta.audienceLabel,
    asOf: doc.meta.date,
  };
}
