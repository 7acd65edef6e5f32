/**
 * Review copies: for a reviewer without a CAT tool, one bilingual document per
 * briefing and release, source text and translation side by side, entry by entry, with
 * numbers rendered as the document shows them, stale and missing units marked,
 * glossary terms highlighted and each unit's sign-off shown. The result is a
 * semantic document, so the existing HTML and PDF writers render it.
 */
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { DirectiveRenderer } from '../compose/markdown.js';
import { renderInlineHtml } from '../compose/markdown.js';
import { escapeHtml } from '../text/escape.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import type { Claim } from '../model/figure-use.js';
import { entryClaim } from '../model/project.js';
import type { Block, Inline, Prose, Section, SemanticDocument, Table, TableCell } from '../model/document.js';
import {
  audienceOf,
  editionOf,
  type DocumentKind,
  type Project,
  type Prose as ProseUnit,
} from '../model/project.js';
import { textLeaves } from '../load/text-keys.js';
import { languageName, type Catalog, type Segment, type Unit } from './catalog.js';
import type { Glossary, Term } from './glossary.js';
import { signOffState, type SignOff } from './signoff.js';
import { englishSpans, isExcepted, targetSpans, termsIn, type Span } from './terms.js';

export interface ReviewInput {
  readonly project: Project;
  readonly kind: DocumentKind;
  readonly catalog: Catalog;
  readonly glossary: Glossary | undefined;
  readonly signoffs: ReadonlyMap<string, SignOff>;
  /** Directive renderers of the document in each language: numbers as the reader sees them. */
  readonly render: { readonly source: DirectiveRenderer; readonly target: DirectiveRenderer };
  /** Language names for the column heads (`English`, `Қазақша`). */
  readonly names: { readonly source: string; readonly target: string };
  readonly title: string;
  /** The document's own name in the source language: "Briefing · For OSCE participating States". */
  readonly documentName: string;
}

/** Whether a unit's text appears in a document (the same rules compose follows). */
export function inDocument(project: Project, unit: Pick<Unit, 'id'>, kind: DocumentKind): boolean {
  const audience = audienceOf(kind);
  const id = unit.id;
  if (id.startsWith('quotations.')) return quotes(project, kind).has(id.slice('quotations.'.length));
  if (id.startsWith('findings/')) {
    const f = project.findings.find((x) => `findings/${x.id}.md` === id);
    if (!f) return false;
    return f.audiences ? f.audiences.includes((audience ?? 'release') as never) : audience !== undefined;
  }
  if (id.startsWith('framing/')) return audience !== undefined && id === `framing/${audience}.md`;
  if (id === 'release.md') return kind === 'release';
  if (id.startsWith('recommendations.')) {
    const r = project.recommendations.find((x) => `recommendations.${x.id}` === id);
    return r ? r.audiences.includes((audience ?? 'release') as never) : true;
  }
  if (id.startsWith('chronology.')) return audience !== undefined;
  return true;
}

/** The quotations a document prints: those its source-language texts and prose quote. */
function quotes(project: Project, kind: DocumentKind): Set<string> {
  const out = new Set<string>();
  const source = project.locales.get(project.config.sourceLocale);
  if (!source) return out;
  const prose: [string, ProseUnit | undefined][] = [
    ...[...source.findings].map(([id, p]): [string, ProseUnit] => [`findings/${id}.md`, p]),
    ...[...source.framing].map(([id, p]): [string, ProseUnit] => [`framing/${id}.md`, p]),
    ['release.md', source.release],
  ];
  for (const [id, p] of prose)
    if (p && inDocument(project, { id }, kind))
      for (const u of p.uses) if (u.name === 'quote') out.add(u.value);
  for (const [key, value] of textLeaves(source.texts))
    if (inDocument(project, { id: key }, kind))
      for (const m of value.matchAll(/:quote\[([^\]\n]*)\]/g)) out.add((m[1] ?? '').trim());
  return out;
}

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

/** Wraps spans (non-overlapping after merging) in private-use marks that survive rendering. */
function markSpans(text: string, spans: readonly Span[]): string {
  const merged: [number, number][] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  let out = '';
  let at = 0;
  for (const [s, e] of merged) {
    out += text.slice(at, s) + MARK_OPEN + text.slice(s, e) + MARK_CLOSE;
    at = e;
  }
  return out + text.slice(at);
}

