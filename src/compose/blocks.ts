/**
 * The blocks of one document, built from the project for its locale: one small
 * builder per part a recipe can name. Every text is localized, every figure
 * formatted, every Markdown unit rendered here; the writers only draw.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { diagnose, DiagnosticError } from '../diagnostics/diagnostic.js';
import { outsideVocabulary } from '../model/vocabulary.js';
import { memo } from '../text/memo.js';
import { dateValues, formatSpan } from '../i18n/format.js';
import type {
  Block,
  Contacts,
  Masthead,
  Part,
  Callout,
  Chart,
  Chronology,
  Cover,
  Inline,
  KeyFigure,
  KeyFigures,
  Prose,
  RecommendationGroup,
  Recommendations,
  Section,
  SemanticDocument,
} from '../model/document.js';
import { numberedAsks } from '../model/document.js';
import { entryClaim } from '../model/project.js';
import type { ResolvedValue } from '../model/figures.js';
import type { RenderedChart } from '../charts/chart.js';
import type { FindingEntry, SectionId } from '../model/schema.js';

import { chronologyDays } from './chronology.js';
import type { DocumentContext, ProseUnit } from './context.js';

const text = (value: string): Inline => [{ type: 'text', value }];
const present = <T>(b: T | undefined): b is T => b !== undefined;

/** A citation mark for one or more sources, numbered once the whole document is known. */
export function citeMark(sources: string): Element {
  return {
    type: 'element',
    tagName: 'sup',
    properties: { className: ['cite'], dataSource: sources.replace(/[^a-z0-9_,-]/g, '') },
    children: [],
  };
}

function section(
  id: string,
  heading: Inline,
  children: Block[],
  options: { level?: 2 | 3; role?: string; lang?: string } = {},
): Section {
  return {
    kind: 'section',
    id,
    level: options.level ?? 2,
    heading,
    role: options.role,
    lang: options.lang,
    children,
  };
}

/** The date the documents are issued: the project's, else the date their information is as of. */
const issuedOn = (ctx: DocumentContext, asOf: string): string =>
  ctx.t.t('document.issued', { date: ctx.date(ctx.project.config.issued ?? asOf) });

/** The people a reader may contact, with the end mark of a release. */
export function contacts(ctx: DocumentContext, endMark: boolean): Contacts | undefined {
  const people = ctx.project.config.organisation.contacts;
  if (!people.length && !endMark) return undefined;
  return {
    kind: 'contacts',
    heading: ctx.t.t('document.moreInformation'),
    entries: people.map((c) => ({
      name: ctx.inline(`contacts.${c.id}`),
      email: c.email,
      phone: c.phone,
      url: c.url,
    })),
    endMark: endMark ? ctx.t.t('document.endMark') : undefined,
  };
}

export function cover(ctx: DocumentContext, asOf: string): Cover {
  const distribution = ctx.source.texts.project.distribution ? ctx.text('project.distribution') : undefined;
  return {
    kind: 'cover',
    organisation: ctx.inline('project.organisation'),
    logo: ctx.project.logo,
    doctype: ctx.t.t(ctx.audience ? 'document.briefing' : 'document.release'),
    title: ctx.inline('project.title'),
    subtitle: ctx.inline('project.subtitle'),
    audience: ctx.audienceLabel(),
    date: ctx.t.t('document.asOf', dateValues(ctx.t, ctx.date(asOf))),
    issued: issuedOn(ctx, asOf),
    language: ctx.t.t('meta.languageLabel'),
    distribution: distribution ? ctx.t.t('document.distribution', { value: distribution.value }) : undefined,
    contacts: contacts(ctx, false),
  };
}

/** A news release opens with its masthead, headline and standfirst: no cover page. */
export function masthead(ctx: DocumentContext, asOf: string): Masthead | undefined {
  const unit = ctx.prose((c) => c.release, 'release.md', 3);
  if (!unit) return undefined;
  const standfirst = ctx.source.texts.release?.standfirst ? ctx.inline('release.standfirst') : undefined;
  return {
    kind: 'masthead',
    organisation: ctx.inline('project.organisation'),
    logo: ctx.project.logo,
    doctype: ctx.t.t('document.release'),
    headline: text(unit.title),
    standfirst,
    issued: issuedOn(ctx, asOf),
  };
}

