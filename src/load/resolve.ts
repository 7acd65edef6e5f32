/**
 * Resolves every reference in a loaded project (figures, sources, places,
 * addressees, recommendations, charts, nouns) and checks figure quotes against
 * the source texts. Returns diagnostics; never throws.
 */
import { isMoment, isPartialDate } from '../model/dates.js';
import {
  diagnose,
  finding,
  place,
  type Diagnostic,
  type Finding,
  type Position,
} from '../diagnostics/diagnostic.js';
import type { FormulaProblem } from '../model/figures.js';
import { figureUse, selectValue, withDefault, type Claim } from '../model/figure-use.js';
import { entryClaim, projectCovers, type Project } from '../model/project.js';
import { flatten } from '../model/units.js';
import { missingForms, usesGenitive } from '../i18n/forms.js';
import { packFor } from '../i18n/languages/index.js';
import { parseMarkdown, type ParsedMarkdown } from './markdown.js';
import type { DirectiveUse } from '../model/project.js';
import type { FigureEntry, QuotationEntry } from '../model/schema.js';
import { checkQuotations } from './quotations.js';
import { sourceOf } from '../model/quotations.js';
import type { ParsedYaml } from './yaml.js';
import { textLeaves, unitKey } from './text-keys.js';

interface Context {
  /** Absolute path of a project-relative path, for messages. */
  readonly path: (rel: string) => string;
  readonly positions: ReadonlyMap<string, ParsedYaml>;
  readonly formulaProblems: readonly FormulaProblem[];
  readonly figureEntries: readonly FigureEntry[];
  readonly quotationEntries: readonly QuotationEntry[];
  /** Per source of sources.yaml, its `text` as the loader read it: undefined without one, or unreadable. */
  readonly sourceTexts: readonly (string | undefined)[];
  /** Project-relative files that are there but could not be read (their own error says why). */
  readonly unreadable: ReadonlySet<string>;
}

/** Every directive use in the project, with the locale and file it appears in. */
export interface Use extends DirectiveUse {
  readonly file: string;
  readonly locale: string;
}

