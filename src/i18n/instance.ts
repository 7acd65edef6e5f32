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
  /**
   * Every key `t` had to take from the fallback language, as `<file> <key>`
   * (`locales/kk/common.json section.findings`): a document lists them, never hides them.
   */
  readonly fallbacks: ReadonlySet<string>;
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
  const fallbacks = new Set<string>();
  return {
    locale,
    intl: meta.intl ?? locale,
    fallbacks,
    t: (key, options) => {
      const r = instance.t(key, { ...(options ?? {}), returnDetails: true }) as unknown as {
        res: unknown;
        usedLng?: string;
        usedNS?: string;
        usedKey?: string;
      };
      if (fallback && r.usedLng === fallback.locale && r.usedKey) {
        const ns = r.usedNS ?? 'common';
        fallbacks.add(
          `${ns === 'project' ? `${locale}/texts.yaml` : `locales/${locale}/${ns}.json`} ${r.usedKey}`,
        );
      }
      return String(r.res);
    },
    has: (key, options) => instance.exists(key, options ?? {}),
  };
}
