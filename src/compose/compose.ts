/**
 * Compose stage: project + locale + document kind → one semantic document, a typed
 * tree of blocks (model/document.ts). Pure: reads nothing from disk; the translator
 * and the charts, rendered for the locale, come in.
 */
import { recordingFallbacks, type Translator } from '../i18n/instance.js';
import type { Block, ContentsEntry, References, SemanticDocument } from '../model/document.js';
import type { DocumentKind, Project } from '../model/project.js';
import { numberCitations, referenceEntries } from './citations.js';
import { resolveChartRefs } from './chart-refs.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { plainText } from './walk.js';
import {
  annex,
  charts as chartSection,
  contacts,
  cover,
  masthead,
  recipeSection,
  recommendations,
  releaseBody,
} from './blocks.js';
import { createContext, type DocumentContext } from './context.js';
import { collectShown, newestShown } from './shown.js';
import { placesOf } from './places.js';
import { typeset } from './typography.js';
import { unitKey } from '../load/text-keys.js';
import type { ShownUse } from '../model/document.js';
import type { RenderedChart } from '../charts/chart.js';

export interface ComposeInput {
  readonly project: Project;
  readonly locale: string;
  readonly kind: DocumentKind;
  readonly translator: Translator;
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
  const { ctx, shown } = pass;
  const { sources, warnings } = finish(pass.body, ctx);
  const body = typeset(pass.body, locale);
  // A news release is known by its headline; a briefing by the project's title.
  const headline = body.find((b) => b.kind === 'masthead');
  // Metadata (a PDF's Title, a page's <title>): the headline's words with plain spaces.
  const title = (
    headline?.kind === 'masthead' ? plainText(headline.headline) : ctx.text('project.title').value
  ).replace(/\u00a0/g, ' ');
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
      runningLabel: ctx.audienceShort() ?? audienceLabel,
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
      places: placesOf(body, locale),
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
    body,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** Charts are numbered figures, in reading order, wherever they are placed: chart id → number. */
function numberFigures(body: readonly Block[], ctx: DocumentContext): Map<string, number> {
  const numbers = new Map<string, number>();
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === 'chart') {
        const n = numbers.get(b.id) ?? numbers.size + 1;
        numbers.set(b.id, n);
        b.label = ctx.t.t('chart.figure', { n });
      }
      if (b.kind === 'section' || b.kind === 'part') walk(b.children);
    }
  };
  walk(body);
  return numbers;
}

/** The contents: every section of the first two levels, in order. */
function contentsOf(body: readonly Block[]): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === 'part') {
        out.push({ target: b.id, level: 2, label: [{ type: 'text', value: b.heading }] });
        walk(b.children);
      }
      if (b.kind !== 'section') continue;
      out.push({ target: b.id, level: b.level, label: structuredClone(b.heading) });
      walk(b.children);
    }
  };
  walk(body);
  return out;
}

interface Pass {
  readonly ctx: DocumentContext;
  readonly body: Block[];
  readonly shown: ShownUse[];
}

/** The blocks of a briefing (its audience's recipe) or of the release. */
function blocksOf(ctx: DocumentContext, charts: readonly RenderedChart[], asOf: string): Block[] {
  const settings = ctx.audience ? ctx.project.config.audiences[ctx.audience] : undefined;
  if (!settings)
    return [
      masthead(ctx, asOf),
      ...releaseBody(ctx, asOf),
      chartSection(ctx, charts),
      recommendations(ctx, false),
      contacts(ctx, true),
    ].filter((b): b is Block => b !== undefined);
  const parts: (Block | undefined)[] = [cover(ctx, asOf)];
  if (settings.contents) parts.push({ kind: 'contents', heading: ctx.t.t('document.contents'), entries: [] });
  for (const id of settings.sections) parts.push(recipeSection(ctx, id, charts));
  parts.push(annex(ctx, settings.annex, charts));
  return parts.filter((b): b is Block => b !== undefined);
}

/** Builds the document's blocks for the date its cover states. */
function render(input: ComposeInput, t: Translator, asOf: string): Pass {
  const { project, locale, kind } = input;
  const ctx = createContext(project, locale, kind, t, `${project.id}/project.yaml`);
  const body = blocksOf(ctx, input.charts ?? [], asOf);
  return { ctx, body, shown: collectShown(body, ctx.uses) };
}

/**
 * The numbered source list closes the document; the contents list every section; figures
 * are numbered and the references to them filled in.
 */
function finish(body: Block[], ctx: DocumentContext): { sources: string[]; warnings: Diagnostic[] } {
  const sources = numberCitations(body);
  if (sources.length) {
    const list: References = { kind: 'references', entries: referenceEntries(sources, ctx) };
    // The sources close the annex when there is one, else the document.
    const annexPart = body.find((b) => b.kind === 'part');
    (annexPart?.kind === 'part' ? annexPart.children : body).push({
      kind: 'section',
      id: 'references',
      level: 2,
      heading: [{ type: 'text', value: ctx.t.t('section.references') }],
      role: undefined,
      lang: undefined,
      children: [list],
    });
  }
  for (const b of body) if (b.kind === 'contents') b.entries = contentsOf(body);
  const warnings = resolveChartRefs(body, numberFigures(body, ctx), ctx);
  return { sources, warnings };
}

function chartDates(charts: readonly RenderedChart[] | undefined): { asOf: string }[] {
  return (charts ?? []).map((c) => ({ asOf: c.newest }));
}
