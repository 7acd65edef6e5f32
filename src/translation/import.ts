/**
 * Import stage: checks a translated XLIFF file against the catalog and turns it
 * into file edits. Pure: it reads nothing and writes nothing; the command writes
 * the edits, and only when there is not a single problem.
 */
import { CONTROL_CHARACTER } from '../load/decode.js';
import { codePointName } from '../diagnostics/code-point.js';
import type { RefusalRule } from '../diagnostics/catalog.js';
import { parseDocument, Scalar } from 'yaml';
import { QUIET } from '../load/yaml.js';
import { checkLocaleTag } from '../i18n/locale-tag.js';
import { languageName, sourcesOf, type Catalog, type Segment, type Unit } from './catalog.js';
import type { FileEdits, FileSet } from './files.js';
import { codes, protect } from './placeholders.js';
import { joinProse, splitProse } from './prose.js';
import { blockProblem } from './block-shape.js';
import { sourceEdit } from './source-check.js';
import { parseState, serializeState } from './state.js';
import {
  alignTarget,
  sameThing,
  extraId,
  type ReadFile,
  type ReadGroup,
  type ReadTransUnit,
  type TargetPart,
} from './xliff.js';

export interface ImportProblem {
  /** Which kind of refusal: a rule of the diagnostics catalog. */
  readonly rule: RefusalRule;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The unit (or file) the problem is about, for the message's start. */
  readonly subject: string;
  readonly message: string;
}

/** A place in the XLIFF file. */
export interface XliffPlace {
  readonly line: number;
  readonly column: number;
}

export interface ImportPlan {
  readonly locale: string | undefined;
  readonly edits: FileEdits;
  /** Where in the XLIFF file the first text written into each edited file comes from. */
  readonly origins: ReadonlyMap<string, XliffPlace>;
  readonly problems: readonly ImportProblem[];
  /** Units whose text changed. */
  readonly updated: readonly string[];
  /** Units now recorded as translated from the source text they show. */
  readonly accepted: readonly string[];
  /** Units written but still marked for review in the file, so still stale. */
  readonly review: readonly string[];
  /** Units left out: no target, or not every block translated. */
  readonly skipped: readonly string[];
}

/**
 * Whether a translator signed an entry off: `approved="yes"`, or a done state (no state
 * at all counts too: some tools drop it) unless the tool said `approved="no"`, as
 * translate-toolkit does for what its users left fuzzy.
 */
const done = (state: string | null, approved: string | null): boolean =>
  approved === 'yes' ||
  (approved !== 'no' &&
    (state === null || state === 'translated' || state === 'final' || state === 'signed-off'));

/** `en-US` (what `po2xliff` writes) is English: languages compare by their primary subtag. */
const sameLanguage = (a: string | null, b: string): boolean =>
  a !== null && (a === b || a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase());

/**
 * A file that went through PO (`xliff2po`, then `po2xliff`) has its codes as plain
 * text: they become placeholders again, matched to the source's by their code, so
 * the usual checks (each exactly once, none altered) apply.
 */
function codesFromText(
  source: string,
  target: readonly TargetPart[] | undefined,
  extras: Readonly<Record<string, string>> | undefined,
): TargetPart[] | undefined {
  if (!target) return target;
  const text = target.map((p) => (p.kind === 'text' ? p.text : (p.equiv ?? ''))).join('');
  return alignTarget(protect(source), protect(text), extras).map((p) =>
    p.kind === 'text' ? p : { kind: 'ref', id: p.id, equiv: p.code },
  );
}

const digits = (s: string): string[] => s.match(/\d+/g) ?? [];

/**
 * What the loader refuses in a file (load/decode.ts) and XML 1.0 forbids as a character
 * besides, but xmldom reads from a reference such as `&#0;`: an import had written a NUL
 * into a translation, and into a title's front matter as `"\0"`, which then reached the HTML.
 */
