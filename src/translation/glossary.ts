/**
 * The project glossary (`content/<project>/glossary.yaml`): the agreed rendering of
 * each term in every language. Loaded and validated here; terms.ts checks the
 * translations against it.
 *
 * An entry is `{ en: "state of emergency", ru: "чрезвычайное положение", kk: "төтенше жағдай" }`.
 * Optional fields, for languages that inflect:
 * - `forms: { ru: ["чрезвычайного положения", ...] }`: inflected forms that count as the term;
 * - `stems: { kk: ["төтенше жағдай"] }`: stems a word of the translation may start with;
 * - `exceptions: [{ unit: "findings/x.md", locale: "kk", reason: "..." }]`: a reviewed
 *   decision that this unit renders the term otherwise;
 * - `note`: what the translator should know.
 */
import { z } from 'zod';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { FileReader } from '../load/read.js';
import { parseYaml, validate, type ParsedYaml } from '../load/yaml.js';

export const GLOSSARY_FILE = 'glossary.yaml';

/**
 * The language of a glossary's source terms: the `en:` of every entry, matched as English
 * words (terms.ts). A project written in another language is not checked against its
 * glossary (workspace.ts says so once, at the file).
 */
export const GLOSSARY_SOURCE = 'en';

const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as `ru` or `kk`');
const perLanguage = z.record(language, z.array(z.string().min(1)).min(1));

export const GlossaryException = z
  .object({
    /** The unit id as `briefing i18n status` lists it (`findings/x.md`, `chronology.x`). */
    unit: z.string().min(1),
    /** Only this language; all when absent. */
    locale: language.optional(),
    reason: z.string().min(1, 'say why this unit may render the term otherwise'),
    by: z.string().min(1).optional(),
  })
  .strict();
export type GlossaryException = z.infer<typeof GlossaryException>;

/** Named fields; every other key is a language with the term in it. */
/** A term: words, not spaces alone (a term of spaces matched nothing, and passed). */
const term = z.string().regex(/\S/, 'a term is words, not spaces');

export const GlossaryEntry = z
  .object({
    en: term,
    forms: perLanguage.optional(),
    stems: perLanguage.optional(),
    exceptions: z.array(GlossaryException).optional(),
    note: z.string().min(1).optional(),
  })
  .catchall(term);
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;
export const GlossaryFile = z.array(GlossaryEntry).nullable();

/** One glossary entry, with where it stands in its file. */
export interface Term {
  readonly en: string;
  /** The agreed rendering per language. */
  readonly targets: Readonly<Record<string, string>>;
  readonly forms: Readonly<Record<string, readonly string[]>>;
  readonly stems: Readonly<Record<string, readonly string[]>>;
  readonly exceptions: readonly GlossaryException[];
  readonly note: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

export interface Glossary {
  readonly project: string;
  /** Absolute path of glossary.yaml. */
  readonly file: string;
  readonly terms: readonly Term[];
}

const named = new Set(['en', 'forms', 'stems', 'exceptions', 'note']);

function toTerm(entry: GlossaryEntry, index: number, parsed: ParsedYaml): Term {
  const targets: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry)) if (!named.has(k) && typeof v === 'string') targets[k] = v;
  const pos = parsed.positionOf([index]);
  return {
    en: entry.en,
    targets,
    forms: entry.forms ?? {},
    stems: entry.stems ?? {},
    exceptions: entry.exceptions ?? [],
    note: entry.note,
    line: pos?.line,
    column: pos?.column,
  };
}

/**
 * Reads and validates a project's glossary (it is optional). Languages must be the
 * project's; exceptions must name units that exist (checked by terms.ts, which knows them).
 */
export function loadGlossary(
  projectId: string,
  projectDir: string,
  locales: readonly string[],
): { glossary: Glossary | undefined; diagnostics: Diagnostic[] } {
  const reader = new FileReader(projectDir);
  const file = reader.path(GLOSSARY_FILE);
  const text = reader.read(GLOSSARY_FILE);
  if (text === undefined) return { glossary: undefined, diagnostics: [] };
  const parsed = parseYaml(text, file);
  const result = validate(parsed, GlossaryFile);
  if (!result.ok) return { glossary: undefined, diagnostics: result.errors };
  const entries = result.value ?? [];
  const at: EntryPlace = { file, parsed, locales };
  const repeated = repeats(entries);
  return {
    glossary: { project: projectId, file, terms: entries.map((e, i) => toTerm(e, i, parsed)) },
    diagnostics: entries.flatMap((e, i) => entryProblems(e, i, at, repeated.has(i))),
  };
}

/** What an entry is checked against: the file it is in, and the project's languages. */
interface EntryPlace {
  readonly file: string;
  readonly parsed: ParsedYaml;
  readonly locales: readonly string[];
}

/** The entries that repeat an earlier one's English term: one term, one decision (the check would find the first). */
function repeats(entries: readonly GlossaryEntry[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  entries.forEach((entry, i) => {
    const key = entry.en.trim().toLowerCase();
    if (seen.has(key)) out.add(i);
    seen.add(key);
  });
  return out;
}

/** An entry given twice, its languages that are not the project's, its forms or stems given for no term of theirs. */
function entryProblems(
  entry: GlossaryEntry,
  i: number,
  { file, parsed, locales }: EntryPlace,
  repeated: boolean,
): Diagnostic[] {
  const twice = repeated
    ? [diagnose('ref/duplicate-id', file, { id: entry.en }, parsed.positionOf([i, 'en']))]
    : [];
  const unknown = Object.keys(entry)
    .filter((key) => !named.has(key) && !locales.includes(key))
    .map((key) =>
      diagnose(
        'schema/unknown-key',
        file,
        { kind: 'language', key, locales, at: String(i) },
        parsed.keyPositionOf([i, key]),
      ),
    );
  const orphans = (['forms', 'stems'] as const).flatMap((field) =>
    Object.keys(entry[field] ?? {})
      .filter((lang) => !(lang in entry) || lang === 'en')
      .map((lang) =>
        diagnose(
          'schema/invalid',
          file,
          { kind: 'forms-without-term', field, lang, at: `${i}.${field}` },
          parsed.keyPositionOf([i, field, lang]),
        ),
      ),
  );
  return [...twice, ...unknown, ...orphans];
}
