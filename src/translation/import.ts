/**
 * Import stage: checks a translated XLIFF file against the catalog and turns it
 * into file edits. Pure: it reads nothing and writes nothing; the command writes
 * the edits, and only when there is not a single problem.
 */
import { CONTROL_CHARACTER, codePointName } from '../load/decode.js';
import { parseDocument, Scalar } from 'yaml';
import { QUIET } from '../load/yaml.js';
import { checkLocaleTag } from '../i18n/locale-tag.js';
import { languageName, sourcesOf, type Catalog, type Unit } from './catalog.js';
import type { FileEdits, FileSet } from './files.js';
import { codes, protect } from './placeholders.js';
import { joinProse, splitProse } from './prose.js';
import { blockProblem } from './block-shape.js';
import { parseState, serializeState } from './state.js';
import {
  alignTarget,
  sameThing,
  extraId,
  type ReadFile,
  type ReadTransUnit,
  type TargetPart,
} from './xliff.js';

export interface ImportProblem {
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

/** The target text with placeholders turned back into codes, or the problems found. */
export function checkTarget(
  source: string,
  target: readonly TargetPart[],
  extras: Readonly<Record<string, string>> = {},
): { ok: true; text: string } | { ok: false; messages: string[] } {
  const expected = new Map(codes(protect(source)).map((c) => [c.id, c.code]));
  const extraCodes = new Map(Object.keys(extras).map((code) => [extraId(code), code]));
  const messages: string[] = [];
  const seen = new Map<string, number>();
  let text = '';
  for (const p of target) {
    if (p.kind === 'ref') {
      const extra = extraCodes.get(p.id);
      if (extra !== undefined && (p.equiv === null || p.equiv === extra)) {
        text += extra;
        continue;
      }
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
          text += own.code;
        else messages.push(`placeholder {${p.id}} does not exist in the source`);
        continue;
      }
      const sourceCode = codes(protect(code))[0];
      // The language's own form of the source's code (a figure with its case) is kept as written.
      const ownForm =
        own !== undefined && own.code === p.equiv && sourceCode !== undefined && sameThing(sourceCode, own);
      if (p.equiv !== null && p.equiv !== code && !ownForm)
        messages.push(`placeholder {${p.id}} was altered: \`${p.equiv}\` instead of \`${code}\``);
      seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
      text += ownForm && p.equiv !== null ? p.equiv : code;
    } else {
      const typed = codes(protect(p.text)).filter((c) => c.type !== 'mark' && !(c.code in extras));
      for (const c of typed)
        messages.push(`\`${c.code}\` is typed as text; use the source's placeholder instead`);
      text += p.text;
    }
  }
  for (const [id, code] of expected) {
    const n = seen.get(id) ?? 0;
    if (n === 0) messages.push(`placeholder {${id}} (\`${code}\`) was dropped`);
    if (n > 1) messages.push(`placeholder {${id}} (\`${code}\`) appears ${n} times`);
  }
  const sourceDigits = new Set(
    protect(source)
      .filter((p) => p.kind === 'text')
      .flatMap((p) => (p.kind === 'text' ? digits(p.text) : [])),
  );
  const targetText = target.filter((p) => p.kind === 'text').map((p) => (p.kind === 'text' ? p.text : ''));
  const unwritable = targetText.map((t) => NOT_TEXT.exec(t)?.[0]).find((c) => c !== undefined);
  if (unwritable !== undefined)
    messages.push(
      `the text holds ${codePointName(unwritable)}, which no text of a document may hold (a control character, or half of a surrogate pair)`,
    );
  for (const d of targetText.flatMap(digits))
    if (!sourceDigits.has(d))
      messages.push(
        `the number ${d} is typed as text; numbers come from the figure registry through placeholders`,
      );
  return messages.length > 0 ? { ok: false, messages } : { ok: true, text };
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

export function planImport(
  read: readonly ReadFile[],
  catalogs: ReadonlyMap<string, Catalog>,
  files: FileSet,
  /** The language, for files that do not say (`po2xliff` writes no target-language). */
  givenLocale?: string,
): ImportPlan {
  const problems: ImportProblem[] = [];
  const problem = (
    at: { line?: number | undefined; column?: number | undefined },
    subject: string,
    message: string,
  ): void => {
    problems.push({ line: at.line, column: at.column, subject, message });
  };
  const languageOf = (f: ReadFile): string => f.targetLanguage ?? givenLocale ?? '';
  const locales = new Set(read.map(languageOf));
  const locale = locales.size === 1 ? [...locales][0] : undefined;
  if (read.length === 0) problem({ line: 1, column: 1 }, 'file', 'the XLIFF file has no <file> element');
  if (locales.size > 1)
    problem(
      { line: 1, column: 1 },
      'file',
      `several target languages (${[...locales].join(', ')}); import one language at a time`,
    );

  /** Per unit: the new text of each segment, and whether the translator signed it off. */
  const changes: {
    unit: Unit;
    texts: Map<string, string>;
    signedOff: boolean;
    hash: string;
    at: XliffPlace;
  }[] = [];
  const skipped: string[] = [];
  /**
   * Across the whole document, not per <file>: a second <file> for the same source file, or a
   * unit answered in two places, had been imported with the last one winning.
   */
  const seenFiles = new Map<string, ReadFile>();
  const seenGroups = new Map<Unit, { line?: number | undefined }>();
  const twice = (what: string, first: { line?: number | undefined }): string =>
    `the ${what} appears twice${first.line !== undefined ? ` (first at line ${first.line})` : ''}; keep one`;

  for (const f of read) {
    const firstFile = seenFiles.get(f.original);
    if (firstFile) {
      problem(f, f.original, twice(`<file> for \`${f.original}\``, firstFile));
      continue;
    }
    seenFiles.set(f.original, f);
    const language = languageOf(f);
    const catalog = language ? catalogs.get(language) : undefined;
    if (!catalog) {
      problem(
        f,
        f.original,
        language
          ? `target-language \`${language}\` is not a translation language of this workspace (${[...catalogs.keys()].join(', ')})`
          : 'the file names no target-language; give it with --locale',
      );
      continue;
    }
    if (givenLocale !== undefined && f.targetLanguage !== null && f.targetLanguage !== givenLocale)
      problem(f, f.original, `target-language is \`${f.targetLanguage}\`, not \`${givenLocale}\` as given`);
    const loose = f.loose.filter((tu) => !tu.header);
    const units = new Map(catalog.units.filter((u) => u.sourceFile === f.original).map((u) => [u.id, u]));
    if (units.size === 0 && (f.groups.length > 0 || loose.some((tu) => tu.file === undefined))) {
      problem(f, f.original, `no translatable file \`${f.original}\` in this workspace`);
      continue;
    }
    // A source file is in one language (English for the interface, a project's own source
    // language for its texts), and the file says which. One that went through PO may hold
    // entries of several; its one source-language cannot name them all, and each entry's
    // source text is compared instead (below).
    const sources = sourcesOf([...units.values(), ...loose.flatMap((tu) => unitOf(tu, catalog) ?? [])]);
    const expected = sources.length === 1 ? sources[0] : undefined;
    if (expected !== undefined && !sameLanguage(f.sourceLanguage, expected))
      problem(f, f.original, `source-language is \`${f.sourceLanguage ?? ''}\`, expected \`${expected}\``);
    for (const g of f.groups) {
      const unit = units.get(g.id);
      if (!unit) {
        problem(g, g.id, `no unit \`${g.id}\` in ${f.original}`);
        continue;
      }
      const firstGroup = seenGroups.get(unit);
      if (firstGroup) problem(g, g.id, twice('unit', firstGroup));
      seenGroups.set(unit, g);
      if (!g.hash || !/^[0-9a-f]{16}$/.test(g.hash)) {
        problem(g, g.id, 'extradata must hold the 16-digit hash the export wrote; export again');
        continue;
      }
      readUnit(unit, g.hash, g.units, false);
    }
    for (const [unit, tus] of located(loose, catalog)) {
      const firstGroup = seenGroups.get(unit);
      if (firstGroup) problem(tus[0] ?? f, unit.id, twice('unit', firstGroup));
      seenGroups.set(unit, tus[0] ?? f);
      // No group, so no hash: the entries answer the current source text if theirs is it.
      const sources = new Map(unit.segments.map((s) => [s.id, s.source]));
      const changed = tus.find((tu) => sources.get(tu.id) !== undefined && sources.get(tu.id) !== tu.source);
      if (changed) {
        problem(
          changed,
          subject(unit.id, changed.id),
          `the ${languageName(unit.sourceLocale)} text of this entry has changed since the file was made; export again`,
        );
        continue;
      }
      readUnit(unit, unit.hash, tus, true);
    }
  }

  /** The unit a loose trans-unit's id or PO location names. */
  function unitOf(tu: ReadTransUnit, catalog: Catalog): Unit | undefined {
    return tu.file === undefined
      ? undefined
      : catalog.units.find((u) => u.sourceFile === tu.file && u.segments.some((s) => s.id === tu.id));
  }

  /** Loose trans-units (a PO round trip's) grouped by the unit their id or location names. */
  function located(loose: readonly ReadTransUnit[], catalog: Catalog): Map<Unit, ReadTransUnit[]> {
    const out = new Map<Unit, ReadTransUnit[]>();
    for (const tu of loose) {
      const unit = unitOf(tu, catalog);
      if (!unit) {
        problem(
          tu,
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

  function readUnit(unit: Unit, hash: string, tus: readonly ReadTransUnit[], textCodes: boolean): void {
    const segments = new Map(unit.segments.map((s) => [s.id, s]));
    const texts = new Map<string, string>();
    let at: XliffPlace | undefined;
    let signedOff = true;
    const seenUnits = new Set<string>();
    const check = (tu: ReadTransUnit): void => {
      const seg = segments.get(tu.id);
      if (!seg) {
        problem(tu, subject(unit.id, tu.id), `no entry \`${tu.id}\` in unit \`${unit.id}\``);
        return;
      }
      if (seenUnits.has(tu.id)) problem(tu, subject(unit.id, tu.id), 'the entry appears twice');
      seenUnits.add(tu.id);
      if (tu.unsupported.length > 0)
        problem(
          tu,
          subject(unit.id, tu.id),
          `inline element <${tu.unsupported.join('>, <')}> is not allowed; keep only the placeholders of the source`,
        );
      if (isEmpty(tu.target)) {
        signedOff = false;
        return;
      }
      if (!done(tu.state, tu.approved)) signedOff = false;
      const target = textCodes ? codesFromText(seg.source, tu.target, seg.extras) : tu.target;
      const checked = checkTarget(seg.source, target ?? [], seg.extras);
      if (!checked.ok) for (const m of checked.messages) problem(tu, subject(unit.id, tu.id), m);
      else {
        const invalid =
          valueProblem(unit, tu.id, checked.text) ??
          (unit.kind === 'prose' ? blockProblem(tu.id, seg.source, checked.text) : undefined);
        if (invalid) problem(tu, subject(unit.id, tu.id), invalid);
        else {
          texts.set(tu.id, checked.text);
          at ??= { line: tu.line ?? 1, column: tu.column ?? 1 };
        }
      }
    };
    for (const tu of tus) check(tu);
    if (unit.segments.some((s) => !seenUnits.has(s.id))) signedOff = false;
    if (texts.size === 0) {
      skipped.push(unit.id);
      return;
    }
    changes.push({ unit, texts, signedOff, hash, at: at ?? { line: 1, column: 1 } });
  }

  const edits: FileEdits = new Map();
  const origins = new Map<string, XliffPlace>();
  const from = (file: string, at: XliffPlace): void => {
    if (!origins.has(file)) origins.set(file, at);
  };
  const updated: string[] = [];
  const accepted: string[] = [];
  const review: string[] = [];
  /** Per record: its units' source language (one per record: a project's, or the interface's) and hashes. */
  const stateEdits = new Map<string, { sourceLocale: string; hashes: Map<string, string> }>();

  // Strings files are edited once each, with every unit's keys: parsing a YAML
  // file per unit would make a full import quadratic.
  const stringEdits = new Map<string, Map<string, string>>();
  /** quotations.yaml → language → quotation id → new rendering text. */
  const quotationEdits = new Map<string, Map<string, Map<string, string>>>();
  for (const { unit, texts, signedOff, hash, at } of changes) {
    let changed: boolean;
    if (unit.kind === 'prose') {
      const before = files.get(unit.targetFile);
      const old = before === undefined ? undefined : splitProse(before);
      const aligned = old !== undefined && old.blocks.length === unit.segments.length - 1;
      const value = (id: string, i: number): string | undefined =>
        texts.get(id) ?? (aligned ? (id === 'title' ? old.title : old.blocks[i - 1]) : undefined);
      const next = unit.segments.map((s, i) => value(s.id, i));
      if (next.some((t) => t === undefined)) {
        skipped.push(unit.id);
        continue;
      }
      const [title = '', ...blocks] = next as string[];
      const after = joinProse(before, { title, blocks });
      changed = after !== before;
      if (changed) edits.set(unit.targetFile, after);
      if (changed) from(unit.targetFile, at);
    } else if (unit.kind === 'quotation') {
      changed = unit.segments.some((seg) => texts.has(seg.id) && texts.get(seg.id) !== seg.target);
      if (changed) {
        const byLocale = quotationEdits.get(unit.targetFile) ?? new Map<string, Map<string, string>>();
        const ids = byLocale.get(unit.locale ?? '') ?? new Map<string, string>();
        for (const [k, v] of texts) ids.set(k, v);
        byLocale.set(unit.locale ?? '', ids);
        quotationEdits.set(unit.targetFile, byLocale);
        from(unit.targetFile, at);
      }
    } else {
      changed = unit.segments.some((seg) => texts.has(seg.id) && texts.get(seg.id) !== seg.target);
      if (changed) {
        const keys = stringEdits.get(unit.targetFile) ?? new Map<string, string>();
        for (const [k, v] of texts) keys.set(k, v);
        stringEdits.set(unit.targetFile, keys);
        from(unit.targetFile, at);
      }
    }
    if (changed) updated.push(unit.id);
    if (signedOff) {
      if (unit.recorded !== hash) {
        const record = stateEdits.get(unit.stateFile) ?? {
          sourceLocale: unit.sourceLocale,
          hashes: new Map(stateOf(unit.stateFile, files)),
        };
        record.hashes.set(unit.id, hash);
        stateEdits.set(unit.stateFile, record);
        from(unit.stateFile, at);
        accepted.push(unit.id);
      }
    } else if (changed) review.push(unit.id);
  }
  for (const [file, keys] of stringEdits) {
    const before = files.get(file);
    const after = setStrings(file, before, keys);
    if (after !== before) edits.set(file, after);
  }
  for (const [file, byLocale] of quotationEdits) {
    const before = files.get(file);
    const after = setRenderings(before ?? '', byLocale);
    if (after !== before) edits.set(file, after);
  }
  for (const [stateFile, { sourceLocale, hashes }] of stateEdits) {
    const text = serializeState(stateFile, hashes, sourceLocale);
    if (text !== files.get(stateFile)) edits.set(stateFile, text);
  }
  return { locale, edits, origins, problems, updated, accepted, review, skipped };
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
