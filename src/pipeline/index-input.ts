/** What the index page shows of each language, made from the languages' interface strings. */
import { dateValues, formatDate, formatNumber } from '../i18n/format.js';
import { createTranslator, type Translator } from '../i18n/instance.js';
import { documentKinds } from '../model/project.js';
import type { IndexInput, IndexLanguage, ProjectOrder } from './index-page.js';
import type { Manifest } from './output.js';
import { languageName } from './page-links.js';
import { INTERFACE_SOURCE } from '../translation/catalog.js';
import type { WorkspaceContent } from './workspace.js';

const KB = 1024;

/** A file size as readers see it: "160 KB" below a megabyte, "1.2 MB" from there. */
export function fileSize(t: Translator, bytes: number): string {
  if (bytes < KB * KB)
    return t.t('index.size.kB', { n: formatNumber(t, Math.max(1, Math.round(bytes / KB))) });
  return t.t('index.size.MB', { n: formatNumber(t, Math.round((bytes / (KB * KB)) * 10) / 10) });
}

function indexLanguage(
  ws: WorkspaceContent,
  locale: string,
  namespaces: Record<string, Record<string, unknown>>,
): IndexLanguage {
  const t = createTranslator(locale, namespaces);
  return {
    name: languageName(ws, locale),
    title: t.t('index.title'),
    briefing: t.t('document.briefing'),
    // Dates of information are calendar dates: no time zone can move them.
    asOf: (iso) => t.t('document.asOf', dateValues(t, formatDate(t, iso, 'UTC'))),
    size: (bytes) => fileSize(t, bytes),
  };
}

export function indexInput(ws: WorkspaceContent, manifests: readonly Manifest[]): IndexInput {
  const languages = new Map([...ws.toolkit.locales].map(([l, ns]) => [l, indexLanguage(ws, l, ns)]));
  const order = new Map<string, ProjectOrder>(
    ws.projects.map((p) => [p.id, { locales: p.config.locales, kinds: documentKinds(p) }]),
  );
  // The page's own words are interface strings: English, whatever the projects are written in.
  const pageLocale = languages.has(INTERFACE_SOURCE) ? INTERFACE_SOURCE : ([...languages.keys()][0] ?? '');
  return { manifests, languages, order, pageLocale };
}
