/**
 * The one definition of every content shape. Types used inside the tool are
 * inferred from these schemas; content is validated against them at the boundary.
 */
import { z } from 'zod';
import { isCalendarDate, isMoment, isPartialDate, isTimeZone } from './dates.js';

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
/** An audience a project declares: `release` names the news release wherever audiences are listed. */
const DeclaredAudienceId = id.refine((a) => a !== 'release', {
  message: '"release" names the news release; give the audience another id',
});

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
    /**
     * A derived figure's decimals: its values rounded to that many, in the direction its
     * qualifier allows ("over 544.4" → "over 544"). Without it, a value that is not whole
     * is refused: "544.4 people" is a formula's artefact, not a count.
     */
    decimals: z.number().int().min(0).max(3).optional(),
  })
  .strict()
  .refine((f) => (f.values === undefined) !== (f.formula === undefined), {
    message: 'a figure has either `values` or a `formula`, not both and not neither',
  })
  .refine((f) => f.decimals === undefined || f.formula !== undefined, {
    message: '`decimals` rounds a derived figure; a stated value is printed as its source gives it',
    path: ['decimals'],
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
    /**
     * The language the source's own title was published in: its `title` in that language's
     * texts.yaml is the title, printed in quotation marks, and other languages print it as
     * it stands with their translation marked as one. Without it, `title` describes the
     * source ("Statement on police casualties") and is printed in square brackets, not quoted.
     */
    titleLanguage: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .optional(),
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
    /** Charts that illustrate the finding: printed beside it, as numbered figures, where a briefing shows them. */
    charts: z.array(id).optional(),
  })
  .strict();
export type FindingEntry = z.infer<typeof FindingEntry>;
export const FindingsFile = z.array(FindingEntry);

/** The parts a briefing can hold, in the order its audience's recipe lists them. */
export const sectionIds = ['summary', 'findings', 'charts', 'chronology', 'recommendations'] as const;
export type SectionId = (typeof sectionIds)[number];
/** The main part a reader acts on; the evidence follows in the annex. */
export const defaultSections = ['summary', 'recommendations'] as const;
export const defaultAnnex = ['findings', 'charts', 'chronology'] as const;

const AudienceSettings = z
  .object({
    keyFigures: z.array(id).default([]),
    keyAsks: z.array(id).default([]),
    charts: z.array(id).default([]),
    /** A contents page after the cover (with page numbers in the PDF). */
    contents: z.boolean().default(true),
    /** The recipe: which sections, in which order (sources always close the briefing). */
    sections: z
      .array(z.enum(sectionIds))
      .min(1)
      .default([...defaultSections]),
    /**
     * The annex after the main part, its sections in this order; by default the
     * findings, charts and chronology the main part does not hold. `[]`: no annex.
     */
    annex: z.array(z.enum(sectionIds)).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    a.sections.forEach((id, i) => {
      if (a.sections.indexOf(id) !== i)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['sections', i],
          message: `\`${id}\` is listed twice`,
        });
    });
    (a.annex ?? []).forEach((id, i) => {
      if (a.sections.includes(id) || a.annex?.indexOf(id) !== i)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['annex', i],
          message: `\`${id}\` is already in this audience's document: a section appears once, in the main part or in the annex`,
        });
    });
  })
  .transform((a) => ({
    ...a,
    annex: a.annex ?? defaultAnnex.filter((id) => !a.sections.includes(id)),
  }));
export type AudienceSettings = z.infer<typeof AudienceSettings>;

/**
 * House style for numbers in running prose (key figures, tables and charts keep digits);
 * what is not set is the language's own (its pack: one to nine in words, and a number
 * that opens a sentence in words where the language has them).
 */
const NumberStyleSettings = z
  .object({
    /** Whole numbers below this are written in words ("four occasions"); 0: every number in digits. */
    spellOutBelow: z.number().int().min(0).max(100).optional(),
    /** A number that opens a sentence: in words ("Fifteen minutes after…"), or in digits as anywhere else. */
    sentenceStart: z.enum(['words', 'digits']).optional(),
  })
  .strict();
