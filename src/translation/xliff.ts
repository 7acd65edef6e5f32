/**
 * XLIFF 1.2 in and out (OASIS, `urn:oasis:names:tc:xliff:document:1.2`).
 *
 * 1.2 rather than 2.0 because it is the version every CAT tool the team uses reads
 * and writes without a plug-in (Trados, memoQ, Phrase, Crowdin, Weblate); Weblate,
 * for one, still marks its 2.0 support as under development.
 *
 * Layout: one <file> per source file (`original` = its path, `source-language` = the
 * language it is written in: English for the interface strings, a project's own
 * `sourceLocale` for its texts), one <group> per unit (`extradata` = hash of the source
 * text it shows, so an import knows which source a translation answers), one <trans-unit> per form or block. Codes are <ph>
 * placeholders whose content is the code itself.
 *
 * Written so that translate-toolkit (Debian's `xliff2po`, Weblate, Pootle, Virtaal)
 * reads it as meant: a translated unit is `approved="yes"` (without it every unit is
 * fuzzy there); notes are `from="developer"`, the origin its PO conversion keeps as
 * `#.` comments; codes are <ph> with the code as content, because `xliff2po` keeps
 * element text but drops <x/>; and each trans-unit id is `<source file>#<entry>`, so
 * the PO location (`#:`) and a file `po2xliff` makes from it still say where each
 * entry belongs.
 *
 * The document is built and read with @xmldom/xmldom: the `xliff` package writes no
 * `state` on targets and its reader drops it, and state is the point here.
 */
import { DOMImplementation, DOMParser, XMLSerializer, type Element, type Node } from '@xmldom/xmldom';
import { limits } from '../load/limits.js';
import { codes, describeCode, protect, type Part } from './placeholders.js';
import { languageName, type Catalog, type Segment, type Unit, type UnitState } from './catalog.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:1.2';
/** `po2xliff` writes XLIFF 1.1; its structure is the 1.2 one for everything we read. */
const XLIFF_11_NS = 'urn:oasis:names:tc:xliff:document:1.1';
/** Who the notes are from: the origin translate-toolkit keeps when converting to PO. */
export const NOTE_FROM = 'developer';

/** The trans-unit id: `content/p/en/texts.yaml#nouns.person_few`, readable in any tool and after PO. */
export const entryId = (sourceFile: string, segment: string): string => `${sourceFile}#${segment}`;

/** File and entry of a trans-unit id or PO location (older exports used the bare entry id). */
export function parseEntryId(id: string): { file: string | undefined; segment: string } {
  const i = id.lastIndexOf('#');
  return i < 0 ? { file: undefined, segment: id } : { file: id.slice(0, i), segment: id.slice(i + 1) };
}
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const stateAttr: Record<UnitState, string> = {
  translated: 'translated',
  stale: 'needs-review-translation',
  missing: 'needs-translation',
};

/** Id of a code the target may add (a Kazakh case ending): `v-abl` for `{{abl}}`. */
export const extraId = (code: string): string => `v-${code.replace(/[^\w]/g, '')}`;

/**
 * Target codes take the id of the same code in the source (the n-th repeat, the
 * n-th id); codes the language may add get their own id; any other code keeps an
 * id the import will refuse, so a broken translation is never silently passed on.
 */
export function alignTarget(
  source: readonly Part[],
  target: readonly Part[],
  extras: Readonly<Record<string, string>> = {},
): Part[] {
  const pool = new Map<string, string[]>();
  for (const c of codes(source)) pool.set(c.code, [...(pool.get(c.code) ?? []), c.id]);
  const taken = new Set<string>();
  const take = (id: string | undefined): string | undefined => {
    if (id !== undefined) taken.add(id);
    return id;
  };
  // The language's own form of a source code: the same figure with its grammar, or a date or time.
  const sourceCodes = codes(source);
  const counterpart = (p: Extract<Part, { kind: 'code' }>): string | undefined =>
    sourceCodes.find((c) => !taken.has(c.id) && sameThing(c, p))?.id;
  const exact = target.map((p) => (p.kind === 'code' ? take(pool.get(p.code)?.shift()) : undefined));
  let extra = 0;
  return target.map((p, i) => {
    if (p.kind === 'text') return p;
    const id = exact[i] ?? take(counterpart(p));
    if (id !== undefined) return { ...p, id };
    if (p.code in extras) return { ...p, id: extraId(p.code) };
    extra += 1;
    // A date or time the language adds ("from 5 to 6 January") is its own; anything else is refused.
    if (p.type === 'date' || p.type === 'time') return { ...p, id: `x-${p.type}-${extra}` };
    return { ...p, id: `extra-${extra}` };
  });
}

