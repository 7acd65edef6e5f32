/**
 * No last page holding a few lines. A document ends with its sources, and when the
 * last of them spill onto a page of their own (under a third of it), the document is
 * laid out once more with its sources set tighter: the mildest of the settings the
 * definition lists under TIGHTER that should pull them back, judged from how many pages
 * the sources take and what share of it each setting saves, else the tightest; none where
 * no setting could save enough (MOST_SAVED). Where the one tried still leaves the last page
 * under a third full, the next tighter setting is tried; where none fills it, the layout
 * whose last page holds the most is kept, the usual one included (a setting that pulls all
 * but one source back is worse than none). Only such documents pay for the layouts after
 * the first.
 *
 * The setting each document came out with is remembered by what decided it (DOCUMENT_KEY,
 * made by `balanceKey`): the same document laid out again (`build --force`, or a rebuild its
 * content came through unchanged), or one edited only before its annex, is laid out once,
 * with that setting from the start. That layout is the second one it would otherwise have
 * had: a second layout starts afresh, from a dictionary of its own, with the figures the
 * first split split again (Setting).
 */
import { atTop, pdfmakeClass, resetLaidOut, type LaidNode, type PageContext } from './pdfmake-layout.js';
import { splitFigures, splitFirst } from './pdfmake-float.js';
import { sha256 } from '../text/hash.js';

/** The styles a document may swap in for a second layout (a key pdfmake does not read). */
export const TIGHTER = 'tighterForLastPage';

/** A last page filled less than this share of its text area is laid out again. */
const LAST_PAGE_MIN = 0.3;

/**
 * The most of the sources' height any tighter setting saves: the tightest saved 0.27 of the
 * Russian UN briefing's (its sources at 7.5 pt, its tables half a point smaller). Where even
 * this would not pull the last page back, no setting is tried: each try is a layout of the
 * whole document, and one that fails is a third, the usual one made again.
 */
const MOST_SAVED = 0.3;

interface Item {
  readonly type: string;
  readonly item: { readonly y?: number; getHeight?(): number };
}
interface Page {
  readonly items: readonly Item[];
  readonly pageSize: { readonly height: number };
  readonly pageMargins: { readonly top: number; readonly bottom: number };
}
type Styles = Record<string, unknown>;

/** A tighter setting: the styles it swaps in and, if known, the share of the sources' height it saves. */
export interface TighterStep {
  readonly shrink?: number;
  readonly styles: Styles;
}

interface SourcesNode extends LaidNode {
  readonly balanceFrom?: boolean;
  readonly positions?: readonly { readonly pageNumber: number; readonly verticalRatio: number }[];
}
interface Builder {
  linearNodeList?: SourcesNode[];
  writer: { context(): PageContext & { readonly page: number; readonly pages: readonly unknown[] } };
  layoutDocument(doc: unknown, pdf: unknown, styles: Styles, ...rest: unknown[]): Page[];
  processNode(
    node: { pageBreak?: unknown; positions?: readonly { pageNumber: number }[] } | null | undefined,
    ...rest: unknown[]
  ): void;
  /** This layout met a forced page break onto a page that already held something (below). */
  brokeOntoUsedPage?: boolean;
}

/** How much of a page's text area its lines fill (the running header and footer are outside it). */
function fill(page: Page): number {
  const top = page.pageMargins.top;
  const bottom = page.pageSize.height - page.pageMargins.bottom;
  let lowest = top;
  for (const { type, item } of page.items) {
    if (type !== 'line' || item.y === undefined || item.y < top || item.y >= bottom) continue;
    lowest = Math.max(lowest, item.y + (item.getHeight?.() ?? 0));
  }
  return (lowest - top) / (bottom - top);
}

/**
 * The setting a document came out with: the index of its step (or NONE), then the figures
 * its usual layout split (by `figureKey`, pdfmake-float.ts), which the tighter layout splits
 * too: a figure too tall at 9 pt stays split at 8.5, whether the tighter layout follows the
 * usual one or is told its setting and laid out alone.
 */
export type Setting = readonly [step: number, ...split: string[]];
/** A document's key and its setting, as the pipeline keeps them between runs (pdf-known.ts). */
export type KeptSetting = readonly [key: string, setting: Setting];

/** The setting each document came out with, by its key. */
const chosen = new Map<string, Setting>();
const NONE = -1;
const KEPT = 1000;
/** Found here since last taken. */
let found: KeptSetting[] = [];
/**
 * Where a document definition carries the key of what decides its setting (a key pdfmake
 * does not read, like TIGHTER): a key seen before gives the same setting. Without one a
 * document is laid out as if never seen.
 */
export const DOCUMENT_KEY = 'documentKey';

