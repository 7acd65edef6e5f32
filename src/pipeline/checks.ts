/** Checks of the tool's own files: interface strings complete per locale, template text translated. */
import { join } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Toolkit } from '../load/toolkit.js';
import { checkLocaleTag } from '../i18n/locale-tag.js';
import { INTERFACE_SOURCE } from '../translation/catalog.js';
import { BIDI_CONTROL } from '../load/markdown.js';

function keys(obj: unknown, prefix = ''): string[] {
  if (!obj || typeof obj !== 'object') return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Plural suffixes differ by language (ru has _few/_many, en does not): compare base keys. */
const base = (k: string): string => k.replace(/_(zero|one|two|few|many|other)$/, '');

/** Every interface language has the keys of English, the interface's source (whatever the projects are written in). */
export function checkInterfaceStrings(toolkit: Toolkit, sourceLocale = INTERFACE_SOURCE): Diagnostic[] {
  const source = toolkit.locales.get(sourceLocale);
  if (!source) return [];
  const out: Diagnostic[] = [];
  for (const [locale, namespaces] of toolkit.locales) {
    if (locale === sourceLocale) continue;
    for (const [ns, tree] of Object.entries(source)) {
      // There but not read (its own error is reported): its keys are unknown, not missing.
      if (toolkit.unreadable.has(`locales/${locale}/${ns}.json`)) continue;
      const have = new Set(keys(namespaces[ns]).map(base));
      for (const k of new Set(keys(tree).map(base))) {
        if (!have.has(k))
          out.push(
            diagnose('i18n/missing-key', join(toolkit.root, 'locales', locale, `${ns}.json`), {
              kind: 'key',
              key: k,
              sourceLocale,
            }),
          );
      }
    }
  }
  return out;
}

/** Every string of a namespace with its path of keys. */
function strings(tree: unknown, path: readonly string[] = []): [string[], string][] {
  if (typeof tree === 'string') return [[[...path], tree]];
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([k, v]) => strings(v, [...path, k]));
}

/**
 * No interface string holds an invisible bidirectional control: the page shows the words
 * after it reordered, as in prose (`i18n import` writes these files from a CAT tool's XLIFF).
 */
export function checkInterfaceBidi(toolkit: Toolkit): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [locale, namespaces] of toolkit.locales)
    for (const [ns, tree] of Object.entries(namespaces)) {
      const file = join(toolkit.root, 'locales', locale, `${ns}.json`);
      for (const [path, text] of strings(tree)) {
        const bidi = BIDI_CONTROL.exec(text);
        if (bidi)
          out.push(
            diagnose(
              'markdown/bidi-control',
              file,
              { char: bidi[0] },
              toolkit.localePositions.get(file)?.positionOf(path),
            ),
          );
      }
    }
  return out;
}

/**
 * `meta.intl` of every locale: a tag Intl rejects is an error (every formatter
 * would crash on it), one it accepts without data a warning (it formats in
 * another locale).
 */
export function checkLocaleTags(toolkit: Toolkit): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [locale, namespaces] of toolkit.locales) {
    const file = join(toolkit.root, 'locales', locale, 'common.json');
    const meta = namespaces.common?.meta as { intl?: unknown } | undefined;
    if (meta?.intl === undefined) continue;
    const at = toolkit.localePositions.get(file)?.positionOf(['meta', 'intl']);
    const c = checkLocaleTag(meta.intl);
    if (!c.ok)
      out.push(
        diagnose('i18n/locale-tag', file, { kind: 'invalid', field: 'meta.intl', detail: c.message }, at),
      );
    else if (c.fallsBackTo)
      out.push(
        diagnose(
          'i18n/locale-tag',
          file,
          { kind: 'fallback', field: 'meta.intl', tag: c.tag, fallsBackTo: c.fallsBackTo },
          at,
        ),
      );
  }
  return out;
}

/**
 * Visible text typed into a template bypasses translation. Text between tags
 * must be a `{{...}}` expression, whitespace or punctuation.
 */
export function checkTemplateText(toolkit: Toolkit): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of [...toolkit.templates.values(), ...toolkit.partials.values()]) {
    // Comments may span lines: blank them out, keeping line breaks so positions stay true.
    const source = t.source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![^}]*\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      const stripped = line.replace(/\{\{[^}]*\}\}/g, '').replace(/<[^>]*>/g, ' ');
      const m = /\p{L}{2,}/u.exec(stripped);
      if (m)
        out.push(
          diagnose(
            'template/vocabulary',
            t.file,
            { kind: 'untranslated', text: m[0] },
            { line: i + 1, column: line.indexOf(m[0]) + 1 },
          ),
        );
    });
  }
  return out;
}
