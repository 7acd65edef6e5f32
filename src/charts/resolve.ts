/**
 * Resolves a chart spec from the project into a plain Vega-Lite spec for one
 * document: every placeholder string is replaced by data from the figure registry,
 * the chronology or the locale's texts. Specs never hold a number of their own.
 *
 *   "t:charts.tolls.title"   a text from the project's `charts` texts (or the interface strings)
 *   "fig:id@current"                        the figure's newest value, as a number (follows updates)
 *   "fig:id@2022-01-06" / "fig:id@source"    a statement: the value of that date or source (never changes)
 *   "figText:id@…"                          the same with its qualifier, formatted ("over 80")
 *   "asOf:id@…" / "dateText:id@…"           the date the value refers to (ISO / formatted)
 *   "sourceText:id@…"                       who gave the value (the source's author)
 * A figure reference always says which: a chart has no sentence to pin it.
 *   "at:event" / "until:event"              a chronology moment as local wall-clock time (for UTC scales);
 *                                           for an entry with a date only, the start and end of its day
 *                                           (or of its `partOfDay`): the window it happened in
 *   "precision:event"                       `time` for a timed entry, `window` for a date-only one
 *   "timeText:event"                        the event's date and time, formatted
 *   "labels:charts.tolls" (legend labelExpr)  names the ids of the channel's `scale.domain` with the
 *                                           texts `charts.tolls.<id>`: colours and their order follow
 *                                           the ids, never the alphabetical order of a translation
 */
import { formatDate, formatQuantity, formatSpan } from '../i18n/format.js';
import { keepWithNext } from '../i18n/keep-next.js';
import type { Translator } from '../i18n/instance.js';
import type { ResolvedValue } from '../model/figures.js';
import { projectCovers, type ChartSpec, type Project } from '../model/project.js';
import { figureUse, noClaim, selectValue, useKey, type Covers } from '../model/figure-use.js';
import { isDatePin } from '../model/figures.js';
import type { ChronologyEntry, PartOfDay } from '../model/schema.js';

/** Local hours each part of the day spans (compose/chronology.ts orders entries by the same parts). */
const partHours: Readonly<Record<PartOfDay, readonly [number, number]>> = {
  night: [0, 6],
  morning: [6, 12],
  afternoon: [12, 18],
  evening: [18, 24],
};
const HOUR = 3_600_000;

/** The window of local wall-clock time a chronology entry happened in (a point for a timed one). */
export function eventWindow(e: ChronologyEntry, timeZone: string): { start: number; end: number } {
  const start = wallClock(e.at, timeZone);
  if (e.at.length !== 10) return { start, end: e.until ? wallClock(e.until, timeZone) : start };
  const [from, to] = e.partOfDay ? partHours[e.partOfDay] : [0, 24];
  const end = e.until ? wallClock(e.until, timeZone) + 24 * HOUR : start + to * HOUR;
  return { start: start + from * HOUR, end };
}

/** A Vega expression naming each id by its text: `datum.value === "official" ? "Official figures" : …`. */
export function labelExpression(names: ReadonlyArray<readonly [string, string]>): string {
  return names.reduceRight(
    (rest, [id, name]) => `datum.value === ${JSON.stringify(id)} ? ${JSON.stringify(name)} : ${rest}`,
    'datum.label',
  );
}

/**
 * What stops a chart from resolving: an unknown figure, reported as an unknown figure is
 * anywhere (with the ids it may have meant), or another problem in words (`text`: a text
 * missing in one language, which the build may show in the source language).
 */
export type ChartProblem =
  | { readonly kind: 'unknown-figure'; readonly id: string }
  | { readonly kind: 'other'; readonly message: string; readonly text?: boolean };

export const chartProblemText = (p: ChartProblem): string =>
  p.kind === 'unknown-figure' ? `unknown figure \`${p.id}\`` : p.message;

export interface ResolvedChart {
  readonly id: string;
  /** What Vega draws: the spec without the title the document prints as text (`title`). */
  readonly spec: Record<string, unknown>;
  /** The chart's title and subtitle, each a list of lines (empty when the spec has none). */
  readonly title: ChartTitle;
  readonly caption: string;
  readonly table: { header: string[]; rows: string[][] } | undefined;
  readonly description: string;
  readonly figures: string[];
  /** Figure uses shown, by key (model/figure-use.ts). */
  readonly uses: string[];
  /** The newest date among the values shown. */
  readonly newest: string;
  /** Units of the project's texts the chart shows. */
  readonly texts: string[];
  /** Texts shown in the source language because this locale lacks them. */
  readonly fallbacks: string[];
  readonly problems: ChartProblem[];
}

