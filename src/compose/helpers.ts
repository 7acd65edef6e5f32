/** Template helpers. Each returns text (escaped by Handlebars) unless it builds markup itself. */
import type { HelperOptions } from 'handlebars';
import type { DateStyle } from '../i18n/format.js';
import type { DocumentContext } from './context.js';
import { trusted, type HelperSet } from './handlebars.js';

const hashOf = (args: unknown[]): Record<string, unknown> =>
  (args.at(-1) as HelperOptions | undefined)?.hash ?? {};

export function createHelpers(ctx: DocumentContext): HelperSet {
  return {
    /** {{t "section.findings"}}, {{t "document.asOf" date=x}} */
    t: (key: unknown, ...rest: unknown[]) => ctx.t.t(String(key), hashOf(rest)),
    /**
     * {{fig "detained" current=true}} (the newest value), {{fig "killed" source="id"}} or
     * {{fig "killed" asOf="2022-01-06"}} (a statement); `noun="person"`, `case="gen"`.
     */
    fig: (id: unknown, ...rest: unknown[]) => trusted(ctx.figHtml(String(id), hashOf(rest))),
    figLabel: (id: unknown) => trusted(ctx.inline(`figures.${String(id)}`)),
    /** {{date iso style="day"}} */
    date: (iso: unknown, ...rest: unknown[]) =>
      ctx.date(String(iso), (hashOf(rest).style as DateStyle | undefined) ?? 'long'),
    time: (iso: unknown) => ctx.time(String(iso)),
    /** {{plural "document_count" n}}: i18next plural forms (ru one/few/many, kk one/other). */
    plural: (key: unknown, count: unknown) => ctx.t.t(String(key), { count: Number(count) }),
    eq: (a: unknown, b: unknown) => a === b,
    /** {{cite "id1,id2"}}: a citation mark, numbered once the whole document is known. */
    cite: (ids: unknown) =>
      trusted(`<sup class="cite" data-source="${String(ids).replace(/[^a-z0-9_,-]/g, '')}"></sup>`),
  };
}