/**
 * A target code that stands for a source code in its language's own form: the same
 * figure (`:fig[x]{case=gen}` for `:fig[x]{noun=person}`), the same time, or a date a
 * language tells its own way: the same day, or the next or the one before for a night
 * told from the other side of midnight ("в ночь на 6 января" for "on the night of 5
 * January"). A range of days is one date whose last day (`to=`) is held the same way, and
 * stays a range. Any other value would publish a date no source gave.
 */
export function sameThing(
  source: { code: string; type: string },
  target: { code: string; type: string },
): boolean {
  if (source.type !== target.type) return false;
  const value = (code: string): string | undefined => /\[([^\]]*)\]/.exec(code)?.[1];
  const [from, to] = [value(source.code), value(target.code)];
  if (source.type === 'fig' || source.type === 'time') return from === to;
  if (source.type !== 'date') return false;
  const [sourceEnd, targetEnd] = [rangeEnd(source.code), rangeEnd(target.code)];
  if ((sourceEnd === undefined) !== (targetEnd === undefined)) return false;
  return sameDay(from, to) && (sourceEnd === undefined || sameDay(sourceEnd, targetEnd));
}

/** The last day of a `:date` range (`{to=2022-01-06}`), if the code is one. */
const rangeEnd = (code: string): string | undefined => /\{(?:[^}]*\s)?to=([^\s}]+)/.exec(code)?.[1];

/** The same date, or for days, the one before or after. */
function sameDay(from: string | undefined, to: string | undefined): boolean {
  if (from === to) return true;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!from || !to || !day.test(from) || !day.test(to)) return false;
  return Math.abs(Date.parse(from) - Date.parse(to)) <= 86_400_000;
}

/** Extra notes per entry (the glossary terms it uses, for one). */
export type NotesFor = (unit: Unit, segment: Segment) => readonly string[];

/** The document being written, and how its elements are made and laid out. */
class XliffWriter {
  readonly doc = new DOMImplementation().createDocument(XLIFF_NS, 'xliff', null);

