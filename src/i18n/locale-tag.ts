/**
 * Locale tags handed to Intl come from files people edit (`meta.intl` in
 * locales/<lng>/common.json, also written by `i18n import`). A tag Intl rejects
 * would crash every formatter; a tag it accepts without data silently formats
 * in another locale. Both are found here, before anything is formatted.
 */
export type LocaleTagCheck =
  | { readonly ok: true; readonly tag: string; readonly fallsBackTo?: string }
  | { readonly ok: false; readonly message: string };

/** Answers by tag: asking Intl which locales it has data for took 2–3 ms of every load. */
const checked = new Map<string, LocaleTagCheck>();

export function checkLocaleTag(tag: unknown): LocaleTagCheck {
  if (typeof tag !== 'string') return checkTag(tag);
  let c = checked.get(tag);
  if (!c) checked.set(tag, (c = checkTag(tag)));
  return c;
}

function checkTag(tag: unknown): LocaleTagCheck {
  if (typeof tag !== 'string' || tag.trim() === '')
    return { ok: false, message: `\`${String(tag)}\` is not a locale tag (expected e.g. en-GB, ru, kk)` };
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return {
      ok: false,
      message: `\`${tag}\` is not a valid BCP 47 locale tag (expected e.g. en-GB, ru, kk)`,
    };
  }
  // A Unicode or private-use extension (`kk-u-nu-arab-ca-islamic`) changes the calendar,
  // the digits or the sort order behind the document's back: digits the PDF font lacks, dates
  // in another calendar. A language, script and region say all a document needs.
  if (/-[a-z0-9]-/i.test(`${canonical}-`))
    return {
      ok: false,
      message: `\`${tag}\` carries an extension (${canonical.slice(canonical.search(/-[a-z0-9]-/i) + 1)}); give the language, and a script or region if needed (e.g. kk, ru, en-GB)`,
    };
  const supported =
    Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0 &&
    Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0;
  if (supported) return { ok: true, tag: canonical };
  return { ok: true, tag: canonical, fallsBackTo: new Intl.NumberFormat(canonical).resolvedOptions().locale };
}

/** The tag to hand Intl: the configured one if Intl accepts it, else the document's locale, else English. */
export function usableLocaleTag(tag: unknown, locale: string): string {
  for (const candidate of [tag, locale]) {
    const c = checkLocaleTag(candidate);
    if (c.ok) return c.tag;
  }
  return 'en';
}
