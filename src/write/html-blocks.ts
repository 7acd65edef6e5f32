/**
 * The HTML of each block kind: the block's fields made ready for its template
 * (inline content as HTML, texts escaped by Handlebars), then the template.
 */
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { diagnose, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type {
  Block,
  CalloutGroup,
  Chronology,
  Contacts,
  Contents,
  ContentsEntry,
  Cover,
  Inline,
  KeyFigures,
  Masthead,
  RecommendationGroup,
  Section,
  Table,
} from '../model/document.js';
import { numberedAsks } from '../model/document.js';
import { chartView } from './html-chart.js';
import type { Logo } from '../model/project.js';
import { shownUrl, unbrokenPhone } from './contact-text.js';
import { templateNames, trusted, type CompiledTemplate } from './templates.js';
import { joinRanges, joinRangesText } from './html-ranges.js';

export interface BlockTemplates {
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  /** The file each template was compiled from, to say where a template went wrong. */
  readonly files: ReadonlyMap<string, string>;
}

/** Marks for quotes in text while it is serialized (private-use characters content has none of). */
const DOUBLE = '\uE001';
const SINGLE = '\uE002';

const quoted = (nodes: readonly ElementContent[]): boolean =>
  nodes.some((n) => (n.type === 'text' ? /["']/.test(n.value) : n.type === 'element' && quoted(n.children)));

function marked(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.map((n): ElementContent => {
    if (n.type === 'text') return { ...n, value: n.value.replace(/"/g, DOUBLE).replace(/'/g, SINGLE) };
    if (n.type === 'element') return { ...n, children: marked(n.children) };
    return n;
  });
}

/**
 * Inline content as HTML, with the quotes of its text as character references: Handlebars
 * escapes them in every value it prints, but inline content is passed as trusted HTML, and
 * a heading with `"` printed in a template's attribute (`title="{{heading}}"`) had added an
 * attribute of the content's choosing.
 */
const html = (run: Inline | readonly ElementContent[] | undefined): unknown => {
  if (run === undefined) return undefined;
  const nodes = joinRanges(run as ElementContent[]);
  const text = toHtml(quoted(nodes) ? marked(nodes) : [...nodes]);
  return trusted(text.replace(/\uE001/g, '&#34;').replace(/\uE002/g, '&#39;'));
};

/** Level-3 entries under the level-2 entry before them. */
function contentsTree(c: Contents): object[] {
  const out: { target: string; label: unknown; children: object[] }[] = [];
  const entry = (e: ContentsEntry): { target: string; label: unknown; children: object[] } => ({
    target: e.target,
    label: html(e.label),
    children: [],
  });
  for (const e of c.entries) {
    const last = out[out.length - 1];
    if (e.level === 3 && last) last.children.push(entry(e));
    else out.push(entry(e));
  }
  return out;
}

/** The organisation's mark, drawn inline (an SVG, checked when loaded) or as a data URL. */
function logoHtml(logo: Logo | undefined): unknown {
  if (!logo) return undefined;
  if (logo.kind === 'svg') return trusted(`<span class="logo" aria-hidden="true">${logo.svg}</span>`);
  return trusted(`<img class="logo" alt="" src="${logo.dataUrl}">`);
}

function contactsView(c: Contacts): object {
  return {
    heading: c.heading,
    endMark: c.endMark,
    entries: c.entries.map((e) => ({
      name: html(e.name),
      email: e.email,
      phone: e.phone && unbrokenPhone(e.phone),
      url: e.url
        ? html([
            {
              type: 'element',
              tagName: 'a',
              properties: { href: e.url },
              children: [{ type: 'text', value: shownUrl(e.url) }],
            },
          ])
        : undefined,
    })),
  };
}

function mastheadView(b: Masthead): object {
  return {
    organisation: html(b.organisation),
    logo: logoHtml(b.logo),
    doctype: b.doctype,
    headline: html(b.headline),
    standfirst: html(b.standfirst),
    issued: b.issued,
  };
}

function coverView(b: Cover): object {
  return {
    organisation: html(b.organisation),
    logo: logoHtml(b.logo),
    issued: b.issued,
    contacts: b.contacts ? contactsView(b.contacts) : undefined,
    doctype: b.doctype,
    title: html(b.title),
    subtitle: html(b.subtitle),
    audience: b.audience,
    date: b.date,
    language: b.language,
    distribution: b.distribution,
  };
}

function sectionView(b: Section, body: string): object {
  return {
    id: b.id,
    level: b.level,
    top: b.level === 2,
    heading: html(b.heading),
    role: b.role,
    lang: b.lang,
    body: trusted(body),
  };
}

function keyFiguresView(b: KeyFigures, top: boolean): object {
  return {
    top,
    heading: b.heading,
    items: b.items.map((i) => ({
      id: i.id,
      value: html(i.value),
      label: html(i.label),
      asOf: i.asOf,
      earlier: html(i.earlier),
      cite: html(i.cite),
    })),
  };
}

/** Recommendations under their addressees, numbered once across them. */
const groupsView = (groups: readonly RecommendationGroup[]): object[] =>
  groups.map((g) => ({
    addressee: html(g.addressee),
    start: g.start,
    items: g.items.map((i) => ({ id: i.id, text: html(i.text) })),
  }));

/** Key asks under their addressee, each with its recommendation's number where the briefing prints them. */
const calloutGroupView = (g: CalloutGroup): object => ({
  addressee: html(g.addressee),
  numbered: numberedAsks(g),
  items: g.items.map((i) => ({ text: html(i.text), number: i.number })),
});

function chronologyView(b: Chronology): object {
  return {
    label: b.label,
    note: b.note,
    columns: b.columns,
    days: b.days.map((d) => ({
      day: d.day,
      label: d.label,
      entries: d.entries.map((e) => ({
        id: e.id,
        when: joinRangesText(e.when),
        place: html(e.place),
        text: html(e.text),
      })),
    })),
  };
}

function tableView(b: Table): object {
  return {
    role: b.role,
    label: b.label,
    header: b.header,
    rows: b.rows.map((r) => ({
      role: r.role,
      cells: r.cells.map((c) => ({ lang: c.lang, content: html(c.content) })),
    })),
  };
}

/**
 * What a block's template sees: every field present (strict templates refuse a missing one).
 * `top`: the block is not inside a section (its box title is then an h2, not an h3).
 */
function view(b: Block, children: (blocks: readonly Block[]) => string, top: boolean): object {
  switch (b.kind) {
    case 'masthead':
      return mastheadView(b);
    case 'contacts':
      return contactsView(b);
    case 'part':
      return { id: b.id, heading: b.heading, body: trusted(children(b.children)) };
    case 'cover':
      return coverView(b);
    case 'contents':
      return { heading: b.heading, entries: contentsTree(b) };
    case 'section':
      return sectionView(b, children(b.children));
    case 'prose':
      return { body: html(b.content), untranslated: b.untranslated };
    case 'keyFigures':
      return keyFiguresView(b, top);
    case 'callout':
      return { role: b.role, heading: b.heading, note: b.note, groups: b.groups.map(calloutGroupView) };
    case 'chart':
      return chartView(b, (svg) => html([svg]));
    case 'chronology':
      return chronologyView(b);
    case 'recommendations':
      return { numbered: b.numbered, groups: groupsView(b.groups) };
    case 'references':
      return { entries: b.entries.map((content, i) => ({ n: i + 1, content: html(content) })) };
    case 'table':
      return tableView(b);
  }
}

/** "\"headng\" not defined in [object Object] - 3:7": the template's line and column. */
function templateProblem(file: string, e: unknown): DiagnosticError {
  const message = e instanceof Error ? e.message : String(e);
  const at = / - (\d+):(\d+)\s*$/.exec(message.split('\n')[0] ?? '');
  const field = /"([^"]+)" not defined/.exec(message)?.[1];
  return new DiagnosticError([
    diagnose(
      'template/runtime',
      file,
      field
        ? { kind: 'field', field }
        : { kind: 'detail', detail: (message.split('\n')[0] ?? message).replace(/ - \d+:\d+\s*$/, '') },
      at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : undefined,
    ),
  ]);
}

/**
 * The HTML of a list of blocks, each by its kind's template. A block whose template fails
 * is left out and the others still drawn, so that every template's problem is reported at
 * once (the same problem once, however many blocks use the template).
 */
export function renderBlocks(blocks: readonly Block[], t: BlockTemplates): string {
  const problems = new Map<string, Diagnostic>();
  const failed = (list: readonly Diagnostic[]): string => {
    for (const d of list)
      problems.set(`${d.file}:${String(d.line)}:${String(d.column)}:${d.rule}:${d.message}`, d);
    return '';
  };
  const render = (list: readonly Block[], top = true): string =>
    list
      .map((b) => {
        const name = templateNames[b.kind];
        const template = t.templates.get(name);
        const file = t.files.get(name) ?? `templates/${name}.hbs`;
        if (!template)
          return failed([diagnose('file/missing', file, { kind: 'block-template', block: b.kind })]);
        try {
          // Inside a section everything is below its heading; a part's sections are still top-level.
          return template(view(b, (c) => render(c, b.kind === 'part'), top));
        } catch (e) {
          return failed(e instanceof DiagnosticError ? e.diagnostics : templateProblem(file, e).diagnostics);
        }
      })
      .join('\n');
  const html = render(blocks);
  if (problems.size > 0) throw new DiagnosticError([...problems.values()]);
  return html;
}