const NOT_TEXT = new RegExp(
  `${CONTROL_CHARACTER.source}|[\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
);

/** A problem of a target's text, by the rule it breaks. */
export interface TargetProblem {
  readonly rule: RefusalRule;
  readonly message: string;
}

type Extras = Readonly<Record<string, string>>;

const placeholder = (message: string): TargetProblem => ({ rule: 'xliff/placeholder', message });

/** What a target says once its placeholders are codes again, and what is wrong with it. */
interface Restored {
  text: string;
  readonly problems: TargetProblem[];
  /** How many times each source placeholder was used. */
  readonly seen: Map<string, number>;
}

/** The target text with placeholders turned back into codes, or the problems found. */
export function checkTarget(
  source: string,
  target: readonly TargetPart[],
  extras: Extras = {},
): { ok: true; text: string } | { ok: false; problems: TargetProblem[] } {
  const expected = new Map(codes(protect(source)).map((c) => [c.id, c.code]));
  const restored = restoreCodes(target, expected, extras);
  const problems = [
    ...restored.problems,
    ...countProblems(expected, restored.seen),
    ...textProblems(source, target),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, text: restored.text };
}

/** Each part of the target as the text it stands for; a code the source lacks, or altered, is a problem. */
function restoreCodes(
  target: readonly TargetPart[],
  expected: ReadonlyMap<string, string>,
  extras: Extras,
): Restored {
  const extraCodes = new Map(Object.keys(extras).map((code) => [extraId(code), code]));
  const out: Restored = { text: '', problems: [], seen: new Map() };
  for (const p of target) {
    if (p.kind === 'text') {
      const typed = codes(protect(p.text)).filter((c) => c.type !== 'mark' && !(c.code in extras));
      for (const c of typed)
        out.problems.push(
          placeholder(`\`${c.code}\` is typed as text; use the source's placeholder instead`),
        );
      out.text += p.text;
      continue;
    }
    const extra = extraCodes.get(p.id);
    if (extra !== undefined && (p.equiv === null || p.equiv === extra)) out.text += extra;
    else out.text += restoreRef(p, expected, out);
  }
  return out;
}

/** The code a placeholder of the target stands for ('' when it stands for none). */
function restoreRef(
  p: Extract<TargetPart, { kind: 'ref' }>,
  expected: ReadonlyMap<string, string>,
  out: Restored,
): string {
  const code = expected.get(p.id);
  const own = p.equiv !== null ? codes(protect(p.equiv))[0] : undefined;
  if (code === undefined) {
    // A date or time the language adds keeps its own code (check validates it).
    if (
      /^x-(date|time)-/.test(p.id) &&
      own &&
      own.code === p.equiv &&
      (own.type === 'date' || own.type === 'time')
    )
      return own.code;
    out.problems.push(placeholder(`placeholder {${p.id}} does not exist in the source`));
    return '';
  }
  const sourceCode = codes(protect(code))[0];
  // The language's own form of the source's code (a figure with its case) is kept as written.
  const ownForm =
    own !== undefined && own.code === p.equiv && sourceCode !== undefined && sameThing(sourceCode, own);
  if (p.equiv !== null && p.equiv !== code && !ownForm)
    out.problems.push(
      placeholder(`placeholder {${p.id}} was altered: \`${p.equiv}\` instead of \`${code}\``),
    );
  out.seen.set(p.id, (out.seen.get(p.id) ?? 0) + 1);
  return ownForm && p.equiv !== null ? p.equiv : code;
}

/** Each source placeholder exactly once. */
function countProblems(
  expected: ReadonlyMap<string, string>,
  seen: ReadonlyMap<string, number>,
): TargetProblem[] {
  const problems: TargetProblem[] = [];
  for (const [id, code] of expected) {
    const n = seen.get(id) ?? 0;
    if (n === 0) problems.push(placeholder(`placeholder {${id}} (\`${code}\`) was dropped`));
    if (n > 1) problems.push(placeholder(`placeholder {${id}} (\`${code}\`) appears ${n} times`));
  }
  return problems;
}

/** What the target's own text may not hold: a character no document may, a number the source does not have. */
function textProblems(source: string, target: readonly TargetPart[]): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const sourceDigits = new Set(
    protect(source)
      .filter((p) => p.kind === 'text')
      .flatMap((p) => (p.kind === 'text' ? digits(p.text) : [])),
  );
  const targetText = target.filter((p) => p.kind === 'text').map((p) => (p.kind === 'text' ? p.text : ''));
  const unwritable = targetText.map((t) => NOT_TEXT.exec(t)?.[0]).find((c) => c !== undefined);
  if (unwritable !== undefined)
    problems.push({
      rule: 'xliff/control-character',
      message: `the text holds ${codePointName(unwritable)}, which no text of a document may hold (a control character, or half of a surrogate pair)`,
    });
  for (const d of targetText.flatMap(digits))
    if (!sourceDigits.has(d))
      problems.push({
        rule: 'xliff/typed-number',
        message: `the number ${d} is typed as text; numbers come from the figure registry through placeholders`,
      });
  return problems;
}

