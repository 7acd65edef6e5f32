/**
 * The one definition of every content shape. Types used inside the tool are
 * inferred from these schemas; content is validated against them at the boundary.
 */
import { z } from 'zod';
import { isTimeZone } from '../i18n/locale-tag.js';
import { isCalendarDate, isMoment, isPartialDate } from './dates.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids use lower-case letters, digits, "-" and "_"');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { message: 'no such day in the calendar', abort: true });
/** A moment: a date, or a date-time with an explicit UTC offset so the local time is never ambiguous. */
const isoMoment = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}))?$/, {
    message: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM',
    abort: true,
  })
  .refine(isMoment, {
    message: 'no such day or time (day, hour 0-23, minute 0-59, offset up to 14:00)',
    abort: true,
  });

/** Audiences are the project's own: any id (`osce`, `donors`, `coe`…), declared in project.yaml. */
export const AudienceId = id;
export type AudienceId = string;

export const Qualifier = z.enum([
  'exact',
  'at-least',
  'over',
  'about',
  'fewer-than',
  'up-to',
  /** Just under the number ("nearly half a million", "almost 75 percent"). */
  'nearly',
  'dozens',
  'hundreds',
  'thousands',
  'scores',
  'several',
]);
export type Qualifier = z.infer<typeof Qualifier>;

/** Qualifiers that replace the number: the figure is a vague quantity ("dozens"). */
export const vagueQualifiers: readonly Qualifier[] = ['dozens', 'hundreds', 'thousands', 'scores', 'several'];

export const FigureValue = z
  .object({
    /** A count: finite and never negative ("-3,811 people" is a typo, not a figure). */
    value: z.number().finite().nonnegative('a count cannot be negative').optional(),
    qualifier: Qualifier.default('exact'),
    asOf: isoDate,
    source: id,
    quote: z.string().min(1, 'quote the source verbatim'),
  })
  .strict();
export type FigureValue = z.infer<typeof FigureValue>;

export const FigureEntry = z
  .object({
    id,
    unit: id.optional(),
    values: z.array(FigureValue).min(1).optional(),
    formula: z.string().min(1).optional(),
    /** Inputs of a formula held to one value: input id → a date (YYYY-MM-DD) or a source id. */
    pins: z.record(id, id).optional(),
    qualifier: Qualifier.optional(),
    asOf: isoDate.optional(),
  })
  .strict()
  .refine((f) => (f.values === undefined) !== (f.formula === undefined), {
    message: 'a figure has either `values` or a `formula`, not both and not neither',
  });
export type FigureEntry = z.infer<typeof FigureEntry>;
export const FiguresFile = z.array(FigureEntry);

/**
 * A source's date, as precise as the source itself is: a year, a month or a day. YAML
 * reads a bare year (`date: 1990`) as a number, so a number is taken as that year.
 */
const sourceDate = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, {
      message: 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD',
      abort: true,
    })
    .refine(isPartialDate, { message: 'no such month or day in the calendar', abort: true }),
);

export const SourceEntry = z
  .object({
    id,
    kind: z.enum(['release', 'authority', 'statement', 'media', 'report']),
    /** Absent when the source is undated. */
    date: sourceDate.optional(),
    /** The release that reports this authority's statement. */
    via: id.optional(),
    /** Plain-text copy of the source, relative to the project's `sources/` folder, used to check quotes. */
    text: z.string().optional(),
    url: z.string().url().optional(),
  })
  .strict();
export type SourceEntry = z.infer<typeof SourceEntry>;
export const SourcesFile = z.array(SourceEntry);

