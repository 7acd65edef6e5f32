/**
 * The pseudo-locale `en-XA`: the source language with every letter accented and
 * every text made about 30% longer, built on request (`briefing build --pseudo`).
 * Text that reaches a document without going through the translation layer shows
 * up unaccented; a box or a column too narrow for a longer language overflows.
 * Numbers, dates and references stay as the formatters make them.
 */
import type { Root, RootContent } from 'mdast';
import type { Toolkit } from '../load/toolkit.js';
import type { LocaleContent, Project, Prose } from '../model/project.js';
import type { TextsFile } from '../model/schema.js';
import type { Quotations } from '../model/quotations.js';
import { INTERFACE_SOURCE } from './catalog.js';
import { protect, restore } from './placeholders.js';

export const PSEUDO_LOCALE = 'en-XA';

// Only letters Roboto (the embedded font) has: a missing glyph would look like a bug of its own.
const plain = [...'acdeghijklnorstuwyzACDEGHIJKLNORSTUWYZ'];
const accented = [...'áçđéğĥíĵķłñóřšťúŵýžÅÇĐÉĞĤÍĴĶŁÑÓŘŠŤÚŴÝŽ'];
const accents: Record<string, string> = Object.fromEntries(plain.map((c, i) => [c, accented[i] ?? c]));
const vowels = /[aeiouyAEIOUY]/;

/** Accented and 30% longer: vowels are doubled from the start until the text has grown enough. */
export function pseudoWords(text: string): string {
  const letters = [...text].filter((c) => /\p{L}/u.test(c)).length;
  let extra = letters > 0 ? Math.ceil([...text].length * 0.3) : 0;
  let out = '';
  for (const c of text) {
    const accented = accents[c] ?? c;
    out += accented;
    if (extra > 0 && vowels.test(c)) {
      out += accented;
      extra -= 1;
    }
  }
  return extra > 0 && letters > 0 ? out + '·'.repeat(extra) : out;
}

/** A whole string: codes kept, words pseudo-translated, bracketed so a cut-off end shows. */
export function pseudoText(text: string): string {
  if (text.trim() === '') return text;
  const parts = protect(text).map((p) => (p.kind === 'text' ? { ...p, text: pseudoWords(p.text) } : p));
  return `[${restore(parts)}]`;
}

/** Every string of a JSON/YAML tree, except values that are settings rather than text. */
export function pseudoTree(tree: unknown, keep: (path: string) => boolean, path = ''): unknown {
  if (typeof tree === 'string') return keep(path) ? tree : pseudoText(tree);
  if (Array.isArray(tree)) return tree.map((v, i) => pseudoTree(v, keep, `${path}.${i}`));
  if (tree && typeof tree === 'object')
    return Object.fromEntries(
      Object.entries(tree).map(([k, v]) => [k, pseudoTree(v, keep, path ? `${path}.${k}` : k)]),
    );
  return tree;
}

/** Text nodes of a Markdown tree; directive labels (figure ids, dates) are left alone. */
function pseudoMdast<T extends Root | RootContent>(node: T): T {
  if (node.type === 'text') return { ...node, value: pseudoWords(node.value) };
  if (node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective')
    return node;
  if ('children' in node)
    return { ...node, children: (node.children as RootContent[]).map((c) => pseudoMdast(c)) } as T;
  return node;
}

const pseudoProse = (p: Prose): Prose => ({ ...p, title: pseudoText(p.title), tree: pseudoMdast(p.tree) });

function pseudoContent(source: LocaleContent): LocaleContent {
  const mapProse = (m: ReadonlyMap<string, Prose>): Map<string, Prose> =>
    new Map([...m].map(([k, v]) => [k, pseudoProse(v)]));
  return {
    ...source,
    locale: PSEUDO_LOCALE,
    texts: pseudoTree(source.texts, () => false) as TextsFile,
    findings: mapProse(source.findings),
    framing: mapProse(source.framing),
    release: source.release ? pseudoProse(source.release) : undefined,
  };
}

/** Each quotation's source-language rendering, pseudo-translated, as its `en-XA` rendering of the same kind. */
function pseudoQuotations(quotations: Quotations, sourceLocale: string): Quotations {
  return new Map(
    [...quotations].map(([id, q]) => {
      const own = q.renderings[sourceLocale];
      const renderings = own
        ? { ...q.renderings, [PSEUDO_LOCALE]: { ...own, text: pseudoText(own.text) } }
        : q.renderings;
      return [id, { ...q, renderings }];
    }),
  );
}

/** The workspace with `en-XA` added to every project, derived from each project's source language. */
export function withPseudoLocale<W extends { toolkit: Toolkit; projects: readonly Project[] }>(ws: W): W {
  const locales = new Map(ws.toolkit.locales);
  const projects: Project[] = ws.projects.map((p) => {
    const source = p.locales.get(p.config.sourceLocale);
    // The interface strings are English, whatever the project is written in.
    const ui = ws.toolkit.locales.get(INTERFACE_SOURCE);
    if (!source || !ui) return p;
    // The Intl locale stays the source's, so numbers and dates format as in English.
    if (!locales.has(PSEUDO_LOCALE))
      locales.set(
        PSEUDO_LOCALE,
        pseudoTree(ui, (path) => path === 'common.meta.intl') as Record<string, Record<string, unknown>>,
      );
    return {
      ...p,
      config: {
        ...p.config,
        locales: [...p.config.locales.filter((l) => l !== PSEUDO_LOCALE), PSEUDO_LOCALE],
      },
      locales: new Map([...p.locales, [PSEUDO_LOCALE, pseudoContent(source)]]),
      quotations: pseudoQuotations(p.quotations, p.config.sourceLocale),
    };
  });
  return { ...ws, toolkit: { ...ws.toolkit, locales }, projects };
}
