/**
 * Checks of each language's texts and prose: a label that agrees with its number has
 * every form; a text's Markdown and directives are sound (as are a quotation's
 * renderings'); the prose's directives resolve; a translation has every text the source
 * language has.
 */
import { diagnose, type Diagnostic, type Position } from '../../diagnostics/diagnostic.js';
import { missingForms, usesGenitive } from '../../i18n/forms.js';
import { packFor } from '../../i18n/languages/index.js';
import type { Claim } from '../../model/figure-use.js';
import { entryClaim, type LocaleContent, type Project } from '../../model/project.js';
import { parseMarkdown, type ParsedMarkdown } from '../markdown.js';
import { textLeaves, unitKey } from '../text-keys.js';
import type { CheckContext } from './context.js';
import type { DirectiveChecks } from './directives.js';
import { isFigure } from './references.js';

/** Prose and texts of every locale: directives resolve, nouns exist, translations complete. */
export function checkTexts(project: Project, ctx: CheckContext, directives: DirectiveChecks): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const content of project.locales.values()) {
    out.push(
      ...labelForms(project, ctx, content),
      ...textValues(project, ctx, directives, content),
      ...proseUses(directives, content),
      ...translationUnits(project, ctx, content),
    );
  }
  return out;
}

/** A label that agrees with its number declares every form its language needs. */
function labelForms(project: Project, ctx: CheckContext, { locale, texts }: LocaleContent): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rel = `${locale}/texts.yaml`;
  const labelKeys = new Set(Object.keys(texts.figures));
  // Labels given in forms (`bodies_few`, `bodies_gen_many`), by their unit.
  const labelled = new Set([...labelKeys].filter((k) => unitKey(k) !== k).map(unitKey));
  // Key-figure labels stand next to their number: where labels agree, they need every form.
  const agree = packFor(locale).labelsAgree;
  const keyFigures = [
    ...Object.values(project.config.audiences).flatMap((a) => a.keyFigures),
    ...project.config.release.keyFigures,
  ];
  // An unknown key figure is reported where it is named, not as a label it lacks.
  if (agree) for (const f of keyFigures) if (isFigure(project, ctx, f)) labelled.add(f);
  for (const base of ctx.textsRead(locale) ? labelled : []) {
    const forms = new Set([...labelKeys].filter((k) => k === base || k.startsWith(`${base}_`)));
    const needs = agree && keyFigures.includes(base);
    const missing = missingForms(
      base,
      forms,
      locale,
      usesGenitive(forms) || (needs && packFor(locale).declines),
      needs,
    );
    if (missing.length)
      out.push(
        diagnose(
          'i18n/missing',
          ctx.file(rel),
          { kind: 'label-forms', label: base, missing },
          ctx.pos(rel, ['figures', [...forms][0] ?? base]),
        ),
      );
  }
  return out;
}

/** Each text of texts.yaml: its Markdown, and its directives with what its entry claims. */
function textValues(
  project: Project,
  ctx: CheckContext,
  directives: DirectiveChecks,
  { locale, texts }: LocaleContent,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rel = `${locale}/texts.yaml`;
  for (const [key, value, path] of textLeaves(texts)) {
    const at = ctx.pos(rel, path) ?? { line: 1, column: 1 };
    const parsed = parseValue(ctx, rel, path, value, { line: at.line, column: at.column });
    // A source's title is the source's own wording, not a quotation the briefing makes.
    const errors = key.startsWith('sources.')
      ? parsed.errors.filter((d) => d.rule !== 'quote/typed-in-prose')
      : parsed.errors;
    out.push(...errors.map((d) => ({ ...d, message: `${d.message} (in \`${key}\`)` })));
    // What an entry's text claims (its date, its source) is in the file of the entry: unknown
    // while that file cannot be read.
    if (!ctx.unreadable.has(`${key.split('.')[0]}.yaml`))
      out.push(...directives.check(parsed.uses, ctx.file(rel), locale, entryClaim(project, key)));
  }
  return out;
}

/** The directives of a language's findings, framings and release. */
function proseUses(directives: DirectiveChecks, content: LocaleContent): Diagnostic[] {
  const proses = [
    ...content.findings.values(),
    ...content.framing.values(),
    ...(content.release ? [content.release] : []),
  ];
  return proses.flatMap((prose) => directives.check(prose.uses, prose.file, content.locale));
}