/**
 * Entries that are settings rather than text are validated as `check` would
 * validate the file the import writes: `meta.intl` must be a tag Intl accepts,
 * or every later command would fail on it.
 */
function valueProblem(unit: Unit, entry: string, text: string): string | undefined {
  if (unit.kind !== 'prose' && entry === 'meta.intl' && unit.sourceFile.endsWith('common.json')) {
    const c = checkLocaleTag(text);
    if (!c.ok) return c.message;
  }
  return undefined;
}

/** `findings/x.md p2`, or just the id where unit and entry are one (`chronology.x`). */
const subject = (unit: string, entry: string): string => (unit === entry ? unit : `${unit} ${entry}`);

const isEmpty = (parts: readonly TargetPart[] | undefined): boolean =>
  parts === undefined || parts.every((p) => p.kind === 'text' && p.text.trim() === '');

type At = { line?: number | undefined; column?: number | undefined };
type Report = (at: At, rule: RefusalRule, subject: string, message: string) => void;

/** Per unit: the new text of each segment, and whether the translator signed it off. */
interface UnitChange {
  readonly unit: Unit;
  readonly texts: ReadonlyMap<string, string>;
  readonly signedOff: boolean;
  readonly hash: string;
  readonly at: XliffPlace;
}

/** What the document's units say, read against the catalogs. */
interface Reading {
  readonly report: Report;
  readonly catalogs: ReadonlyMap<string, Catalog>;
  readonly givenLocale: string | undefined;
  readonly changes: UnitChange[];
  readonly skipped: string[];
  /**
   * Across the whole document, not per <file>: a second <file> for the same source file, or a
   * unit answered in two places, had been imported with the last one winning.
   */
  readonly seenFiles: Map<string, ReadFile>;
  readonly seenGroups: Map<Unit, At>;
}

export function planImport(
  read: readonly ReadFile[],
  catalogs: ReadonlyMap<string, Catalog>,
  files: FileSet,
  /** The language, for files that do not say (`po2xliff` writes no target-language). */
  givenLocale?: string,
): ImportPlan {
  const problems: ImportProblem[] = [];
  const report: Report = (at, rule, subject, message) =>
    problems.push({ rule, line: at.line, column: at.column, subject, message });
  const locale = documentLocale(read, givenLocale, report);
  const reading: Reading = {
    report,
    catalogs,
    givenLocale,
    changes: [],
    skipped: [],
    seenFiles: new Map(),
    seenGroups: new Map(),
  };
  for (const f of read) readFile(reading, f);
  const planned = planEdits(reading.changes, files, reading.skipped);
  return { locale, problems, ...planned };
}

const languageOf = (f: ReadFile, givenLocale: string | undefined): string =>
  f.targetLanguage ?? givenLocale ?? '';

/** The one language the document is in, if it is in one; a document with none or several is refused. */
function documentLocale(
  read: readonly ReadFile[],
  givenLocale: string | undefined,
  report: Report,
): string | undefined {
  const locales = new Set(read.map((f) => languageOf(f, givenLocale)));
  if (read.length === 0)
    report({ line: 1, column: 1 }, 'xliff/empty', 'file', 'the XLIFF file has no <file> element');
  if (locales.size > 1)
    report(
      { line: 1, column: 1 },
      'xliff/target-language',
      'file',
      `several target languages (${[...locales].join(', ')}); import one language at a time`,
    );
  return locales.size === 1 ? [...locales][0] : undefined;
}

const twice = (what: string, first: At): string =>
  `the ${what} appears twice${first.line !== undefined ? ` (first at line ${first.line})` : ''}; keep one`;