  el(name: string, attrs: Record<string, string> = {}): Element {
    const e = this.doc.createElementNS(XLIFF_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }

  /** An element holding only `text`. */
  textEl(name: string, attrs: Record<string, string>, text: string): Element {
    const e = this.el(name, attrs);
    e.appendChild(this.doc.createTextNode(text));
    return e;
  }

  indent(parent: Element, child: Element, depth: number): void {
    parent.appendChild(this.doc.createTextNode(`\n${'  '.repeat(depth)}`));
    parent.appendChild(child);
  }

  close(parent: Element, depth: number): void {
    parent.appendChild(this.doc.createTextNode(`\n${'  '.repeat(depth)}`));
  }

  /** Text and <ph> placeholders whose content is the code itself. */
  inline(parent: Element, parts: readonly Part[]): void {
    for (const p of parts) {
      if (p.kind === 'text') parent.appendChild(this.doc.createTextNode(p.text));
      else parent.appendChild(this.textEl('ph', { id: p.id, ctype: `x-${p.type}` }, p.code));
    }
  }
}

/** What every <file> of one export shares. */
interface Export {
  readonly w: XliffWriter;
  readonly catalog: Catalog;
  readonly tool: string;
  readonly notesFor: NotesFor | undefined;
}

export function writeXliff(
  catalog: Catalog,
  units: readonly Unit[],
  tool: string,
  notesFor?: NotesFor,
): string {
  const w = new XliffWriter();
  const root = w.doc.documentElement;
  if (!root) throw new Error('no document element');
  root.setAttribute('version', '1.2');
  const byFile = new Map<string, Unit[]>();
  for (const u of units) byFile.set(u.sourceFile, [...(byFile.get(u.sourceFile) ?? []), u]);
  for (const [original, fileUnits] of byFile)
    w.indent(root, fileElement({ w, catalog, tool, notesFor }, original, fileUnits), 1);
  w.close(root, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(w.doc)}\n`;
}

/** One source file's <file>: a header saying where translations go, a <group> per unit. */
function fileElement(x: Export, original: string, fileUnits: readonly Unit[]): Element {
  const { w } = x;
  const first = fileUnits[0];
  const file = w.el('file', {
    original,
    // The units of one source file share its language.
    'source-language': first?.sourceLocale ?? '',
    'target-language': x.catalog.locale,
    datatype: 'plaintext',
    category: first?.scope ?? '',
    'product-name': x.tool,
  });
  const header = w.el('header');
  const note = w.textEl(
    'note',
    { from: NOTE_FROM },
    `Translations go to ${first?.targetFile ?? ''}. Placeholders stand for numbers, dates, references and markup: keep each exactly once.`,
  );
  w.indent(header, note, 3);
  w.close(header, 2);
  w.indent(file, header, 2);
  const body = w.el('body');
  for (const unit of fileUnits) w.indent(body, groupElement(x, unit), 3);
  w.close(body, 2);
  w.indent(file, body, 2);
  w.close(file, 1);
  return file;
}

/** A unit's <group>: `extradata` is the hash of the source text it shows. */
function groupElement(x: Export, unit: Unit): Element {
  const group = x.w.el('group', {
    id: unit.id,
    resname: unit.id,
    extradata: unit.hash,
    ...(unit.kind === 'strings' && unit.segments.length > 1 ? { restype: 'x-gettext-plurals' } : {}),
  });
  for (const seg of unit.segments) x.w.indent(group, transUnit(x, unit, seg), 4);
  x.w.close(group, 3);
  return group;
}

function transUnit(x: Export, unit: Unit, seg: Segment): Element {
  const { w } = x;
  const state = unit.state === 'missing' || seg.target === undefined ? 'missing' : unit.state;
  const tu = w.el('trans-unit', {
    id: entryId(unit.sourceFile, seg.id),
    resname: seg.id,
    // Without approved="yes" translate-toolkit (and so Weblate, Pootle, xliff2po) reads a
    // translated unit as fuzzy, whatever its state says.
    ...(state === 'translated' ? { approved: 'yes' } : {}),
  });
  tu.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  const sourceParts = protect(seg.source);
  const source = w.el('source');
  w.inline(source, sourceParts);
  w.indent(tu, source, 5);
  const target = w.el('target', { state: stateAttr[state] });
  if (seg.target !== undefined) w.inline(target, alignTarget(sourceParts, protect(seg.target), seg.extras));
  w.indent(tu, target, 5);
  for (const text of notesOf(x, unit, seg, sourceParts))
    w.indent(tu, w.textEl('note', { from: NOTE_FROM }, text), 5);
  w.close(tu, 4);
  return tu;
}

/** The translator's notes on one entry: its context, the caller's, staleness, placeholders, extra codes. */
function notesOf(x: Export, unit: Unit, seg: Segment, sourceParts: readonly Part[]): string[] {
  const notes = [unit.context, ...(x.notesFor?.(unit, seg) ?? [])];
  if (unit.state === 'stale')
    notes.push(
      unit.recorded
        ? `The ${languageName(unit.sourceLocale)} text has changed since this translation was made: check it, then mark it translated (approved; in a PO file, not fuzzy).`
        : `There is no record of the ${languageName(unit.sourceLocale)} text this translation was made from: check it, then mark it translated (approved; in a PO file, not fuzzy).`,
    );
  const placeholders = codes(sourceParts);
  if (placeholders.length > 0)
    notes.push(
      `Placeholders (keep each exactly once, unchanged): ${placeholders.map((c) => `${c.code}: ${describeCode(c.code, c.type)}`).join('; ')}.`,
    );
  const extras = Object.entries(seg.extras ?? {});
  if (extras.length > 0)
    notes.push(
      `May also be used in ${x.catalog.locale}: ${extras.map(([code, what]) => `${code} ${what}`).join('; ')}.`,
    );
  return notes;
}

// --- Reading -----------------------------------------------------------------

export interface Where {
  readonly line: number | undefined;
  readonly column: number | undefined;
}

export type TargetPart = { kind: 'text'; text: string } | { kind: 'ref'; id: string; equiv: string | null };

export interface ReadTransUnit extends Where {
  /** The entry within its unit (`p3`, `nouns.person_few`). */
  readonly id: string;
  /** The source file the id or PO location names, if it names one. */
  readonly file: string | undefined;
  /** The source text, codes as text: what the translation answers. */
  readonly source: string;
  /** The source's text and placeholders as the file has them, and where <source> is. */
  readonly sourceParts: readonly TargetPart[];
  readonly sourceAt: Where;
  readonly target: readonly TargetPart[] | undefined;
  readonly state: string | null;
  readonly approved: string | null;
  /** `po2xliff`'s PO header entry, which is no text of ours. */
  readonly header: boolean;
  /** Inline elements other than <x/> (we never write them; a tool may add them). */
  readonly unsupported: readonly string[];
}

export interface ReadGroup extends Where {
  readonly id: string;
  readonly hash: string | null;
  readonly units: readonly ReadTransUnit[];
}

export interface ReadFile extends Where {
  readonly original: string;
  readonly sourceLanguage: string | null;
  readonly targetLanguage: string | null;
  readonly groups: readonly ReadGroup[];
  /** Trans-units outside any group: no unit of ours. */
  readonly loose: readonly ReadTransUnit[];
}

export type ReadResult =
  | { ok: true; files: ReadFile[] }
  | { ok: false; problems: { message: string; line?: number; column?: number }[] };

const where = (n: Node): Where => ({ line: n.lineNumber, column: n.columnNumber });

/**
 * An element of the document's own XLIFF namespace, the one its parent (and so the root) is
 * in: CAT tools add elements of their own (`<mq:target xmlns:mq="…">`, memoQ's history of a
 * unit), and one named as ours had been read as ours. Matched by namespace and local name,
 * so a file that writes the XLIFF namespace with a prefix (`<x:target>`) reads the same.
 */
const ours = (c: Node, parent: Element): boolean =>
  c.nodeType === 1 && (c as Element).namespaceURI === parent.namespaceURI;

const children = (e: Element, name?: string): Element[] => {
  const out: Element[] = [];
  for (let c = e.firstChild; c; c = c.nextSibling)
    if (ours(c, e) && (name === undefined || (c as Element).localName === name)) out.push(c as Element);
  return out;
};

/**
 * The PO location `po2xliff` keeps in a context group (it splits `a:b` into file `a`
 * and line `b`); it holds the trans-unit id our export wrote.
 */
function poLocation(tu: Element): string | undefined {
  for (const g of children(tu, 'context-group')) {
    if (g.getAttribute('name') !== 'po-reference') continue;
    const parts: Record<string, string> = {};
    for (const c of children(g, 'context')) parts[c.getAttribute('context-type') ?? ''] = c.textContent ?? '';
    if (parts.sourcefile === undefined) continue;
    return parts.linenumber === undefined ? parts.sourcefile : `${parts.sourcefile}:${parts.linenumber}`;
  }
  return undefined;
}

/**
 * Where an XML text first nests elements deeper than `max`, or −1. The parser and the walk
 * over a target recurse once per level: 50,000 nested `<mrk>` or `<group>` elements had
 * overflowed the stack. Comments, CDATA, processing instructions and quoted attribute
 * values (which may hold `>`) are passed over.
 */
export function xmlTooDeep(text: string, max: number = limits.structureDepth): number {
  const markup =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?](?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let depth = 0;
  for (let m = markup.exec(text); m; m = markup.exec(text)) {
    if (m[1] === '/') depth--;
    else if (m[1] === '' && m[2] !== '/' && ++depth > max) return m.index;
  }
  return -1;
}

/** The line and column xmldom was at when it found a problem (its messages no longer say). */
const placeOf = (context: unknown): { line?: number; column?: number } => {
  const at = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
  return at?.lineNumber ? { line: at.lineNumber, column: at.columnNumber ?? 1 } : {};
};

type ReadProblem = { message: string; line?: number; column?: number };

export function readXliff(text: string): ReadResult {
  const parsed = parseXml(text);
  if (!parsed.ok) return parsed;
  const root = parsed.doc.documentElement;
  const version = root?.getAttribute('version');
  const ns = root?.namespaceURI;
  if (
    !root ||
    root.localName !== 'xliff' ||
    !((ns === XLIFF_NS && version === '1.2') || (ns === XLIFF_11_NS && version === '1.1'))
  )
    return {
      ok: false,
      problems: [
        {
          message: `not an XLIFF 1.2 document (expected <xliff version="1.2" xmlns="${XLIFF_NS}">)`,
          line: 1,
          column: 1,
        },
      ],
    };
  return { ok: true, files: children(root, 'file').map(readFileElement) };
}

/** The XML document, or where it is not well-formed. */
function parseXml(
  text: string,
): { ok: true; doc: ReturnType<DOMParser['parseFromString']> } | { ok: false; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  const parser = new DOMParser({
    onError: (level, message, context) => {
      if (level === 'warning') return;
      problems.push({
        message: `not well-formed XML: ${message.split('\n')[0] ?? message}`,
        ...placeOf(context),
      });
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (e) {
    if (problems.length === 0)
      problems.push({ message: `not well-formed XML: ${e instanceof Error ? e.message : String(e)}` });
    return { ok: false, problems };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, doc };
}

/** A <file>: a trans-unit belongs to the group around it; one outside every group is no unit of ours. */
function readFileElement(f: Element): ReadFile {
  const body = children(f, 'body')[0];
  const groups: ReadGroup[] = [];
  const loose: ReadTransUnit[] = [];
  const visit = (e: Element, inGroup: boolean): void => {
    for (const c of children(e)) {
      if (c.localName === 'group') {
        const units = children(c, 'trans-unit').map(readTransUnit);
        groups.push({
          id: c.getAttribute('id') ?? '',
          hash: c.getAttribute('extradata'),
          units,
          ...where(c),
        });
        visit(c, true);
      } else if (c.localName === 'trans-unit' && !inGroup) loose.push(readTransUnit(c));
    }
  };
  if (body) visit(body, false);
  return {
    original: f.getAttribute('original') ?? '',
    sourceLanguage: f.getAttribute('source-language'),
    targetLanguage: f.getAttribute('target-language'),
    groups,
    loose,
    ...where(f),
  };
}

function readTransUnit(tu: Element): ReadTransUnit {
  const target = children(tu, 'target')[0];
  const source = children(tu, 'source')[0];
  const unsupported: string[] = [];
  const sourceParts = source ? readInline(source, []) : [];
  const { file, segment } = parseEntryId(poLocation(tu) ?? tu.getAttribute('id') ?? '');
  return {
    id: segment,
    file,
    source: sourceParts.map((p) => (p.kind === 'text' ? p.text : (p.equiv ?? ''))).join(''),
    sourceParts,
    sourceAt: where(source ?? tu),
    target: target ? readInline(target, unsupported) : undefined,
    state: target?.getAttribute('state') ?? null,
    approved: tu.getAttribute('approved'),
    header: tu.getAttribute('restype') === 'x-gettext-domain-header',
    unsupported,
    // Problems are in the target: point there.
    ...where(target ?? tu),
  };
}

/** A source's or target's text and placeholders; inline elements not ours are named in `unsupported`. */
function readInline(target: Element, unsupported: string[]): TargetPart[] {
  const parts: TargetPart[] = [];
  const walk = (e: Element): void => {
    for (let c = e.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 || c.nodeType === 4) parts.push({ kind: 'text', text: c.nodeValue ?? '' });
      else if (c.nodeType === 1) {
        const ce = c as Element;
        // Another vocabulary's element in a target is no placeholder or mark of ours, whatever its name.
        if (!ours(ce, e)) unsupported.push(ce.nodeName);
        else if (ce.localName === 'x')
          parts.push({ kind: 'ref', id: ce.getAttribute('id') ?? '', equiv: ce.getAttribute('equiv-text') });
        else if (ce.localName === 'ph')
          parts.push({ kind: 'ref', id: ce.getAttribute('id') ?? '', equiv: ce.textContent ?? '' });
        // Segmentation marks (<mrk mtype="seg">) some tools add around sentences carry no meaning of ours.
        else if (ce.localName === 'mrk') walk(ce);
        else unsupported.push(ce.localName ?? '?');
      }
    }
  };
  walk(target);
  return parts;
}
