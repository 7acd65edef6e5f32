/**
 * The data a template sees for one document: every text already localized,
 * every figure formatted, every Markdown unit rendered and sanitized.
 */
import type { AudienceId } from '../load/schema.js';
import { formatSpan } from '../i18n/format.js';
import { chronologyDays } from './chronology.js';
import type { DocumentContext } from './context.js';
import { trusted } from './handlebars.js';
import { escapeHtml } from './escape.js';
import { entryClaim } from '../model/project.js';
import type { ResolvedValue } from '../model/figures.js';
import type { RenderedChart } from '../charts/chart.js';

export interface ViewModel {
  readonly lang: string;
  readonly kind: string;
  readonly type: 'briefing' | 'release';
  readonly audience: AudienceId | undefined;
  readonly project: Record<string, unknown>;
  readonly asOf: string;
  readonly summary: unknown;
  readonly release: unknown;
  readonly keyFigures: unknown[];
  readonly keyAsks: unknown[];
  readonly findings: unknown[];
  readonly chronology: unknown[];
  readonly recommendationGroups: unknown[];
  readonly charts: unknown[];
  readonly timesOffset: string;
  readonly audienceLabel: string | undefined;
  /** The audience's recipe: the partials of its sections, in order. */
  readonly sections: readonly { partial: string }[];
}

const forAudience = (audiences: readonly string[] | undefined, target: string): boolean =>
  !audiences || audiences.includes(target);