/**
 * A translation's texts against the source language's, each file's leaves read once: a unit
 * the source has and the translation lacks is missing; one the translation has and the source
 * lacks is unknown (a misspelt key, whose right unit is then reported missing, or a text left
 * over after the source's was removed).
 */
function translationUnits(
  project: Project,
  ctx: CheckContext,
  { locale, texts }: LocaleContent,
): Diagnostic[] {
  const { sourceLocale } = ctx;
  if (!sourceLocale || locale === project.config.sourceLocale || !ctx.textsRead(locale)) return [];
  const source = textLeaves(sourceLocale.texts);
  const own = textLeaves(texts);
  const known = new Set(source.map(([key]) => unitKey(key)));
  const has = new Set(own.map(([key]) => unitKey(key)));
  const rel = `${locale}/texts.yaml`;
  const from = project.config.sourceLocale;
  const out = source
    .filter(([key]) => !has.has(unitKey(key)))
    .map(([key]) =>
      diagnose('i18n/missing', ctx.file(rel), { kind: 'text', key, locale, sourceLocale: from }),
    );
  const reported = new Set<string>();
  for (const [key, , path] of own) {
    const unit = unitKey(key);
    if (known.has(unit) || reported.has(unit) || ownedByEntry(project, unit)) continue;
    reported.add(unit);
    out.push(
      diagnose(
        'i18n/unknown-text',
        ctx.file(rel),
        { key: unit, locale, sourceLocale: from, known: [...known] },
        ctx.pos(rel, path),
      ),
    );
  }
  return out;
}

/**
 * A text of an entry the project has (a source, a figure, a recommendation, a chronology
 * entry): the source language lacks it, which that entry's own check reports.
 */
function ownedByEntry(project: Project, unit: string): boolean {
  const [group, id] = unit.split('.');
  switch (group) {
    case 'sources':
      return project.sources.some((s) => s.id === id);
    case 'figures':
      return id !== undefined && project.figures.has(id);
    case 'recommendations':
      return project.recommendations.some((r) => r.id === id);
    case 'chronology':
      return project.chronology.some((c) => c.id === id);
    default:
      return false;
  }
}

/** Checks a rendering's text of `locale`, at `at` or at `path` in quotations.yaml, with what its quotation claims. */
export type RenderingCheck = (
  text: string,
  locale: string,
  at: Position | undefined,
  claim: Claim,
  path: readonly (string | number)[],
) => Diagnostic[];

/**
 * How a quotation's rendering is checked: as a text of its locale (Markdown, directives,
 * with what the quotation claims), at its place in quotations.yaml. A quotation in a
 * quotation is refused. A locale without texts checks nothing.
 */
export function renderingChecks(
  project: Project,
  ctx: CheckContext,
  directives: DirectiveChecks,
): RenderingCheck {
  const rel = 'quotations.yaml';
  return (text, locale, at, claim, path) => {
    if (!project.locales.has(locale)) return [];
    const parsed = parseValue(ctx, rel, path, text, at ?? { line: 1, column: 1 });
    const out = parsed.errors.filter((d) => d.rule !== 'quote/typed-in-prose');
    for (const u of parsed.uses)
      if (u.name === 'quote')
        out.push(diagnose('markdown/unknown-directive', ctx.file(rel), { kind: 'nested-quote' }, u.position));
      else out.push(...directives.check([u], ctx.file(rel), locale, claim));
    return out;
  };
}

/**
 * A text value of a YAML file, parsed as Markdown from `at`. A value over several lines,
 * or quoted, is parsed as its own text and placed back.
 */
function parseValue(
  ctx: CheckContext,
  rel: string,
  path: readonly PropertyKey[],
  value: string,
  at: Position,
): ParsedMarkdown {
  const place = ctx.positions.get(rel)?.placesIn(path, value);
  return place
    ? placedBack(parseMarkdown(value, ctx.file(rel)), place)
    : parseMarkdown(value, ctx.file(rel), at);
}

/** A text's problems and uses, parsed from 1:1, at their places in the file (`place`). */
function placedBack(parsed: ParsedMarkdown, place: (p: Position) => Position): ParsedMarkdown {
  return {
    ...parsed,
    errors: parsed.errors.map((d) =>
      d.line === undefined ? d : { ...d, ...place({ line: d.line, column: d.column ?? 1 }) },
    ),
    uses: parsed.uses.map((u) => ({ ...u, position: place(u.position) })),
  };
}