function prose(ctx: DocumentContext, unit: ProseUnit): Prose {
  return {
    kind: 'prose',
    content: unit.body(),
    untranslated: unit.lang ? { lang: unit.lang, notice: ctx.t.t('fallback.notice') } : undefined,
  };
}

/**
 * "earlier: at least 18 (6 January)": the values before the current one, newest first, each a
 * statement of its own source and date, and only where it differs from the current value (a
 * report repeating the number is no change to show).
 */
function earlierValues(
  ctx: DocumentContext,
  id: string,
  history: readonly ResolvedValue[],
  current: ResolvedValue,
): Inline | undefined {
  const earlier = history.filter((h) => h.value !== current.value || h.qualifier !== current.qualifier);
  if (!earlier.length) return undefined;
  const values: Inline = [...earlier]
    .reverse()
    .flatMap((h, i) => [
      ...(i ? text('; ') : []),
      ctx.fig(id, { asOf: h.asOf, source: h.sources[0] }),
      ...text(` (${ctx.date(h.asOf, 'day')})`),
    ]);
  // The sentence is the translator's; the values sit where it puts them.
  const [before = '', after = ''] = ctx.t.t('keyFigure.earlier', { values: '\u0000' }).split('\u0000');
  return [...text(before), ...values, ...text(after)];
}

export function keyFigures(ctx: DocumentContext, ids: readonly string[]): KeyFigures | undefined {
  const items = ids.flatMap((id): KeyFigure[] => {
    const f = ctx.project.figures.get(id);
    if (!f) return [];
    // A key figure is a current use: it says its date and source, so it may follow updates.
    const current = ctx.value(id, { current: true });
    return [
      {
        id,
        value: [ctx.fig(id, { current: true })],
        label: ctx.counted(`figures.${id}`, current),
        asOf: ctx.t.t('keyFigure.asOf', dateValues(ctx.t, ctx.date(current.asOf))),
        earlier: earlierValues(ctx, id, f.history.slice(0, -1), current),
        cite: [citeMark(current.sources.join(','))],
      },
    ];
  });
  return items.length ? { kind: 'keyFigures', heading: ctx.t.t('section.keyFigures'), items } : undefined;
}

function recommendationText(ctx: DocumentContext, id: string): Inline {
  const r = ctx.project.recommendations.find((x) => x.id === id);
  const own = ctx.inline(`recommendations.${id}`, entryClaim(ctx.project, `recommendations.${id}`));
  return r ? [...own, citeMark(r.source)] : own;
}

/**
 * The audience's key asks under whom they ask ("The Government of Kazakhstan" once, its
 * asks below): addressees in the order of their first ask, each one's asks in the
 * recipe's order. Each ask is a recommendation of the same briefing and carries that
 * recommendation's number, so "5" in the box and "5" in the recommendations are one ask
 * (numbered 1, 2, 3 of their own, the box's second ask read as recommendation 2). Where
 * the briefing prints no recommendations section, the asks are not numbered.
 */
function keyAsks(ctx: DocumentContext, ids: readonly string[]): Callout | undefined {
  const known = ids.flatMap((id) => ctx.project.recommendations.filter((r) => r.id === id));
  if (!known.length) return undefined;
  const numbers = recommendationNumbers(ctx);
  const byAddressee = new Map<string, string[]>();
  for (const r of known) byAddressee.set(r.addressee, [...(byAddressee.get(r.addressee) ?? []), r.id]);
  const groups = [...byAddressee].map(([addressee, asks]) => ({
    addressee: ctx.inline(`addressees.${addressee}`),
    items: asks.map((id) => {
      const number = numbers.get(id);
      return { text: recommendationText(ctx, id), ...(number ? { number } : {}) };
    }),
  }));
  const note = groups.some(numberedAsks) ? ctx.t.t('callout.numbered') : '';
  return { kind: 'callout', role: 'key-asks', heading: ctx.t.t('section.keyAsks'), note, groups };
}