function rendered(
  text: string,
  spans: readonly Span[],
  r: DirectiveRenderer,
  claim: Claim | undefined,
): ElementContent[] {
  let html: string;
  try {
    html = renderInlineHtml(markSpans(text, spans), r, claim);
  } catch (e) {
    // A unit the check would refuse still gets a review copy: its directives as written.
    if (!(e instanceof DiagnosticError)) throw e;
    html = escapeHtml(markSpans(text, spans));
  }
  html = html.replaceAll(MARK_OPEN, '<mark class="term">').replaceAll(MARK_CLOSE, '</mark>');
  return fromHtml(html, { fragment: true }).children as ElementContent[];
}

const el = (
  tagName: string,
  properties: Record<string, string | string[]>,
  children: ElementContent[],
): Element => ({
  type: 'element',
  tagName,
  properties: Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [k === 'class' ? 'className' : k, v]),
  ),
  children,
});
const txt = (value: string): ElementContent => ({ type: 'text', value });

/** What a unit's state means, in terms of its source language (`English`, `Russian`). */
const stateWords = (state: Unit['state'], source: string): string =>
  state === 'translated'
    ? 'translated'
    : state === 'stale'
      ? `STALE: the ${source} text changed after this translation was made`
      : `MISSING: no translation; the ${source} text is shown in the document`;

/** The unit's state and its sign-off, in words. */
function statusWords(unit: Unit, signoffs: ReadonlyMap<string, SignOff>): [string, string] {
  const signoff = signOffState(unit, signoffs);
  const who = signoffs.get(unit.id);
  return [
    stateWords(unit.state, languageName(unit.sourceLocale)),
    signoff === 'signed-off' && who
      ? `signed off by ${who.by} on ${who.on}`
      : signoff === 'outdated' && who
        ? `sign-off by ${who.by} on ${who.on} no longer applies: the text changed since`
        : 'not signed off',
  ];
}

function unitSection(unit: Unit, input: ReviewInput): Section {
  const [state, signoff] = statusWords(unit, input.signoffs);
  const note: Prose = {
    kind: 'prose',
    content: [el('p', { class: 'note' }, [el('strong', {}, [txt(state)]), txt(` · ${signoff}`)])],
    untranslated: undefined,
  };
  const table: Table = {
    kind: 'table',
    label: unit.id,
    role: 'review',
    header: [input.names.source, input.names.target],
    rows: unit.segments.map((seg) => ({ role: `state-${unit.state}`, cells: entryCells(unit, seg, input) })),
  };
  return {
    kind: 'section',
    id: `u-${unit.id.replace(/[^\w-]/g, '-')}`,
    level: 3,
    heading: [txt(unit.id)],
    role: `review-unit state-${unit.state}`,
    lang: undefined,
    children: [note, table],
  };
}

/** One entry's row: source and translation as the documents render them, glossary terms marked. */
function entryCells(unit: Unit, seg: Segment, input: ReviewInput): TableCell[] {
  const locale = input.catalog.locale;
  const terms = input.glossary ? termsIn(seg.source, input.glossary).filter((t) => t.targets[locale]) : [];
  const enSpans = terms.flatMap((t) => englishSpans(seg.source, t));
  // The translation is rendered first, as it always was: renderers number what they meet.
  const target = targetCell(unit, seg.target, terms, input);
  return [
    {
      lang: unit.sourceLocale,
      content: rendered(seg.source, enSpans, input.render.source, entryClaim(input.project, unit.id)),
    },
    { lang: locale, content: target },
  ];
}

/** The translation, its glossary terms marked and any agreed term it lacks named under it. */
function targetCell(
  unit: Unit,
  target: string | undefined,
  terms: readonly Term[],
  input: ReviewInput,
): Inline {
  if (target === undefined) return [el('em', {}, [txt('(no translation)')])];
  const locale = input.catalog.locale;
  const trSpans = terms.flatMap((t) => targetSpans(target, t, locale) ?? []);
  const lacking = terms.filter((t) => !isExcepted(t, unit.id, locale) && !targetSpans(target, t, locale));
  return [
    ...rendered(target, trSpans, input.render.target, entryClaim(input.project, unit.id)),
    ...(lacking.length
      ? [
          el('br', {}, []),
          el('strong', { class: 'term-missing' }, [
            txt(
              `Glossary: ${lacking.map((t) => `“${t.en}”, agreed “${t.targets[locale] ?? ''}”`).join('; ')}: not found`,
            ),
          ]),
        ]
      : []),
  ];
}

