/**
 * Everything compose knows about one document: the project, the locale's texts
 * with fallback to the source locale (recorded, never silent) and the formatters.
 */
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { AudienceId, TextsFile } from '../load/schema.js';
import type { Translator } from '../i18n/instance.js';
import { formatDate, formatQuantity, formatTime, type DateStyle } from '../i18n/format.js';
import type { DocumentKind, LocaleContent, Project, Prose } from '../model/project.js';
import { renderInline, renderMarkdown, type DirectiveRenderer } from './markdown.js';

export interface DocumentContext {
  readonly project: Project;
  readonly locale: string;
  readonly kind: DocumentKind;
  readonly audience: AudienceId | undefined;
  readonly t: Translator;
  readonly content: LocaleContent | undefined;
  readonly source: LocaleContent;
  /** Units shown in the source locale because the translation is missing. */
  readonly fallbacks: string[];
  readonly figuresUsed: Set<string>;
  readonly renderer: DirectiveRenderer;
  text(path: string): { value: string; fallback: boolean };
  /** A short text rendered as inline HTML, wrapped with its language if it fell back. */
  inline(path: string): string;
  prose(
    pick: (c: LocaleContent) => Prose | undefined,
    unit: string,
    headingBase?: number,
  ): { title: string; html: string; lang: string | undefined } | undefined;
  /** A figure as prose; `asOf` picks an earlier dated value from its history. */
  fig(id: string, noun?: string, asOf?: string): string;
  date(iso: string, style?: DateStyle): string;
  time(iso: string): string;
}

function lookup(texts: TextsFile, path: string): string | undefined {
  let cur: unknown = texts;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

import { escapeHtml as escapeAttr } from './escape.js';

export function createContext(
  project: Project,
  locale: string,
  kind: DocumentKind,
  t: Translator,
): DocumentContext {
  const sourceLocale = project.config.sourceLocale;
  const source = project.locales.get(sourceLocale);
  if (!source) throw new Error(`source locale ${sourceLocale} is not loaded`);
  const content = project.locales.get(locale);
  const audience = kind === 'release' ? undefined : (kind.slice('briefing-'.length) as AudienceId);
  const fallbacks: string[] = [];
  const figuresUsed = new Set<string>();
  const zone = project.config.timeZone;

  const fig = (id: string, noun?: string, asOf?: string): string => {
    const f = project.figures.get(id);
    // Literal ids are checked at load (build/template-checks.ts); a computed one still never prints "[id]".
    if (!f)
      throw new DiagnosticError([
        diagnostic(
          'ref/unknown-figure',
          `${project.dir}/figures.yaml`,
          `unknown figure \`${id}\`${didYouMean(id, project.figures.keys())}`,
        ),
      ]);
    figuresUsed.add(id);
    const value = asOf ? (f.history.find((h) => h.asOf === asOf) ?? f.latest) : f.latest;
    return formatQuantity(t, value, noun);
  };
  const renderer: DirectiveRenderer = {
    fig: (id, attrs) => fig(id, attrs.noun, attrs.asOf),
    date: (iso, attrs) => formatDate(t, iso, zone, (attrs.style as DateStyle | undefined) ?? 'long'),
    time: (iso) => formatTime(t, iso, zone),
  };

  const text = (path: string): { value: string; fallback: boolean } => {
    const own = content ? lookup(content.texts, path) : undefined;
    if (own !== undefined && own !== '') return { value: own, fallback: false };
    fallbacks.push(`${locale}/texts.yaml ${path}`);
    return { value: lookup(source.texts, path) ?? path, fallback: locale !== sourceLocale };
  };

  const wrapFallback = (html: string, block: boolean): string =>
    block
      ? `<div class="untranslated" lang="${escapeAttr(sourceLocale)}"><aside class="callout"><p>${escapeAttr(t.t('fallback.notice'))}</p></aside>${html}</div>`
      : `<span class="untranslated" lang="${escapeAttr(sourceLocale)}">${html}</span>`;

  return {
    project,
    locale,
    kind,
    audience,
    t,
    content,
    source,
    fallbacks,
    figuresUsed,
    renderer,
    text,
    inline(path) {
      const { value, fallback } = text(path);
      const html = renderInline(value, renderer);
      return fallback ? wrapFallback(html, false) : html;
    },
    prose(pick, unit, headingBase = 4) {
      const own = content ? pick(content) : undefined;
      const used = own ?? pick(source);
      if (!used) return undefined;
      const html = renderMarkdown(used.tree, renderer, { headingBase });
      if (own || locale === sourceLocale) return { title: used.title, html, lang: undefined };
      fallbacks.push(`${locale} ${unit}`);
      return { title: used.title, html: wrapFallback(html, true), lang: sourceLocale };
    },
    fig,
    date: (iso, style = 'long') => formatDate(t, iso, zone, style),
    time: (iso) => formatTime(t, iso, zone),
  };
}
