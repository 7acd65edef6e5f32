/**
 * One i18next instance per document locale: no global state is shared between
 * documents, so documents in different languages can be composed side by side.
 */
import i18next, { type i18n, type TOptions } from 'i18next';
import { usableLocaleTag } from './locale-tag.js';

export interface Translator {
  readonly locale: string;
  /** The BCP 47 locale handed to Intl (e.g. en → en-GB). */
  readonly intl: string;
  t(key: string, options?: TOptions): string;
  has(key: string, options?: TOptions): boolean;
  /**
   * `t`, plus where the text came from when it had to be taken from the fallback
   * language, as `<file> <key>` (`locales/kk/common.json section.findings`).
   */
  lookup(key: string, options?: TOptions): { text: string; fallback: string | undefined };
}

export type Resources = Record<string, Record<string, unknown>>;

export function createTranslator(
  locale: string,
  namespaces: Resources,
  fallback?: { locale: string; namespaces: Resources },
): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: fallback ? fallback.locale : false,
    resources: { [locale]: namespaces, ...(fallback ? { [fallback.locale]: fallback.namespaces } : {}) },
    ns: Object.keys(namespaces),
    defaultNS: 'common',
    initAsync: false,
    // Escaping happens once per output: the HTML writer escapes, the PDF writer must not.
    interpolation: { escapeValue: false },
    returnNull: false,
    keySeparator: '.',
    nsSeparator: ':',
  });
  const meta = (namespaces.common?.meta ?? {}) as { intl?: unknown };
  // The texts never change after init: each lookup is worked out once (i18next's own took a
  // fifth of the time to compose a document, asked the same few hundred keys again and again).
  const looked = new Map<string, ReturnType<Translator['lookup']>>();
  const lookup: Translator['lookup'] = (key, options) => {
    const id = lookupId(key, options);
    const known = id === undefined ? undefined : looked.get(id);
    if (known) return known;
    const found = translate(key, options);
    if (id !== undefined) looked.set(id, found);
    return found;
  };
  const translate: Translator['lookup'] = (key, options) => {
    const r = instance.t(key, { ...(options ?? {}), returnDetails: true }) as unknown as {
      res: unknown;
      usedLng?: string;
      usedNS?: string;
      usedKey?: string;
    };
    const ns = r.usedNS ?? 'common';
    const file = ns === 'project' ? `${locale}/texts.yaml` : `locales/${locale}/${ns}.json`;
    const fellBack = fallback !== undefined && r.usedLng === fallback.locale && r.usedKey !== undefined;
    return Object.freeze({
      text: String(r.res),
      fallback: fellBack ? `${file} ${r.usedKey ?? key}` : undefined,
    });
  };
  return {
    locale,
    // An unusable tag is reported by `check` (build/checks.ts); formatting must not crash on it.
    intl: usableLocaleTag(meta.intl, locale),
    lookup,
    t: (key, options) => lookup(key, options).text,
    has: (key, options) => instance.exists(key, options ?? {}),
  };
}

/** A lookup's key, when its options are plain values that say all it depends on; else none (not kept). */
function lookupId(key: string, options: TOptions | undefined): string | undefined {
  if (!options) return key;
  for (const value of Object.values(options)) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) return undefined;
    // JSON would write NaN and Infinity as null, and a symbol not at all.
    if (typeof value === 'symbol' || (typeof value === 'number' && !Number.isFinite(value))) return undefined;
  }
  return `${key}\0${JSON.stringify(options)}`;
}

/**
 * The translator as one document sees it: the same texts, with every fallback it
 * uses recorded for that document alone (a translator is shared by the documents
 * of a language, so a shared record would leak one document's fallbacks into another).
 */
export function recordingFallbacks(t: Translator): { translator: Translator; fallbacks: Set<string> } {
  const fallbacks = new Set<string>();
  const lookup: Translator['lookup'] = (key, options) => {
    const r = t.lookup(key, options);
    if (r.fallback) fallbacks.add(r.fallback);
    return r;
  };
  return { translator: { ...t, lookup, t: (key, options) => lookup(key, options).text }, fallbacks };
}
