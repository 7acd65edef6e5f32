/**
 * The glossary as TBX (ISO 30042, the TBX-Basic dialect every CAT tool imports as a
 * termbase): one termEntry per glossary entry, one langSet per language, the
 * declared forms as further terms of the same language.
 */
import { DOMImplementation, XMLSerializer, type Element } from '@xmldom/xmldom';
import type { Term } from './glossary.js';

export function writeTbx(
  terms: readonly Term[],
  sourceLocale: string,
  locale: string,
  title: string,
): string {
  const doc = new DOMImplementation().createDocument(null, 'martif', null);
  const root = doc.documentElement;
  if (!root) throw new Error('no document element');
  root.setAttribute('type', 'TBX-Basic');
  root.setAttribute('xml:lang', sourceLocale);
  const el = (parent: Element, name: string, attrs: Record<string, string> = {}, text?: string): Element => {
    const e = doc.createElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.appendChild(doc.createTextNode(text));
    parent.appendChild(e);
    return e;
  };
  const header = el(root, 'martifHeader');
  const fileDesc = el(header, 'fileDesc');
  el(el(fileDesc, 'sourceDesc'), 'p', {}, title);
  el(el(header, 'encodingDesc'), 'p', { type: 'XCSURI' }, 'TBXBasicXCSV02.xcs');
  const body = el(el(root, 'text'), 'body');
  terms.forEach((t, i) => {
    const agreed = t.targets[locale];
    if (agreed === undefined) return;
    const entry = el(body, 'termEntry', { id: `t${i + 1}` });
    if (t.note) el(entry, 'note', {}, t.note);
    const lang = (code: string, values: readonly string[]): void => {
      const set = el(entry, 'langSet', { 'xml:lang': code });
      for (const v of values) el(el(set, 'tig'), 'term', {}, v);
    };
    lang(sourceLocale, [t.en]);
    lang(locale, [...new Set([agreed, ...(t.forms[locale] ?? [])])]);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;
}
