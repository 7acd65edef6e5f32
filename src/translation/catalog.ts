/**
 * The translation catalog: every translatable unit of the workspace in one target
 * language, with its source text, its current translation and its state.
 *
 * A unit is what a translator signs off as a whole, and what goes stale as a whole:
 * - a string of `<locale>/texts.yaml` with all its plural and case forms
 *   (`nouns.person` covers `person_one`, `person_few`, `person_gen_many`...);
 * - an interface string group of `locales/<locale>/<ns>.json` (`ui:common.units.page`);
 * - a Markdown file (`findings/incident-1.md`): its title and each of its blocks.
 * Each translation records the hash of the source text it was made from (see state.ts);
 * when the source's hash moves on, the translation is stale.
 *
 * Sources differ by unit: the interface strings are always translated from English
 * (INTERFACE_SOURCE), a project's texts from its own `sourceLocale`. So one catalog may
 * hold units of several source languages; each unit says its own.
 */
import { memo } from '../text/memo.js';
import { packFor } from '../i18n/languages/index.js';
import { flatten } from '../model/units.js';
import { missingForms, pluralRules, usesGenitive } from '../i18n/forms.js';
import { sha256 } from '../text/hash.js';
import { isGrammarKey, unitKey } from '../load/text-keys.js';
import { yamlData } from '../load/yaml.js';
import type { Project } from '../model/project.js';
import type { FileSet } from './files.js';
import { contentStateFile, interfaceStateFile, type RecordedHashes } from './state.js';
import { splitProse } from './prose.js';

/**
 * The language of the tool's own interface strings (`locales/<lng>/*.json`): they are
 * written in English, whatever language a project is written in; `locales/en` is the
 * reference every other interface language is translated from.
 */
export const INTERFACE_SOURCE = 'en';

/** A YAML file's data, parsed once per text (see text/memo.ts): every language's catalog reads the English. */
const parseYaml = (text: string): unknown => memo('yaml-data', [text], () => yamlData(text));

export type UnitState = 'translated' | 'missing' | 'stale';

/** One piece a translator translates (an XLIFF trans-unit). */
export interface Segment {
  /** Key within the file (`nouns.person_few`), or `title` / `p3` in a Markdown file. */
  readonly id: string;
  readonly source: string;
  readonly target: string | undefined;
  /** Codes the target may use though the source does not (code → what it stands for). */
  readonly extras?: Readonly<Record<string, string>>;
}

export interface Unit {
  /** `chronology.protests-spread`, `findings/incident-1.md`, `ui:common.units.page`. */
  readonly id: string;
  /** Project id, or `interface` for the tool's own strings. */
  readonly scope: string;
  /** A quotation's rendering lives in quotations.yaml, beside the other languages' (see quotationUnits). */
  readonly kind: 'strings' | 'prose' | 'quotation';
  /** For a quotation: the language its translation is written under in quotations.yaml. */
  readonly locale?: string;
  /** The language of the source text: the project's `sourceLocale`, or INTERFACE_SOURCE. */
  readonly sourceLocale: string;
  /** Workspace-relative files. */
  readonly sourceFile: string;
  readonly targetFile: string;
  readonly stateFile: string;
  /** Hash of the source text(s) now. */
  readonly hash: string;
  /** Hash of the source text the translation was made from, if recorded. */
  readonly recorded: string | undefined;
  readonly state: UnitState;
  readonly segments: readonly Segment[];
  /** Where the text appears and for whom, for the translator's note. */
  readonly context: string;
}

/**
 * One target language's units. It has no source language of its own: its units may be
 * translated from several (see Unit.sourceLocale and sourcesOf).
 */
export interface Catalog {
  readonly locale: string;
  readonly units: readonly Unit[];
}

let names: Intl.DisplayNames | undefined;