/** One <file>: its units in groups, then any loose trans-units (a PO round trip's). */
function readFile(r: Reading, f: ReadFile): void {
  const firstFile = r.seenFiles.get(f.original);
  if (firstFile) {
    r.report(f, 'xliff/duplicate', f.original, twice(`<file> for \`${f.original}\``, firstFile));
    return;
  }
  r.seenFiles.set(f.original, f);
  const catalog = catalogOf(r, f);
  if (!catalog) return;
  const loose = f.loose.filter((tu) => !tu.header);
  const units = new Map(catalog.units.filter((u) => u.sourceFile === f.original).map((u) => [u.id, u]));
  if (units.size === 0 && (f.groups.length > 0 || loose.some((tu) => tu.file === undefined))) {
    r.report(f, 'xliff/unknown-unit', f.original, `no translatable file \`${f.original}\` in this workspace`);
    return;
  }
  checkSourceLanguage(r, f, [...units.values(), ...loose.flatMap((tu) => unitOf(tu, catalog) ?? [])]);
  for (const g of f.groups) readGroup(r, f, g, units);
  for (const [unit, tus] of located(r, loose, catalog)) readLoose(r, f, unit, tus);
}

/** The catalog of the file's language, or undefined (reported) when the workspace has none. */
function catalogOf(r: Reading, f: ReadFile): Catalog | undefined {
  const language = languageOf(f, r.givenLocale);
  const catalog = language ? r.catalogs.get(language) : undefined;
  if (!catalog) {
    r.report(
      f,
      'xliff/target-language',
      f.original,
      language
        ? `target-language \`${language}\` is not a translation language of this workspace (${[...r.catalogs.keys()].join(', ')})`
        : 'the file names no target-language; give it with --locale',
    );
    return undefined;
  }
  if (r.givenLocale !== undefined && f.targetLanguage !== null && f.targetLanguage !== r.givenLocale)
    r.report(
      f,
      'xliff/target-language',
      f.original,
      `target-language is \`${f.targetLanguage}\`, not \`${r.givenLocale}\` as given`,
    );
  return catalog;
}

/**
 * A source file is in one language (English for the interface, a project's own source
 * language for its texts), and the file says which. One that went through PO may hold
 * entries of several; its one source-language cannot name them all, and each entry's
 * source text is compared instead (readLoose).
 */
function checkSourceLanguage(r: Reading, f: ReadFile, units: readonly Unit[]): void {
  const sources = sourcesOf(units);
  const expected = sources.length === 1 ? sources[0] : undefined;
  if (expected !== undefined && !sameLanguage(f.sourceLanguage, expected))
    r.report(
      f,
      'xliff/source-language',
      f.original,
      `source-language is \`${f.sourceLanguage ?? ''}\`, expected \`${expected}\``,
    );
}

/** Whether the unit was answered before in this document (reported), noting it as answered here. */
function answeredTwice(r: Reading, unit: Unit, at: At): void {
  const first = r.seenGroups.get(unit);
  if (first) r.report(at, 'xliff/duplicate', unit.id, twice('unit', first));
  r.seenGroups.set(unit, at);
}

/** A unit's <group>: its hash says which source text the translation answers. */
function readGroup(r: Reading, f: ReadFile, g: ReadGroup, units: ReadonlyMap<string, Unit>): void {
  const unit = units.get(g.id);
  if (!unit) {
    r.report(g, 'xliff/unknown-unit', g.id, `no unit \`${g.id}\` in ${f.original}`);
    return;
  }
  answeredTwice(r, unit, g);
  if (!g.hash || !/^[0-9a-f]{16}$/.test(g.hash)) {
    r.report(
      g,
      'xliff/group-hash',
      g.id,
      'extradata must hold the 16-digit hash the export wrote; export again',
    );
    return;
  }
  readUnit(r, unit, g.hash, g.units, false);
}

/** No group, so no hash: the entries answer the current source text if theirs is it. */
function readLoose(r: Reading, f: ReadFile, unit: Unit, tus: readonly ReadTransUnit[]): void {
  answeredTwice(r, unit, tus[0] ?? f);
  const sources = new Map(unit.segments.map((s) => [s.id, s.source]));
  const changed = tus.find((tu) => sources.get(tu.id) !== undefined && sources.get(tu.id) !== tu.source);
  if (changed) {
    r.report(
      changed,
      'xliff/source-changed',
      subject(unit.id, changed.id),
      `the ${languageName(unit.sourceLocale)} text of this entry has changed since the file was made; export again`,
    );
    return;
  }
  readUnit(r, unit, unit.hash, tus, true);
}

