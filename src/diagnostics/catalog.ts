/**
 * The one catalog of problems the tool reports, as Astro keeps its error catalog:
 * every diagnostic names a rule from here, and the rule builds its message from
 * typed parameters, so the same problem reads the same wherever it is raised, a
 * call site cannot forget a part of it ("did you mean", the languages affected),
 * and rule ids stay stable. Each rule has a default severity (some decide it from
 * their parameters: a missing translation is a warning, a missing plural form an
 * error) and one hint.
 *
 * Parameters named `detail` carry text another library wrote (a parser, zod,
 * Vega-Lite, Handlebars) or a checker's finding, quoted as it is.
 */
import { codePointName } from './code-point.js';
import { didYouMean } from './suggest.js';

export type Severity = 'error' | 'warning';

export interface RuleSpec<P> {
  readonly title: string;
  readonly severity: Severity | ((params: P) => Severity);
  readonly hint: string;
  readonly message: (params: P) => string;
}

/** Declares a rule with its parameter type (inference alone would widen it to the message's use). */
const rule = <P>(spec: RuleSpec<P>): RuleSpec<P> => spec;

const code = (s: string | number): string => `\`${s}\``;
/** A name as the reader wrote it, cut short: an unknown key of 100 KB was echoed whole. */
const short = (s: string): string => (s.length > 60 ? `${s.slice(0, 59)}…` : s);
const codes = (list: readonly string[]): string => list.map((s) => code(short(s))).join(', ');
const suggest = (id: string, known: Iterable<string> | undefined): string =>
  known ? didYouMean(id, known) : '';

/** Text a library or a checker wrote, quoted as it is. */
interface Detail {
  readonly detail: string;
}

/** A translation an import refuses: the unit or entry (`findings/x.md p2`), and what is wrong with it. */
interface Refusal {
  readonly subject: string;
  readonly detail: string;
}
const refusal = (p: Refusal): string => `${p.subject}: ${p.detail}`;

/** What `check` finds in a file an import would write. */
interface ImportCheck {
  /** The file (`content/p/kk/texts.yaml:3:5`) and the problem `check` finds there. */
  readonly file: string;
  readonly rule: string;
  readonly detail: string;
}

/** What is wrong with a `:date` range, and the directive or date meant where one can be told. */
export type RangeProblem =
  | { readonly kind: 'no-end' }
  | { readonly kind: 'not-days' }
  | { readonly kind: 'month-style' }
  | { readonly kind: 'invalid-end'; readonly to: string; readonly meant?: string; readonly days?: string }
  | { readonly kind: 'backwards' | 'same-day'; readonly from: string; readonly to: string };

