/**
 * One i18next instance per document locale: no global state is shared between
 * documents, so documents in different languages can be composed side by side.
 */
import i18next, { type i18n, type TOptions } from 'i18next';

export interface Translator {
  readonly locale: string;
  /** The BCP 47 locale handed to Intl (e.g. en → en-GB). */
  readonly intl: string;
  t(key: string, options?: TOptions): string;
  has(key: string, options?: TOptions): boolean;
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
  const meta = (namespaces.common?.meta ?? {}) as { intl?: string };
  return {
    locale,
    intl: meta.intl ?? locale,
    t: (key, options) => String(instance.t(key, options ?? {})),
    has: (key, options) => instance.exists(key, options ?? {}),
  };
}