/** The unit a loose trans-unit's id or PO location names. */
function unitOf(tu: ReadTransUnit, catalog: Catalog): Unit | undefined {
  return tu.file === undefined
    ? undefined
    : catalog.units.find((u) => u.sourceFile === tu.file && u.segments.some((s) => s.id === tu.id));
}

/** Loose trans-units (a PO round trip's) grouped by the unit their id or location names. */
function located(r: Reading, loose: readonly ReadTransUnit[], catalog: Catalog): Map<Unit, ReadTransUnit[]> {
  const out = new Map<Unit, ReadTransUnit[]>();
  for (const tu of loose) {
    const unit = unitOf(tu, catalog);
    if (!unit) {
      r.report(
        tu,
        'xliff/unknown-unit',
        tu.file === undefined ? tu.id : `${tu.file}#${tu.id}`,
        tu.file === undefined
          ? 'a trans-unit outside any unit <group>; it cannot be placed'
          : `no entry \`${tu.id}\` in ${tu.file}`,
      );
      continue;
    }
    out.set(unit, [...(out.get(unit) ?? []), tu]);
  }
  return out;
}

/** The entries of one unit: the ones that pass every check become its change; none, and it is skipped. */
function readUnit(
  r: Reading,
  unit: Unit,
  hash: string,
  tus: readonly ReadTransUnit[],
  textCodes: boolean,
): void {
  const segments = new Map(unit.segments.map((s) => [s.id, s]));
  const texts = new Map<string, string>();
  const seen = new Set<string>();
  let at: XliffPlace | undefined;
  let signedOff = true;
  for (const tu of tus) {
    const seg = segments.get(tu.id);
    if (!seg) {
      r.report(
        tu,
        'xliff/unknown-unit',
        subject(unit.id, tu.id),
        `no entry \`${tu.id}\` in unit \`${unit.id}\``,
      );
      continue;
    }
    if (seen.has(tu.id)) r.report(tu, 'xliff/duplicate', subject(unit.id, tu.id), 'the entry appears twice');
    seen.add(tu.id);
    if (!textCodes && hash === unit.hash && sourceEdited(r.report, unit, seg, tu)) continue;
    const entry = readEntry(r.report, unit, seg, tu, textCodes);
    if (!entry.signedOff) signedOff = false;
    if (entry.text === undefined) continue;
    texts.set(tu.id, entry.text);
    at ??= { line: tu.line ?? 1, column: tu.column ?? 1 };
  }
  if (unit.segments.some((s) => !seen.has(s.id))) signedOff = false;
  if (texts.size === 0) r.skipped.push(unit.id);
  else r.changes.push({ unit, texts, signedOff, hash, at: at ?? { line: 1, column: 1 } });
}

/**
 * Whether the entry's <source> is not the one the export wrote (reported at it). Only a
 * group whose hash is the unit's current one can be compared: an older export showed an
 * older source, which the workspace no longer has. Its target is then not checked: a
 * placeholder edited in the source and copied into the target is one cause, not two.
 */
function sourceEdited(report: Report, unit: Unit, seg: Segment, tu: ReadTransUnit): boolean {
  const edit = sourceEdit(seg.source, tu.sourceParts);
  if (edit !== undefined) report(tu.sourceAt, 'xliff/source-edited', subject(unit.id, tu.id), edit);
  return edit !== undefined;
}

/** One entry's translation, checked: its text when it passes, and whether the translator signed it off. */
function readEntry(
  report: Report,
  unit: Unit,
  seg: Segment,
  tu: ReadTransUnit,
  textCodes: boolean,
): { readonly text?: string; readonly signedOff: boolean } {
  const about = subject(unit.id, tu.id);
  if (tu.unsupported.length > 0)
    report(
      tu,
      'xliff/inline-element',
      about,
      `inline element <${tu.unsupported.join('>, <')}> is not allowed; keep only the placeholders of the source`,
    );
  if (isEmpty(tu.target)) return { signedOff: false };
  const signedOff = done(tu.state, tu.approved);
  const target = textCodes ? codesFromText(seg.source, tu.target, seg.extras) : tu.target;
  const checked = checkTarget(seg.source, target ?? [], seg.extras);
  if (!checked.ok) {
    for (const m of checked.problems) report(tu, m.rule, about, m.message);
    return { signedOff };
  }
  const tag = valueProblem(unit, tu.id, checked.text);
  const shape = unit.kind === 'prose' ? blockProblem(tu.id, seg.source, checked.text) : undefined;
  if (tag !== undefined || shape !== undefined) {
    if (tag !== undefined) report(tu, 'xliff/locale-tag', about, tag);
    else if (shape !== undefined) report(tu, 'xliff/block-structure', about, shape);
    return { signedOff };
  }
  return { text: checked.text, signedOff };
}