/** A language's English name, for notes written in English (`English`, `Russian`); its code if Intl has none. */
export function languageName(locale: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return names.of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** The source languages of some units, sorted: one for a project or the interface, maybe several for a catalog. */
export const sourcesOf = (units: Iterable<Pick<Unit, 'sourceLocale'>>): string[] =>
  [...new Set([...units].map((u) => u.sourceLocale))].sort();

const hashOf = (value: unknown): string => sha256(JSON.stringify(value)).slice(0, 16);

/** A form of a counted word: its plural category, after a case where the case has its own forms (`_gen_`, `_acc_`…). */
const pluralRe = /^(.*?)(_(?:gen|acc|dat|ins|prep))?_(zero|one|two|few|many|other)$/;
const categoryOrder = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The English form a target form is translated from: same category, else `other`. */
function sourceKeyFor(key: string, english: ReadonlyMap<string, string>): string | undefined {
  if (english.has(key)) return key;
  const m = pluralRe.exec(key);
  if (m) {
    const [, base = '', , category = 'other'] = m;
    for (const k of [`${base}_${category}`, `${base}_other`, base]) if (english.has(k)) return k;
  }
  return [...english.keys()][0];
}

/** The keys a new translation needs: English plural forms become the target's categories. */
function formsNeeded(englishKeys: readonly string[], locale: string): string[] {
  const categories = pluralRules(locale).resolvedOptions().pluralCategories;
  const sorted = [...categories].sort((a, b) => categoryOrder.indexOf(a) - categoryOrder.indexOf(b));
  const out = new Set<string>();
  for (const key of englishKeys) {
    const m = pluralRe.exec(key);
    if (!m) out.add(key);
    else for (const c of sorted) out.add(`${m[1] ?? ''}${m[2] ?? ''}_${c}`);
  }
  return [...out];
}

/** The plural and case forms a translated unit still lacks (see i18n/forms.ts). */
function lackingForms(
  key: string,
  english: ReadonlyMap<string, string>,
  own: ReadonlyMap<string, string>,
  locale: string,
  declines: boolean,
): string[] {
  const keys = new Set(own.keys());
  const counted = [...english.keys(), ...keys].some((k) => pluralRe.test(k));
  if (!counted) return [];
  const genitive = usesGenitive(keys) || (declines && key.startsWith('nouns.'));
  return missingForms(key, keys, locale, genitive);
}

/** Sample numbers per plural category, so the note can say which form is which. */
const examples = new Map<string, string>();

export function pluralExamples(locale: string): string {
  let found = examples.get(locale);
  if (found === undefined) examples.set(locale, (found = findExamples(locale)));
  return found;
}

function findExamples(locale: string): string {
  const rules = pluralRules(locale);
  const by = new Map<string, number[]>();
  for (const n of [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1.5]) {
    const c = rules.select(n);
    by.set(c, [...(by.get(c) ?? []), n]);
  }
  return [...by]
    .sort(([a], [b]) => categoryOrder.indexOf(a) - categoryOrder.indexOf(b))
    .map(([c, ns]) => `${c}: ${ns.slice(0, 4).join(', ')}`)
    .join('; ');
}

interface StringsFile {
  readonly scope: string;
  readonly idPrefix: string;
  readonly sourceFile: string;
  readonly targetFile: string;
  readonly stateFile: string;
  readonly parse: (text: string) => unknown;
  readonly context: (unit: string) => string;
  readonly extras?: (key: string) => Readonly<Record<string, string>> | undefined;
}

/** What every unit of one strings file is read against. */
interface StringsContext {
  readonly spec: StringsFile;
  readonly recorded: RecordedHashes;
  readonly sourceLocale: string;
  readonly locale: string;
  /** The translation's forms, by unit key. */
  readonly translated: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Whether the language's nouns take a genitive form. */
  readonly declines: boolean;
}

function stringUnits(
  spec: StringsFile,
  files: FileSet,
  recorded: RecordedHashes,
  sourceLocale: string,
  locale: string,
): Unit[] {
  const sourceText = files.get(spec.sourceFile);
  if (sourceText === undefined) return [];
  const source = formsByUnit(safeParse(spec.parse, sourceText));
  const targetText = files.get(spec.targetFile);
  const translated =
    targetText === undefined
      ? new Map<string, Map<string, string>>()
      : formsByUnit(safeParse(spec.parse, targetText));
  const declines =
    packFor(locale).declines ||
    usesGenitive(
      [...translated.values()].flatMap((f) => [...f.keys()]).filter((k) => k.startsWith('nouns.')),
    );
  const context: StringsContext = { spec, recorded, sourceLocale, locale, translated, declines };
  return [...source].map(([key, forms]) => stringUnit(context, key, forms));
}

/** A strings tree's keys grouped by the unit they belong to (a plural's forms are one unit). */
function formsByUnit(tree: unknown): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, value] of flatten(tree)) {
    const u = unitKey(key);
    const forms = out.get(u) ?? new Map<string, string>();
    forms.set(key, value);
    out.set(u, forms);
  }
  return out;
}