/** What of a document definition its setting depends on. */
export interface Balanced {
  readonly content: unknown;
  readonly styles?: unknown;
  readonly defaultStyle?: unknown;
  readonly pageSize?: unknown;
  readonly pageMargins?: unknown;
  readonly pageOrientation?: unknown;
  readonly header?: unknown;
  readonly footer?: unknown;
  readonly background?: unknown;
  readonly watermark?: unknown;
  readonly pageBreakBefore?: unknown;
  readonly images?: unknown;
}

/**
 * What, before a forced page break, can reach past it in pdfmake: where the sources start;
 * a page of another size or orientation, which the pages after it keep (`section`,
 * `pageOrientation`, `pageSize`). A block placed by position can too, where it runs over
 * its page: that is found as the document is laid out (`brokeOntoUsedPage`).
 */
const REACHES_ON = new Set(['balanceFrom', 'section', 'pageOrientation', 'pageSize']);
/** What, after the break, reads what came before it: another node's text, a page number. */
const READS_BACK = ['"textReference"', '"pageReference"'];
/** What of a definition, outside its content, can put lines in the text area or move a break. */
const OUTSIDE = ['background', 'watermark', 'pageBreakBefore', 'images'] as const;

/** Somewhere in `node`, a property named in `names` with a value. */
function holdsAny(node: unknown, names: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => holdsAny(n, names));
  if (node === null || typeof node !== 'object') return false;
  for (const [k, v] of Object.entries(node)) {
    if (names.has(k) && v !== undefined && v !== null && v !== false) return true;
    if (typeof v === 'object' && holdsAny(v, names)) return true;
  }
  return false;
}

/** The running header and footer as a page in the middle of the document has them: functions of the page only. */
function running(dd: Balanced): unknown {
  const at = (f: unknown): unknown =>
    typeof f === 'function' ? (f as (p: number, n: number) => unknown)(2, 3) : f;
  return [at(dd.header), at(dd.footer)];
}

/**
 * The key of what decides a document's setting, for a definition not yet laid out: its
 * page, styles, running header and footer, and its content from the last forced page break
 * of its top level on (the annex opens a page of its own), where the sources are. What
 * follows such a break starts at the top of a fresh page and is laid out the same whatever
 * came before it: the figures held before it are placed first (pdfmake-float.ts), and the
 * key falls back to the whole content wherever pdfmake lets something cross the break
 * (REACHES_ON, READS_BACK, OUTSIDE: none of them in what write/pdf.ts makes); a layout that
 * finds the break moving onto a page already made, or not taken (a part that starts on a short
 * page before it, pdfmake-keep.ts), keeps no setting and takes none. The
 * setting depends only on the last page and on where the sources start, both after the
 * break; so a document edited only before its annex (its framing, its recommendations,
 * with the same sources in the same order) keeps the setting its last version came out with.
 */
export function balanceKey(dd: Balanced): string {
  const content = Array.isArray(dd.content) ? (dd.content as unknown[]) : [dd.content];
  let from = content.length - 1;
  while (from > 0 && (content[from] as { pageBreak?: unknown } | null)?.pageBreak !== 'before') from--;
  if (from > 0 && (OUTSIDE.some((k) => dd[k] !== undefined) || holdsAny(content.slice(0, from), REACHES_ON)))
    from = 0;
  let after = JSON.stringify(content.slice(from));
  if (from > 0 && READS_BACK.some((k) => after.includes(k))) after = JSON.stringify(content);
  const { styles, defaultStyle, pageSize, pageMargins, pageOrientation } = dd;
  const page = JSON.stringify([pageSize, pageMargins, pageOrientation, defaultStyle, styles, running(dd)]);
  // Hashed as UTF-16, as documentKey (write/pdf.ts) says why.
  return sha256(Buffer.from(`${page}\u0000${after}`, 'utf16le'));
}

/** Settings an earlier run chose, by document key. */
export function giveBalanceSteps(entries: readonly KeptSetting[]): void {
  for (const [key, setting] of entries) {
    // Full (a long session): start again, as `remember` does. What a build is told is what it
    // is about to lay out; dropping it instead would lay those documents out twice.
    if (chosen.size >= KEPT) chosen.clear();
    chosen.set(key, setting);
  }
}

/** The settings this thread has chosen since the last call. */
export function takeBalanceSteps(): KeptSetting[] {
  const out = found;
  found = [];
  return out;
}

function remember(key: string | undefined, setting: Setting | undefined): void {
  if (key === undefined || setting === undefined || chosen.has(key)) return;
  if (chosen.size >= KEPT) chosen.clear();
  chosen.set(key, setting);
  found.push([key, setting]);
}