export const catalog = {
  'yaml/syntax': rule<Detail>({
    title: 'YAML syntax error',
    severity: 'error',
    hint: 'Fix the YAML syntax at this position (indentation, quotes, colons).',
    message: (p) => p.detail,
  }),
  'yaml/duplicate-key': rule<Detail>({
    title: 'Duplicate key',
    severity: 'error',
    hint: 'Each key may appear once in a mapping; remove or rename one.',
    message: (p) => p.detail,
  }),
  'yaml/key-not-name': rule<{ readonly kind: 'list' | 'mapping'; readonly key: string }>({
    title: 'A key that is a list or a mapping',
    severity: 'error',
    hint: 'Write the key as a plain word or as quoted text: a field is named by text.',
    message: (p) => `this key is a ${p.kind}, not a name: ${code(p.key)}`,
  }),
  'schema/invalid': rule<
    | { readonly kind: 'shape'; readonly detail: string; readonly at: string }
    | { readonly kind: 'json-syntax'; readonly detail: string }
    | { readonly kind: 'not-object'; readonly what: string }
    | {
        readonly kind: 'forms-without-term';
        readonly field: string;
        readonly lang: string;
        readonly at: string;
      }
    | { readonly kind: 'directive-date'; readonly value: string }
    | { readonly kind: 'directive-time'; readonly value: string }
    | {
        readonly kind: 'noun-gender';
        readonly noun: string;
        readonly locale: string;
        readonly declared: string;
        readonly genders: readonly string[];
      }
    | { readonly kind: 'logo-format' }
    | { readonly kind: 'project-name'; readonly name: string }
  >({
    title: 'Value does not match the schema',
    severity: 'error',
    hint: 'See docs/content-format.md for the expected shape.',
    message: (p) => {
      switch (p.kind) {
        case 'shape':
          return `${p.detail}${p.at ? ` at ${code(p.at)}` : ''}`;
        case 'json-syntax':
          return `not valid JSON: ${p.detail}`;
        case 'not-object':
          return `${p.what} are a JSON object`;
        case 'forms-without-term':
          return `${p.field} for ${code(p.lang)}, but the entry has no ${code(p.lang)} term at ${code(p.at)}`;
        case 'directive-date':
          return `${code(`:date[${p.value}]`)} needs a real date as YYYY-MM-DD, YYYY-MM or YYYY`;
        case 'directive-time':
          return `${code(`:time[${p.value}]`)} needs a real date-time with offset, e.g. 2022-01-05T15:00+06:00`;
        case 'noun-gender':
          return `${code(`${p.noun}_gender`)} in ${code('nouns')} of ${p.locale}/texts.yaml is "${p.declared}"; write one of ${p.genders.join(', ')}, optionally followed by "animate"`;
        case 'logo-format':
          return 'a logo is an .svg or .png file';
        case 'project-name':
          return `content/${p.name} is not a project id: its name is its id in output paths, the index and --project, so it uses lower-case letters, digits, "-" and "_" (e.g. georgia-2024)`;
      }
    },
  }),
  'schema/missing': rule<
    | { readonly kind: 'field'; readonly field: string; readonly at: string }
    | { readonly kind: 'value-for-qualifier'; readonly figure: string; readonly qualifier: string }
  >({
    title: 'Required field missing',
    severity: 'error',
    hint: 'Add the field; see docs/content-format.md.',
    message: (p) =>
      p.kind === 'field'
        ? `missing required field ${code(p.field)}${p.at ? ` at ${code(p.at)}` : ''}`
        : `figure ${code(p.figure)} needs a ${code('value')} with qualifier ${code(p.qualifier)}`,
  }),
  'schema/unknown-key': rule<
    | { readonly kind: 'fields'; readonly keys: readonly string[]; readonly at: string }
    | {
        readonly kind: 'language';
        readonly key: string;
        readonly locales: readonly string[];
        readonly at: string;
      }
  >({
    title: 'Unknown field',
    severity: 'error',
    hint: 'Remove the field or check its spelling.',
    message: (p) =>
      p.kind === 'fields'
        ? `unknown field ${codes(p.keys)}${p.at ? ` at ${code(p.at)}` : ''}`
        : `${code(p.key)} is not a language of this project (${p.locales.join(', ')}) at ${code(p.at)}${suggest(p.key, p.locales)}`,
  }),
  'file/missing': rule<
    | { readonly kind: 'file'; readonly rel: string }
    | { readonly kind: 'source-text'; readonly text: string }
    | { readonly kind: 'templates' }
    | { readonly kind: 'no-project' }
    | { readonly kind: 'logo'; readonly rel: string }
    | { readonly kind: 'block-template'; readonly block: string }
  >({
    title: 'Required file missing',
    severity: 'error',
    hint: 'Create the file; every project needs it.',
    message: (p) => {
      switch (p.kind) {
        case 'file':
          return `${p.rel} is missing`;
        case 'source-text':
          return `source text sources/${p.text} is missing`;
        case 'templates':
          return 'no templates found';
        case 'no-project':
          return 'no project under content/: a project is a folder content/<id>/ holding project.yaml (docs/content-format.md)';
        case 'logo':
          return `the logo ${p.rel} does not exist in the project folder`;
        case 'block-template':
          return `no template for ${p.block} blocks`;
      }
    },
  }),
  'file/unreadable': rule<
    | { readonly kind: 'dangling-project'; readonly name: string }
    | { readonly kind: 'folder'; readonly rel: string }
    | { readonly kind: 'special'; readonly rel: string }
    | { readonly kind: 'read'; readonly rel: string; readonly code: string }
  >({
    title: 'File cannot be read',
    // A project left out is said and skipped; a file of a project that cannot be read would
    // leave out what it holds (a chart, a language's interface), so it stops the build.
    severity: (p) => (p.kind === 'dangling-project' ? 'warning' : 'error'),
    hint: 'Check the path and its permissions.',
    message: (p) =>
      p.kind === 'dangling-project'
        ? `content/${p.name} is a link to nothing; it is skipped`
        : p.kind === 'folder'
          ? `${p.rel} is a folder where a file is read`
          : p.kind === 'special'
            ? `${p.rel} is not a regular file (a pipe, a socket or a device), so it is not opened`
            : `${p.rel} cannot be read (${p.code})`,
  }),
  'file/outside-project': rule<
    { readonly kind: 'file'; readonly rel: string } | { readonly kind: 'project'; readonly name: string }
  >({
    title: 'File outside the project',
    severity: 'error',
    hint: 'Content is read only from inside its folder: copy the file into the project instead of linking to it.',
    message: (p) =>
      p.kind === 'file'
        ? `${p.rel} resolves to a file outside its folder (a link leading out); it is not read`
        : `content/${p.name} leads outside the workspace; it is not read`,
  }),
  'file/encoding': rule<
    | { readonly kind?: undefined; readonly rel?: string | undefined; readonly detail: string }
    | { readonly kind: 'logo-svg'; readonly strangers: readonly string[] }
    | { readonly kind: 'logo-not-svg' | 'logo-not-png' }
    | { readonly kind: 'logo-doctype'; readonly what: string }
    | { readonly kind: 'logo-size'; readonly width: number; readonly height: number; readonly max: number }
  >({
    title: 'Not a text file',
    severity: 'error',
    hint: 'Save the file as UTF-8 text (UTF-16 and a byte-order mark are accepted too).',
    message: (p) => {
      switch (p.kind) {
        case undefined:
          return p.rel ? `${p.rel}: ${p.detail}` : p.detail;
        case 'logo-svg':
          return `the logo holds ${p.strangers.join(', ')}: a logo is shapes and text only (no script, image, link, foreign content or \`url(…)\` but \`url(#id)\`)`;
        case 'logo-not-svg':
          return 'the logo is not an SVG image';
        case 'logo-not-png':
          return 'the logo is not a PNG image';
        case 'logo-doctype':
          return `the logo declares a document type or entities (${p.what}); remove the declaration: a logo is plain SVG, and entities could name other files`;
        case 'logo-size':
          return `the logo is ${p.width} × ${p.height} pixels; a logo may be at most ${p.max} × ${p.max} (scale it down)`;
      }
    },
  }),
  'limit/file-size': rule<
    | { readonly kind: 'content'; readonly rel: string; readonly bytes: number; readonly maxBytes: number }
    | { readonly kind: 'xliff'; readonly maxBytes: number }
  >({
    title: 'File too large',
    severity: 'error',
    hint: 'Split the text into several files (findings), or remove what does not belong in a briefing.',
    message: (p) =>
      p.kind === 'content'
        ? `${p.rel} is ${(p.bytes / 1e6).toFixed(1)} MB; content files may be at most ${p.maxBytes / 1e6} MB`
        : `the file is larger than ${p.maxBytes / 1e6} MB`,
  }),
  'limit/depth': rule<{
    readonly kind: 'structure' | 'markdown' | 'elements' | 'brackets' | 'marks';
    readonly max: number;
  }>({
    title: 'Nesting too deep',
    severity: 'error',
    hint: 'Flatten the structure: lists, quotes, brackets, emphasis, YAML/JSON collections and XML elements may nest only a few levels.',
    message: (p) => {
      switch (p.kind) {
        case 'structure':
          return `values nest more than ${p.max} levels deep`;
        case 'elements':
          return `XML elements nest more than ${p.max} levels deep`;
        case 'brackets':
          return `brackets (links, directives) nest more than ${p.max} levels deep on this line`;
        case 'marks':
          return `more than ${p.max} emphasis marks (*, _, ~) on this line`;
        case 'markdown':
          return `lists or quotes nest more than ${p.max} levels deep`;
      }
    },
  }),
  'limit/word': rule<{ readonly length: number; readonly max: number }>({
    title: 'Word too long',
    severity: 'error',
    hint: 'Break it with spaces; a link is written [text](address), and the address counts as part of its word.',
    message: (p) =>
      `a word of ${p.length} characters; at most ${p.max}: no line of a page can hold it, and laying it out exhausts the PDF writer`,
  }),
  'limit/yaml-aliases': rule<{ readonly max: number }>({
    title: 'YAML aliases expand too far',
    severity: 'error',
    hint: 'Write the values out instead of using anchors (&name) and aliases (*name); content needs none.',
    message: (p) => `aliases expand to more than ${p.max} copies`,
  }),
  'markdown/front-matter': rule<{ readonly kind: 'no-start' | 'not-closed' }>({
    title: 'Front matter is malformed',
    severity: 'error',
    hint: 'Start the file with a `---` line, YAML, and a closing `---` line.',
    message: (p) =>
      p.kind === 'no-start'
        ? 'the file must start with `---` and front matter'
        : 'front matter is not closed by a `---` line',
  }),
  'markdown/unknown-attribute': rule<{
    readonly directive: string;
    readonly attribute: string;
    /** The value given, when the attribute is known and the value is not one of `allowed`. */
    readonly value?: string;
    readonly allowed: readonly string[];
  }>({
    title: 'Unknown attribute of a directive',
    severity: 'error',
    hint: 'See docs/content-format.md for what each directive takes; a misspelt attribute would otherwise be passed over.',
    message: (p) =>
      p.value === undefined
        ? `${code(`:${p.directive}`)} takes no attribute ${code(p.attribute)}${suggest(p.attribute, p.allowed)}${p.allowed.length ? ` (it takes ${codes(p.allowed)})` : ''}`
        : `${code(`${p.attribute}=${p.value}`)} is not a value of ${code(`:${p.directive}`)}'s ${code(p.attribute)}${suggest(p.value, p.allowed)} (one of ${codes(p.allowed)})`,
  }),
  'markdown/unknown-directive': rule<
    { readonly kind: 'block' | 'inline'; readonly name: string } | { readonly kind: 'nested-quote' }
  >({
    title: 'Unknown directive',
    severity: 'error',
    hint: 'Use :fig[id], :cite[id], :date[YYYY-MM-DD], :time[ISO 8601 with offset], :quote[id], :chartref[chart-id], or ::quote[id] on a line of its own.',
    message: (p) => {
      switch (p.kind) {
        case 'block':
          return `block directive ${code(p.name)} is not supported`;
        case 'inline':
          return `unknown directive ${code(`:${p.name}`)}${suggest(p.name, ['fig', 'cite', 'date', 'time', 'quote', 'chartref'])}`;
        case 'nested-quote':
          return 'a quotation’s rendering cannot hold another quotation';
      }
    },
  }),
  'markdown/date-range': rule<RangeProblem>({
    title: 'A range of days that cannot be printed',
    severity: 'error',
    hint: 'Write a range of days as `:date[first]{to=last}` with both days as YYYY-MM-DD, the last after the first; `range=between` for the whole "between 4 and 6 January".',
    message: (p) => {
      switch (p.kind) {
        case 'no-end':
          return `${code('range')} needs a last day: add ${code('to=YYYY-MM-DD')}`;
        case 'not-days':
          return `a range is of days: the first day, not a month or a year, goes in ${code(':date[...]')}`;
        case 'month-style':
          return `${code('style=month')} would print one month for a range of days: use ${codes(['long', 'day', 'short'])}`;
        case 'invalid-end':
          return `${code(`to=${short(p.to)}`)} is not a real date as YYYY-MM-DD${p.meant ? `; did you mean ${code(p.meant)}?` : p.days ? ` (that month has ${p.days} days)` : ''}`;
        case 'backwards':
          return `the range ends on ${code(p.to)}, before it starts; did you mean ${code(`:date[${p.to}]{to=${p.from}}`)}?`;
        case 'same-day':
          return `the range starts and ends on ${code(p.from)}: write ${code(`:date[${p.from}]`)} for one day`;
      }
    },
  }),
  'markdown/digit-in-prose': rule<{ readonly excerpt: string }>({
    title: 'Number typed into prose',
    severity: 'error',
    hint: 'Numbers come from the figure registry: use :fig[id], :date[...] or :time[...].',
    message: (p) => `the number in “${p.excerpt}” is typed into prose`,
  }),
  'markdown/dropped': rule<
    { readonly kind: 'image'; readonly alt?: string | undefined } | { readonly kind: 'html' }
  >({
    title: 'Content that a document cannot show',
    severity: 'warning',
    hint: 'Raw HTML and images are removed from content; write the text in Markdown and put pictures in charts.',
    message: (p) =>
      p.kind === 'image'
        ? `an image is removed from the document${p.alt ? ` (its text “${p.alt}” is kept)` : ''}`
        : 'raw HTML is not allowed in content: the tags are removed, their text is kept',
  }),
  'markdown/template-in-prose': rule<{ readonly syntax: string }>({
    title: 'Template syntax typed into prose',
    severity: 'error',
    hint: 'Prose uses directives, not template helpers: write :fig[id] instead of {{fig "id"}}.',
    message: (p) => `${code(p.syntax.slice(0, 60))} is template syntax and would be printed as it is`,
  }),
  'ref/unknown-figure': rule<
    | {
        readonly kind: 'use';
        readonly id: string;
        readonly known: Iterable<string>;
        readonly project?: string;
      }
    | {
        readonly kind: 'formula';
        readonly figure: string;
        readonly id: string;
        readonly known: Iterable<string>;
      }
  >({
    title: 'Reference to an unknown figure',
    severity: 'error',
    hint: 'Add the figure to figures.yaml or fix the id.',
    message: (p) =>
      p.kind === 'use'
        ? `unknown figure ${code(p.id)}${p.project ? ` in project ${p.project}` : ''}${suggest(p.id, p.known)}`
        : `formula of ${code(p.figure)} uses unknown figure ${code(p.id)}${suggest(p.id, p.known)}`,
  }),
  'ref/unknown-source': rule<{ readonly id: string; readonly known: Iterable<string> }>({
    title: 'Reference to an unknown source',
    severity: 'error',
    hint: 'Add the source to sources.yaml or fix the id.',
    message: (p) => `unknown source ${code(p.id)}${suggest(p.id, p.known)}`,
  }),
  'ref/unknown-recommendation': rule<
    | { readonly kind?: 'unknown'; readonly id: string; readonly known: Iterable<string> }
    | {
        readonly kind: 'not-addressed';
        readonly id: string;
        readonly audience: string;
        readonly audiences: readonly string[];
      }
  >({
    title: 'Reference to an unknown recommendation',
    severity: 'error',
    hint: 'Add it to recommendations.yaml or fix the id; a key ask is one of the briefing’s own recommendations (add the audience to its `audiences`).',
    message: (p) =>
      p.kind === 'not-addressed'
        ? `key ask ${code(p.id)} is not among the recommendations of the ${code(p.audience)} briefing (it is addressed to ${p.audiences.join(', ') || 'none'})`
        : `unknown recommendation ${code(p.id)}${suggest(p.id, p.known)}`,
  }),
  'ref/unknown-place': rule<{
    readonly id: string;
    readonly group: 'places' | 'addressees';
    readonly textsFile: string;
    readonly known: Iterable<string>;
  }>({
    title: 'Reference to an unknown place',
    severity: 'error',
    hint: 'Add the place to places in the locale texts or fix the id.',
    message: (p) => `${code(p.id)} is not in ${code(p.group)} of ${p.textsFile}${suggest(p.id, p.known)}`,
  }),
  'ref/unknown-chart': rule<{ readonly id: string; readonly known: Iterable<string> }>({
    title: 'Reference to an unknown chart',
    severity: 'error',
    hint: 'Add the chart spec to charts/ or fix the id.',
    message: (p) => `unknown chart ${code(p.id)} (expected charts/${p.id}.vl.json)${suggest(p.id, p.known)}`,
  }),
  'ref/chart-not-shown': rule<{
    readonly id: string;
    readonly document: string;
    readonly locale: string;
    readonly key?: string;
  }>({
    title: 'Reference to a chart the document does not show',
    severity: 'warning',
    hint: 'Add the chart to the `charts` of this audience in project.yaml, or leave the reference out of text this document shows; until then the reference is left out of it.',
    message: (p) =>
      `${p.document} (${p.locale}): ${code(`:chartref[${p.id}]`)}${p.key ? ` in ${code(p.key)}` : ''} names a chart this document does not show; the reference is left out`,
  }),
  'ref/unknown-audience': rule<
    | { readonly kind: 'undeclared'; readonly id: string; readonly declared: readonly string[] }
    | { readonly kind: 'unnamed'; readonly id: string; readonly textsFile: string }
  >({
    title: 'Audience not declared, or without a name',
    severity: 'error',
    hint: 'Declare the audience in project.yaml and give it a label (`audiences: { id: { label: … } }` in texts.yaml).',
    message: (p) =>
      p.kind === 'undeclared'
        ? `audience ${code(p.id)} is not declared in project.yaml (declared: ${p.declared.join(', ')})${suggest(p.id, p.declared)}`
        : `audience ${code(p.id)} has no name: add \`audiences: { ${p.id}: { label: "Briefing for …" } }\` to ${p.textsFile}`,
  }),
  'ref/unknown-project': rule<{ readonly id: string; readonly known: readonly string[] }>({
    title: 'No project of that name',
    severity: 'error',
    hint: '`--project` takes the names of folders under content/, comma-separated.',
    message: (p) =>
      `no project named ${code(p.id)} under content/${suggest(p.id, p.known)} (projects: ${p.known.join(', ') || 'none'})`,
  }),
  'ref/unknown-quotation': rule<
    | { readonly kind: 'use'; readonly id: string; readonly known: Iterable<string> }
    | {
        readonly kind: 'excerpt-of';
        readonly excerpt: string;
        readonly id: string;
        readonly known: Iterable<string>;
      }
  >({
    title: 'Reference to an unknown quotation',
    severity: 'error',
    hint: 'Add the quotation to quotations.yaml (speaker, source, language, a rendering per language) or fix the id.',
    message: (p) =>
      p.kind === 'use'
        ? `unknown quotation ${code(p.id)}${suggest(p.id, p.known)}`
        : `${code(p.excerpt)} is an excerpt of unknown quotation ${code(p.id)}${suggest(p.id, p.known)}`,
  }),
  'ref/unknown-speaker': rule<{
    readonly speaker: string;
    readonly quotation: string;
    /** The source language's texts (`en/texts.yaml`), where speakers are named. */
    readonly textsFile: string;
    readonly known: Iterable<string>;
  }>({
    title: 'Quotation names a speaker without a name',
    severity: 'error',
    hint: 'Add the speaker to `speakers` in the texts of the source language ("Letta Tayler, Human Rights Watch"), or fix the id.',
    message: (p) =>
      `speaker ${code(p.speaker)} of ${code(p.quotation)} is not in \`speakers\` of ${p.textsFile}${suggest(p.speaker, p.known)}`,
  }),
  'ref/duplicate-id': rule<{ readonly id: string }>({
    title: 'Duplicate id',
    severity: 'error',
    hint: 'Ids must be unique within their file.',
    message: (p) => `id ${code(p.id)} is used twice`,
  }),
  'quote/missing-rendering': rule<{ readonly id: string; readonly locale: string }>({
    title: 'Quotation has no rendering in a language of the project',
    severity: 'error',
    hint: 'Add the approved rendering for this language under `renderings` in quotations.yaml (`briefing i18n export` offers it to a translator), marked `translation` or `indirect` unless a source text holds the words.',
    message: (p) => `${code(p.id)} has no ${p.locale} rendering`,
  }),
  'quote/typed-in-prose': rule<{ readonly kind: 'block' | 'inline'; readonly excerpt: string }>({
    title: 'Quotation typed into prose',
    // The quotation marks may be the writer's own (a title, a term): worth a look, not a stop.
    severity: 'warning',
    hint: 'Put the quotation in quotations.yaml and write :quote[id] in the sentence (::quote[id] for a block quotation): every document then prints its one approved wording, marked as a translation where it is one.',
    message: (p) =>
      p.kind === 'block'
        ? `a block quotation (“${p.excerpt}”) is typed into prose`
        : `the quotation “${p.excerpt}” is typed into prose`,
  }),
  'quote/not-verbatim': rule<{
    /** `no-text`: the source has no text in sources/ to look in. */
    readonly kind: 'no-text' | 'not-found';
    readonly source: string;
    readonly locale: string;
    readonly id: string;
  }>({
    title: 'Quoted words not found in the source text',
    severity: 'error',
    hint: 'A rendering marked `original` or `published` is the words a source prints: copy them verbatim from its text in sources/ (elide with […]), or mark the rendering `translation`.',
    message: (p) =>
      p.kind === 'no-text'
        ? `source ${code(p.source)} has no text in sources/ to find the ${p.locale} words of ${code(p.id)} in`
        : `the ${p.locale} words of ${code(p.id)} are not found verbatim in the text of source ${code(p.source)}`,
  }),
  'quote/original-language': rule<{
    readonly id: string;
    readonly locale: string;
    readonly language: string;
  }>({
    title: 'Rendering marked as the speaker’s own words in another language',
    severity: 'error',
    hint: 'Only a rendering in the language the speaker used can be their own words; in any other language it is a `translation` (or `indirect` speech).',
    message: (p) =>
      `the ${p.locale} rendering of ${code(p.id)} is marked as the speaker’s own words, but the speaker used ${p.language}`,
  }),
  'quote/excerpt': rule<{ readonly id: string; readonly locale: string; readonly whole: string }>({
    title: 'Excerpt differs from the quotation it is part of',
    severity: 'error',
    hint: 'An excerpt repeats words of its quotation’s rendering in the same language: copy them from there (or correct the full rendering).',
    message: (p) =>
      `the ${p.locale} rendering of ${code(p.id)} is not part of the ${p.locale} rendering of ${code(p.whole)}`,
  }),
  'figure/formula': rule<
    | { readonly kind: 'syntax'; readonly figure: string; readonly detail: string }
    | { readonly kind: 'no-value'; readonly figure: string; readonly input: string }
  >({
    title: 'Derived figure formula is invalid',
    severity: 'error',
    hint: 'Use +, -, *, / and parentheses over ids of other figures.',
    message: (p) =>
      p.kind === 'syntax'
        ? `formula of ${code(p.figure)} cannot be read: ${p.detail}`
        : `formula of ${code(p.figure)} uses ${code(p.input)}, which has no numeric value`,
  }),
  'figure/cycle': rule<{ readonly path: readonly string[] }>({
    title: 'Derived figures depend on each other in a cycle',
    severity: 'error',
    hint: 'Break the cycle: one of them must hold a value.',
    message: (p) => `figures depend on each other: ${p.path.join(' → ')}`,
  }),
  'figure/pin': rule<
    | { readonly kind: 'no-value'; readonly figure: string; readonly input: string; readonly pin: string }
    | { readonly kind: 'unused'; readonly figure: string; readonly input: string }
  >({
    title: 'Derived figure pins an input to a value it does not have',
    severity: 'error',
    hint: 'Pin each input of the formula to one of its dates (YYYY-MM-DD) or sources, or remove the pin.',
    message: (p) =>
      p.kind === 'no-value'
        ? `${code(p.figure)} pins ${code(p.input)} to ${code(p.pin)}, but ${code(p.input)} has no value of that date or source`
        : `${code(p.figure)} pins ${code(p.input)}, which its formula does not use`,
  }),
  'figure/qualifier': rule<
    | { readonly kind: 'undecidable'; readonly figure: string; readonly asOf: string }
    | {
        readonly kind: 'mismatch';
        readonly figure: string;
        readonly stated: string;
        readonly derived: string;
      }
  >({
    title: 'Derived figure qualifier is not justified by its inputs',
    severity: 'error',
    hint: 'Derived qualifiers follow the rules in docs/content-format.md; where they cannot decide, state `qualifier:` yourself. Never state one the inputs contradict.',
    message: (p) =>
      p.kind === 'undecidable'
        ? `the qualifiers of the inputs of ${code(p.figure)} (values of ${p.asOf}) do not decide its own (e.g. "at least" minus "at least")`
        : `${code(p.figure)} states qualifier ${code(p.stated)}, but its inputs give ${code(p.derived)}`,
  }),
  'figure/date': rule<{ readonly figure: string; readonly stated: string; readonly newest: string }>({
    title: 'Derived figure is dated before its inputs',
    severity: 'error',
    hint: 'Remove `asOf:` (a derived value takes the date of its newest input) or give a later date.',
    message: (p) => `${code(p.figure)} is dated ${p.stated}, before its newest input (${p.newest})`,
  }),
  'figure/statement': rule<
    | {
        readonly kind: 'current-not-cited';
        readonly figure: string;
        readonly value: string;
        readonly cites: readonly string[];
      }
    | { readonly kind: 'no-value-from'; readonly figure: string; readonly pin: string }
    | {
        readonly kind: 'value-not-cited';
        readonly figure: string;
        readonly value: string;
        readonly cites: readonly string[];
      }
    | {
        readonly kind: 'cited-gave-none';
        readonly figure: string;
        readonly cites: readonly string[];
        readonly values: readonly string[];
      }
  >({
    title: 'Figure use shows a value its sentence does not claim',
    severity: 'error',
    hint: 'A sentence that cites a source shows that source’s value: pin the use (:fig[id]{source=…} or {asOf=…}), cite the source that gave the value, or write {current} in an undated sentence.',
    message: (p) => {
      switch (p.kind) {
        case 'current-not-cited':
          return `the current value of ${code(p.figure)} comes from ${p.value}, but the sentence cites ${p.cites.join(', ')}`;
        case 'no-value-from':
          return `${code(p.figure)} has no value from ${p.pin}`;
        case 'value-not-cited':
          return `${code(p.figure)} shows the value of ${p.value}, but the sentence cites ${p.cites.join(', ')}`;
        case 'cited-gave-none':
          return `the sentence cites ${p.cites.join(', ')}, which gave no value of ${code(p.figure)} (its values: ${p.values.join('; ')})`;
      }
    },
  }),
  'figure/unpinned': rule<{ readonly figure: string }>({
    title: 'Figure use says neither which statement nor "current"',
    severity: 'error',
    hint: 'Cite the source in the same sentence, pin it with {source=…} / {asOf=…}, or write {current} for the newest value.',
    message: (p) => `${code(p.figure)} is in a sentence that cites no source: say which value it shows`,
  }),
  'figure/current-in-dated-sentence': rule<{ readonly figure: string }>({
    title: 'Current value in a sentence that dates itself',
    severity: 'error',
    hint: 'A dated sentence narrates what was said then: make the use a statement ({source=…} or {asOf=…}), or remove the date.',
    message: (p) =>
      `${code(p.figure)} is a current use in a sentence that dates itself; when a new value arrives it would change under that date`,
  }),
  'figure/value': rule<{
    readonly figure: string;
    readonly value: number;
    readonly formula?: string | undefined;
  }>({
    title: 'Figure value is not a count',
    severity: 'error',
    hint: 'A count is a finite number, zero or more; check the formula (division by zero, subtraction of a larger figure) or the value.',
    message: (p) => {
      const what = Number.isNaN(p.value)
        ? 'is not a number (0 divided by 0?)'
        : !Number.isFinite(p.value)
          ? 'is infinite (a division by zero?)'
          : `is negative (${String(p.value)})`;
      return `figure ${code(p.figure)} ${what}${p.formula ? `: ${p.formula}` : ''}`;
    },
  }),
  'figure/fraction': rule<{ readonly figure: string; readonly value: number; readonly formula: string }>({
    title: 'Derived figure is not a whole number',
    severity: 'error',
    hint: 'Say how to print it: `decimals: 0` rounds to a whole number (down for "over", up for "fewer than", an exact value rounded becomes "about"), `decimals: 1` keeps one decimal.',
    message: (p) =>
      `${code(p.figure)} comes out as ${String(Number(p.value.toPrecision(10)))} (${p.formula}), which would print as a fraction of a count`,
  }),
  'figure/quote-not-found': rule<{ readonly figure: string; readonly source: string }>({
    title: 'Figure quote is not in its source text',
    severity: 'error',
    hint: 'Copy the quote verbatim from the source text file.',
    message: (p) =>
      `the quote for ${code(p.figure)} is not found verbatim in the text of source ${code(p.source)}`,
  }),
  'figure/unused': rule<{ readonly figure: string }>({
    title: 'Figure is not used by any document',
    severity: 'warning',
    hint: 'Use it in a text, chart or key-figure list, or remove it.',
    message: (p) => `figure ${code(p.figure)} is not used by any document`,
  }),
  'figure/after-source': rule<{
    readonly figure: string;
    readonly asOf: string;
    readonly source: string;
    readonly date: string;
  }>({
    title: 'Figure value dated after its source',
    severity: 'error',
    hint: 'A source states what was known by its own date: add the source that gave this value to sources.yaml and cite it, or correct the date.',
    message: (p) =>
      `the value of ${code(p.figure)} as of ${p.asOf} cannot come from ${code(p.source)}, dated ${p.date}`,
  }),
  'figure/quote-value': rule<{
    readonly figure: string;
    readonly value: number;
    readonly numbers: readonly number[];
  }>({
    title: 'Figure value not in its quote',
    severity: 'error',
    hint: 'The value is what the quoted words say: correct the value, or quote the words of the source that give it.',
    message: (p) =>
      `the value of ${code(p.figure)} is ${p.value}, but its quote gives ${p.numbers.join(', ')}`,
  }),
  'markdown/no-glyph': rule<{ readonly chars: readonly string[] }>({
    title: 'Characters the PDF’s font cannot show',
    severity: 'warning',
    hint: 'The PDF is set in Roboto (Latin, Greek, Cyrillic and common signs): write these in its letters, or leave them to the HTML page, which shows them.',
    message: (p) =>
      `${p.chars
        .slice(0, 5)
        .map((c) => `“${c}” (${codePointName(c)})`)
        .join(
          ', ',
        )}${p.chars.length > 5 ? ` and ${p.chars.length - 5} more` : ''} have no glyph in the PDF’s font: the PDF prints boxes there`,
  }),
  'markdown/bidi-control': rule<{ readonly char: string }>({
    title: 'An invisible character that reorders text',
    severity: 'error',
    hint: 'Delete it (retype the words around it if your editor does not show it): the HTML page would show the text after it in another order than it is written, and the PDF in the written one.',
    message: (p) => `holds an invisible bidirectional control (${codePointName(p.char)})`,
  }),
  'chronology/order': rule<{ readonly at: string; readonly until: string }>({
    title: 'A chronology entry ends before it starts',
    severity: 'error',
    hint: '`until:` is when the event ended: a moment or day after `at:`.',
    message: (p) => `the entry runs until ${p.until}, before it starts (${p.at})`,
  }),
  'figure/duplicate-value': rule<{ readonly figure: string; readonly asOf: string; readonly source: string }>(
    {
      title: 'Two values of a figure from one source for one date',
      severity: 'error',
      hint: 'Keep one of them: a statement pinned to this source and date could show either.',
      message: (p) => `${code(p.figure)} has a second value as of ${p.asOf} from ${code(p.source)}`,
    },
  ),
  'source/untitled': rule<{ readonly source: string; readonly textsFile: string }>({
    title: 'Source without its author and title',
    severity: 'error',
    hint: 'Add `<id>: { author: …, title: … }` under `sources` in the texts of the source language (and of each translation).',
    message: (p) =>
      `source ${code(p.source)} has no author and title in ${code('sources')} of ${p.textsFile}: the references would print its id`,
  }),
  'source/title-language': rule<{
    readonly source: string;
    readonly language: string;
    readonly locales: readonly string[];
  }>({
    title: 'A published title in a language the project has no texts in',
    severity: 'warning',
    hint: 'Set `titleLanguage` to the language whose texts.yaml holds the title as published, or remove it where the title describes the source.',
    message: (p) =>
      `source ${code(p.source)} says its title was published in ${code(p.language)}, which is not a language of this project (${p.locales.join(', ')}): no texts.yaml holds that title, so every language prints a translation of it, marked as one${suggest(p.language, p.locales)}`,
  }),
  'style/no-number-words': rule<{ readonly locale: string; readonly at: string }>({
    title: 'Numbers in words asked of a language without number words',
    severity: 'warning',
    hint: 'Numbers in words need a language pack (src/i18n/languages/<lng>/, README “Add a language”); without one they stay in digits.',
    message: (p) =>
      `${code(p.at)} asks for numbers in words, but the tool has no number words for ${p.locale}: its numbers stay in digits`,
  }),
  'source/unused': rule<{ readonly source: string }>({
    title: 'Source is not cited anywhere',
    severity: 'warning',
    hint: 'Cite it with :cite[id] or remove it.',
    message: (p) => `source ${code(p.source)} is never cited`,
  }),
  'i18n/missing': rule<
    | { readonly kind: 'file'; readonly rel: string }
    | { readonly kind: 'texts-file'; readonly rel: string; readonly sourceLocale: string }
    | { readonly kind: 'text'; readonly key: string; readonly locale: string; readonly sourceLocale: string }
    | { readonly kind: 'label-forms'; readonly label: string; readonly missing: readonly string[] }
    | {
        readonly kind: 'noun-forms';
        readonly noun: string;
        readonly missing: readonly string[];
        readonly locale: string;
      }
    | {
        readonly kind: 'noun-gender';
        readonly noun: string;
        readonly locale: string;
        readonly genders: readonly string[];
        readonly value: string;
      }
  >({
    title: 'Translation missing',
    // A missing text falls back to English; a missing grammatical form has no fallback.
    severity: (p) => (p.kind === 'label-forms' || p.kind === 'noun-forms' ? 'error' : 'warning'),
    hint: 'Add the text to the locale file (or run `briefing i18n export`).',
    message: (p) => {
      switch (p.kind) {
        case 'file':
          return `${p.rel} is missing`;
        case 'texts-file':
          return `${p.rel} is missing; ${p.sourceLocale} texts will be shown`;
        case 'text':
          return `${code(p.key)} has no ${p.locale} translation; the ${p.sourceLocale} text will be shown`;
        case 'label-forms':
          return `figure label ${code(p.label)} lacks ${codes(p.missing)}`;
        case 'noun-forms':
          return `noun ${code(p.noun)} lacks ${codes(p.missing)} in ${code('nouns')} of ${p.locale}/texts.yaml`;
        case 'noun-gender':
          return `noun ${code(p.noun)} has no ${code(`${p.noun}_gender`)} in ${code('nouns')} of ${p.locale}/texts.yaml (${p.genders.join(', ')}, optionally "animate"), so "${p.value}" stays in digits`;
      }
    },
  }),
  'i18n/unknown-text': rule<{
    readonly key: string;
    readonly locale: string;
    readonly sourceLocale: string;
    readonly known: readonly string[];
  }>({
    title: 'Translated text the source language does not have',
    severity: 'warning',
    hint: "Give it the key the source language's texts.yaml uses (a misspelt key leaves the right one untranslated), or remove it.",
    message: (p) =>
      `${code(p.key)} is in ${p.locale}/texts.yaml but not in ${p.sourceLocale}/texts.yaml, so no document shows it${suggest(p.key, p.known)}`,
  }),
  'i18n/missing-key': rule<
    | { readonly kind: 'key'; readonly key: string; readonly sourceLocale: string }
    | { readonly kind: 'locale'; readonly locale: string; readonly known: readonly string[] }
  >({
    title: 'Interface string missing',
    severity: (p) => (p.kind === 'key' ? 'warning' : 'error'),
    hint: 'Add the key to locales/<locale>/common.json (or run `briefing i18n export`).',
    message: (p) =>
      p.kind === 'key'
        ? `${code(p.key)} is missing (present in ${p.sourceLocale}); the ${p.sourceLocale} text will be shown`
        : `locale ${p.locale} has no interface strings (locales/${p.locale}/); known: ${p.known.join(', ')}${suggest(p.locale, p.known)}`,
  }),
  'i18n/stale': rule<{
    readonly unit: string;
    readonly locale: string;
    readonly sourceLocale: string;
    /** Whether a record of the source text it was made from exists (and differs). */
    readonly recorded: boolean;
    /** A quotation's rendering: quotations.yaml holds every language's, so the message says whose. */
    readonly quotation?: boolean | undefined;
  }>({
    title: 'Translation made from an older source text',
    severity: 'warning',
    hint: 'Review it (`briefing i18n export --only stale`, then `briefing i18n import`), or confirm it with `briefing i18n accept`.',
    message: (p) => {
      if (p.quotation)
        return `the ${p.locale} rendering of ${code(p.unit)} ${p.recorded ? `is stale: the ${p.sourceLocale} rendering changed after it was made` : `has no record of the ${p.sourceLocale} rendering it was translated from`}`;
      return p.recorded
        ? `${code(p.unit)} is stale: the ${p.sourceLocale} text changed after this ${p.locale} translation was made`
        : `${code(p.unit)} has no record of the ${p.sourceLocale} text it was translated from`;
    },
  }),
  'i18n/state': rule<{ readonly detail: string; readonly units?: number | undefined }>({
    title: 'Translation record is unreadable',
    severity: 'error',
    hint: 'translated-from.yaml is written by `briefing i18n import` and `accept`; restore it from version control.',
    message: (p) =>
      `${p.detail}${p.units ? `; whether the ${p.units} translation${p.units === 1 ? '' : 's'} it records are current is unknown until it is fixed` : ''}`,
  }),
  'i18n/signoff': rule<Detail>({
    title: 'Sign-off record is unreadable',
    severity: 'error',
    hint: 'signed-off.yaml is written by `briefing i18n signoff`; restore it from version control.',
    message: (p) => p.detail,
  }),
  'i18n/glossary-source': rule<{ readonly sourceLocale: string; readonly glossarySource: string }>({
    title: 'Glossary of a project not written in English',
    severity: 'warning',
    hint: 'A glossary lists English terms (`en:`) and finds them as English words; a project written in another language cannot be checked against it. Remove glossary.yaml, or keep it as a note for translators: it is not checked, exported as TBX or highlighted in review copies.',
    message: (p) =>
      `this project is written in ${p.sourceLocale}, but a glossary's source terms are ${p.glossarySource} (\`${p.glossarySource}:\`): its translations are not checked against this glossary`,
  }),
  'i18n/term-mismatch': rule<{
    /** `findings/x.md p2`, or the unit alone where unit and entry are one. */
    readonly entry: string;
    readonly english: string;
    readonly locale: string;
    readonly agreed: string;
  }>({
    title: 'Translation lacks the agreed glossary term',
    severity: 'warning',
    hint: 'Use the term glossary.yaml agrees for this language (any declared form), declare the inflected form or stem there, or record a reviewed exception for this unit.',
    message: (p) =>
      `${p.entry}: the English has “${p.english}”; the ${p.locale} text lacks the agreed “${p.agreed}”`,
  }),
  'ref/unknown-unit': rule<{
    readonly term: string;
    readonly unit: string;
    readonly known: Iterable<string>;
  }>({
    title: 'Reference to an unknown translation unit',
    severity: 'error',
    hint: 'Use a unit id as `briefing i18n status` lists it (`findings/x.md`, `chronology.x`).',
    message: (p) =>
      `exception for “${p.term}” names no unit ${code(p.unit)} (ids as \`briefing i18n status\` lists them)${suggest(p.unit, p.known)}`,
  }),
  'i18n/locale-tag': rule<
    | { readonly kind: 'invalid'; readonly field: string; readonly detail: string }
    | {
        readonly kind: 'fallback';
        readonly field: string;
        readonly tag: string;
        readonly fallsBackTo: string;
      }
  >({
    title: 'Locale tag that Intl cannot use',
    // A fallback still formats, in a neighbouring locale: worth a look, not a stop.
    severity: (p) => (p.kind === 'fallback' ? 'warning' : 'error'),
    hint: 'meta.intl is a BCP 47 tag with locale data in Node (e.g. en-GB, ru, kk).',
    message: (p) =>
      p.kind === 'invalid'
        ? `${p.field}: ${p.detail}`
        : `${p.field}: Node has no locale data for ${code(p.tag)}; numbers and dates would be formatted as ${code(p.fallsBackTo)}`,
  }),
  'xliff/invalid': rule<
    { readonly kind: 'doctype' } | { readonly kind: 'structure'; readonly detail: string }
  >({
    title: 'Not a readable XLIFF 1.2 file',
    severity: 'error',
    hint: 'Import the file your CAT tool exported as XLIFF 1.2, unchanged in structure.',
    message: (p) =>
      p.kind === 'doctype'
        ? 'the file declares a DOCTYPE or entities; XLIFF from a CAT tool has none (nothing in it was expanded)'
        : p.detail,
  }),
  'xliff/empty': rule<Refusal>({
    title: 'XLIFF file with nothing to import',
    severity: 'error',
    hint: 'Import the file your CAT tool exported: it holds one <file> per source file, and this one holds none.',
    message: refusal,
  }),
  'xliff/target-language': rule<Refusal>({
    title: 'Target language this import cannot take',
    severity: 'error',
    hint: 'Import one language at a time, from a file exported for it: its target-language must be a translation language of this workspace (`briefing i18n status` lists them). A file that names none (from po2xliff) needs --locale.',
    message: refusal,
  }),
  'xliff/source-language': rule<Refusal>({
    title: 'Source language other than the source file’s',
    severity: 'error',
    hint: 'Translate from a file `briefing i18n export` wrote: each <file> names the language its source text is written in. Export again and translate in the new file.',
    message: refusal,
  }),
  'xliff/duplicate': rule<Refusal>({
    title: 'Translation given twice',
    severity: 'error',
    hint: 'Keep one of the two: a file, unit or entry answered twice in one document has no single translation. Delete the other (or merge the two in your CAT tool) and import again.',
    message: refusal,
  }),
  'xliff/unknown-unit': rule<Refusal>({
    title: 'Translation of nothing in this workspace',
    severity: 'error',
    hint: 'The file names a source file, unit or entry this workspace does not have (renamed, removed, or of another workspace): export again and translate in the new file.',
    message: refusal,
  }),
  'xliff/group-hash': rule<Refusal>({
    title: 'Unit without the export’s source hash',
    severity: 'error',
    hint: 'Keep each <group>’s extradata as `briefing i18n export` wrote it (16 hexadecimal digits): it says which source text the translation answers. If your tool dropped it, export again.',
    message: refusal,
  }),
  'xliff/source-changed': rule<Refusal>({
    title: 'Source text changed since the export',
    severity: 'error',
    hint: 'Export again and translate the entry in the new file: the source text it shows is no longer the one this translation answers.',
    message: refusal,
  }),
  'xliff/source-edited': rule<Refusal>({
    title: 'Source text edited in the file',
    severity: 'error',
    hint: 'Leave each <source> as `briefing i18n export` wrote it (turn off source editing in your CAT tool): it is what the translation answers, and an import never writes it back. Undo the edit and import again; to change the source text, edit the project’s own file, then export again.',
    message: refusal,
  }),
  'xliff/inline-element': rule<Refusal>({
    title: 'Tag the source does not have',
    severity: 'error',
    hint: 'Remove the formatting or tags your CAT tool added to the translation; keep only the placeholders the source shows.',
    message: refusal,
  }),
  'xliff/placeholder': rule<Refusal>({
    title: 'Placeholders other than the source’s',
    severity: 'error',
    hint: 'Keep each placeholder of the source exactly once and unchanged: insert it from the source in your CAT tool rather than typing its code. It stands for a number, a date, a reference or markup.',
    message: refusal,
  }),
  'xliff/typed-number': rule<Refusal>({
    title: 'Number typed in a translation',
    severity: 'error',
    hint: 'Use the source’s placeholder for the number instead of typing it: numbers come from the figure registry, so every language shows the same value.',
    message: refusal,
  }),
  'xliff/control-character': rule<Refusal>({
    title: 'Character no document may hold',
    severity: 'error',
    hint: 'Delete the invisible control character (or broken surrogate) from the translation; retype the words around it if your CAT tool does not show it.',
    message: refusal,
  }),
  'xliff/locale-tag': rule<Refusal>({
    title: 'Locale setting Intl cannot use',
    severity: 'error',
    hint: 'meta.intl is a setting, not text to translate: give a BCP 47 tag with locale data in Node (e.g. en-GB, ru, kk).',
    message: refusal,
  }),
  'xliff/block-structure': rule<Refusal>({
    title: 'Translation of another block shape',
    severity: 'error',
    hint: 'Keep the translation of a paragraph or a title one block of the same kind as the source: no blank line, heading, list, table or front matter the source does not have.',
    message: refusal,
  }),
  'xliff/check-after': rule<ImportCheck>({
    title: 'Import that `check` would refuse',
    severity: 'error',
    hint: 'Change the entry in your CAT tool so that the file it writes passes `briefing check` (the problem and its rule are named in brackets), and import again; nothing was written.',
    message: (p) => `after this import, \`briefing check\` would refuse ${p.file}: ${p.detail} [${p.rule}]`,
  }),
  'xliff/overwrites-broken': rule<ImportCheck>({
    title: 'Import over a file `check` refuses',
    severity: 'error',
    hint: 'Fix the named file, or restore it from version control (it may hold records the import would replace), then import again; nothing was written.',
    message: (p) =>
      `the import would overwrite ${p.file}, which \`briefing check\` refuses now: ${p.detail} [${p.rule}]; fix or restore it first`,
  }),
  'template/syntax': rule<Detail>({
    title: 'Template syntax error',
    severity: 'error',
    hint: 'Fix the Handlebars syntax.',
    message: (p) => p.detail,
  }),
  'template/runtime': rule<
    { readonly kind: 'field'; readonly field: string } | { readonly kind: 'detail'; readonly detail: string }
  >({
    title: 'Template failed while rendering',
    severity: 'error',
    hint: 'A template reads only the fields of its block kind: see docs/document-model.md.',
    message: (p) => (p.kind === 'field' ? `${code(p.field)} is not a field of this block` : p.detail),
  }),
  'template/unknown': rule<{ readonly name: string; readonly kinds: readonly string[] }>({
    title: 'Template for no block kind',
    // An extra template draws nothing; the documents are still whole.
    severity: 'warning',
    hint: 'Name a project template after the block kind it draws (templates/section.hbs, templates/cover.hbs…).',
    message: (p) =>
      `no block is drawn by a template named ${code(p.name)}${suggest(p.name, p.kinds)}; templates are named by block kind: ${p.kinds.join(', ')}`,
  }),
  'template/unsafe': rule<{ readonly kind: 'triple-stash' }>({
    title: 'Template bypasses escaping',
    severity: 'error',
    hint: 'Use {{value}} (escaped), never {{{value}}}: helpers return the markup they may return already sanitized.',
    message: () => 'a triple-stash {{{…}}} (or {{&…}}) publishes its value without escaping',
  }),
  'template/vocabulary': rule<
    | { readonly kind: 'unsafe'; readonly what: string }
    | { readonly kind: 'elements'; readonly elements: readonly string[] }
    | { readonly kind: 'untranslated'; readonly text: string }
  >({
    title: 'Element outside the document vocabulary',
    severity: (p) => (p.kind === 'untranslated' ? 'warning' : 'error'),
    hint: 'Use only the elements listed in docs/document-model.md.',
    message: (p) => {
      switch (p.kind) {
        case 'unsafe':
          return `${code(p.what)} is outside the document vocabulary (no script, event handlers, links to other hosts, foreign content)`;
        case 'elements':
          return `elements outside the document vocabulary: ${p.elements.join(', ')}`;
        case 'untranslated':
          return `visible text “${p.text}” is typed into a template: what a reader sees comes from the block, translated`;
      }
    },
  }),
  'chart/invalid': rule<
    | { readonly kind: 'json-syntax'; readonly detail: string }
    | { readonly kind: 'usermeta'; readonly detail: string }
    | { readonly kind: 'mark'; readonly mark: string; readonly allowed: readonly string[] }
    | { readonly kind: 'vega-lite'; readonly detail: string }
    | {
        readonly kind: 'resolve';
        readonly detail: string;
        readonly locales: readonly string[];
        /** Only a translation's chart text is missing: the source language's is shown. */
        readonly textOnly: boolean;
      }
    | { readonly kind: 'render'; readonly locale: string; readonly detail: string }
    /** What a drawn chart held that a document may not (or that it drew nothing). */
    | { readonly kind: 'drawn'; readonly problems: readonly string[] }
  >({
    title: 'Chart spec is invalid',
    severity: (p) => (p.kind === 'resolve' && p.textOnly ? 'warning' : 'error'),
    hint: 'Fix what the message names in the chart file: a figure it shows (`fig:id@current`, `@date` or `@source`: the value must exist in figures.yaml), a text, or the Vega-Lite spec itself.',
    message: (p) => {
      switch (p.kind) {
        case 'json-syntax':
          return `not valid JSON: ${p.detail}`;
        case 'usermeta':
          return p.detail;
        case 'mark':
          return `unknown or forbidden mark type "${p.mark}" (allowed: ${p.allowed.join(', ')})${suggest(p.mark, p.allowed)}`;
        case 'vega-lite':
          return `Vega-Lite: ${p.detail}`;
        case 'resolve':
          return `${p.detail} (${p.locales.join(', ')})`;
        case 'render':
          return `${p.locale}: ${p.detail}`;
        case 'drawn':
          return `the chart drew ${p.problems.join(', ') || 'no SVG'}`;
      }
    },
  }),
  'chart/limit': rule<
    | { readonly kind: 'spec'; readonly detail: string }
    | { readonly kind: 'render'; readonly locale: string; readonly detail: string }
  >({
    title: 'Chart exceeds a limit',
    severity: 'error',
    hint: 'Charts may not use regular-expression functions, generate more rows than the limit, ask for more ticks, bins or steps than the limit or for sizes beyond it, or take longer than the time limit.',
    message: (p) => (p.kind === 'spec' ? p.detail : `${p.locale}: ${p.detail}`),
  }),
  'chart/data-url': rule<
    | { readonly kind: 'url'; readonly url: string }
    // `image` marks would fetch their pictures: not allowed, like data URLs.
    | { readonly kind: 'image-mark'; readonly allowed: readonly string[] }
    // A paint (`fill`, `background`…) that the SVG would fetch from elsewhere.
    | { readonly kind: 'paint'; readonly value: string }
  >({
    title: 'Chart spec tries to load data from a URL or file',
    severity: 'error',
    hint: 'Charts take data only from the figure registry and the chronology.',
    message: (p) =>
      p.kind === 'url'
        ? `the spec loads data from a URL or file (${p.url}); charts take inline values from the registry only`
        : p.kind === 'paint'
          ? `\`${p.value}\` would draw with something fetched from elsewhere; a chart's colours are colour values, and \`url(…)\` may only name \`#id\` inside the chart`
          : `unknown or forbidden mark type "image" (allowed: ${p.allowed.join(', ')})`,
  }),
  'build/locked': rule<{ readonly owner: string; readonly holder: 'output' | 'workspace' }>({
    title: 'Output folder is in use',
    severity: 'error',
    hint: 'Another build is writing to this output folder (or an `i18n import` to the content); wait for it to finish or use --out for another folder.',
    message: (p) =>
      p.holder === 'output'
        ? `another build (${p.owner}) still holds the output folder`
        : `another command (${p.owner}) is still writing translations into the content`,
  }),
  'internal/error': rule<Detail>({
    title: 'Internal error',
    severity: 'error',
    hint: 'This is a bug in briefing, not a problem in your content. Report it to the briefing maintainers with the command you ran and the output of the same command with --debug.',
    message: (p) => p.detail,
  }),
} as const;

export type RuleId = keyof typeof catalog;

/** The parameters a rule's message is built from. */
export type ParamsOf<R extends RuleId> = Parameters<(typeof catalog)[R]['message']>[0];

/** A rule and the parameters of its message: a problem found, not yet placed in a file. */
export type Finding = { [R in RuleId]: { readonly rule: R; readonly params: ParamsOf<R> } }[RuleId];

// Each rule's own parameter type, so a generic caller keeps the pairing of rule and parameters.
const specOf = <R extends RuleId>(rule: R): RuleSpec<ParamsOf<R>> =>
  catalog[rule] as unknown as RuleSpec<ParamsOf<R>>;

export function messageOf<R extends RuleId>(rule: R, params: ParamsOf<R>): string {
  return specOf(rule).message(params);
}

export function severityOf<R extends RuleId>(rule: R, params: ParamsOf<R>): Severity {
  const s = specOf(rule).severity;
  return typeof s === 'function' ? s(params) : s;
}

/** The rules of a translation an import refuses, each with a unit or entry and what is wrong. */
export type RefusalRule = {
  [R in RuleId]: ParamsOf<R> extends Refusal ? (Refusal extends ParamsOf<R> ? R : never) : never;
}[RuleId];
