/**
 * The one catalog of problems the tool reports, as Astro keeps its error catalog:
 * every diagnostic names a rule from here, so rule ids stay stable and every
 * message comes with the same hint wherever it is raised.
 */
export const catalog = {
  'yaml/syntax': {
    title: 'YAML syntax error',
    hint: 'Fix the YAML syntax at this position (indentation, quotes, colons).',
  },
  'yaml/duplicate-key': {
    title: 'Duplicate key',
    hint: 'Each key may appear once in a mapping; remove or rename one.',
  },
  'schema/invalid': {
    title: 'Value does not match the schema',
    hint: 'See docs/content-format.md for the expected shape.',
  },
  'schema/missing': { title: 'Required field missing', hint: 'Add the field; see docs/content-format.md.' },
  'schema/unknown-key': { title: 'Unknown field', hint: 'Remove the field or check its spelling.' },
  'file/missing': { title: 'Required file missing', hint: 'Create the file; every project needs it.' },
  'file/unreadable': { title: 'File cannot be read', hint: 'Check the path and its permissions.' },
  'file/outside-project': {
    title: 'File outside the project',
    hint: 'Content is read only from inside its folder: copy the file into the project instead of linking to it.',
  },
  'file/encoding': {
    title: 'Not a text file',
    hint: 'Save the file as UTF-8 text (UTF-16 and a byte-order mark are accepted too).',
  },
  'limit/file-size': {
    title: 'File too large',
    hint: 'Split the text into several files (findings), or remove what does not belong in a briefing.',
  },
  'limit/depth': {
    title: 'Nesting too deep',
    hint: 'Flatten the structure: lists, quotes and YAML/JSON collections may nest only a few levels.',
  },
  'limit/yaml-aliases': {
    title: 'YAML aliases expand too far',
    hint: 'Write the values out instead of using anchors (&name) and aliases (*name); content needs none.',
  },
  'markdown/front-matter': {
    title: 'Front matter is malformed',
    hint: 'Start the file with a `---` line, YAML, and a closing `---` line.',
  },
  'markdown/unknown-directive': {
    title: 'Unknown directive',
    hint: 'Use :fig[id], :cite[id], :date[YYYY-MM-DD], :time[ISO 8601 with offset], :quote[id], or ::quote[id] on a line of its own.',
  },
  'markdown/digit-in-prose': {
    title: 'Number typed into prose',
    hint: 'Numbers come from the figure registry: use :fig[id], :date[...] or :time[...].',
  },
  'markdown/dropped': {
    title: 'Content that a document cannot show',
    hint: 'Raw HTML and images are removed from content; write the text in Markdown and put pictures in charts.',
  },
  'markdown/template-in-prose': {
    title: 'Template syntax typed into prose',
    hint: 'Prose uses directives, not template helpers: write :fig[id] instead of {{fig "id"}}.',
  },
  'ref/unknown-figure': {
    title: 'Reference to an unknown figure',
    hint: 'Add the figure to figures.yaml or fix the id.',
  },
  'ref/unknown-source': {
    title: 'Reference to an unknown source',
    hint: 'Add the source to sources.yaml or fix the id.',
  },
  'ref/unknown-recommendation': {
    title: 'Reference to an unknown recommendation',
    hint: 'Add it to recommendations.yaml or fix the id.',
  },
  'ref/unknown-place': {
    title: 'Reference to an unknown place',
    hint: 'Add the place to places in the locale texts or fix the id.',
  },
  'ref/unknown-chart': {
    title: 'Reference to an unknown chart',
    hint: 'Add the chart spec to charts/ or fix the id.',
  },
  'ref/unknown-audience': {
    title: 'Audience not declared, or without a name',
    hint: 'Declare the audience in project.yaml and give it a label (`audiences: { id: { label: … } }` in texts.yaml).',
  },
  'ref/unknown-quotation': {
    title: 'Reference to an unknown quotation',
    hint: 'Add the quotation to quotations.yaml (speaker, source, language, a rendering per language) or fix the id.',
  },
  'ref/unknown-speaker': {
    title: 'Quotation names a speaker without a name',
    hint: 'Add the speaker to `speakers` in the texts of the source language ("Letta Tayler, Human Rights Watch"), or fix the id.',
  },
  'ref/duplicate-id': { title: 'Duplicate id', hint: 'Ids must be unique within their file.' },
  'quote/missing-rendering': {
    title: 'Quotation has no rendering in a language of the project',
    hint: 'Add the approved rendering for this language under `renderings` in quotations.yaml (`briefing i18n export` offers it to a translator), marked `translation` or `indirect` unless a source text holds the words.',
  },
  'quote/typed-in-prose': {
    title: 'Quotation typed into prose',
    hint: 'Put the quotation in quotations.yaml and write :quote[id] in the sentence (::quote[id] for a block quotation): every document then prints its one approved wording, marked as a translation where it is one.',
  },
  'quote/not-verbatim': {
    title: 'Quoted words not found in the source text',
    hint: 'A rendering marked `original` or `published` is the words a source prints: copy them verbatim from its text in sources/ (elide with […]), or mark the rendering `translation`.',
  },
  'quote/original-language': {
    title: 'Rendering marked as the speaker’s own words in another language',
    hint: 'Only a rendering in the language the speaker used can be their own words; in any other language it is a `translation` (or `indirect` speech).',
  },
  'quote/excerpt': {
    title: 'Excerpt differs from the quotation it is part of',
    hint: 'An excerpt repeats words of its quotation’s rendering in the same language: copy them from there (or correct the full rendering).',
  },
  'figure/formula': {
    title: 'Derived figure formula is invalid',
    hint: 'Use +, -, *, / and parentheses over ids of other figures.',
  },
  'figure/cycle': {
    title: 'Derived figures depend on each other in a cycle',
    hint: 'Break the cycle: one of them must hold a value.',
  },
  'figure/pin': {
    title: 'Derived figure pins an input to a value it does not have',
    hint: 'Pin each input of the formula to one of its dates (YYYY-MM-DD) or sources, or remove the pin.',
  },
  'figure/qualifier': {
    title: 'Derived figure qualifier is not justified by its inputs',
    hint: 'Derived qualifiers follow the rules in docs/content-format.md; where they cannot decide, state `qualifier:` yourself. Never state one the inputs contradict.',
  },
  'figure/date': {
    title: 'Derived figure is dated before its inputs',
    hint: 'Remove `asOf:` (a derived value takes the date of its newest input) or give a later date.',
  },
  'figure/statement': {
    title: 'Figure use shows a value its sentence does not claim',
    hint: 'A sentence that cites a source shows that source’s value: pin the use (:fig[id]{source=…} or {asOf=…}), cite the source that gave the value, or write {current} in an undated sentence.',
  },
  'figure/unpinned': {
    title: 'Figure use says neither which statement nor "current"',
    hint: 'Cite the source in the same sentence, pin it with {source=…} / {asOf=…}, or write {current} for the newest value.',
  },
  'figure/current-in-dated-sentence': {
    title: 'Current value in a sentence that dates itself',
    hint: 'A dated sentence narrates what was said then: make the use a statement ({source=…} or {asOf=…}), or remove the date.',
  },
  'figure/value': {
    title: 'Figure value is not a count',
    hint: 'A count is a finite number, zero or more; check the formula (division by zero, subtraction of a larger figure) or the value.',
  },
  'figure/quote-not-found': {
    title: 'Figure quote is not in its source text',
    hint: 'Copy the quote verbatim from the source text file.',
  },
  'figure/unused': {
    title: 'Figure is not used by any document',
    hint: 'Use it in a text, chart or key-figure list, or remove it.',
  },
  'source/unused': { title: 'Source is not cited anywhere', hint: 'Cite it with :cite[id] or remove it.' },
  'i18n/missing': {
    title: 'Translation missing',
    hint: 'Add the text to the locale file (or run `briefing i18n export`).',
  },
  'i18n/missing-key': {
    title: 'Interface string missing',
    hint: 'Add the key to locales/<locale>/common.json (or run `briefing i18n export`).',
  },
  'i18n/stale': {
    title: 'Translation made from an older English text',
    hint: 'Review it (`briefing i18n export --only stale`, then `briefing i18n import`), or confirm it with `briefing i18n accept`.',
  },
  'i18n/state': {
    title: 'Translation record is unreadable',
    hint: 'translated-from.yaml is written by `briefing i18n import` and `accept`; restore it from version control.',
  },
  'i18n/signoff': {
    title: 'Sign-off record is unreadable',
    hint: 'signed-off.yaml is written by `briefing i18n signoff`; restore it from version control.',
  },
  'i18n/term-mismatch': {
    title: 'Translation lacks the agreed glossary term',
    hint: 'Use the term glossary.yaml agrees for this language (any declared form), declare the inflected form or stem there, or record a reviewed exception for this unit.',
  },
  'ref/unknown-unit': {
    title: 'Reference to an unknown translation unit',
    hint: 'Use a unit id as `briefing i18n status` lists it (`findings/x.md`, `chronology.x`).',
  },
  'i18n/locale-tag': {
    title: 'Locale tag that Intl cannot use',
    hint: 'meta.intl is a BCP 47 tag with locale data in Node (e.g. en-GB, ru, kk).',
  },
  'xliff/invalid': {
    title: 'Not a readable XLIFF 1.2 file',
    hint: 'Import the file your CAT tool exported as XLIFF 1.2, unchanged in structure.',
  },
  'xliff/refused': {
    title: 'Translation refused',
    hint: 'Fix the unit in your CAT tool (placeholders exactly as in the source, one each) and export again; nothing was written.',
  },
  'template/syntax': { title: 'Template syntax error', hint: 'Fix the Handlebars syntax.' },
  'template/runtime': {
    title: 'Template failed while rendering',
    hint: 'A template reads only the fields of its block kind: see docs/document-model.md.',
  },
  'template/unknown': {
    title: 'Template for no block kind',
    hint: 'Name a project template after the block kind it draws (templates/section.hbs, templates/cover.hbs…).',
  },
  'template/unsafe': {
    title: 'Template bypasses escaping',
    hint: 'Use {{value}} (escaped), never {{{value}}}: helpers return the markup they may return already sanitized.',
  },
  'template/vocabulary': {
    title: 'Element outside the document vocabulary',
    hint: 'Use only the elements listed in docs/document-model.md.',
  },
  'chart/invalid': {
    title: 'Chart spec is invalid',
    hint: 'Fix the Vega-Lite spec; see the message from the compiler.',
  },
  'chart/limit': {
    title: 'Chart exceeds a limit',
    hint: 'Charts may not use regular-expression functions, generate more rows than the limit, or take longer than the time limit.',
  },
  'chart/data-url': {
    title: 'Chart spec tries to load data from a URL or file',
    hint: 'Charts take data only from the figure registry and the chronology.',
  },
  'build/locked': {
    title: 'Output folder is in use',
    hint: 'Another build is writing to this output folder; wait for it to finish or use --out for another folder.',
  },
  'internal/error': {
    title: 'Internal error',
    hint: 'This is a bug in briefing, not a problem in your content. Report it to the briefing maintainers with the command you ran and the output of the same command with --debug.',
  },
} as const;

export type RuleId = keyof typeof catalog;