/** The unit of one key: its source forms, the forms the translation has or needs, its state. */
function stringUnit(c: StringsContext, key: string, forms: ReadonlyMap<string, string>): Unit {
  const { spec, locale, sourceLocale } = c;
  const id = spec.idPrefix + key;
  const hash = hashOf([...forms].sort(([a], [b]) => a.localeCompare(b)));
  const own = c.translated.get(key);
  const lacking = own ? lackingForms(key, forms, own, locale, c.declines) : [];
  // A noun's declared gender belongs to its unit (its hash, its staleness) but is no text to translate.
  const keys = own
    ? [...[...own.keys()].filter((k) => !isGrammarKey(k)), ...lacking]
    : formsNeeded([...forms.keys()], locale);
  const segments = keys.map((k): Segment => {
    const extras = spec.extras?.(k);
    return {
      id: k,
      source: forms.get(sourceKeyFor(k, forms) ?? k) ?? '',
      target: own?.get(k),
      ...(extras ? { extras } : {}),
    };
  });
  const rec = c.recorded.get(id);
  // A translation without every form its numbers need is not finished: the reader would see a wrong form.
  const state: UnitState = !own || lacking.length ? 'missing' : rec === hash ? 'translated' : 'stale';
  return {
    id,
    scope: spec.scope,
    kind: 'strings',
    sourceLocale,
    sourceFile: spec.sourceFile,
    targetFile: spec.targetFile,
    stateFile: spec.stateFile,
    hash,
    recorded: rec,
    state,
    segments,
    context: spec.context(key) + (keys.some((k) => pluralRe.test(k)) ? pluralNote(locale, sourceLocale) : ''),
  };
}

const pluralNote = (locale: string, sourceLocale: string): string =>
  ` Plural forms: one entry per form of ${locale} (${pluralExamples(locale)}); each shows the ${sourceLocale} form it corresponds to.`;

function safeParse(parse: (text: string) => unknown, text: string): unknown {
  try {
    return parse(text);
  } catch {
    return {};
  }
}