export function reviewDocument(input: ReviewInput): SemanticDocument {
  const { project, kind, catalog } = input;
  // A review copy is of one project's document: its source language is the project's.
  const source = project.config.sourceLocale;
  const units = catalog.units.filter((u) => u.scope === project.id && inDocument(project, u, kind));
  const heading = `Review copy (${source} to ${catalog.locale}): ${input.title}`;
  const body: Block[] = [
    {
      kind: 'section',
      id: 'review',
      level: 2,
      heading: [txt(heading)],
      role: undefined,
      lang: undefined,
      children: [reviewIntro(units, input), ...units.map((u) => unitSection(u, input))],
    },
  ];
  return { meta: reviewMeta(input), body };
}

/** What the copy is of, and how many of its units are translated, stale, missing and signed off. */
function reviewIntro(units: readonly Unit[], input: ReviewInput): Prose {
  const count = (s: string): number => units.filter((u) => u.state === s).length;
  const signed = units.filter((u) => signOffState(u, input.signoffs) === 'signed-off').length;
  const summary = `${units.length} units: ${count('translated')} translated, ${count('stale')} stale, ${count('missing')} missing; ${signed} signed off by a reviewer. Glossary terms are highlighted; a term the translation lacks is named under it. Sign off with: briefing i18n signoff --locale ${input.catalog.locale} --unit <id>,… --by <name>`;
  return {
    kind: 'prose',
    content: [
      el('p', { class: 'note' }, [txt(`${input.documentName} · ${input.project.id}`)]),
      el('p', { class: 'note' }, [txt(summary)]),
    ],
    untranslated: undefined,
  };
}

function reviewMeta(input: ReviewInput): SemanticDocument['meta'] {
  const { project, kind, catalog } = input;
  const source = project.config.sourceLocale;
  const what = input.documentName;
  return {
    project: project.id,
    locale: catalog.locale,
    kind,
    type: editionOf(kind).type,
    audience: undefined,
    title: `Review copy ${catalog.locale}: ${input.title}`,
    subtitle: what,
    shortTitle: `Review copy, ${source} to ${catalog.locale}`,
    audienceLabel: what,
    runningLabel: what,
    author: 'briefing',
    subject: `Bilingual review copy, ${source} and ${catalog.locale}`,
    keywords: 'review, translation',
    date: project.config.asOf,
    pageSize: project.config.pageSize,
    uses: [],
    places: [],
    prose: [],
    texts: [],
    pageLabel: 'Page {{page}} of {{pages}}',
    contentsLabel: 'Contents',
    fallbacks: [],
    figures: [],
    sources: [],
    charts: [],
  };
}

/** The review copy's own style: two columns, marked states and terms, a phone-width fallback. */
export const reviewCss = `
body { font-family: system-ui, sans-serif; color: #1d2327; margin: 0 auto; max-width: 1100px; padding: 16px; line-height: 1.45; }
h1 { font-size: 1.5rem; } h3 { font-size: 1rem; margin: 1.4em 0 0.2em; font-family: monospace; }
.note { color: #555; font-size: 0.9rem; margin: 0.2em 0; }
table.review { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.review th { text-align: left; border-bottom: 2px solid #1d2327; padding: 4px 8px; }
table.review td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
tr.state-stale td { background: #fff4e5; } tr.state-missing td { background: #fdecec; }
section.state-stale h3::after { content: " — stale"; color: #b45309; }
section.state-missing h3::after { content: " — missing"; color: #b91c1c; }
mark.term { background: #fff2a8; padding: 0 1px; }
.term-missing { color: #b91c1c; font-size: 0.85rem; }
sup.cite::before { content: "[ref]"; font-size: 0.7em; color: #666; }
@media (max-width: 600px) { table.review, table.review tbody, table.review tr, table.review td { display: block; width: auto; } table.review thead { display: none; } }
`;