type PlannedEdits = Omit<ImportPlan, 'locale' | 'problems'>;

/**
 * The file edits the changes make. Strings files are edited once each, with every unit's
 * keys: parsing a YAML file per unit would make a full import quadratic; quotations and
 * translation records likewise.
 */
class EditPlan {
  readonly edits: FileEdits = new Map();
  readonly origins = new Map<string, XliffPlace>();
  readonly updated: string[] = [];
  readonly accepted: string[] = [];
  readonly review: string[] = [];
  /** strings file → key → new text. */
  readonly strings = new Map<string, Map<string, string>>();
  /** quotations.yaml → language → quotation id → new rendering text. */
  readonly quotations = new Map<string, Map<string, Map<string, string>>>();
  /** Per record: its units' source language (one per record: a project's, or the interface's) and hashes. */
  readonly records = new Map<string, { sourceLocale: string; hashes: Map<string, string> }>();

  constructor(
    readonly files: FileSet,
    readonly skipped: string[],
  ) {}

  /** Where the first text written into `file` comes from. */
  from(file: string, at: XliffPlace): void {
    if (!this.origins.has(file)) this.origins.set(file, at);
  }
}

function planEdits(changes: readonly UnitChange[], files: FileSet, skipped: string[]): PlannedEdits {
  const plan = new EditPlan(files, skipped);
  for (const change of changes) {
    const changed = editUnit(plan, change);
    if (changed === undefined) continue;
    if (changed) plan.updated.push(change.unit.id);
    if (change.signedOff) recordSignOff(plan, change);
    else if (changed) plan.review.push(change.unit.id);
  }
  finishEdits(plan);
  const { edits, origins, updated, accepted, review } = plan;
  return { edits, origins, updated, accepted, review, skipped };
}

/** Whether the unit's text changes; undefined when it cannot be written (skipped). */
function editUnit(plan: EditPlan, change: UnitChange): boolean | undefined {
  const { unit, texts, at } = change;
  if (unit.kind === 'prose') return editProse(plan, change);
  const changed = unit.segments.some((seg) => texts.has(seg.id) && texts.get(seg.id) !== seg.target);
  if (!changed) return false;
  if (unit.kind === 'quotation') {
    const byLocale = plan.quotations.get(unit.targetFile) ?? new Map<string, Map<string, string>>();
    const ids = byLocale.get(unit.locale ?? '') ?? new Map<string, string>();
    for (const [k, v] of texts) ids.set(k, v);
    byLocale.set(unit.locale ?? '', ids);
    plan.quotations.set(unit.targetFile, byLocale);
  } else {
    const keys = plan.strings.get(unit.targetFile) ?? new Map<string, string>();
    for (const [k, v] of texts) keys.set(k, v);
    plan.strings.set(unit.targetFile, keys);
  }
  plan.from(unit.targetFile, at);
  return true;
}

/** A prose file is written whole: blocks not in the document keep their text, if the file's blocks line up. */
function editProse(plan: EditPlan, { unit, texts, at }: UnitChange): boolean | undefined {
  const before = plan.files.get(unit.targetFile);
  const old = before === undefined ? undefined : splitProse(before);
  const aligned = old !== undefined && old.blocks.length === unit.segments.length - 1;
  const value = (id: string, i: number): string | undefined =>
    texts.get(id) ?? (aligned ? (id === 'title' ? old.title : old.blocks[i - 1]) : undefined);
  const next = unit.segments.map((s, i) => value(s.id, i));
  if (next.some((t) => t === undefined)) {
    plan.skipped.push(unit.id);
    return undefined;
  }
  const [title = '', ...blocks] = next as string[];
  const after = joinProse(before, { title, blocks });
  if (after === before) return false;
  plan.edits.set(unit.targetFile, after);
  plan.from(unit.targetFile, at);
  return true;
}