export function resolveReferences(project: Project, ctx: Context): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = (rel: string): string => ctx.path(rel);
  const pos = (rel: string, path: PropertyKey[]): Position | undefined =>
    ctx.positions.get(rel)?.positionOf(path);
  const sourceIds = new Set(project.sources.map((s) => s.id));
  const sourceLocale = project.locales.get(project.config.sourceLocale);
  const covers = projectCovers(project);
  // One problem per missing form, at the first use, not one per use.
  const reportedNouns = new Set<string>();
  // A language whose texts.yaml could not be read has no nouns, labels or texts to check
  // against: that file's error is the one cause (a typo in it gave hundreds of follow-ons).
  const textsRead = (locale: string): boolean => !ctx.unreadable.has(`${locale}/texts.yaml`);

  duplicates(project.sources, 'sources.yaml');
  duplicates(ctx.figureEntries, 'figures.yaml');
  duplicates(project.chronology, 'chronology.yaml');
  duplicates(project.recommendations, 'recommendations.yaml');
  duplicates(project.findings, 'findings.yaml');
  duplicates(ctx.quotationEntries, 'quotations.yaml');

  function duplicates(list: readonly { id: string }[], rel: string): void {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.id))
        out.push(diagnose('ref/duplicate-id', file(rel), { id: e.id }, pos(rel, [i, 'id'])));
      seen.add(e.id);
    });
  }

  const needSource = (id: string, rel: string, path: PropertyKey[]): void => {
    if (!sourceIds.has(id))
      out.push(diagnose('ref/unknown-source', file(rel), { id, known: sourceIds }, pos(rel, path)));
  };

  // Sources: `via` must exist, and text files must be readable.
  const sourceTexts = new Map<string, string>();
  project.sources.forEach((s, i) => {
    if (s.via) needSource(s.via, 'sources.yaml', [i, 'via']);
    if (s.text) {
      const text = ctx.sourceTexts[i];
      if (text === undefined)
        out.push(
          diagnose(
            'file/missing',
            file('sources.yaml'),
            { kind: 'source-text', text: s.text },
            pos('sources.yaml', [i, 'text']),
          ),
        );
      else sourceTexts.set(s.id, text);
    }
  });
  const textOf = (id: string): string | undefined => {
    const s = project.sources.find((x) => x.id === id);
    if (!s) return undefined;
    return sourceTexts.get(s.id) ?? (s.via ? textOf(s.via) : undefined);
  };

  // A source is named in the references by its author and title in the source language.
  project.sources.forEach((s, i) => {
    if (sourceLocale && !(s.id in sourceLocale.texts.sources))
      out.push(
        diagnose(
          'source/untitled',
          file('sources.yaml'),
          { source: s.id, textsFile: `${project.config.sourceLocale}/texts.yaml` },
          pos('sources.yaml', [i, 'id']),
        ),
      );
  });

  // Figures: sources exist, quotes are verbatim, formulas resolve.
  const sourceDates = new Map(project.sources.map((s) => [s.id, s.date]));
  ctx.figureEntries.forEach((f, i) => {
    const given = new Set<string>();
    f.values?.forEach((v, j) => {
      needSource(v.source, 'figures.yaml', [i, 'values', j, 'source']);
      const date = sourceDates.get(v.source);
      if (date && after(v.asOf, date))
        out.push(
          diagnose(
            'figure/after-source',
            file('figures.yaml'),
            { figure: f.id, asOf: v.asOf, source: v.source, date },
            pos('figures.yaml', [i, 'values', j, 'asOf']),
          ),
        );
      const key = `${v.asOf} ${v.source}`;
      if (given.has(key))
        out.push(
          diagnose(
            'figure/duplicate-value',
            file('figures.yaml'),
            { figure: f.id, asOf: v.asOf, source: v.source },
            pos('figures.yaml', [i, 'values', j]),
          ),
        );
      given.add(key);
      const text = textOf(v.source);
      const quoted = numbersIn(v.quote);
      if (v.value !== undefined && quoted.length && !quoted.includes(v.value))
        out.push(
          diagnose(
            'figure/quote-value',
            file('figures.yaml'),
            { figure: f.id, value: v.value, numbers: quoted },
            pos('figures.yaml', [i, 'values', j, 'value']),
          ),
        );
      if (text !== undefined && !text.includes(v.quote)) {
        out.push(
          diagnose(
            'figure/quote-not-found',
            file('figures.yaml'),
            { figure: f.id, source: v.source },
            pos('figures.yaml', [i, 'values', j, 'quote']),
          ),
        );
      }
      if (
        v.value === undefined &&
        ['exact', 'at-least', 'over', 'about', 'fewer-than', 'up-to', 'nearly'].includes(v.qualifier)
      ) {
        out.push(
          diagnose(
            'schema/missing',
            file('figures.yaml'),
            { kind: 'value-for-qualifier', figure: f.id, qualifier: v.qualifier },
            pos('figures.yaml', [i, 'values', j]),
          ),
        );
      }
    });
  });
  for (const p of ctx.formulaProblems) {
    const i = ctx.figureEntries.findIndex((f) => f.id === p.figure);
    const field =
      p.kind === 'pin' || p.kind === 'pin-unused'
        ? 'pins'
        : p.kind === 'qualifier-mismatch'
          ? 'qualifier'
          : p.kind === 'date-before-inputs'
            ? 'asOf'
            : 'formula';
    const at = pos('figures.yaml', [i, field]) ?? pos('figures.yaml', [i, 'formula']);
    out.push(place(formulaFinding(p, project.figures.keys()), file('figures.yaml'), at));
  }

  // A chart whose file could not be read is known: its own error is the one cause.
  const isChart = (id: string): boolean =>
    project.charts.has(id) || ctx.unreadable.has(`charts/${id}.vl.json`);
  const needChart = (id: string, rel: string, path: PropertyKey[]): void => {
    if (!isChart(id))
      out.push(
        diagnose('ref/unknown-chart', file(rel), { id, known: project.charts.keys() }, pos(rel, path)),
      );
  };
  const needFigure = (id: string, rel: string, path: PropertyKey[]): void => {
    if (!project.figures.has(id) && !ctx.figureEntries.some((f) => f.id === id))
      out.push(
        diagnose(
          'ref/unknown-figure',
          file(rel),
          { kind: 'use', id, known: project.figures.keys() },
          pos(rel, path),
        ),
      );
  };
  const needText = (group: 'places' | 'addressees', id: string, rel: string, path: PropertyKey[]): void => {
    if (sourceLocale && !(id in sourceLocale.texts[group])) {
      out.push(
        diagnose(
          'ref/unknown-place',
          file(rel),
          {
            id,
            group,
            textsFile: `${project.config.sourceLocale}/texts.yaml`,
            known: Object.keys(sourceLocale.texts[group]),
          },
          pos(rel, path),
        ),
      );
    }
  };

  project.chronology.forEach((c, i) => {
    needSource(c.source, 'chronology.yaml', [i, 'source']);
    if (c.place) needText('places', c.place, 'chronology.yaml', [i, 'place']);
    c.figures.forEach((f, j) => needFigure(f, 'chronology.yaml', [i, 'figures', j]));
    if (c.until && endsBefore(c.at, c.until))
      out.push(
        diagnose(
          'chronology/order',
          file('chronology.yaml'),
          { at: c.at, until: c.until },
          pos('chronology.yaml', [i, 'until']),
        ),
      );
  });
  project.recommendations.forEach((r, i) => {
    needSource(r.source, 'recommendations.yaml', [i, 'source']);
    needText('addressees', r.addressee, 'recommendations.yaml', [i, 'addressee']);
  });
  // Audiences named by recommendations and findings are the project's own (or the release).
  const audiences = new Set(['release', ...Object.keys(project.config.audiences)]);
  const needAudience = (a: string, rel: string, path: PropertyKey[]): void => {
    if (!audiences.has(a))
      out.push(
        diagnose(
          'ref/unknown-audience',
          file(rel),
          { kind: 'undeclared', id: a, declared: [...audiences] },
          pos(rel, path),
        ),
      );
  };
  project.recommendations.forEach((r, i) =>
    r.audiences.forEach((a, j) => needAudience(a, 'recommendations.yaml', [i, 'audiences', j])),
  );
  project.findings.forEach((f, i) =>
    f.audiences?.forEach((a, j) => needAudience(a, 'findings.yaml', [i, 'audiences', j])),
  );
  project.findings.forEach((f, i) => {
    if (f.place) needText('places', f.place, 'findings.yaml', [i, 'place']);
    f.charts?.forEach((c, j) => needChart(c, 'findings.yaml', [i, 'charts', j]));
  });

  // project.yaml: key figures, key asks, charts.
  const recIds = new Set(project.recommendations.map((r) => r.id));
  for (const [audience, settings] of Object.entries(project.config.audiences)) {
    settings.keyFigures.forEach((f, j) =>
      needFigure(f, 'project.yaml', ['audiences', audience, 'keyFigures', j]),
    );
    settings.keyAsks.forEach((r, j) => {
      if (ctx.unreadable.has('recommendations.yaml')) return;
      const at = pos('project.yaml', ['audiences', audience, 'keyAsks', j]);
      const entry = project.recommendations.find((x) => x.id === r);
      if (!entry)
        out.push(diagnose('ref/unknown-recommendation', file('project.yaml'), { id: r, known: recIds }, at));
      // The box repeats the briefing's own asks: one it does not make would stand alone there.
      else if (!entry.audiences.includes(audience))
        out.push(
          diagnose(
            'ref/unknown-recommendation',
            file('project.yaml'),
            { kind: 'not-addressed', id: r, audience, audiences: entry.audiences },
            at,
          ),
        );
    });
    settings.charts.forEach((c, j) => needChart(c, 'project.yaml', ['audiences', audience, 'charts', j]));
  }
  project.config.release.keyFigures.forEach((f, j) =>
    needFigure(f, 'project.yaml', ['release', 'keyFigures', j]),
  );
  // Words asked of a language whose pack has none would be quietly left as digits.
  const numbers = project.config.style.numbers;
  for (const locale of project.config.locales) {
    if (packFor(locale).spell(1, { gender: packFor(locale).genders[0] }) !== undefined) continue;
    const own = numbers.locales[locale];
    const asked = (s: typeof own, at: string[]): string[] | undefined =>
      (s?.spellOutBelow ?? 0) > 1
        ? [...at, 'spellOutBelow']
        : s?.sentenceStart === 'words'
          ? [...at, 'sentenceStart']
          : undefined;
    const path =
      asked(own, ['style', 'numbers', 'locales', locale]) ??
      (own ? undefined : asked(numbers, ['style', 'numbers']));
    if (path)
      out.push(
        diagnose(
          'style/no-number-words',
          file('project.yaml'),
          { locale, at: path.join('.') },
          pos('project.yaml', path),
        ),
      );
  }
  // House style set for a language the project does not publish in is a typo, not a setting.
  for (const key of Object.keys(project.config.style.numbers.locales))
    if (!project.config.locales.includes(key))
      out.push(
        diagnose(
          'schema/unknown-key',
          file('project.yaml'),
          { kind: 'language', key, locales: project.config.locales, at: `style.numbers.locales.${key}` },
          pos('project.yaml', ['style', 'numbers', 'locales', key]),
        ),
      );

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

  // Unused figures and sources (warnings): nothing in any document refers to them.
  const usedFigures = new Set<string>();
  const usedSources = new Set<string>();
  for (const u of uses) {
    if (u.name === 'fig') usedFigures.add(u.value);
    if (u.name === 'cite') u.value.split(',').forEach((s) => usedSources.add(s.trim()));
  }
  for (const s of Object.values(project.config.audiences)) s.keyFigures.forEach((f) => usedFigures.add(f));
  project.config.release.keyFigures.forEach((f) => usedFigures.add(f));
  project.chronology.forEach((c) => {
    usedSources.add(c.source);
    c.figures.forEach((f) => usedFigures.add(f));
  });
  project.recommendations.forEach((r) => usedSources.add(r.source));
  for (const u of uses)
    if (u.name === 'quote') {
      const q = project.quotations.get(u.value);
      for (const r of Object.values(q?.renderings ?? {})) {
        const source = q ? sourceOf(q, r) : undefined;
        if (source) usedSources.add(source);
      }
    }
  for (const chart of project.charts.values())
    for (const m of JSON.stringify(chart.spec).matchAll(
      /"(?:fig|figText|asOf|dateText|sourceText):([a-z0-9_-]+)/g,
    ))
      usedFigures.add(m[1] ?? '');
  for (const fig of project.figures.values()) {
    if (fig.derived) for (const ref of fig.formula?.match(/[a-z0-9_]+/g) ?? []) usedFigures.add(ref);
    for (const v of fig.history) v.sources.forEach((s) => usedSources.add(s));
  }
  for (const s of project.sources) if (s.via) usedSources.add(s.via);
  // What a file that could not be read uses is unknown: nothing is called unused then.
  if (ctx.unreadable.size) return out;
  ctx.figureEntries.forEach((f, i) => {
    if (!usedFigures.has(f.id))
      out.push(
        diagnose('figure/unused', file('figures.yaml'), { figure: f.id }, pos('figures.yaml', [i, 'id'])),
      );
  });
  project.sources.forEach((s, i) => {
    if (!usedSources.has(s.id))
      out.push(
        diagnose('source/unused', file('sources.yaml'), { source: s.id }, pos('sources.yaml', [i, 'id'])),
      );
  });
  return out;
}