/** The number each recommendation has in this briefing's recommendations section; none if it has none. */
function recommendationNumbers(ctx: DocumentContext): Map<string, number> {
  const settings = ctx.audience ? ctx.project.config.audiences[ctx.audience] : undefined;
  if (!settings || ![...settings.sections, ...settings.annex].includes('recommendations')) return new Map();
  return new Map(
    recommendationGroups(ctx).flatMap(([, ids], g, all) => {
      const before = all.slice(0, g).reduce((n, [, earlier]) => n + earlier.length, 0);
      return ids.map((id, i): [string, number] => [id, before + i + 1]);
    }),
  );
}

/** The recommendations for this document's readers by addressee, addressees in order of first appearance. */
function recommendationGroups(ctx: DocumentContext): [string, string[]][] {
  const target = ctx.audience ?? 'release';
  const byAddressee = new Map<string, string[]>();
  for (const r of ctx.project.recommendations)
    if (r.audiences.includes(target))
      byAddressee.set(r.addressee, [...(byAddressee.get(r.addressee) ?? []), r.id]);
  return [...byAddressee];
}

/** The audience's framing: its key figures, its own summary, its key asks. */
function summary(ctx: DocumentContext): Section | undefined {
  const audience = ctx.audience;
  if (!audience) return undefined;
  const settings = ctx.project.config.audiences[audience];
  const unit = ctx.prose((c) => c.framing.get(audience), `framing/${audience}.md`, 3);
  const children = [
    keyFigures(ctx, settings?.keyFigures ?? []),
    unit ? prose(ctx, unit) : undefined,
    keyAsks(ctx, settings?.keyAsks ?? []),
  ].filter(present);
  const heading = unit ? text(unit.title) : text(ctx.t.t('section.summary'));
  return section('summary', heading, children, unit?.lang ? { lang: unit.lang } : {});
}

/** The findings, each with the charts that illustrate it beside it. */
function findings(ctx: DocumentContext, rendered: readonly RenderedChart[]): Section | undefined {
  const parts = shownFindings(ctx).flatMap((f) => {
    const unit = ctx.prose((c) => c.findings.get(f.id), `findings/${f.id}.md`);
    if (!unit) return [];
    const figures = (f.charts ?? []).flatMap((id) =>
      rendered.filter((c) => c.id === id).map((c) => chart(ctx, c)),
    );
    return [
      section(`finding-${f.id}`, text(unit.title), [prose(ctx, unit), ...figures], {
        level: 3,
        role: `finding ${f.kind}`,
        ...(unit.lang ? { lang: unit.lang } : {}),
      }),
    ];
  });
  return parts.length ? section('findings', text(ctx.t.t('section.findings')), parts) : undefined;
}

/** Worked out once per zone and date: a formatter costs more to make than to use. */
const offsets = new Map<string, string>();

/** "UTC+06:00": the zone's offset at a moment, or at noon of a day (YYYY-MM-DD). */
function zoneOffset(timeZone: string, at: string): string {
  const key = `${timeZone} ${at}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset =
      new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(new Date(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T12:00:00Z` : at))
        .find((p) => p.type === 'timeZoneName')
        ?.value.replace('GMT', 'UTC') ?? 'UTC';
    offsets.set(key, offset);
  }
  return offset;
}

/** "approx. 11:00", "in the evening", with "(5–6 January)" for what runs into a later day. */
function when(
  ctx: DocumentContext,
  c: { at: string; until?: string; approximate?: boolean; partOfDay?: string },
  noted: string,
): string {
  const zone = ctx.project.config.timeZone;
  const span = formatSpan(ctx.t, c.at, c.until, zone);
  const dayOnly = formatSpan(ctx.t, c.at, undefined, zone).date;
  const range = span.date !== dayOnly ? `(${span.date})` : undefined;
  // A zone that changes its clocks within the chronology: a time on the other side of the
  // change says its offset (the note gives the first day's).
  const offset = zoneOffset(zone, c.at);
  const shift = span.time && offset !== noted ? ` (${offset})` : '';
  const time = span.time
    ? `${c.approximate ? `${ctx.t.t('chronology.approximate')} ` : ''}${span.time}${shift}`
    : c.partOfDay
      ? ctx.t.t(`chronology.partOfDay.${c.partOfDay}`)
      : undefined;
  return [time, range].filter(Boolean).join(' ');
}

