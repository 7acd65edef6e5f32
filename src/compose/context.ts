/**
 * Everything compose knows about one document: the project, the locale's texts
 * with fallback to the source locale (recorded, never silent) and the formatters.
 */
import { diagnose, DiagnosticError, place, type Position } from '../diagnostics/diagnostic.js';
import type { AudienceId, TextsFile } from '../model/schema.js';
import type { Translator } from '../i18n/instance.js';
import { pluralRules } from '../i18n/forms.js';
import {
  formatDate,
  formatQuantity,
  formatTime,
  quantityCase,
  translatedFromNote,
  type DateStyle,
  type HouseStyle,
  type NumberStyle,
} from '../i18n/format.js';
import {
  audienceOf,
  type DocumentKind,
  type LocaleContent,
  type Project,
  type Prose,
} from '../model/project.js';
import { renderInline, renderMarkdown, type DirectiveRenderer } from './markdown.js';
import { figureUse, noClaim, selectValue, useKey, type Claim } from '../model/figure-use.js';
import type { ResolvedValue } from '../model/figures.js';
import { projectCovers } from '../model/project.js';
import { isQuoted, renderingFor, sourceOf, translatedFrom } from '../model/quotations.js';
import { unitKey } from '../load/text-keys.js';
import type { Flow, Inline, ShownUse } from '../model/document.js';
import type { Element } from 'hast';

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
  /** Every figure use rendered so far, by the number its markup carries (see compose/shown.ts). */
  readonly uses: ShownUse[];
  readonly renderer: DirectiveRenderer;
  text(path: string): { value: string; fallback: boolean };
  /** A short text as inline content, marked with its language if it fell back. */
  inline(path: string, claim?: Claim): Inline;
  /**
   * A label that agrees with the number beside it: `figures.x_few`, or `figures.x_gen_other`
   * after a qualifier that takes the genitive; the plain `figures.x` when no form is given.
   */
  counted(path: string, v: Pick<ResolvedValue, 'value' | 'qualifier'>): Inline;
  /**
   * A Markdown unit of the document's language, else the source language's (`lang` set).
   * Its body is rendered on demand: only a body that is shown counts as shown.
   */
  prose(
    pick: (c: LocaleContent) => Prose | undefined,
    unit: string,
    headingBase?: number,
  ): ProseUnit | undefined;
  /** Prose units a template rendered (`findings/x.md`, `framing/osce.md`, `release.md`). */
  readonly shownProse: Set<string>;
  /** Units of the project's texts the document looked up (`chronology.x`, `nouns.person`). */
  readonly shownTexts: Set<string>;
  /** Every chart reference rendered so far, by the number its markup carries (see compose/chart-refs.ts). */
  readonly chartRefs: ChartRef[];
  /** A figure use as an inline element; `attrs` say which value (current, source, asOf) and the noun. */
  fig(id: string, attrs: Readonly<Record<string, unknown>>, claim?: Claim): Element;
  /** The value a use shows (throws a located problem if it names none). */
  value(id: string, attrs: Readonly<Record<string, unknown>>, claim?: Claim): ResolvedValue;
  /** The audience's name in this language: the project's own label, else the interface's. */
  audienceLabel(): string | undefined;
  /** Its short name for running headers: the project's, the interface's, else the label. */
  audienceShort(): string | undefined;
  date(iso: string, style?: DateStyle): string;
  time(iso: string): string;
}

/** A `:chartref[id]` as written: which chart, and where, for a warning if the document does not show it. */
export interface ChartRef {
  readonly id: string;
  readonly file: string;
  readonly at: Position | undefined;
  /** The entry of texts.yaml it is written in (positions there are the entry's own). */
  readonly key: string | undefined;
}

export interface ProseUnit {
  readonly title: string;
  /** The language of the unit shown, when it is not the document's. */
  readonly lang: string | undefined;
  body(): Flow;
}