/** The finding of a formula problem: its rule, with what the message needs. */
function formulaFinding(p: FormulaProblem, known: Iterable<string>): Finding {
  switch (p.kind) {
    case 'syntax':
      return finding('figure/formula', { kind: 'syntax', figure: p.figure, detail: p.message });
    case 'unknown':
      return finding('ref/unknown-figure', { kind: 'formula', figure: p.figure, id: p.reference, known });
    case 'no-value':
      return finding('figure/formula', { kind: 'no-value', figure: p.figure, input: p.reference });
    case 'cycle':
      return finding('figure/cycle', { path: p.path });
    case 'pin':
      return finding('figure/pin', { kind: 'no-value', figure: p.figure, input: p.reference, pin: p.pin });
    case 'pin-unused':
      return finding('figure/pin', { kind: 'unused', figure: p.figure, input: p.reference });
    case 'qualifier-undecidable':
      return finding('figure/qualifier', { kind: 'undecidable', figure: p.figure, asOf: p.asOf });
    case 'qualifier-mismatch':
      return finding('figure/qualifier', {
        kind: 'mismatch',
        figure: p.figure,
        stated: p.stated,
        derived: p.derived,
      });
    case 'date-before-inputs':
      return finding('figure/date', { figure: p.figure, stated: p.stated, newest: p.newest });
  }
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

/** A day after a source's date, which may be a year or a month only: compared at the source's precision. */
function after(asOf: string, sourceDate: string): boolean {
  const n = Math.min(sourceDate.length, asOf.length);
  return asOf.slice(0, n) > sourceDate.slice(0, n);
}

/**
 * The numbers a quote writes in digits, as numbers ("3,811" is 3811); none inside a word
 * ("BPM-97", "COVID-19"). A quote that writes its number in words ("six carriers") gives none
 * to compare, and the value is taken as it is.
 */
const NUMBER =
  /(?<![\p{L}\p{N}.,\-–])(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.\d+)?(?![\p{L}\p{N}]|[.,]\d)/gu;
function numbersIn(quote: string): number[] {
  return [...quote.matchAll(NUMBER)].map((m) => Number(m[0].replace(/[,\u00a0\u202f ]/g, '')));
}

/** An end before its start: moments compared as instants, a day by its date. */
function endsBefore(at: string, until: string): boolean {
  const day = (iso: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(iso);
  if (day(at) || day(until)) return until.slice(0, 10) < at.slice(0, 10);
  return Date.parse(until) < Date.parse(at);
}
