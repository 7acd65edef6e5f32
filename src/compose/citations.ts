/**
 * Numbers citations in reading order and describes the sources they cite, on the
 * final document, so the HTML and the PDF carry the same numbers.
 */
import type { Element, ElementContent, Root } from 'hast';
import { formatDate } from '../i18n/format.js';
import type { Block, Inline } from '../model/document.js';
import type { DocumentContext } from './context.js';
import { eachElement, runs, type Parent } from './walk.js';

import { classList as classOf } from '../model/vocabulary.js';
const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const txt = (value: string): ElementContent => ({ type: 'text', value });

/** Adjacent citation marks (a text's own and its entry's source) become one mark. */
function mergeAdjacent(tree: Root): void {
  mergeMarks(tree);
  eachElement(tree, mergeMarks);
}

function mergeMarks(node: Parent): void {
  const kids = node.children;
  for (let i = kids.length - 1; i > 0; i--) {
    const cur = kids[i];
    let j = i - 1;
    while (j >= 0 && kids[j]?.type === 'text' && !(kids[j] as { value: string }).value.trim()) j--;
    const prev = kids[j];
    if (cur?.type !== 'element' || prev?.type !== 'element') continue;
    if (
      cur.tagName !== 'sup' ||
      prev.tagName !== 'sup' ||
      !classOf(cur).includes('cite') ||
      !classOf(prev).includes('cite')
    )
      continue;
    const ids = new Set(
      [
        ...String(prev.properties?.dataSource ?? '').split(','),
        ...String(cur.properties?.dataSource ?? '').split(','),
      ].filter(Boolean),
    );
    prev.properties = { ...prev.properties, dataSource: [...ids].join(',') };
    kids.splice(j + 1, i - j);
  }
}

/** Numbers every citation mark in reading order; returns the sources in that order. */
export function numberCitations(body: readonly Block[]): string[] {
  const order: string[] = [];
  for (const run of runs(body)) {
    mergeAdjacent(run);
    eachElement(run, (node, index, parent) => {
      if (node.tagName !== 'sup' || !classOf(node).includes('cite')) return;
      // A citation mark hugs the word before it, whatever spacing the author typed.
      const before = parent.children[index - 1];
      if (before?.type === 'text') before.value = before.value.replace(/\s+$/, '');
      const ids = String(node.properties?.dataSource ?? '')
        .split(',')
        .filter(Boolean);
      const numbers = ids.map((id) => {
        let n = order.indexOf(id);
        if (n < 0) n = order.push(id) - 1;
        return n + 1;
      });
      const sorted = [...new Set(numbers)].sort((a, b) => a - b);
      node.children = sorted.flatMap((n, i) => [
        ...(i ? [txt(',')] : []),
        el('a', { href: `#ref-${n}` }, [txt(String(n))]),
      ]);
    });
  }
  return order;
}

/** The source list, in citation order. */
export function referenceEntries(order: readonly string[], ctx: DocumentContext): Inline[] {
  const described = new Set<string>();
  return order.map((id) => describeSource(id, ctx, described, order));
}

/** The locale's quotation marks, outer and inner (« » and „ “ in Russian). */
function quotes(ctx: DocumentContext): {
  open: string;
  close: string;
  innerOpen: string;
  innerClose: string;
} {
  const q = (k: string): string => ctx.t.t(`reference.quotes.${k}`);
  return { open: q('open'), close: q('close'), innerOpen: q('innerOpen'), innerClose: q('innerClose') };
}

/** A title in the locale's quotation marks; quotation marks inside it become the inner pair. */
export function quoteTitle(title: string, ctx: DocumentContext): string {
  const m = quotes(ctx);
  const inner = title.split(m.open).join(m.innerOpen).split(m.close).join(m.innerClose);
  return `${m.open}${inner}${m.close}`;
}

/**
 * A source's title as this language may print it. Its own title, published in
 * `titleLanguage`, stands in quotation marks in that language, and as published (marked
 * with its language) in any other, followed by this language's translation, marked as one:
 * «Kazakhstan: Cancel ‘Shoot Without Warning’ Order…» [перевод названия: Казахстан: …].
 * A translated title in quotation marks would pass for the source's own. A title the
 * project wrote to describe the source is no title: it stands in square brackets, as a
 * description a cataloguer supplies does, in every language ("[Statement on police casualties]").
 */
function titleRuns(sid: string, ctx: DocumentContext): ElementContent[] {
  const own = ctx.text(`sources.${sid}.title`).value;
  const language = ctx.project.sources.find((x) => x.id === sid)?.titleLanguage;
  if (!language) return [txt(`[${own}]`)];
  const published = ctx.project.locales.get(language)?.texts.sources[sid]?.title;
  if (language === ctx.locale) return [txt(quoteTitle(own, ctx))];
  // The published title is not in the project (its language is none of the project's): a
  // translation is all there is to print, and it must not pass for the title.
  if (published === undefined) return [txt(`[${ctx.t.t('reference.titleTranslated', { title: own })}]`)];
  const original = el('span', { lang: language }, [txt(quoteTitle(published, ctx))]);
  if (own === published) return [original];
  return [original, txt(` [${ctx.t.t('reference.titleTranslated', { title: own })}]`)];
}

/**
 * One entry of the reference list: author, quoted title, date as precise as the source
 * gives it (none if undated) and its URL as a link. A release that reports an authority
 * is cited short (author, date), linked to its own entry when the list has one; without
 * one it is described in full the first time (`described`) and short after that.
 */
export function describeSource(
  id: string,
  ctx: DocumentContext,
  described = new Set<string>(),
  order: readonly string[] = [],
): ElementContent[] {
  const s = ctx.project.sources.find((x) => x.id === id);
  if (!s) return [txt(id)];
  const author = (sid: string): string => ctx.text(`sources.${sid}.author`).value;
  const dateOf = (sid: string): string | undefined => {
    const date = ctx.project.sources.find((x) => x.id === sid)?.date;
    return date ? formatDate(ctx.t, date, 'UTC') : undefined;
  };
  const full = (sid: string): ElementContent[] => {
    described.add(sid);
    const url = ctx.project.sources.find((x) => x.id === sid)?.url;
    const date = dateOf(sid);
    const head: ElementContent[] = [
      txt(`${author(sid)}, `),
      ...titleRuns(sid, ctx),
      ...(date ? [txt(`, ${date}`)] : []),
    ];
    return url ? [...head, txt(', '), el('a', { href: url }, [txt(url)])] : head;
  };
  const short = (sid: string): ElementContent[] => {
    const label = txt([author(sid), dateOf(sid)].filter(Boolean).join(', '));
    const entry = order.indexOf(sid);
    return [entry < 0 ? label : el('a', { href: `#ref-${entry + 1}` }, [label])];
  };
  const own = full(id);
  if (!s.via) return own;
  const release = described.has(s.via) || order.includes(s.via) ? short(s.via) : full(s.via);
  // The locale's phrase ("as reported in {{release}}") around the release's own runs.
  const [before = '', after = ''] = ctx.t.t('reference.via', { release: '\u0000' }).split('\u0000');
  return [...own, txt(` (${before}`), ...release, txt(`${after})`)];
}