/** A signed-off unit is recorded as translated from the source text its group named. */
function recordSignOff(plan: EditPlan, { unit, hash, at }: UnitChange): void {
  if (unit.recorded === hash) return;
  const record = plan.records.get(unit.stateFile) ?? {
    sourceLocale: unit.sourceLocale,
    hashes: new Map(stateOf(unit.stateFile, plan.files)),
  };
  record.hashes.set(unit.id, hash);
  plan.records.set(unit.stateFile, record);
  plan.from(unit.stateFile, at);
  plan.accepted.push(unit.id);
}

/** The strings, quotations and records files, each edited once with all its changes. */
function finishEdits(plan: EditPlan): void {
  const { files, edits } = plan;
  for (const [file, keys] of plan.strings) {
    const before = files.get(file);
    const after = setStrings(file, before, keys);
    if (after !== before) edits.set(file, after);
  }
  for (const [file, byLocale] of plan.quotations) {
    const before = files.get(file);
    const after = setRenderings(before ?? '', byLocale);
    if (after !== before) edits.set(file, after);
  }
  for (const [stateFile, { sourceLocale, hashes }] of plan.records) {
    const text = serializeState(stateFile, hashes, sourceLocale);
    if (text !== files.get(stateFile)) edits.set(stateFile, text);
  }
}

function stateOf(stateFile: string, files: FileSet): ReadonlyMap<string, string> {
  const parsed = parseState(stateFile, files.get(stateFile));
  return parsed.ok ? parsed.hashes : new Map();
}

/**
 * Sets renderings in quotations.yaml, keeping every other byte (and comments). A new
 * rendering is a `translation`; an existing one keeps its kind (reported speech stays `indirect`).
 */
function setRenderings(before: string, byLocale: ReadonlyMap<string, ReadonlyMap<string, string>>): string {
  const doc = parseDocument(before, { logLevel: QUIET });
  const items = doc.contents && 'items' in doc.contents ? doc.contents.items : [];
  for (const [locale, texts] of byLocale)
    items.forEach((item, i) => {
      const id = doc.getIn([i, 'id']);
      const text = typeof id === 'string' ? texts.get(id) : undefined;
      if (text === undefined || !item) return;
      const node = doc.getIn([i, 'renderings', locale, 'text'], true);
      if (node instanceof Scalar) {
        if (node.value !== text) node.value = text;
      } else {
        const scalar = new Scalar(text);
        scalar.type = 'QUOTE_DOUBLE';
        // Written as its siblings are in the files the tool ships: `kk: { kind: …, text: "…" }`.
        const rendering = doc.createNode({ kind: 'translation', text: scalar });
        rendering.flow = true;
        doc.setIn([i, 'renderings', locale], rendering);
      }
    });
  const out = doc.toString({ lineWidth: 0 });
  return out === before ? before : out;
}

/** Sets keys of a YAML or JSON strings file, keeping every other byte (and YAML comments). */
function setStrings(file: string, before: string | undefined, texts: ReadonlyMap<string, string>): string {
  if (file.endsWith('.json')) {
    const obj = (before ? JSON.parse(before) : {}) as Record<string, unknown>;
    for (const [key, value] of texts) {
      const path = key.split('.');
      let node: Record<string, unknown> = obj;
      for (const k of path.slice(0, -1)) {
        const next = node[k];
        if (!next || typeof next !== 'object') node[k] = {};
        node = node[k] as Record<string, unknown>;
      }
      node[path[path.length - 1] ?? key] = value;
    }
    return `${JSON.stringify(obj, null, 2)}\n`;
  }
  const doc = parseDocument(before !== undefined && before.trim() !== '' ? before : '{}\n', {
    logLevel: QUIET,
  });
  for (const [key, value] of texts) {
    const path = key.split('.');
    const node = doc.getIn(path, true);
    if (node instanceof Scalar) {
      if (node.value !== value) node.value = value;
    } else {
      const scalar = new Scalar(value);
      scalar.type = 'QUOTE_DOUBLE';
      doc.setIn(path, scalar);
    }
  }
  const out = doc.toString({ lineWidth: 0 });
  return before !== undefined && out === before ? before : out;
}