/**
 * The tighter settings tried from `first` on, each a layout (`again`), until one leaves the
 * last page at least a third full. A share saved is an estimate (entries wrap anew), and a
 * setting can pull all but a line or two back and leave them on a page of their own: where
 * none fills the last page, the one whose last page holds the most is kept, or NONE, the
 * usual layout (whose last page was `usual` full). Its pages come with it if they are the
 * last laid out: an earlier layout's are gone once another is made (the nodes hold the last).
 */
function bestTighter(
  again: (step: number) => Page[],
  first: number,
  count: number,
  usual: number,
): { step: number; pages?: Page[] } {
  let best: { step: number; fill: number; pages?: Page[] } = { step: NONE, fill: usual };
  for (let step = first; step < count; step++) {
    const tighter = again(step);
    const ends = fill(tighter[tighter.length - 1]!);
    best = ends > best.fill ? { step, fill: ends, pages: tighter } : { step: best.step, fill: best.fill };
    if (ends >= LAST_PAGE_MIN) break;
  }
  return best;
}

export function installBalance(): void {
  const builder = pdfmakeClass<Builder>('LayoutBuilder');
  const layoutDocument = builder.prototype.layoutDocument;
  const processNode = builder.prototype.processNode;
  // A block placed by position (the cover's foot) that runs over its page makes the pages it
  // runs onto; a forced break then moves onto such a page, not a fresh one, and what follows
  // the break is no longer laid out the same whatever came before it (balanceKey).
  // So too where the break is not taken and the node starts on the page before it, under what
  // is there (pdfmake-keep.ts: a part joining a page left nearly empty).
  builder.prototype.processNode = function (this: Builder, node, ...rest) {
    if (node?.pageBreak !== 'before') return processNode.call(this, node, ...rest);
    const c = this.writer.context();
    if (c.pages.length > c.page + 1) this.brokeOntoUsedPage = true;
    const [page, fresh] = [c.page, atTop(c)];
    processNode.call(this, node, ...rest);
    if (!fresh && node.positions?.[0]?.pageNumber === page + 1) this.brokeOntoUsedPage = true;
  };
  builder.prototype.layoutDocument = function (this: Builder, doc, pdf, given, ...rest) {
    const { [DOCUMENT_KEY]: key, [TIGHTER]: tighter, ...styles } = given;
    const steps = (tighter ?? []) as TighterStep[];
    // Each layout is given a dictionary of its own (the usual styles with its step's on top),
    // never one changed under it: what a layout measured with one setting is never read with another.
    const at = (step: number): Styles => ({ ...styles, ...(step === NONE ? {} : steps[step]!.styles) });
    const lay = (step: number): Page[] => {
      this.brokeOntoUsedPage = false;
      return layoutDocument.call(this, doc, pdf, at(step), ...rest);
    };
    // `keyed`: the key to keep the setting under, if it is found where balanceKey holds.
    const decide = (keyed: string | undefined): Page[] => {
      const pages = lay(NONE);
      // Kept only where what follows the break started on a fresh page, as balanceKey assumes.
      const as = this.brokeOntoUsedPage ? undefined : keyed;
      const last = pages[pages.length - 1];
      if (!steps.length || pages.length < 2 || !last || fill(last) >= LAST_PAGE_MIN) {
        remember(as, [NONE]);
        return pages;
      }
      // The sources' length in pages, from where they start to where they end.
      const start = this.linearNodeList?.find((n) => n.balanceFrom)?.positions?.[0];
      const span = start ? pages.length - start.pageNumber + fill(last) - start.verticalRatio : 0;
      const need = fill(last) + 0.02;
      if (span > 0 && span * MOST_SAVED < need) {
        remember(as, [NONE]);
        return pages;
      }
      const fits = steps.findIndex((s) => s.shrink !== undefined && span * s.shrink >= need);
      const split = splitFigures(this);
      // A figure split with no key to name it by: this setting could not be told, only found.
      const setting = (step: number): Setting | undefined =>
        split.every((f) => f !== undefined) ? [step, ...(split as string[])] : undefined;
      const again = (step: number): Page[] => {
        resetLaidOut(this.linearNodeList);
        splitFirst(this, new Set(), true);
        return lay(step);
      };
      const best = bestTighter(again, fits === -1 ? steps.length - 1 : fits, steps.length, fill(last));
      remember(as, setting(best.step));
      return best.pages ?? again(best.step);
    };
    const id = typeof key === 'string' ? key : undefined;
    const known = id === undefined ? undefined : chosen.get(id);
    if (known === undefined || known[0] >= steps.length) return decide(id);
    const [step, ...split] = known;
    if (step !== NONE) splitFirst(this, new Set(split));
    const told = lay(step);
    if (!this.brokeOntoUsedPage) return told;
    // The setting was kept for an annex on a fresh page: this document must find its own.
    resetLaidOut(this.linearNodeList);
    return decide(undefined);
  };
}