export interface ChartTitle {
  readonly text: readonly string[];
  readonly subtitle: readonly string[];
}

const lines = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) && v.every((l) => typeof l === 'string') ? v : undefined;

/**
 * The spec's title taken out of the drawing, for the document to print as text: in a page
 * it wraps to the column, where Vega's title was cut at the edge of a phone's screen. A
 * title whose text is not plain text (a signal, an expression) stays in the drawing.
 */
export function splitTitle(spec: Record<string, unknown>): {
  spec: Record<string, unknown>;
  title: ChartTitle;
} {
  const { title, ...rest } = spec;
  const own =
    title && typeof title === 'object' && !Array.isArray(title) ? (title as Record<string, unknown>) : {};
  const text = lines(title) ?? lines(own.text);
  const subtitle = own.subtitle === undefined ? [] : lines(own.subtitle);
  if (!text || !subtitle) return { spec, title: { text: [], subtitle: [] } };
  return { spec: rest, title: { text: text.filter(Boolean), subtitle: subtitle.filter(Boolean) } };
}

interface TableColumn {
  field: string;
  title: string;
}

/** One formatter per time zone: making one costs far more than using it (every chronology entry and chart event). */
const clocks = new Map<string, Intl.DateTimeFormat>();
function clockIn(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f)
    clocks.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })),
    );
  return f;
}