/** The project's house style for numbers in this language: its own settings over the project's. */
function houseStyle(project: Project, locale: string): HouseStyle {
  const { locales, ...all } = project.config.style.numbers;
  return { ...all, ...locales[locale] };
}

function lookup(texts: TextsFile, path: string): string | undefined {
  let cur: unknown = texts;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

export function createContext(
  project: Project,
  locale: string,
  kind: DocumentKind,
  t: Translator,
  file: string,
): DocumentContext {
  const sourceLocale = project.config.sourceLocale;
  const source = project.locales.get(sourceLocale);
  if (!source) throw new Error(`source locale ${sourceLocale} is not loaded`);
  const content = project.locales.get(locale);
  const plurals = pluralRules(t.intl);
  const audience = audienceOf(kind);
  const fallbacks: string[] = [];
  const uses: ShownUse[] = [];
  const shownProse = new Set<string>();
  const shownTexts = new Set<string>();
  const chartRefs: ChartRef[] = [];
  const house = houseStyle(project, locale);
  /** The text being rendered, where a chart reference in it is written. */
  let writing: { file: string; key: string | undefined } = { file, key: undefined };
  const zone = project.config.timeZone;
  const covers = projectCovers(project);

  const value = (id: string, attrs: Readonly<Record<string, unknown>>, claim?: Claim): ResolvedValue => {
    const f = project.figures.get(id);
    if (!f)
      throw new DiagnosticError([
        diagnose('ref/unknown-figure', file, { kind: 'use', id, known: project.figures.keys() }),
      ]);
    const use = figureUse(attrs);
    const selected = selectValue(f, use, claim ?? noClaim, covers);
    if (!selected.ok) throw new DiagnosticError([place(selected.problem, file)]);
    uses.push({ id, key: useKey(id, use, claim ?? noClaim), asOf: selected.value.asOf });
    return selected.value;
  };
  /** A figure as text: in running prose (`style.prose`) small numbers are words, elsewhere digits. */
  const fig = (
    id: string,
    attrs: Readonly<Record<string, unknown>>,
    claim?: Claim,
    style: NumberStyle = {},
  ): { text: string; use: number } => {
    const v = value(id, attrs, claim);
    const noun = typeof attrs.noun === 'string' ? attrs.noun : undefined;
    const grammaticalCase = typeof attrs.case === 'string' ? attrs.case : undefined;
    const unit = project.figures.get(id)?.unit;
    const shown = formatQuantity(t, v, noun, 'project', grammaticalCase, {
      ...style,
      ...(unit ? { agreesWith: unit } : {}),
    });
    return { text: shown, use: uses.length - 1 };
  };
  const text = (path: string): { value: string; fallback: boolean } => {
    shownTexts.add(unitKey(path));
    const own = content ? lookup(content.texts, path) : undefined;
    if (own !== undefined && own !== '') return { value: own, fallback: false };
    fallbacks.push(`${locale}/texts.yaml ${path}`);
    return { value: lookup(source.texts, path) ?? path, fallback: locale !== sourceLocale };
  };

  const renderer: DirectiveRenderer = {
    fig: (id, attrs, claim, sentenceStart) => fig(id, attrs, claim, { prose: true, sentenceStart, house }),
    date: (iso, attrs) => formatDate(t, iso, zone, (attrs.style as DateStyle | undefined) ?? 'long'),
    time: (iso) => formatTime(t, iso, zone),
    chartref: (id, at) => {
      chartRefs.push({ id, ...writing, at: writing.key === undefined ? at : undefined });
      return { text: t.t('chart.see', { n: '…' }), ref: chartRefs.length - 1 };
    },
    quote: (id, claim) => {
      const q = project.quotations.get(id);
      const shown = q ? renderingFor(q, locale, sourceLocale) : undefined;
      if (!q || !shown) return undefined;
      shownTexts.add(`quotations.${id}`);
      if (shown.fallback) fallbacks.push(`quotations.yaml ${id} (${locale})`);
      const from = translatedFrom(q, shown, sourceLocale);
      const source = sourceOf(q, shown.rendering);
      const mark = (k: string): string => t.t(`reference.quotes.${k}`);
      return {
        text: shown.rendering.text,
        quoted: isQuoted(shown.rendering.kind),
        marks: {
          open: mark('open'),
          close: mark('close'),
          innerOpen: mark('innerOpen'),
          innerClose: mark('innerClose'),
        },
        note: from === undefined ? undefined : translatedFromNote(t, from),
        speaker: () => (q.speaker ? text(`speakers.${q.speaker}`).value : undefined),
        cite: source && !claim?.cites.some((c) => covers(c, source)) ? source : undefined,
        claim: { cites: source ? [source] : [], dated: true },
        lang: shown.fallback ? shown.locale : undefined,
      };
    },
  };

  const within = <T>(where: typeof writing, render: () => T): T => {
    const outer = writing;
    writing = where;
    try {
      return render();
    } finally {
      writing = outer;
    }
  };
  const textsFile = (fallback: boolean): string => (fallback || !content ? source : content).textsFile;

  const untranslated = (children: Inline): Inline => [
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['untranslated'], lang: sourceLocale },
      children,
    },
  ];

  return {
    project,
    locale,
    kind,
    audience,
    t,
    content,
    source,
    fallbacks,
    uses,
    shownProse,
    shownTexts,
    chartRefs,
    renderer,
    text,
    inline(path, claim) {
      const { value, fallback } = text(path);
      const content = within({ file: textsFile(fallback), key: path }, () =>
        renderInline(value, renderer, claim),
      );
      return fallback ? untranslated(content) : content;
    },
    counted(path, v) {
      const category = v.value === undefined ? 'other' : plurals.select(v.value);
      const plain = [`${path}_${category}`, `${path}_other`, path];
      const forms = quantityCase(t, v) ? [`${path}_gen_${category}`, `${path}_gen_other`, ...plain] : plain;
      const found = forms.find((p) => (content ? lookup(content.texts, p) : undefined));
      return this.inline(found ?? forms.find((p) => lookup(source.texts, p)) ?? path);
    },
    prose(pick, unit, headingBase = 4) {
      const own = content ? pick(content) : undefined;
      const used = own ?? pick(source);
      if (!used) return undefined;
      const fallback = !own && locale !== sourceLocale;
      let flow: Flow | undefined;
      // Rendered when the document shows it: only then is it shown, a fallback, an input.
      const body = (): Flow => {
        if (flow !== undefined) return flow;
        shownProse.add(unit);
        if (fallback) fallbacks.push(`${locale} ${unit}`);
        flow = within({ file: used.file, key: undefined }, () =>
          renderMarkdown(used.tree, renderer, { headingBase }),
        );
        return flow;
      };
      return { title: used.title, body, lang: fallback ? sourceLocale : undefined };
    },
    fig(id, attrs, claim) {
      const shown = fig(id, attrs, claim);
      return {
        type: 'element',
        tagName: 'span',
        properties: { className: ['fig'], dataFigure: id, dataUse: String(shown.use) },
        children: [{ type: 'text', value: shown.text }],
      };
    },
    value,
    audienceLabel() {
      if (!audience) return undefined;
      const key = `audiences.${audience}.label`;
      if (lookup(source.texts, key) !== undefined) return text(key).value;
      return t.t(`document.audience.${audience}`);
    },
    audienceShort() {
      if (!audience) return undefined;
      const own = `audiences.${audience}`;
      if (lookup(source.texts, `${own}.short`) !== undefined) return text(`${own}.short`).value;
      if (lookup(source.texts, `${own}.label`) !== undefined) return text(`${own}.label`).value;
      const ui = `document.audienceShort.${audience}`;
      return t.has(ui) ? t.t(ui) : t.t(`document.audience.${audience}`);
    },
    date: (iso, style = 'long') => formatDate(t, iso, zone, style),
    time: (iso) => formatTime(t, iso, zone),
  };
}