export function buildViewModel(
  ctx: DocumentContext,
  charts: readonly RenderedChart[] = [],
  asOf = ctx.project.config.asOf,
): ViewModel {
  const { project, audience } = ctx;
  const target = audience ?? 'release';
  const settings = audience ? project.config.audiences[audience] : undefined;
  const keyFigureIds = settings?.keyFigures ?? project.config.release.keyFigures;

  const keyFigures = keyFigureIds.flatMap((id) => {
    const f = project.figures.get(id);
    if (!f) return [];
    // A key figure is a current use: it says its date and source, so it may follow updates.
    const current = ctx.value(id, { current: true });
    return [
      {
        id,
        value: trusted(ctx.figHtml(id, { current: true })),
        label: trusted(ctx.counted(`figures.${id}`, current)),
        asOf: ctx.date(current.asOf),
        // Earlier official values stay on record and in view: "earlier: at least 18 (6 January)".
        earlier: earlierValues(ctx, id, f.history.slice(0, -1)),
        sources: current.sources.join(','),
      },
    ];
  });

  const recommendation = (
    id: string,
  ): { id: string; text: unknown; addressee: string; source: string } | undefined => {
    const r = project.recommendations.find((x) => x.id === id);
    if (!r) return undefined;
    // Texts are looked up when a template shows them: only then are they the document's inputs.
    return {
      id,
      get text(): unknown {
        return trusted(ctx.inline(`recommendations.${id}`, entryClaim(project, `recommendations.${id}`)));
      },
      get addressee(): string {
        return ctx.text(`addressees.${r.addressee}`).value;
      },
      source: r.source,
    };
  };
  const keyAsks = (settings?.keyAsks ?? []).flatMap((id) => recommendation(id) ?? []);

  // Recommendations grouped by addressee, in the order addressees first appear.
  const groups = new Map<string, { addressee: unknown; start: number; items: unknown[] }>();
  for (const r of project.recommendations) {
    if (!r.audiences.includes(target)) continue;
    const addressee = r.addressee;
    const group = groups.get(addressee) ?? {
      get addressee(): unknown {
        return trusted(ctx.inline(`addressees.${addressee}`));
      },
      start: 0,
      items: [] as unknown[],
    };
    group.items.push(recommendation(r.id));
    groups.set(r.addressee, group);
  }

  const findings = project.findings
    .filter((f) => forAudience(f.audiences, target))
    .flatMap((f) => {
      const prose = ctx.prose((c) => c.findings.get(f.id), `findings/${f.id}.md`);
      if (!prose) return [];
      return [
        {
          id: f.id,
          kind: f.kind,
          title: prose.title,
          titleLang: prose.lang,
          get body(): unknown {
            return trusted(prose.html());
          },
          place: f.place ? trusted(ctx.inline(`places.${f.place}`)) : undefined,
        },
      ];
    });

  const zone = project.config.timeZone;
  // Grouped by local day, each day's date shown once (compose/chronology.ts states the order).
  const chronology = chronologyDays(project.chronology, zone).map(({ day, entries }) => ({
    day,
    dayLabel: ctx.date(day, 'long'),
    entries: entries.map((c) => {
      const span = formatSpan(ctx.t, c.at, c.until, zone);
      const dayOnly = formatSpan(ctx.t, c.at, undefined, zone).date;
      return {
        id: c.id,
        iso: c.at,
        // Not `date`/`time`: those names are helpers and would shadow the fields in templates.
        timeLabel: span.time,
        partLabel: c.partOfDay ? ctx.t.t(`chronology.partOfDay.${c.partOfDay}`) : undefined,
        // A happening that runs into later days says until when.
        rangeLabel: span.date !== dayOnly ? span.date : undefined,
        approximate: c.approximate,
        get place(): unknown {
          return c.place ? trusted(ctx.inline(`places.${c.place}`)) : undefined;
        },
        get text(): unknown {
          return trusted(ctx.inline(`chronology.${c.id}`, entryClaim(project, `chronology.${c.id}`)));
        },
        source: c.source,
      };
    }),
  }));

  const summary = audience
    ? ctx.prose((c) => c.framing.get(audience), `framing/${audience}.md`, 3)
    : undefined;
  const release = audience ? undefined : ctx.prose((c) => c.release, 'release.md', 3);

  const offset =
    new Intl.DateTimeFormat('en', { timeZone: project.config.timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${project.config.asOf}T12:00:00Z`))
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', 'UTC') ?? 'UTC';

  const p = (key: string): unknown => trusted(ctx.inline(`project.${key}`));
  return {
    lang: ctx.locale,
    kind: ctx.kind,
    type: audience ? 'briefing' : 'release',
    audience,
    project: {
      title: p('title'),
      subtitle: p('subtitle'),
      shortTitle: p('shortTitle'),
      organisation: p('organisation'),
      distribution: ctx.source.texts.project.distribution ? p('distribution') : undefined,
    },
    asOf,
    summary: summary ? lazyBody(summary) : undefined,
    release: release ? lazyBody(release) : undefined,
    keyFigures,
    keyAsks,
    findings,
    chronology,
    // One numbering across addressees, so "recommendation 7" names one thing in a meeting.
    recommendationGroups: numbered([...groups.values()]),
    charts: charts.map((c) => {
      ctx.fallbacks.push(...c.fallbacks.filter((f) => !ctx.fallbacks.includes(f)));
      return {
        id: c.id,
        svg: trusted(c.svg),
        caption: c.caption,
        description: c.description,
        table: c.table,
        tableLabel: ctx.t.t('chart.data'),
      };
    }),
    timesOffset: offset,
    audienceLabel: ctx.audienceLabel(),
    sections: (settings?.sections ?? []).map((partial) => ({ partial })),
  };
}

/** "earlier: at least 18 (6 January)", each value a statement of its own source and date. */
function earlierValues(ctx: DocumentContext, id: string, earlier: readonly ResolvedValue[]): unknown {
  if (!earlier.length) return undefined;
  const values = [...earlier]
    .reverse()
    .map(
      (h) =>
        `${ctx.figHtml(id, { asOf: h.asOf, source: h.sources[0] })} (${escapeHtml(ctx.date(h.asOf, 'day'))})`,
    )
    .join('; ');
  // The sentence is the translator's; the values inside it keep their markup.
  return trusted(escapeHtml(ctx.t.t('keyFigure.earlier', { values: '\u0000' })).replace('\u0000', values));
}

/** A prose unit whose body is rendered only if the template shows it. */
function lazyBody(p: { title: string; lang: string | undefined; html: () => string }): object {
  return {
    title: p.title,
    lang: p.lang,
    get body(): unknown {
      return trusted(p.html());
    },
  };
}

/**
 * One numbering across addressees, so "recommendation 7" names one thing in a meeting.
 * Set in place: copying a group would read its lazily looked-up texts.
 */
function numbered<G extends { start: number; items: unknown[] }>(groups: G[]): G[] {
  let next = 1;
  for (const g of groups) {
    g.start = next;
    next += g.items.length;
  }
  return groups;
}
