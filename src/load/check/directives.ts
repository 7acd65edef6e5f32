/**
 * Checks of the directives a text uses (:fig, :cite, :date, :time, :quote, :chartref),
 * wherever the text is: a finding, a framing, the release, texts.yaml or a quotation's
 * rendering. A figure's use resolves to a value, and its noun has the forms and the
 * gender the language needs. Every use is kept, for the check of what is unused.
 */
import { diagnose, place, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { missingForms, usesGenitive } from '../../i18n/forms.js';
import { packFor } from '../../i18n/languages/index.js';
import { isMoment, isPartialDate, rangeProblem } from '../../model/dates.js';
import { figureUse, selectValue, withDefault, type Claim } from '../../model/figure-use.js';
import { projectCovers, type DirectiveUse, type Project } from '../../model/project.js';
import { flatten } from '../../model/units.js';
import type { CheckContext } from './context.js';
import { isChart } from './references.js';

/** Every directive use in the project, with the locale and file it appears in. */
export interface Use extends DirectiveUse {
  readonly file: string;
  readonly locale: string;
}

export class DirectiveChecks {
  /** Every use checked so far. */
  readonly uses: Use[] = [];
  // One problem per missing form, at the first use, not one per use.
  private readonly reportedNouns = new Set<string>();
  private readonly nounsByLocale = new Map<string, Map<string, string>>();
  private readonly covers: ReturnType<typeof projectCovers>;

  constructor(
    private readonly project: Project,
    private readonly ctx: CheckContext,
  ) {
    this.covers = projectCovers(project);
  }

  /** The uses of a text of `locale` in file `f`; `claim`: what the entry the text belongs to claims. */
  check(list: readonly DirectiveUse[], f: string, locale: string, claim?: Claim): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const u of list) {
      this.uses.push({ ...u, file: f, locale });
      out.push(...this.checkUse(u, f, locale, claim));
    }
    return out;
  }

  private checkUse(u: DirectiveUse, f: string, locale: string, entry?: Claim): Diagnostic[] {
    const { project, ctx } = this;
    const invalid = (kind: 'directive-date' | 'directive-time'): Diagnostic[] => [
      diagnose('schema/invalid', f, { kind, value: u.value }, u.position),
    ];
    switch (u.name) {
      case 'fig':
        return this.checkFigure(u, f, locale, entry);
      case 'cite':
        return u.value
          .split(',')
          .map((s) => s.trim())
          .filter((id) => !ctx.sourceIds.has(id))
          .map((id) => diagnose('ref/unknown-source', f, { id, known: ctx.sourceIds }, u.position));
      case 'date': {
        const range = rangeProblem(u.value, u.attributes);
        const problems = range ? [diagnose('markdown/date-range', f, range, u.position)] : [];
        return isPartialDate(u.value) ? problems : [...invalid('directive-date'), ...problems];
      }
      case 'quote':
        return project.quotations.has(u.value) || ctx.unreadable.has('quotations.yaml')
          ? []
          : [
              diagnose(
                'ref/unknown-quotation',
                f,
                { kind: 'use', id: u.value, known: project.quotations.keys() },
                u.position,
              ),
            ];
      case 'chartref':
        return isChart(project, ctx, u.value)
          ? []
          : [diagnose('ref/unknown-chart', f, { id: u.value, known: project.charts.keys() }, u.position)];
      case 'time':
        return /T/.test(u.value) && isMoment(u.value) ? [] : invalid('directive-time');
    }
  }

  /** A figure's use: the figure exists and gives a value for it; its noun has the forms it needs. */
  private checkFigure(u: DirectiveUse, f: string, locale: string, entry?: Claim): Diagnostic[] {
    const out: Diagnostic[] = [];
    const figure = this.project.figures.get(u.value);
    if (!figure) {
      if (!this.ctx.figureEntries.some((e) => e.id === u.value))
        out.push(
          diagnose(
            'ref/unknown-figure',
            f,
            { kind: 'use', id: u.value, known: this.project.figures.keys() },
            u.position,
          ),
        );
    } else {
      const selected = selectValue(figure, figureUse(u.attributes), withDefault(u.claim, entry), this.covers);
      if (!selected.ok) out.push(place(selected.problem, f, u.position));
      else out.push(...this.checkGender(u, f, locale, selected.value.value));
    }
    out.push(...this.checkNounForms(u, f, locale));
    return out;
  }

  /** The forms of the noun a figure is counted in, each missing one reported once per language. */
  private checkNounForms(u: DirectiveUse, f: string, locale: string): Diagnostic[] {
    const noun = u.attributes.noun;
    if (!noun || !this.ctx.textsRead(locale) || this.reportedNouns.has(`${locale}:${noun}`)) return [];
    const nouns = this.nounsOf(locale);
    const missing = missingForms(
      noun,
      new Set(nouns.keys()),
      locale,
      packFor(locale).declines || usesGenitive(nouns.keys()),
    );
    this.reportedNouns.add(`${locale}:${noun}`);
    return missing.length
      ? [diagnose('i18n/missing', f, { kind: 'noun-forms', noun, missing, locale }, u.position)]
      : [];
  }

  /**
   * Where numbers agree in gender (Russian "одна видеозапись", "два человека"), a noun
   * counted by a number written in words declares its gender; without it the number
   * stays in digits, correct but not in house style.
   */
  private checkGender(u: DirectiveUse, f: string, locale: string, value: number | undefined): Diagnostic[] {
    const { genders } = packFor(locale);
    const noun = u.attributes.noun;
    if (!noun || genders.length === 0 || value === undefined || !this.ctx.textsRead(locale)) return [];
    const key = `${locale}:${noun}_gender`;
    const declared = this.nounsOf(locale).get(`${noun}_gender`);
    const [gender, ...flags] = (declared ?? '').trim().split(/\s+/);
    if (declared !== undefined && (!genders.includes(gender ?? '') || flags.some((x) => x !== 'animate'))) {
      const reported = this.reportedNouns.has(key);
      this.reportedNouns.add(key);
      return reported
        ? []
        : [
            diagnose(
              'schema/invalid',
              f,
              { kind: 'noun-gender', noun, locale, declared, genders },
              u.position,
            ),
          ];
    }
    // Needed where the number in words differs by gender (Russian: 1, 2, 21, 22…; not 11 or 12),
    // as the language pack spells it: a number it writes in digits needs none.
    const pack = packFor(locale);
    const needed = new Set(genders.map((gender) => pack.spell(value, { gender }))).size > 1;
    if (!needed || declared !== undefined || this.reportedNouns.has(key)) return [];
    this.reportedNouns.add(key);
    return [
      diagnose(
        'i18n/missing',
        f,
        { kind: 'noun-gender', noun, locale, genders, value: String(value) },
        u.position,
      ),
    ];
  }

  /** The nouns of a language's texts.yaml, by key (`video_one`, `video_gender`). */
  private nounsOf(locale: string): Map<string, string> {
    let nouns = this.nounsByLocale.get(locale);
    if (!nouns) {
      nouns = new Map(flatten(this.project.locales.get(locale)?.texts.nouns ?? {}));
      this.nounsByLocale.set(locale, nouns);
    }
    return nouns;
  }
}