function chronology(ctx: DocumentContext): Section | undefined {
  const { project } = ctx;
  if (!project.chronology.length) return undefined;
  const zone = project.config.timeZone;
  const listed = chronologyDays(project.chronology, zone);
  const noted = zoneOffset(zone, listed[0]?.entries[0]?.at ?? project.config.asOf);
  const days = listed.map(({ day, entries }) => ({
    day,
    label: ctx.date(day, 'long'),
    entries: entries.map((c) => ({
      id: c.id,
      when: when(ctx, c, noted),
      place: c.place ? ctx.inline(`places.${c.place}`) : undefined,
      text: [
        ...ctx.inline(`chronology.${c.id}`, entryClaim(project, `chronology.${c.id}`)),
        citeMark(c.source),
      ],
    })),
  }));
  const block: Chronology = {
    kind: 'chronology',
    label: ctx.t.t('section.chronology'),
    note: `${ctx.t.t('chronology.timesLocal', { offset: noted })} ${ctx.t.t('chronology.order')}`,
    columns: [ctx.t.t('chronology.time'), ctx.t.t('chronology.event')],
    days,
  };
  return section('chronology', text(ctx.t.t('section.chronology')), [block]);
}

/**
 * The recommendations for this document's readers, grouped by addressee in the order
 * addressees first appear; one numbering across groups in a briefing.
 */
export function recommendations(ctx: DocumentContext, numbered: boolean): Section | undefined {
  const byAddressee = recommendationGroups(ctx);
  if (!byAddressee.length) return undefined;
  let next = 1;
  const groups = byAddressee.map(([addressee, ids]): RecommendationGroup => {
    const start = next;
    next += ids.length;
    return {
      addressee: ctx.inline(`addressees.${addressee}`),
      start,
      items: ids.map((id) => ({ id, text: recommendationText(ctx, id) })),
    };
  });
  const block: Recommendations = { kind: 'recommendations', numbered, groups };
  return section('recommendations', text(ctx.t.t('section.recommendations')), [block]);
}

/** Parsed once per drawing: the briefings of a language share it (writers only read it). */
const parsedSvg = new Map<string, Element>();
const keptTrees = 64;

/** The renderer's SVG as a tree, refused if it holds anything that runs, embeds or fetches. */
function svgOf(id: string, drawn: string): Element {
  const cached = parsedSvg.get(drawn);
  if (cached) return cached;
  // Kept between runs too: an incremental build composes its documents again from the
  // same drawings, and parsing them was most of composing a briefing that shows charts.
  const { svg, problems } = memo('svg-tree', [drawn], () => {
    const root = fromHtml(drawn, { fragment: true, space: 'svg' }) as Root;
    const tree = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'svg');
    return { svg: tree, problems: outsideVocabulary(root) };
  });
  if (!svg || problems.length)
    throw new DiagnosticError([
      diagnose('chart/invalid', `charts/${id}.vl.json`, { kind: 'drawn', problems }),
    ]);
  if (parsedSvg.size >= keptTrees) parsedSvg.delete(parsedSvg.keys().next().value ?? '');
  parsedSvg.set(drawn, svg);
  return svg;
}

function chart(ctx: DocumentContext, c: RenderedChart): Chart {
  for (const f of c.fallbacks) if (!ctx.fallbacks.includes(f)) ctx.fallbacks.push(f);
  const svg = svgOf(c.id, c.svg);
  const width = Number(svg.properties.width);
  return {
    kind: 'chart',
    id: c.id,
    title: c.title.text,
    subtitle: c.title.subtitle,
    svg,
    width: Number.isFinite(width) && width > 0 ? width : undefined,
    phone: undefined,
    caption: c.caption,
    table: c.table ? { label: ctx.t.t('chart.data'), header: c.table.header, rows: c.table.rows } : undefined,
    label: undefined,
  };
}