/** Local wall-clock time of a moment in `timeZone`, as a UTC timestamp (so UTC scales show local time). */
export function wallClock(iso: string, timeZone: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return Date.parse(`${iso}T00:00:00Z`);
  const parts = clockIn(timeZone).formatToParts(new Date(iso));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

export function resolveChart(chart: ChartSpec, project: Project, t: Translator): ResolvedChart {
  const r = new Placeholders(project, t);
  const raw = (chart.spec ?? {}) as Record<string, unknown>;
  const { usermeta, ...rest } = raw as { usermeta?: { caption?: string; table?: TableColumn[] } };
  const { spec, title } = splitTitle(r.walk(rest) as Record<string, unknown>);
  const meta = r.walk(usermeta ?? {}) as { caption?: string; table?: TableColumn[] };
  const caption = typeof meta.caption === 'string' ? meta.caption : chart.id;
  const table = meta.table?.length ? tableOf(meta.table, spec) : undefined;
  const description = table
    ? `${caption.replace(/[.。]\s*$/, '')}: ${table.rows.map((r) => r.filter(Boolean).join(' — ')).join('; ')}.`
    : caption;
  return {
    id: chart.id,
    spec,
    title,
    caption,
    table,
    description,
    figures: [...r.figures],
    uses: [...r.uses].sort(),
    newest: r.newest,
    texts: [...r.texts].sort(),
    fallbacks: r.fallbacks,
    problems: r.problems,
  };
}

/** The table a chart's `usermeta.table` asks for: its columns, over the rows of the spec's data. */
function tableOf(
  columns: readonly TableColumn[],
  spec: Record<string, unknown>,
): { header: string[]; rows: string[][] } {
  const values = ((spec.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? []) as Record<
    string,
    unknown
  >[];
  return {
    header: columns.map((c) => c.title),
    rows: values.map((row) => columns.map((c) => String(row[c.field] ?? ''))),
  };
}

/** One chart's placeholders, resolved for one document; what they showed, and what stopped them. */
class Placeholders {
  readonly problems: ChartProblem[] = [];
  readonly figures = new Set<string>();
  /** Figure uses shown, by key (model/figure-use.ts). */
  readonly uses = new Set<string>();
  /** The newest date among the values shown. */
  newest = '';
  readonly fallbacks: string[] = [];
  readonly texts = new Set<string>();
  private readonly zone: string;
  private readonly covers: Covers;

  constructor(
    private readonly project: Project,
    private readonly t: Translator,
  ) {
    this.zone = project.config.timeZone;
    this.covers = projectCovers(project);
  }

  /** A spec with every placeholder string replaced; `node.map(this.walk)` needs it bound. */
  readonly walk = (node: unknown): unknown => {
    if (typeof node === 'string') return this.substitute(node);
    if (Array.isArray(node)) return node.map(this.walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(
        Object.entries(this.legendLabels(node as Record<string, unknown>)).map(([k, v]) => [k, this.walk(v)]),
      );
    return node;
  };

  private substitute(s: string): unknown {
    const m = /^(t|fig|figText|asOf|dateText|sourceText|at|until|precision|timeText):(.+)$/.exec(s);
    if (!m) return s;
    const [, kind, ref = ''] = m;
    const t = this.t;
    switch (kind) {
      case 't':
        return this.text(ref);
      case 'fig':
        return this.value(ref)?.v.value ?? null;
      case 'figText': {
        const r = this.value(ref);
        return r ? formatQuantity(t, r.v) : '';
      }
      case 'asOf':
        return this.value(ref)?.v.asOf ?? null;
      case 'sourceText':
        return this.sourceText(ref);
      case 'dateText': {
        const r = this.value(ref);
        return r ? formatDate(t, r.v.asOf, this.zone, 'day') : '';
      }
      case 'at':
      case 'until': {
        const e = this.event(ref);
        if (!e) return null;
        const w = eventWindow(e, this.zone);
        return kind === 'at' ? w.start : w.end;
      }
      case 'precision': {
        const e = this.event(ref);
        return e ? (e.at.length === 10 ? 'window' : 'time') : null;
      }
      case 'timeText': {
        const e = this.event(ref);
        return e ? this.timeText(e) : '';
      }
      default:
        return s;
    }
  }

  // A channel whose legend names its domain's ids: `{ scale: { domain: [ids] }, legend: { labelExpr: "labels:…" } }`.
  private legendLabels(channel: Record<string, unknown>): Record<string, unknown> {
    const legend = channel.legend as Record<string, unknown> | null | undefined;
    const m = typeof legend?.labelExpr === 'string' ? /^labels:(.+)$/.exec(legend.labelExpr) : null;
    if (!legend || !m) return channel;
    const domain = (channel.scale as { domain?: unknown } | undefined)?.domain;
    if (!Array.isArray(domain) || !domain.every((d) => typeof d === 'string')) {
      this.other(`\`${legend.labelExpr as string}\` needs the ids in the channel's \`scale.domain\``);
      return channel;
    }
    const names = domain.map((id) => [id, this.text(`${m[1]}.${id}`)] as const);
    return { ...channel, legend: { ...legend, labelExpr: labelExpression(names) } };
  }

  private value(ref: string): { id: string; v: ResolvedValue } | undefined {
    const [id = '', pin] = ref.split('@');
    const f = this.project.figures.get(id);
    if (!f) {
      this.problems.push({ kind: 'unknown-figure', id });
      return undefined;
    }
    if (!pin) {
      this.other(`\`${ref}\` must say which value: \`${id}@current\`, or a date or source after @`);
      return undefined;
    }
    const use = figureUse(
      pin === 'current' ? { current: true } : isDatePin(pin) ? { asOf: pin } : { source: pin },
    );
    const selected = selectValue(f, use, noClaim, this.covers);
    if (!selected.ok) {
      this.other(selected.problem.message);
      return undefined;
    }
    this.figures.add(id);
    this.uses.add(useKey(id, use, noClaim));
    if (selected.value.asOf > this.newest) this.newest = selected.value.asOf;
    return { id, v: selected.value };
  }

  private sourceText(ref: string): string {
    const r = this.value(ref);
    const src = r?.v.sources[0];
    return src ? this.text(`sources.${src}.author`) : '';
  }

  private event(id: string): ChronologyEntry | undefined {
    const e = this.project.chronology.find((c) => c.id === id);
    if (!e) this.other(`unknown chronology event \`${id}\``);
    return e;
  }

  private timeText(e: ChronologyEntry): string {
    const t = this.t;
    const { date, time } = formatSpan(t, e.at, e.until, this.zone);
    if (!time) return e.partOfDay ? `${date}, ${t.t(`chronology.partOfDay.${e.partOfDay}`)}` : date;
    return `${date}, ${e.approximate ? `${t.t('chronology.approximate')} ` : ''}${time}`;
  }

  // The chart's own language first; the source language only as a recorded fallback,
  // never a silent English label inside a Kazakh chart.
  private text(key: string): string {
    const t = this.t;
    this.texts.add(key);
    const keys = [`project:${key}`, key];
    const own = keys.find((k) => t.has(k, { lng: t.locale, fallbackLng: false }));
    if (own) return keepWithNext(t.t(own), t.locale);
    const other = keys.find((k) => t.has(k));
    if (other) {
      this.fallbacks.push(other === key ? `locales/${t.locale} ${key}` : `${t.locale}/texts.yaml ${key}`);
      return t.t(other);
    }
    this.problems.push({ kind: 'other', message: `text \`${key}\` is missing in ${t.locale}`, text: true });
    return key;
  }

  private other(message: string): void {
    this.problems.push({ kind: 'other', message });
  }
}