export type NumberStyleSettings = z.infer<typeof NumberStyleSettings>;

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
    audiences: z.record(DeclaredAudienceId, AudienceSettings).default({}),
    release: z
      .object({
        keyFigures: z.array(id).default([]),
        charts: z.array(id).default([]),
        /** Where the release is datelined: a place of the project's texts (`places.<id>`). */
        dateline: id.optional(),
      })
      .strict()
      .default({ keyFigures: [], charts: [] }),
    /** The date the documents are issued, on covers and datelines (default: the information date). */
    issued: isoDate.optional(),
    /** The organisation's mark and the people readers may contact (names and roles in texts.yaml `contacts`). */
    organisation: z
      .object({
        /** An SVG or PNG file inside the project folder. */
        logo: z.string().optional(),
        contacts: z
          .array(
            z
              .object({
                id,
                email: z.string().email().optional(),
                phone: z.string().optional(),
                url: z.string().url().startsWith('https://').optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .default({ contacts: [] }),
    /** The project's house style. */
    style: z
      .object({
        numbers: NumberStyleSettings.extend({
          /** Per language, what differs from the settings above (`ru: { spellOutBelow: 11 }`). */
          locales: z.record(z.string(), NumberStyleSettings).default({}),
        })
          .strict()
          .default({ locales: {} }),
      })
      .strict()
      .default({ numbers: { locales: {} } }),
  })
  .strict()
  // The source language's texts are what the others are translated from and checked
  // against: a project that left it out of `locales` had its speakers reported missing.
  .superRefine((p, ctx) => {
    if (!p.locales.includes(p.sourceLocale))
      ctx.addIssue({
        code: 'custom',
        path: ['locales'],
        message: `the source language ${p.sourceLocale} must be one of the project's locales: its texts are what the others are translated from (add it, or set sourceLocale)`,
      });
    // Each once: a language listed twice was built and offered twice; a contact, printed twice.
    p.locales.forEach((l, i) => {
      if (p.locales.indexOf(l) !== i)
        ctx.addIssue({ code: 'custom', path: ['locales', i], message: `${l} is listed twice` });
    });
    const contacts = p.organisation.contacts.map((c) => c.id);
    contacts.forEach((c, i) => {
      if (contacts.indexOf(c) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['organisation', 'contacts', i, 'id'],
          message: `the contact ${c} is listed twice`,
        });
    });
  });
export type ProjectFile = z.infer<typeof ProjectFile>;

/**
 * How a rendering of a quotation stands to the speaker's words:
 * - `original`: the speaker's own words, in the language they used, verbatim from a source text;
 * - `published`: the wording a cited source published (HRW's English of a Russian speech),
 *   verbatim from its text; a translation whenever the quotation's language is another;
 * - `translation`: the project's own translation, always marked as one where it is printed;
 * - `indirect`: reported speech, printed without quotation marks: it claims no wording.
 */
export const renderingKinds = ['original', 'published', 'translation', 'indirect'] as const;
export type RenderingKind = (typeof renderingKinds)[number];

/** A language as ISO 639 has it (`ru`, `kk`, `en`), or `und` when no source says which. */
const languageCode = z
  .string()
  .regex(/^([a-z]{2,3}|und)$/, 'expected a language code such as ru, kk, en, or und');
const localeKey = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a locale of the project, e.g. ru');

export const QuotationRendering = z
  .object({
    kind: z.enum(renderingKinds),
    /** Markdown: may hold :fig, :date and :time (never a digit); no quotation marks of its own. */
    text: z.string().min(1),
    /** The language a translation was made from: by default the quotation's language for the
     * source locale's rendering, the source locale's rendering for the others. */
    from: languageCode.optional(),
    /** Where this wording is published, when not in the quotation's source (a speech's own
     * Russian text beside the English release that reports it); cited with this rendering. */
    source: id.optional(),
  })
  .strict();
export type QuotationRendering = z.infer<typeof QuotationRendering>;

export const QuotationEntry = z
  .object({
    id,
    /** A part of a longer quotation: its speaker, source and language are that quotation's. */
    excerptOf: id.optional(),
    /** Key of `speakers` in <locale>/texts.yaml: the name and role each language prints. */
    speaker: id.optional(),
    /** The source (sources.yaml) that publishes or reports the words. */
    source: id.optional(),
    /** The language the speaker used. */
    language: languageCode.optional(),
    renderings: z.record(localeKey, QuotationRendering),
  })
  .strict()
  .refine(
    (q) =>
      q.excerptOf !== undefined
        ? q.speaker === undefined && q.source === undefined && q.language === undefined
        : q.speaker !== undefined && q.source !== undefined && q.language !== undefined,
    {
      message:
        'a quotation names its `speaker`, `source` and `language`; an `excerptOf` another takes them from it and repeats none',
    },
  );
export type QuotationEntry = z.infer<typeof QuotationEntry>;
export const QuotationsFile = z.array(QuotationEntry);

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
    audiences: z
      .record(
        z.string(),
        z
          .object({
            label: z.string(),
            /** For the running header of each page ("For the OSCE"); the label when left out. */
            short: z.string().optional(),
          })
          .strict(),
      )
      .default({}),
    places: z.record(z.string(), z.string()).default({}),
    /** Each contact's name and role, by the id given in project.yaml. */
    contacts: z.record(z.string(), z.string()).default({}),
    /** The release's standfirst: the line under its headline. */
    release: z.object({ standfirst: z.string() }).strict().optional(),
    addressees: z.record(z.string(), z.string()).default({}),
    /** Who is quoted, as the attribution under a block quotation prints it ("Letta Tayler, Human Rights Watch"). */
    speakers: z.record(z.string(), z.string()).default({}),
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