const list = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] ?? ''}`;

const audienceName = (a: string): string =>
  a === 'release' ? 'the news release' : `the briefing for the audience "${a}"`;

/** Where a texts.yaml string shows, in the translator's terms. */
function textContext(project: Project, key: string): string {
  const [section = '', id = '', ...rest] = key.split('.');
  const briefings = list(Object.keys(project.config.audiences).map((a) => a.toUpperCase()));
  switch (section) {
    case 'project':
      return `Title page, running header and document properties of every briefing and the release (${id}).`;
    case 'sources':
      return `Reference list: the ${rest[0] ?? 'entry'} of the source “${id}”, in every document that cites it.`;
    case 'places':
      return `Name of a place (${id}), used in the chronology and the findings.`;
    case 'addressees':
      return `Heading over the recommendations addressed to ${id}, in the briefings and the release.`;
    case 'recommendations': {
      const r = project.recommendations.find((x) => x.id === id);
      return r
        ? `Recommendation to ${r.addressee}, in ${list(r.audiences.map(audienceName))}. An imperative ask.`
        : 'A recommendation.';
    }
    case 'chronology': {
      const c = project.chronology.find((x) => x.id === id);
      return `Chronology entry${c ? ` for ${String(c.at)}` : ''}, in the chronology table of the ${briefings} briefings.`;
    }
    case 'figures':
      return `Label of the figure “${id}” in the key-figures box and charts; it follows or explains the number.`;
    case 'nouns':
      return `The noun counted by a figure (“${id}”), written after the number.`;
    case 'charts':
      return `Chart “${id}”: the ${rest.join('.') || 'text'} shown in the chart.`;
    default:
      return `Text ${key}.`;
  }
}

function proseContext(project: Project, rel: string, title: string): string {
  const briefings = list(Object.keys(project.config.audiences).map((a) => a.toUpperCase()));
  if (rel.startsWith('findings/')) {
    const f = project.findings.find((x) => `findings/${x.id}.md` === rel);
    const where = f?.audiences ? list(f.audiences.map(audienceName)) : `the ${briefings} briefings`;
    return `Finding “${title}”, a section of ${where}. Reported fact: keep attributions and hedges (“reportedly”, “according to”).`;
  }
  if (rel.startsWith('framing/')) {
    const a = rel.slice('framing/'.length, -'.md'.length);
    return `Opening framing of ${audienceName(a)}, written for ${a.toUpperCase()} readers.`;
  }
  if (rel === 'release.md') return 'The public news release: press readers, plain language.';
  return `Text ${rel}.`;
}

/** The Markdown files a project translates, relative to a locale folder. */
export function proseFiles(project: Project): string[] {
  return [
    ...project.findings.map((f) => `findings/${f.id}.md`),
    ...Object.keys(project.config.audiences).map((a) => `framing/${a}.md`),
    'release.md',
  ];
}

function proseUnits(project: Project, files: FileSet, recorded: RecordedHashes, locale: string): Unit[] {
  const src = project.config.sourceLocale;
  const base = `content/${project.id}`;
  const units: Unit[] = [];
  for (const rel of proseFiles(project)) {
    const sourceFile = `${base}/${src}/${rel}`;
    const targetFile = `${base}/${locale}/${rel}`;
    const sourceText = files.get(sourceFile);
    if (sourceText === undefined) continue;
    const source = splitProse(sourceText);
    const targetText = files.get(targetFile);
    const target = targetText === undefined ? undefined : splitProse(targetText);
    // Blocks pair up by position; a translation with another block count cannot be
    // split the same way and is offered whole for re-translation.
    const aligned = target !== undefined && target.blocks.length === source.blocks.length;
    const segments: Segment[] = [
      { id: 'title', source: source.title, target: target?.title },
      ...source.blocks.map((b, i) => ({
        id: `p${i + 1}`,
        source: b,
        target: aligned ? target.blocks[i] : undefined,
      })),
    ];
    // Line ends aside, as the blocks are split: an English file saved with CR LF had made
    // every translation of it stale.
    const hash = sha256(sourceText.replace(/\r\n/g, '\n')).slice(0, 16);
    const rec = recorded.get(rel);
    units.push({
      id: rel,
      scope: project.id,
      kind: 'prose',
      sourceLocale: src,
      sourceFile,
      targetFile,
      stateFile: contentStateFile(project.id, locale),
      hash,
      recorded: rec,
      state: target === undefined ? 'missing' : rec === hash ? 'translated' : 'stale',
      segments,
      context: proseContext(project, rel, source.title),
    });
  }
  return units;
}

interface QuotationFileEntry {
  readonly id?: unknown;
  readonly speaker?: unknown;
  readonly source?: unknown;
  readonly language?: unknown;
  readonly excerptOf?: unknown;
  readonly renderings?: Record<string, { kind?: unknown; text?: unknown } | undefined>;
}

const textOf = (r: { text?: unknown } | undefined): string | undefined =>
  typeof r?.text === 'string' ? r.text : undefined;

/** A rendering fixed by a source (the speaker's own words, a source's published wording) is never translated. */
const fixedBySource = (r: { kind?: unknown } | undefined): boolean =>
  r?.kind === 'original' || r?.kind === 'published';

function quotationContext(
  e: QuotationFileEntry,
  byId: ReadonlyMap<unknown, QuotationFileEntry>,
  locale: string,
): string {
  const root = e.excerptOf !== undefined ? (byId.get(e.excerptOf) ?? e) : e;
  const language = typeof root.language === 'string' ? root.language : 'und';
  const original = Object.entries(root.renderings ?? {}).find(
    ([l, r]) => r?.kind === 'original' && l.split('-')[0] === language,
  );
  return [
    `Quotation of “${String(root.speaker ?? '')}” (source “${String(root.source ?? '')}”), printed wherever a text writes :quote[${String(e.id)}]; the one ${locale} wording of it.`,
    language === 'und' ? 'No source says which language the words were in.' : `The speaker used ${language}.`,
    original ? `Their own words (${original[0]}): ${textOf(original[1]) ?? ''}` : '',
    'It is printed in quotation marks with the note “translated from …” (kind: translation), or as reported speech without quotation marks (kind: indirect); write it so that it fits every sentence that quotes it, without a final full stop.',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Renderings of the quotation registry: one unit per quotation and language, translated
 * from the source language's rendering. Renderings fixed by a source are not units.
 */
function quotationUnits(project: Project, files: FileSet, recorded: RecordedHashes, locale: string): Unit[] {
  const src = project.config.sourceLocale;
  const file = `content/${project.id}/quotations.yaml`;
  const text = files.get(file);
  if (text === undefined) return [];
  const parsed = safeParse(parseYaml, text);
  const entries = (Array.isArray(parsed) ? parsed : []).filter(
    (e): e is QuotationFileEntry =>
      typeof e === 'object' && e !== null && typeof (e as QuotationFileEntry).id === 'string',
  );
  const byId = new Map(entries.map((e) => [e.id, e]));
  const units: Unit[] = [];
  for (const e of entries) {
    const english = textOf(e.renderings?.[src]);
    const own = e.renderings?.[locale];
    if (english === undefined || fixedBySource(own)) continue;
    const id = `quotations.${String(e.id)}`;
    const hash = hashOf(english);
    const rec = recorded.get(id);
    const target = textOf(own);
    units.push({
      id,
      scope: project.id,
      kind: 'quotation',
      locale,
      sourceLocale: src,
      sourceFile: file,
      targetFile: file,
      stateFile: contentStateFile(project.id, locale),
      hash,
      recorded: rec,
      state: target === undefined ? 'missing' : rec === hash ? 'translated' : 'stale',
      segments: [{ id: String(e.id), source: english, target }],
      context: quotationContext(e, byId, locale),
    });
  }
  return units;
}

export interface CatalogInput {
  readonly projects: readonly Project[];
  readonly interfaceNamespaces: readonly string[];
  readonly files: FileSet;
  readonly recorded: (stateFile: string) => RecordedHashes;
}

/**
 * Every unit of the selected projects (and the interface strings) in one locale: the
 * interface's, translated from INTERFACE_SOURCE, unless this is it; each project's that
 * has this locale, translated from its own source language, unless this is it.
 */
export function buildCatalog(input: CatalogInput, locale: string): Catalog {
  const units = [
    ...(locale === INTERFACE_SOURCE ? [] : input.interfaceNamespaces).flatMap((ns) =>
      interfaceUnits(input, ns, locale),
    ),
    ...input.projects
      .filter((p) => p.config.locales.includes(locale) && locale !== p.config.sourceLocale)
      .flatMap((p) => projectUnits(input, p, locale)),
  ];
  return { locale, units };
}

/** The units of one namespace of the tool's interface strings (`locales/en/<ns>.json`). */
function interfaceUnits(input: CatalogInput, ns: string, locale: string): Unit[] {
  const stateFile = interfaceStateFile(locale);
  const spec: StringsFile = {
    scope: 'interface',
    idPrefix: `ui:${ns}.`,
    sourceFile: `locales/${INTERFACE_SOURCE}/${ns}.json`,
    targetFile: `locales/${locale}/${ns}.json`,
    stateFile,
    parse: (t) => JSON.parse(t) as unknown,
    context: (key) =>
      `Interface text of every briefing and the release (${ns}.json, ${key}); the same in every project.`,
    // Each language is offered only its own extra values (Kazakh case endings, say).
    extras: (key) =>
      key.startsWith('qualifier.')
        ? packFor(locale).numberValueNotes
        : key.endsWith('.asOf')
          ? packFor(locale).dateValueNotes
          : undefined,
  };
  return stringUnits(spec, input.files, input.recorded(stateFile), INTERFACE_SOURCE, locale);
}

/** A project's units in a language it is translated into: its texts, its prose files, its quotations. */
function projectUnits(input: CatalogInput, project: Project, locale: string): Unit[] {
  const stateFile = contentStateFile(project.id, locale);
  const recorded = input.recorded(stateFile);
  const spec: StringsFile = {
    scope: project.id,
    idPrefix: '',
    sourceFile: `content/${project.id}/${project.config.sourceLocale}/texts.yaml`,
    targetFile: `content/${project.id}/${locale}/texts.yaml`,
    stateFile,
    parse: parseYaml,
    context: (key) => textContext(project, key),
  };
  return [
    ...stringUnits(spec, input.files, recorded, project.config.sourceLocale, locale),
    ...proseUnits(project, input.files, recorded, locale),
    ...quotationUnits(project, input.files, recorded, locale),
  ];
}
