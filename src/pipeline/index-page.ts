/**
 * The output index: one self-contained page linking every document of every project,
 * grouped by project and language. Each language's part is written in that language:
 * its name, the project's title, each document's name, date of information and sizes.
 */
import type { Manifest, ManifestEntry } from './output.js';

import { escapeHtml as escape } from '../text/escape.js';

/** What the index needs of a language; the build makes it from the language's interface strings. */
export interface IndexLanguage {
  /** The language's name in itself ("Қазақша"). */
  readonly name: string;
  /** "Briefings and news releases", in the language. */
  readonly title: string;
  /** "Briefing": what a briefing is called, above the name of its edition. */
  readonly briefing: string;
  /** "Information as of 16 January 2022" for an ISO date. */
  asOf(iso: string): string;
  /** "1.2 MB", "160 КБ". */
  size(bytes: number): string;
}

export interface ProjectOrder {
  readonly locales: readonly string[];
  /** `briefing-osce`, …, `release`. */
  readonly kinds: readonly string[];
}

export interface IndexInput {
  readonly manifests: readonly Manifest[];
  readonly languages: ReadonlyMap<string, IndexLanguage>;
  /** Each project's languages and documents in the order it declares them; one missing here is sorted by name. */
  readonly order: ReadonlyMap<string, ProjectOrder>;
  /**
   * The language of the page itself (its `lang` and `<title>`): the interface's source,
   * English; where no document is in it, the first language that has documents.
   */
  readonly pageLocale: string;
}

const fileName = (d: ManifestEntry): string => d.path.split('/').pop() ?? d.path;
const kindOf = (d: ManifestEntry): string => fileName(d).replace(/\.(html|pdf)$/, '');

function ordered(locales: readonly string[], declared: readonly string[] | undefined): string[] {
  const rank = (l: string): number => {
    const i = declared?.indexOf(l) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...locales].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** One document (its HTML and PDF) in one row: name, formats with sizes, date. */
function documentRow(
  docs: readonly ManifestEntry[],
  locale: string,
  language: IndexLanguage | undefined,
): string {
  const first = docs[0]!;
  const name = first.label ?? kindOf(first);
  const files = [...docs]
    .sort((a, b) => a.format.localeCompare(b.format))
    .map((d) => {
      const size =
        d.bytes !== undefined && language
          ? ` <span class="size">(${escape(language.size(d.bytes))})</span>`
          : '';
      const type = d.format === 'pdf' ? ' type="application/pdf"' : '';
      return `<a href="${escape(d.path)}" hreflang="${escape(locale)}"${type}>${escape(d.format.toUpperCase())}</a>${size}`;
    })
    .join(' · ');
  const date = first.asOf && language ? `<span class="date">${escape(language.asOf(first.asOf))}</span>` : '';
  // Editions are named for their readers ("Для государств — участников ОБСЕ"); the kind goes above, as on the cover.
  const doctype =
    first.type === 'briefing' && language ? `<span class="doctype">${escape(language.briefing)}</span>` : '';
  return `<li>${doctype}<span class="name">${escape(name)}</span> <span class="files">${files}</span> ${date}</li>`;
}

function languagePart(
  m: Manifest,
  locale: string,
  language: IndexLanguage | undefined,
  declared: readonly string[] | undefined,
  projectTitle: string | undefined,
): string {
  const docs = m.documents.filter((d) => d.locale === locale);
  const kinds = ordered([...new Set(docs.map(kindOf))], declared);
  const rows = kinds.map((k) =>
    documentRow(
      docs.filter((d) => kindOf(d) === k),
      locale,
      language,
    ),
  );
  const title = docs.find((d) => d.title)?.title;
  // The project's heading already gives the title in its first language.
  const shown = title && title !== projectTitle ? `<p class="title">${escape(title)}</p>\n` : '';
  return `<div class="language" lang="${escape(locale)}">
<h3>${escape(language?.name ?? locale)}</h3>
${shown}<ul>${rows.join('')}</ul>
</div>`;
}

export function indexPage(input: IndexInput): string {
  const { manifests, languages, order, pageLocale } = input;
  const present = new Set(manifests.flatMap((m) => m.documents.map((d) => d.locale)));
  const sections = [...manifests]
    .sort((a, b) => a.project.localeCompare(b.project))
    .map((m) => {
      const declared = order.get(m.project);
      const locales = ordered([...new Set(m.documents.map((d) => d.locale))], declared?.locales);
      // The project is named in its first language; each part below names it in its own.
      const head = m.documents.find((d) => d.locale === locales[0] && d.title);
      const id = `project-${m.project}`;
      return `<section class="project" aria-labelledby="${escape(id)}">
<h2 id="${escape(id)}"${head ? ` lang="${escape(head.locale)}"` : ''}>${escape(head?.title ?? m.project)}</h2>
${locales.map((l) => languagePart(m, l, languages.get(l), declared?.kinds, head?.title)).join('\n')}
</section>`;
    });
  const titles = ordered([...present], [pageLocale, ...[...order.values()].flatMap((o) => o.locales)])
    .map((l) => [l, languages.get(l)?.title] as const)
    .filter((e): e is readonly [string, string] => e[1] !== undefined);
  const heading = titles.length
    ? titles.map(([l, title]) => `<span lang="${escape(l)}">${escape(title)}</span>`).join('<br>')
    : 'Briefings';
  // The page is in the language its title is in.
  const [lang, pageTitle] = titles.find(([l]) => l === pageLocale) ?? titles[0] ?? [pageLocale, 'Briefings'];
  return `<!DOCTYPE html>
<html lang="${escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${escape(pageTitle)}</title>
<style>
${INDEX_CSS}
</style>
</head>
<body>
<main>
<h1>${heading}</h1>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

const INDEX_CSS = `* { box-sizing: border-box; }
body { margin: 0; color: #1d2327; background: #fff; font: 16px/1.5 "Roboto", "Noto Sans", "DejaVu Sans", Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1.5rem; }
h1 span + br + span, h1 br ~ span { font-size: .8em; font-weight: 600; color: #5c6670; }
h2 { font-size: 1.35rem; border-bottom: 3px solid #8a1c1c; padding-bottom: .3rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .1rem; color: #8a1c1c; }
.title { margin: 0 0 .4rem; font-weight: 500; }
ul { list-style: none; padding: 0; margin: 0; }
li { padding: .45rem 0; border-top: 1px solid #d5d9dd; }
.name { display: block; }
.doctype { display: block; text-transform: uppercase; letter-spacing: .06em; font-size: .72rem; color: #5c6670; }
.files, .date, .size { color: #5c6670; font-size: .9rem; }
.date { display: block; }
a { color: #8a1c1c; font-weight: 500; }
a:focus-visible { outline: 3px solid #1d2327; outline-offset: 2px; }
@media print { a { color: inherit; } h2 { break-after: avoid; } li { break-inside: avoid; } }`;
