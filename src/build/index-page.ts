/** The output index: one self-contained page linking every document of every project. */
import type { Manifest } from './output.js';

import { escapeHtml as escape } from '../compose/escape.js';

export function indexPage(manifests: readonly Manifest[], localeNames: ReadonlyMap<string, string>): string {
  const sections = [...manifests]
    .sort((a, b) => a.project.localeCompare(b.project))
    .map((m) => {
      const locales = [...new Set(m.documents.map((d) => d.locale))];
      const rows = locales.map((locale) => {
        const docs = m.documents.filter((d) => d.locale === locale);
        const kinds = [
          ...new Set(
            docs.map(
              (d) =>
                d.path
                  .split('/')
                  .pop()
                  ?.replace(/\.(html|pdf)$/, '') ?? '',
            ),
          ),
        ];
        const cells = kinds.map((k) => {
          const links = docs
            .filter((d) => d.path.endsWith(`/${k}.html`) || d.path.endsWith(`/${k}.pdf`))
            .map(
              (d) => `<a href="${escape(d.path)}" hreflang="${escape(locale)}">${d.format.toUpperCase()}</a>`,
            );
          return `<li>${escape(k)}: ${links.join(' · ')}</li>`;
        });
        return `<h3 lang="${escape(locale)}">${escape(localeNames.get(locale) ?? locale)}</h3><ul>${cells.join('')}</ul>`;
      });
      return `<section><h2>${escape(m.project)}</h2>${rows.join('')}</section>`;
    });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Briefings</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1d2327}h2{border-bottom:1px solid #d5d9dd}a{color:#8a1c1c}</style>
</head>
<body>
<h1>Briefings</h1>
${sections.join('\n')}
</body>
</html>
`;
}
