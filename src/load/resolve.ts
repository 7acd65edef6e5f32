/**
 * Checks a loaded project: every reference resolves (figures, sources, places, addressees,
 * audiences, recommendations, charts, quotations, nouns), figure quotes stand in the source
 * texts, every language has its texts. Each file's checks are in check/; this runs them in
 * the order their problems are reported. Returns diagnostics; never throws; reads no file.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/project.js';
import { checkChronology } from './check/chronology.js';
import { checkContext, type CheckContext, type Loaded } from './check/context.js';
import { DirectiveChecks } from './check/directives.js';
import { checkFigures } from './check/figures.js';
import { checkFindings } from './check/findings.js';
import { checkDuplicateIds } from './check/ids.js';
import { checkProjectFile } from './check/project-file.js';
import { checkRecommendations } from './check/recommendations.js';
import { references } from './check/references.js';
import { checkSources } from './check/sources.js';
import { checkTexts, renderingChecks } from './check/texts.js';
import { checkUnused } from './check/unused.js';
import { checkQuotations } from './check/quotations.js';

export function resolveReferences(project: Project, loaded: Loaded): Diagnostic[] {
  const ctx = checkContext(project, loaded);
  // The directives of every text, checked as they come; the uses they keep tell what is unused.
  const directives = new DirectiveChecks(project, ctx);
  const out = [
    ...checkDuplicateIds(project, ctx),
    ...checkSources(project, ctx),
    ...checkFigures(project, ctx),
    ...checkChronology(project, ctx),
    ...checkRecommendations(project, ctx),
    ...checkFindings(project, ctx),
    ...checkProjectFile(project, ctx),
    ...checkTexts(project, ctx, directives),
    ...quotationFile(project, ctx, directives),
  ];
  return [...out, ...checkUnused(project, ctx, directives.uses)];
}

/**
 * quotations.yaml: its sources and renderings' texts, checked as the checks of the
 * registry ask, come first, as they are found; then the registry's own problems.
 */
function quotationFile(project: Project, ctx: CheckContext, directives: DirectiveChecks): Diagnostic[] {
  const out: Diagnostic[] = [];
  const need = references(project, ctx);
  const checkText = renderingChecks(project, ctx, directives);
  const own = checkQuotations({
    project,
    entries: ctx.quotationEntries,
    file: ctx.file('quotations.yaml'),
    pos: (path) => ctx.pos('quotations.yaml', path),
    textOf: ctx.textOf,
    needSource: (id, path) => out.push(...need.source(id, 'quotations.yaml', path)),
    checkText: (text, locale, at, claim, path) => out.push(...checkText(text, locale, at, claim, path)),
  });
  return [...out, ...own];
}
