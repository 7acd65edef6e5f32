/**
 * Resolves every reference in a loaded project (figures, sources, places,
 * addressees, recommendations, charts, nouns) and checks figure quotes against
 * the source texts. The checks of the registry files are in check/. Returns
 * diagnostics; never throws.
 */
import { isMoment, isPartialDate } from '../model/dates.js';
import { diagnose, place, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import { figureUse, selectValue, withDefault, type Claim } from '../model/figure-use.js';
import { entryClaim, projectCovers, type Project } from '../model/project.js';
import { flatten } from '../model/units.js';
import { missingForms, usesGenitive } from '../i18n/forms.js';
import { packFor } from '../i18n/languages/index.js';
import { parseMarkdown, type ParsedMarkdown } from './markdown.js';
import type { DirectiveUse } from '../model/project.js';
import { checkQuotations } from './quotations.js';
import { textLeaves, unitKey } from './text-keys.js';
import { checkContext, type Loaded } from './check/context.js';
import { isChart as isChartOf, references } from './check/references.js';
import { checkDuplicateIds } from './check/ids.js';
import { checkSources } from './check/sources.js';
import { checkFigures } from './check/figures.js';
import { checkChronology } from './check/chronology.js';
import { checkRecommendations } from './check/recommendations.js';
import { checkFindings } from './check/findings.js';
import { checkProjectFile } from './check/project-file.js';
import { checkUnused } from './check/unused.js';

/** Every directive use in the project, with the locale and file it appears in. */
export interface Use extends DirectiveUse {
  readonly file: string;
  readonly locale: string;
}

export function resolveReferences(project: Project, loaded: Loaded): Diagnostic[] {
  const ctx = checkContext(project, loaded);
  const { file, pos, textsRead, sourceIds, sourceLocale, textOf } = ctx;
  const need = references(project, ctx);
  const needSource = (id: string, rel: string, path: PropertyKey[]): void => {
    out.push(...need.source(id, rel, path));
  };
  const isChart = (id: string): boolean => isChartOf(project, ctx, id);
  const covers = projectCovers(project);
  // One problem per missing form, at the first use, not one per use.
  const reportedNouns = new Set<string>();
  const out: Diagnostic[] = [
    ...checkDuplicateIds(project, ctx),
    ...checkSources(project, ctx),
    ...checkFigures(project, ctx),
    ...checkChronology(project, ctx),
    ...checkRecommendations(project, ctx),
    ...checkFindings(project, ctx),
    ...checkProjectFile(project, ctx),
  ];

  // Prose and texts of every locale: directives resolve, nouns exist, translations complete.
  const uses: Use[] = [];
  /** Per locale, how a quotation rendering's Markdown is checked (as that locale's texts are). */
  const quotationTexts = new Map<
    string,
    (text: string, at: Position | undefined, claim: Claim, path: readonly (string | number)[]) => void
  >();
  for (const [locale, content] of project.locales) {
    const rel = `${locale}/texts.yaml`;
    const nouns = new Map(flatten(content.texts.nouns));
    const checkUses = (list: readonly DirectiveUse[], f: string, claim?: Claim): void => {
      for (const u of list) {
        uses.push({ ...u, file: f, locale });
        checkUse(u, f, nouns, locale, claim);
      }
    };
    // A label that agrees with its number declares every form its language needs.
    const labelKeys = new Set(Object.keys(content.texts.figures));
    // Labels given in forms (`bodies_few`, `bodies_gen_many`), by their unit.
    const labelled = new Set([...labelKeys].filter((k) => unitKey(k) !== k).map(unitKey));
    // Key-figure labels stand next to their number: where labels agree, they need every form.
    const agree = packFor(locale).labelsAgree;
    const keyFigures = [
      ...Object.values(project.config.audiences).flatMap((a) => a.keyFigures),
      ...project.config.release.keyFigures,
    ];
    // An unknown key figure is reported where it is named, not as a label it lacks.
    const known = (f: string): boolean => project.figures.has(f) || ctx.figureEntries.some((e) => e.id === f);
    if (agree) for (const f of keyFigures) if (known(f)) labelled.add(f);
    for (const base of textsRead(locale) ? labelled : []) {
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
            file(rel),
            { kind: 'label-forms', label: base, missing },
            pos(rel, ['figures', [...forms][0] ?? base]),
          ),
        );
    }
    for (const [key, value, path] of textLeaves(content.texts)) {
      const at = pos(rel, path) ?? { line: 1, column: 1 };
      // A value over several lines, or quoted, is parsed as its own text and placed back.
      const place = ctx.positions.get(rel)?.placesIn(path, value);
      const parsed = place
        ? placedBack(parseMarkdown(value, file(rel)), place)
        : parseMarkdown(value, file(rel), { line: at.line, column: at.column });
      // A source's title is the source's own wording, not a quotation the briefing makes.
      const errors = key.startsWith('sources.')
        ? parsed.errors.filter((d) => d.rule !== 'quote/typed-in-prose')
        : parsed.errors;
      out.push(...errors.map((d) => ({ ...d, message: `${d.message} (in \`${key}\`)` })));
      // What an entry's text claims (its date, its source) is in the file of the entry: unknown
      // while that file cannot be read.
      if (!ctx.unreadable.has(`${key.split('.')[0]}.yaml`))
        checkUses(parsed.uses, file(rel), entryClaim(project, key));
    }
    const proses = [
      ...content.findings.values(),
      ...content.framing.values(),
      ...(content.release ? [content.release] : []),
    ];
    for (const prose of proses) {
      checkUses(prose.uses, prose.file);
    }
    quotationTexts.set(locale, (text, at, claim, path) => {
      const place = ctx.positions.get('quotations.yaml')?.placesIn(path, text);
      const parsed = place
        ? placedBack(parseMarkdown(text, file('quotations.yaml')), place)
        : parseMarkdown(text, file('quotations.yaml'), at ?? { line: 1, column: 1 });
      out.push(...parsed.errors.filter((d) => d.rule !== 'quote/typed-in-prose'));
      for (const u of parsed.uses)
        if (u.name === 'quote')
          out.push(
            diagnose(
              'markdown/unknown-directive',
              file('quotations.yaml'),
              { kind: 'nested-quote' },
              u.position,
            ),
          );
        else checkUses([u], file('quotations.yaml'), claim);
    });
    if (sourceLocale && locale !== project.config.sourceLocale && textsRead(locale)) {
      const own = new Set(textLeaves(content.texts).map(([key]) => unitKey(key)));
      for (const [key] of textLeaves(sourceLocale.texts)) {
        if (!own.has(unitKey(key))) {
          out.push(
            diagnose('i18n/missing', file(rel), {
              kind: 'text',
              key,
              locale,
              sourceLocale: project.config.sourceLocale,
            }),
          );
        }
      }
    }
  }

  /**
   * Where numbers agree in gender (Russian "одна видеозапись", "два человека"), a noun
   * counted by a number written in words declares its gender; without it the number
   * stays in digits, correct but not in house style.
   */
  function checkGender(
    u: DirectiveUse,
    f: string,
    nouns: Map<string, string>,
    locale: string,
    value: number | undefined,
  ): void {
    const { genders } = packFor(locale);
    const noun = u.attributes.noun;
    if (!noun || genders.length === 0 || value === undefined || !textsRead(locale)) return;
    const declared = nouns.get(`${noun}_gender`);
    const [gender, ...flags] = (declared ?? '').trim().split(/\s+/);
    if (declared !== undefined && (!genders.includes(gender ?? '') || flags.some((x) => x !== 'animate'))) {
      if (!reportedNouns.has(`${locale}:${noun}_gender`))
        out.push(
          diagnose('schema/invalid', f, { kind: 'noun-gender', noun, locale, declared, genders }, u.position),
        );
      reportedNouns.add(`${locale}:${noun}_gender`);
      return;
    }
    // Only the last words one and two differ by gender; 11 and 12 do not.
    const needed =
      Number.isInteger(value) && value < 100 && [1, 2].includes(value % 10) && ![11, 12].includes(value);
    if (!needed || declared !== undefined || reportedNouns.has(`${locale}:${noun}_gender`)) return;
    reportedNouns.add(`${locale}:${noun}_gender`);
    out.push(
      diagnose(
        'i18n/missing',
        f,
        { kind: 'noun-gender', noun, locale, genders, value: String(value) },
        u.position,
      ),
    );
  }

  function checkUse(
    u: DirectiveUse,
    f: string,
    nouns: Map<string, string>,
    locale: string,
    entry?: Claim,
  ): void {
    switch (u.name) {
      case 'fig': {
        const figure = project.figures.get(u.value);
        if (!figure) {
          if (!ctx.figureEntries.some((e) => e.id === u.value))
            out.push(
              diagnose(
                'ref/unknown-figure',
                f,
                { kind: 'use', id: u.value, known: project.figures.keys() },
                u.position,
              ),
            );
        } else {
          const selected = selectValue(figure, figureUse(u.attributes), withDefault(u.claim, entry), covers);
          if (!selected.ok) out.push(place(selected.problem, f, u.position));
          else checkGender(u, f, nouns, locale, selected.value.value);
        }
        if (u.attributes.noun && textsRead(locale) && !reportedNouns.has(`${locale}:${u.attributes.noun}`)) {
          const missing = missingForms(
            u.attributes.noun,
            new Set(nouns.keys()),
            locale,
            packFor(locale).declines || usesGenitive(nouns.keys()),
          );
          reportedNouns.add(`${locale}:${u.attributes.noun}`);
          if (missing.length)
            out.push(
              diagnose(
                'i18n/missing',
                f,
                { kind: 'noun-forms', noun: u.attributes.noun, missing, locale },
                u.position,
              ),
            );
        }
        break;
      }
      case 'cite':
        for (const id of u.value.split(',').map((s) => s.trim())) {
          if (!sourceIds.has(id))
            out.push(diagnose('ref/unknown-source', f, { id, known: sourceIds }, u.position));
        }
        break;
      case 'date':
        if (!isPartialDate(u.value)) {
          out.push(diagnose('schema/invalid', f, { kind: 'directive-date', value: u.value }, u.position));
        }
        break;
      case 'quote':
        if (!project.quotations.has(u.value) && !ctx.unreadable.has('quotations.yaml'))
          out.push(
            diagnose(
              'ref/unknown-quotation',
              f,
              { kind: 'use', id: u.value, known: project.quotations.keys() },
              u.position,
            ),
          );
        break;
      case 'chartref':
        if (!isChart(u.value))
          out.push(
            diagnose('ref/unknown-chart', f, { id: u.value, known: project.charts.keys() }, u.position),
          );
        break;
      case 'time':
        if (!/T/.test(u.value) || !isMoment(u.value)) {
          out.push(diagnose('schema/invalid', f, { kind: 'directive-time', value: u.value }, u.position));
        }
        break;
    }
  }

  out.push(
    ...checkQuotations({
      project,
      entries: ctx.quotationEntries,
      file: file('quotations.yaml'),
      pos: (path) => pos('quotations.yaml', path),
      textOf,
      needSource: (id, path) => needSource(id, 'quotations.yaml', path),
      checkText: (text, locale, at, claim, path) => quotationTexts.get(locale)?.(text, at, claim, path),
    }),
  );

  return [...out, ...checkUnused(project, ctx, uses)];
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