/** When in its day an entry known only by its date happened; orders it among the timed entries. */
export const partsOfDay = ['night', 'morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof partsOfDay)[number];

export const ChronologyEntry = z
  .object({
    id,
    at: isoMoment,
    until: isoMoment.optional(),
    approximate: z.boolean().default(false),
    /** Only for an entry with a date only (a timed entry's time says more). */
    partOfDay: z.enum(partsOfDay).optional(),
    place: id.optional(),
    source: id,
    figures: z.array(id).default([]),
  })
  .strict()
  .refine((e) => !e.partOfDay || /^\d{4}-\d{2}-\d{2}$/.test(e.at), {
    message: '`partOfDay` is for an entry with a date only; this entry has a time',
    path: ['partOfDay'],
  });
export type ChronologyEntry = z.infer<typeof ChronologyEntry>;
export const ChronologyFile = z.array(ChronologyEntry);

export const RecommendationEntry = z
  .object({
    id,
    addressee: id,
    audiences: z.array(AudienceId).min(1),
    source: id,
  })
  .strict();
export type RecommendationEntry = z.infer<typeof RecommendationEntry>;
export const RecommendationsFile = z.array(RecommendationEntry);

export const FindingEntry = z
  .object({
    id,
    kind: z.enum(['context', 'methodology', 'incident', 'response', 'law']),
    start: isoMoment.optional(),
    end: isoMoment.optional(),
    place: id.optional(),
    audiences: z.array(AudienceId).optional(),
  })
  .strict();
export type FindingEntry = z.infer<typeof FindingEntry>;
export const FindingsFile = z.array(FindingEntry);

/** The parts a briefing can hold, in the order its audience's recipe lists them. */
export const sectionIds = ['summary', 'findings', 'charts', 'chronology', 'recommendations'] as const;
export const defaultSections = ['summary', 'findings', 'charts', 'chronology', 'recommendations'] as const;

const AudienceSettings = z
  .object({
    keyFigures: z.array(id).default([]),
    keyAsks: z.array(id).default([]),
    charts: z.array(id).default([]),
    /** The recipe: which sections, in which order (sources always close the briefing). */
    sections: z
      .array(z.enum(sectionIds))
      .min(1)
      .default([...defaultSections]),
  })
  .strict();
export type AudienceSettings = z.infer<typeof AudienceSettings>;

export const ProjectFile = z
  .object({
    sourceLocale: z.string().default('en'),
    locales: z.array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/)).min(1),
    /** The date the briefing's information is current to; also the PDF creation date. */
    asOf: isoDate,
    timeZone: z
      .string()
      .refine(isTimeZone, {
        message: 'not a time zone Intl knows; use an IANA name such as Asia/Almaty or UTC',
      })
      .default('UTC'),
    pageSize: z.enum(['A4', 'LETTER']).default('A4'),
    /** Any subset of audiences, any ids: one briefing per audience, per locale. */
    audiences: z.record(AudienceId, AudienceSettings).default({}),
    release: z
      .object({ keyFigures: z.array(id).default([]), charts: z.array(id).default([]) })
      .strict()
      .default({ keyFigures: [], charts: [] }),
  })
  .strict();
export type ProjectFile = z.infer<typeof ProjectFile>;

/** Per-locale texts of a project: every translatable unit that is not long prose. */
const TextTree: z.ZodType<TextTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), TextTree])));
export type TextTree = { [key: string]: string | TextTree };
export const TextsFile = z
  .object({
    project: z
      .object({
        title: z.string(),
        subtitle: z.string(),
        shortTitle: z.string(),
        organisation: z.string(),
        distribution: z.string().optional(),
        keywords: z.string().optional(),
      })
      .strict(),
    sources: z.record(z.string(), z.object({ author: z.string(), title: z.string() }).strict()),
    /** The project's names of its audiences ("Briefing for donors"); the interface's are the fallback. */
    audiences: z.record(z.string(), z.object({ label: z.string() }).strict()).default({}),
    places: z.record(z.string(), z.string()).default({}),
    addressees: z.record(z.string(), z.string()).default({}),
    recommendations: z.record(z.string(), z.string()).default({}),
    chronology: z.record(z.string(), z.string()).default({}),
    figures: z.record(z.string(), z.string()).default({}),
    nouns: TextTree.default({}),
    charts: TextTree.default({}),
  })
  .strict();
export type TextsFile = z.infer<typeof TextsFile>;

export const MarkdownFrontMatter = z
  .object({
    title: z.string().min(1),
  })
  .strict();
export type MarkdownFrontMatter = z.infer<typeof MarkdownFrontMatter>;
