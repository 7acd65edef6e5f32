/**
 * Compose stage: project + locale + document kind → one semantic document.
 * Pure: reads nothing from disk; the templates and translators come in.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import { recordingFallbacks, type Translator } from '../i18n/instance.js';
import type { SemanticDocument } from '../model/document.js';
import type { DocumentKind, Project } from '../model/project.js';
import { numberCitations } from './citations.js';
import { createContext, type DocumentContext } from './context.js';
import { collectShown, newestShown } from './shown.js';
import { placesOf } from './places.js';
import { unitKey } from '../load/resolve.js';
import type { ShownUse } from '../model/document.js';
import type { CompiledTemplate } from './handlebars.js';
import type { RenderedChart } from '../charts/chart.js';
import { createHelpers } from './helpers.js';
import { buildViewModel } from './view-model.js';
import { classList, outsideVocabulary } from './vocabulary.js';

export interface ComposeInput {
  readonly project: Project;
  readonly locale: string;
  readonly kind: DocumentKind;
  readonly translator: Translator;
  readonly template: CompiledTemplate;
  readonly templateFile: string;
  /** Charts this document shows, already rendered for its locale. */
  readonly charts?: readonly RenderedChart[];
}

export function compose(input: ComposeInput): SemanticDocument {
  const { project, locale, kind } = input;
  const recorded = recordingFallbacks(input.translator);
  const interfaceFallbacks = recorded.fallbacks;
  // Project texts reached through the translator (nouns, chart labels) count as shown too.
  const projectKeys = new Set<string>();
  const lookup: Translator['lookup'] = (key, options) => {
    if (key.startsWith('project:')) projectKeys.add(unitKey(key.slice('project:'.length)));
    return recorded.translator.lookup(key, options);
  };
  const t: Translator = { ...recorded.translator, lookup, t: (key, options) => lookup(key, options).text };
  const stated = project.config.asOf;
  // The document is as recent as the newest value it shows: a current figure updated
  // after the project's stated date moves the cover's "information as of" with it.
  let pass = render(input, t, stated);
  const newest = newestShown([...pass.shown, ...chartDates(input.charts)], stated);
  if (newest !== stated) pass = render(input, t, newest);
  const { ctx, tree, shown } = pass;
  const sources = numberCitations(tree, ctx);
  fillContents(tree);
  const title = ctx.text('project.title').value;
  const audienceLabel = ctx.audienceLabel() ?? t.t('document.release');
  return {
    meta: {
      project: project.id,
      locale,
      kind,
      type: ctx.audience ? 'briefing' : 'release',
      audience: ctx.audience,
      title,
      subtitle: ctx.text('project.subtitle').value,
      shortTitle: ctx.text('project.shortTitle').value,
      audienceLabel,
      author: ctx.text('project.organisation').value,
      subject: audienceLabel,
      keywords: ctx.content?.texts.project.keywords ?? ctx.source.texts.project.keywords ?? '',
      date: newest,
      pageSize: project.config.pageSize,
      pageLabel: t.t('document.page', { page: '{{page}}', pages: '{{pages}}' }),
      contentsLabel: t.t('document.contents'),
      fallbacks: [...new Set([...ctx.fallbacks, ...interfaceFallbacks])].sort(),
      figures: [
        ...new Set([...shown.map((u) => u.id), ...(input.charts ?? []).flatMap((c) => c.figures)]),
      ].sort(),
      uses: [...new Set([...shown.map((u) => u.key), ...(input.charts ?? []).flatMap((c) => c.uses)])].sort(),
      places: placesOf(tree, locale),
      prose: [...ctx.shownProse].sort(),
      texts: [
        ...new Set([
          ...ctx.shownTexts,
          ...projectKeys,
          'project.keywords',
          ...(input.charts ?? []).flatMap((c) => c.texts),
        ]),
      ].sort(),
      sources,
      charts: (input.charts ?? []).map((c) => c.id),
    },
    tree,
  };
}

const heading = (section: Element, tag: string): Element | undefined =>
  section.children.find((c): c is Element => c.type === 'element' && c.tagName === tag);

/** A contents entry: a link to a section by its heading, with its own subsections below it. */
function contentsEntry(section: Element, title: Element, children: Element[]): Element {
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href: `#${String(section.properties.id)}` },
    children: structuredClone(title.children),
  };
  const sub: Element[] = children.length
    ? [{ type: 'element', tagName: 'ol', properties: {}, children }]
    : [];
  return { type: 'element', tagName: 'li', properties: {}, children: [link, ...sub] };
}

/** The sections headed by an h3 directly inside `node` (through wrappers, not through other sections). */
function subsections(node: Element): Element[] {
  const out: Element[] = [];
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'section') {
      const title = heading(c, 'h3');
      if (title && c.properties?.id) out.push(contentsEntry(c, title, []));
    } else out.push(...subsections(c));
  }
  return out;
}

/** Fills `<nav class="contents">` with every section (h2) and, below each, its subsections (h3). */
function fillContents(tree: Root): void {
  const entries: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'section' || !node.properties?.id) return;
    const title = heading(node, 'h2');
    if (!title) return;
    entries.push(contentsEntry(node, title, subsections(node)));
  });
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'nav' && classList(node).includes('contents')) {
      const title = node.children.filter((c) => c.type === 'element' && c.tagName === 'h2');
      node.children = [...title, { type: 'element', tagName: 'ol', properties: {}, children: entries }];
    }
  });
}

interface Pass {
  readonly ctx: DocumentContext;
  readonly tree: Root;
  readonly shown: ShownUse[];
}

/** Renders the template over the view model and checks the tree; `asOf` is the date the cover states. */
function render(input: ComposeInput, t: Translator, asOf: string): Pass {
  const { project, locale, kind } = input;
  const ctx = createContext(project, locale, kind, t, input.templateFile);
  let html: string;
  try {
    const model = buildViewModel(ctx, input.charts ?? [], asOf);
    html = input.template(model, createHelpers(ctx));
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([
      diagnostic(
        'template/runtime',
        input.templateFile,
        `${kind} (${locale}): ${e instanceof Error ? e.message : String(e)}`,
      ),
    ]);
  }
  const tree = fromHtml(html, { fragment: true }) as Root;
  const strangers = outsideVocabulary(tree);
  if (strangers.length) {
    throw new DiagnosticError([
      diagnostic(
        'template/vocabulary',
        input.templateFile,
        `elements outside the document vocabulary: ${strangers.join(', ')}`,
      ),
    ]);
  }
  return { ctx, tree, shown: collectShown(tree, ctx.uses) };
}

function chartDates(charts: readonly RenderedChart[] | undefined): { asOf: string }[] {
  return (charts ?? []).map((c) => ({ asOf: c.newest }));
}
