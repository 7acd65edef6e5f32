/**
 * Everything compose knows about one document: the project, the locale's texts
 * with fallback to the source locale (recorded, never silent) and the formatters.
 */
import { diagnose, DiagnosticError, place, type Position } from '../diagnostics/diagnostic.js';
import type { AudienceId, TextsFile } from '../model/schema.js';
import type { Translator } from '../i18n/instance.js';
import { pluralRules } from '../i18n/forms.js';
import type { RangeForm } from '../model/dates.js';
import {
  formatDate,
  formatDateRange,
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
import { renderInline, renderMarkdown, type DirectiveRenderer, type ShownQuotation } from './markdown.js';
import { figureUse, noClaim, selectValue, useKey, type Claim, type Covers } from '../model/figure-use.js';
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
  const doc = composing(project, locale, t, file);
  const plurals = pluralRules(t.intl);
  const audience = audienceOf(kind);
  const { content, source, zone } = doc;
  const renderer = directiveRenderer(doc);
  const text = (path: string): { value: string; fallback: boolean } => textOf(doc, path);
  return {
    project,
    locale,
    kind,
    audience,
    t,
    content,
    source,
    fallbacks: doc.fallbacks,
    uses: doc.uses,
    shownProse: doc.shownProse,
    shownTexts: doc.shownTexts,
    chartRefs: doc.chartRefs,
    renderer,
    text,
    inline: (path, claim) => inlineText(doc, renderer, path, claim),
    counted(path, v) {
      return this.inline(countedForm(doc, plurals, path, v));
    },
    prose: (pick, unit, headingBase = 4) => proseUnit(doc, renderer, pick, unit, headingBase),
    fig: (id, attrs, claim) => figureElement(doc, id, attrs, claim),
    value: (id, attrs, claim) => figureValue(doc, id, attrs, claim),
    audienceLabel: () => audienceLabel(doc, audience),
    audienceShort: () => audienceShort(doc, audience),
    date: (iso, style = 'long') => formatDate(t, iso, zone, style),
    time: (iso) => formatTime(t, iso, zone),
  };
}

/**
 * What the parts of a document's context share: the project and language it is composed
 * in, what it has shown so far, and the text being rendered.
 */
interface Composing {
  readonly project: Project;
  readonly locale: string;
  readonly sourceLocale: string;
  readonly t: Translator;
  /** Where a figure use that names no value is reported. */
  readonly file: string;
  readonly content: LocaleContent | undefined;
  readonly source: LocaleContent;
  readonly house: HouseStyle;
  readonly zone: string;
  readonly covers: Covers;
  readonly fallbacks: string[];
  readonly uses: ShownUse[];
  readonly shownProse: Set<string>;
  readonly shownTexts: Set<string>;
  readonly chartRefs: ChartRef[];
  /** The text being rendered, where a chart reference in it is written. */
  writing: { file: string; key: string | undefined };
}

function composing(project: Project, locale: string, t: Translator, file: string): Composing {
  const sourceLocale = project.config.sourceLocale;
  const source = project.locales.get(sourceLocale);
  if (!source) throw new Error(`source locale ${sourceLocale} is not loaded`);
  return {
    project,
    locale,
    sourceLocale,
    t,
    file,
    content: project.locales.get(locale),
    source,
    house: houseStyle(project, locale),
    zone: project.config.timeZone,
    covers: projectCovers(project),
    fallbacks: [],
    uses: [],
    shownProse: new Set<string>(),
    shownTexts: new Set<string>(),
    chartRefs: [],
    writing: { file, key: undefined },
  };
}

/** How the directives of every text of the document render: figures, dates, chart references, quotations. */
function directiveRenderer(doc: Composing): DirectiveRenderer {
  const { t, zone, house } = doc;
  return {
    fig: (id, attrs, claim, sentenceStart) =>
      figureText(doc, id, attrs, claim, { prose: true, sentenceStart, house }),
    date: (iso, attrs) => dateText(t, iso, attrs, zone),
    time: (iso) => formatTime(t, iso, zone),
    chartref: (id, at) => {
      const writing = doc.writing;
      doc.chartRefs.push({ id, ...writing, at: writing.key === undefined ? at : undefined });
      return { text: t.t('chart.see', { n: '…' }), ref: doc.chartRefs.length - 1 };
    },
    quote: (id, claim) => shownQuotation(doc, id, claim),
  };
}

/** A `:date`: one day, month or year, or a range of days to its `to` (checked at load). */
function dateText(t: Translator, iso: string, attrs: Readonly<Record<string, string>>, zone: string): string {
  const style = (attrs.style as DateStyle | undefined) ?? 'long';
  if (attrs.to === undefined) return formatDate(t, iso, zone, style);
  return formatDateRange(t, iso, attrs.to, zone, style, (attrs.range as RangeForm | undefined) ?? 'span');
}

function figureValue(
  doc: Composing,
  id: string,
  attrs: Readonly<Record<string, unknown>>,
  claim?: Claim,
): ResolvedValue {
  const f = doc.project.figures.get(id);
  if (!f)
    throw new DiagnosticError([
      diagnose('ref/unknown-figure', doc.file, { kind: 'use', id, known: doc.project.figures.keys() }),
    ]);
  const use = figureUse(attrs);
  const selected = selectValue(f, use, claim ?? noClaim, doc.covers);
  if (!selected.ok) throw new DiagnosticError([place(selected.problem, doc.file)]);
  doc.uses.push({ id, key: useKey(id, use, claim ?? noClaim), asOf: selected.value.asOf });
  return selected.value;
}

