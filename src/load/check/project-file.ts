/**
 * Checks of project.yaml: each audience's key figures, key asks and charts exist, the
 * release's key figures exist, and the house style for numbers asks nothing a language
 * cannot give.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { packFor } from '../../i18n/languages/index.js';
import type { Project } from '../../model/project.js';
import type { CheckContext } from './context.js';
import { references } from './references.js';

export function checkProjectFile(project: Project, ctx: CheckContext): Diagnostic[] {
  const need = references(project, ctx);
  const out: Diagnostic[] = [];
  for (const [audience, settings] of Object.entries(project.config.audiences)) {
    settings.keyFigures.forEach((f, j) =>
      out.push(...need.figure(f, 'project.yaml', ['audiences', audience, 'keyFigures', j])),
    );
    out.push(...keyAsks(project, ctx, audience, settings.keyAsks));
    settings.charts.forEach((c, j) =>
      out.push(...need.chart(c, 'project.yaml', ['audiences', audience, 'charts', j])),
    );
  }
  project.config.release.keyFigures.forEach((f, j) =>
    out.push(...need.figure(f, 'project.yaml', ['release', 'keyFigures', j])),
  );
  out.push(...numberWords(project, ctx), ...styledLanguages(project, ctx));
  return out;
}

/** An audience's key asks are recommendations made to it. */
function keyAsks(
  project: Project,
  ctx: CheckContext,
  audience: string,
  asks: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const recIds = new Set(project.recommendations.map((r) => r.id));
  asks.forEach((r, j) => {
    if (ctx.unreadable.has('recommendations.yaml')) return;
    const at = ctx.pos('project.yaml', ['audiences', audience, 'keyAsks', j]);
    const entry = project.recommendations.find((x) => x.id === r);
    if (!entry)
      out.push(
        diagnose('ref/unknown-recommendation', ctx.file('project.yaml'), { id: r, known: recIds }, at),
      );
    // The box repeats the briefing's own asks: one it does not make would stand alone there.
    else if (!entry.audiences.includes(audience))
      out.push(
        diagnose(
          'ref/unknown-recommendation',
          ctx.file('project.yaml'),
          { kind: 'not-addressed', id: r, audience, audiences: entry.audiences },
          at,
        ),
      );
  });
  return out;
}

/** Words asked of a language whose pack has none would be quietly left as digits. */
function numberWords(project: Project, ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
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
          ctx.file('project.yaml'),
          { locale, at: path.join('.') },
          ctx.pos('project.yaml', path),
        ),
      );
  }
  return out;
}

/** House style set for a language the project does not publish in is a typo, not a setting. */
function styledLanguages(project: Project, ctx: CheckContext): Diagnostic[] {
  return Object.keys(project.config.style.numbers.locales)
    .filter((key) => !project.config.locales.includes(key))
    .map((key) =>
      diagnose(
        'schema/unknown-key',
        ctx.file('project.yaml'),
        { kind: 'language', key, locales: project.config.locales, at: `style.numbers.locales.${key}` },
        ctx.pos('project.yaml', ['style', 'numbers', 'locales', key]),
      ),
    );
}
