/**
 * Static checks of the templates, at the offending tag: no triple-stash or
 * `{{&...}}` (which would publish a value unescaped), markup inside the output
 * vocabulary, and a project's own templates named after a block kind.
 */
import Handlebars from 'handlebars';
import { fromHtml } from 'hast-util-from-html';
import { vocabularyProblems } from '../model/vocabulary.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Toolkit } from '../load/toolkit.js';
import { nodesOf, templateNames } from '../write/templates.js';
import type { Project } from '../model/project.js';
import { memo } from '../text/memo.js';

function parse(source: string): hbs.AST.Program | undefined {
  try {
    return Handlebars.parse(source);
  } catch {
    return undefined; // reported as template/syntax by compileTemplates
  }
}

const sources = (toolkit: Toolkit): { file: string; source: string }[] => [
  ...toolkit.templates.values(),
  ...toolkit.partials.values(),
];

const position = (n: hbs.AST.Node): { line: number; column: number } => ({
  line: n.loc.start.line,
  column: n.loc.start.column + 1,
});

/**
 * The template's own markup (expressions blanked out, positions kept) against the output
 * vocabulary. A mustache after one backslash (`\{{…}}`) is no expression: Handlebars prints
 * it as it is, so it is markup like the rest (a `<script>` inside one had passed unseen).
 */
function markupProblems(file: string, source: string): Diagnostic[] {
  const blanked = source.replace(/(?<!(?:^|[^\\])(?:\\\\)*\\)\{\{[\s\S]*?\}\}\}?/g, (m) =>
    m.replace(/[^\n]/g, 'x'),
  );
  const tree = fromHtml(blanked, { fragment: true });
  return vocabularyProblems(tree).map((p) =>
    diagnose(
      'template/vocabulary',
      file,
      { kind: 'unsafe', what: p.what },
      p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : { line: 1, column: 1 },
    ),
  );
}

export function checkTemplateSafety(toolkit: Toolkit): Diagnostic[] {
  return safetyOf(sources(toolkit));
}

function safetyOf(templates: readonly { file: string; source: string }[]): Diagnostic[] {
  return templates.flatMap((t) => memo('template-safety', [t.file, t.source], () => templateSafety(t)));
}

/** One template's problems: a function of its file and text, kept between runs (text/memo.ts). */
function templateSafety(t: { file: string; source: string }): Diagnostic[] {
  const out = markupProblems(t.file, t.source);
  for (const n of nodesOf(parse(t.source)))
    if (n.type === 'MustacheStatement' && (n as hbs.AST.MustacheStatement).escaped === false)
      out.push(diagnose('template/unsafe', t.file, { kind: 'triple-stash' }, position(n)));
  return out;
}

/**
 * A project's own template replaces the tool's of the same name: one whose name is no
 * block kind would never be used, so it is reported (a typo, or a template of an
 * older version of the tool), and its markup is checked like the tool's.
 */
export function checkTemplateNames(project: Project): Diagnostic[] {
  const kinds: string[] = Object.values(templateNames);
  const out: Diagnostic[] = [];
  for (const [name, t] of project.templates)
    if (!kinds.includes(name))
      out.push(diagnose('template/unknown', t.file, { name, kinds }, { line: 1, column: 1 }));
  return [...out, ...safetyOf([...project.templates.values(), ...project.partials.values()])];
}