/** A figure as text: in running prose (`style.prose`) small numbers are words, elsewhere digits. */
function figureText(
  doc: Composing,
  id: string,
  attrs: Readonly<Record<string, unknown>>,
  claim?: Claim,
  style: NumberStyle = {},
): { text: string; use: number } {
  const v = figureValue(doc, id, attrs, claim);
  const noun = typeof attrs.noun === 'string' ? attrs.noun : undefined;
  const grammaticalCase = typeof attrs.case === 'string' ? attrs.case : undefined;
  const unit = doc.project.figures.get(id)?.unit;
  const shown = formatQuantity(doc.t, v, noun, 'project', grammaticalCase, {
    ...style,
    ...(unit ? { agreesWith: unit } : {}),
  });
  return { text: shown, use: doc.uses.length - 1 };
}

function figureElement(
  doc: Composing,
  id: string,
  attrs: Readonly<Record<string, unknown>>,
  claim?: Claim,
): Element {
  const shown = figureText(doc, id, attrs, claim);
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['fig'], dataFigure: id, dataUse: String(shown.use) },
    children: [{ type: 'text', value: shown.text }],
  };
}

function shownQuotation(doc: Composing, id: string, claim: Claim | undefined): ShownQuotation | undefined {
  const { t, locale, sourceLocale } = doc;
  const q = doc.project.quotations.get(id);
  const shown = q ? renderingFor(q, locale, sourceLocale) : undefined;
  if (!q || !shown) return undefined;
  doc.shownTexts.add(`quotations.${id}`);
  if (shown.fallback) doc.fallbacks.push(`quotations.yaml ${id} (${locale})`);
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
    speaker: () => (q.speaker ? textOf(doc, `speakers.${q.speaker}`).value : undefined),
    cite: source && !claim?.cites.some((c) => doc.covers(c, source)) ? source : undefined,
    claim: { cites: source ? [source] : [], dated: true },
    lang: shown.fallback ? shown.locale : undefined,
  };
}

function textOf(doc: Composing, path: string): { value: string; fallback: boolean } {
  doc.shownTexts.add(unitKey(path));
  const own = doc.content ? lookup(doc.content.texts, path) : undefined;
  if (own !== undefined && own !== '') return { value: own, fallback: false };
  doc.fallbacks.push(`${doc.locale}/texts.yaml ${path}`);
  return { value: lookup(doc.source.texts, path) ?? path, fallback: doc.locale !== doc.sourceLocale };
}

function inlineText(doc: Composing, renderer: DirectiveRenderer, path: string, claim?: Claim): Inline {
  const { value, fallback } = textOf(doc, path);
  const textsFile = (fallback || !doc.content ? doc.source : doc.content).textsFile;
  const content = within(doc, { file: textsFile, key: path }, () => renderInline(value, renderer, claim));
  return fallback ? untranslated(doc.sourceLocale, content) : content;
}

function untranslated(sourceLocale: string, children: Inline): Inline {
  return [
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['untranslated'], lang: sourceLocale },
      children,
    },
  ];
}

/** The path of the form of a label that agrees with a number (see DocumentContext.counted). */
function countedForm(
  doc: Composing,
  plurals: Intl.PluralRules,
  path: string,
  v: Pick<ResolvedValue, 'value' | 'qualifier'>,
): string {
  const { content, source } = doc;
  const category = v.value === undefined ? 'other' : plurals.select(v.value);
  const plain = [`${path}_${category}`, `${path}_other`, path];
  const forms = quantityCase(doc.t, v) ? [`${path}_gen_${category}`, `${path}_gen_other`, ...plain] : plain;
  const found = forms.find((p) => (content ? lookup(content.texts, p) : undefined));
  return found ?? forms.find((p) => lookup(source.texts, p)) ?? path;
}

function proseUnit(
  doc: Composing,
  renderer: DirectiveRenderer,
  pick: (c: LocaleContent) => Prose | undefined,
  unit: string,
  headingBase: number,
): ProseUnit | undefined {
  const own = doc.content ? pick(doc.content) : undefined;
  const used = own ?? pick(doc.source);
  if (!used) return undefined;
  const fallback = !own && doc.locale !== doc.sourceLocale;
  let flow: Flow | undefined;
  // Rendered when the document shows it: only then is it shown, a fallback, an input.
  const body = (): Flow => {
    if (flow !== undefined) return flow;
    doc.shownProse.add(unit);
    if (fallback) doc.fallbacks.push(`${doc.locale} ${unit}`);
    flow = within(doc, { file: used.file, key: undefined }, () =>
      renderMarkdown(used.tree, renderer, { headingBase }),
    );
    return flow;
  };
  return { title: used.title, body, lang: fallback ? doc.sourceLocale : undefined };
}

/** Renders a text as the one being written, for the chart references in it; the outer one after. */
function within<T>(doc: Composing, where: Composing['writing'], render: () => T): T {
  const outer = doc.writing;
  doc.writing = where;
  try {
    return render();
  } finally {
    doc.writing = outer;
  }
}

function audienceLabel(doc: Composing, audience: AudienceId | undefined): string | undefined {
  if (!audience) return undefined;
  const key = `audiences.${audience}.label`;
  if (lookup(doc.source.texts, key) !== undefined) return textOf(doc, key).value;
  return doc.t.t(`document.audience.${audience}`);
}

function audienceShort(doc: Composing, audience: AudienceId | undefined): string | undefined {
  if (!audience) return undefined;
  const { source, t } = doc;
  const own = `audiences.${audience}`;
  if (lookup(source.texts, `${own}.short`) !== undefined) return textOf(doc, `${own}.short`).value;
  if (lookup(source.texts, `${own}.label`) !== undefined) return textOf(doc, `${own}.label`).value;
  const ui = `document.audienceShort.${audience}`;
  return t.has(ui) ? t.t(ui) : t.t(`document.audience.${audience}`);
}