/** The findings this document shows. */
const shownFindings = (ctx: DocumentContext): FindingEntry[] => {
  const target = ctx.audience ?? 'release';
  return ctx.project.findings.filter((f) => !f.audiences || f.audiences.includes(target));
};

/** The charts printed beside a finding (when the document has findings), not in the charts section. */
function placedCharts(ctx: DocumentContext): Set<string> {
  const settings = ctx.audience ? ctx.project.config.audiences[ctx.audience] : undefined;
  if (!settings || ![...settings.sections, ...settings.annex].includes('findings')) return new Set();
  return new Set(shownFindings(ctx).flatMap((f) => f.charts ?? []));
}

export function charts(ctx: DocumentContext, rendered: readonly RenderedChart[]): Section | undefined {
  const placed = placedCharts(ctx);
  const own = rendered.filter((c) => !placed.has(c.id));
  if (!own.length) return undefined;
  return section(
    'charts',
    text(ctx.t.t('section.charts')),
    own.map((c) => chart(ctx, c)),
  );
}

/** "(Almaty, 16 January 2022) – ": where and when the story is told, before its first word. */
function withDateline(p: Prose, dateline: string): Prose {
  const [first, ...rest] = p.content;
  const lead: Element = {
    type: 'element',
    tagName: 'strong',
    properties: { className: ['dateline'] },
    children: text(dateline),
  };
  if (first?.type === 'element' && first.tagName === 'p')
    return { ...p, content: [{ ...first, children: [lead, ...text(' '), ...first.children] }, ...rest] };
  return {
    ...p,
    content: [{ type: 'element', tagName: 'p', properties: {}, children: [lead] }, ...p.content],
  };
}

/** The story of a news release, datelined, with its key figures after it. */
export function releaseBody(ctx: DocumentContext, asOf: string): Block[] {
  const unit = ctx.prose((c) => c.release, 'release.md', 3);
  if (!unit) return [];
  const { dateline: place } = ctx.project.config.release;
  const date = ctx.date(ctx.project.config.issued ?? asOf);
  const dateline = ctx.t.t('release.dateline', {
    place: place ? ctx.text(`places.${place}`).value : '',
    date,
    context: place ? undefined : 'dateOnly',
  });
  return [
    withDateline(prose(ctx, unit), dateline),
    keyFigures(ctx, ctx.project.config.release.keyFigures),
  ].filter(present);
}

/** The annex: the evidence behind the main part, opening on a page of its own. */
export function annex(
  ctx: DocumentContext,
  ids: readonly SectionId[],
  rendered: readonly RenderedChart[],
): Part | undefined {
  const children = ids.map((id) => recipeSection(ctx, id, rendered)).filter(present);
  if (!children.length) return undefined;
  return { kind: 'part', id: 'annex', heading: ctx.t.t('section.annex'), children };
}

/** The part of a briefing a recipe names, built for this document. */
export function recipeSection(
  ctx: DocumentContext,
  id: SectionId,
  rendered: readonly RenderedChart[],
): Section | undefined {
  switch (id) {
    case 'summary':
      return summary(ctx);
    case 'findings':
      return findings(ctx, rendered);
    case 'charts':
      return charts(ctx, rendered);
    case 'chronology':
      return chronology(ctx);
    case 'recommendations':
      return recommendations(ctx, true);
  }
}

/** `doc` with each chart's phone drawing (by chart id), parsed and checked as its wide one is. */
export function withPhoneDrawings(
  doc: SemanticDocument,
  drawings: ReadonlyMap<string, string>,
): SemanticDocument {
  const blocks = (list: readonly Block[]): Block[] =>
    list.map((b) => {
      if (b.kind === 'chart') {
        const drawn = drawings.get(b.id);
        return drawn === undefined ? b : { ...b, phone: svgOf(b.id, drawn) };
      }
      return 'children' in b ? ({ ...b, children: blocks(b.children) } as Block) : b;
    });
  return { ...doc, body: blocks(doc.body) };
}
