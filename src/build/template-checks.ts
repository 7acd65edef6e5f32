/**
 * Static checks of the templates, at the offending tag: no triple-stash or
 * `{{&...}}` (which would publish a value unescaped), and every literal figure
 * id given to `fig`/`figLabel` exists in every project (a typo would print
 * `[id]` in every document).
 */
import Handlebars from 'handlebars';
import { fromHtml } from 'hast-util-from-html';
import { vocabularyProblems } from '../compose/vocabulary.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Toolkit } from '../load/toolkit.js';
import type { Project } from '../model/project.js';

type Node = hbs.AST.Node;
type Visit = (node: Node) => void;

function walk(node: unknown, visit: Visit): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (typeof n.type === 'string') visit(node as Node);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'strip') walk(v, visit);
}

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

const position = (n: Node): { line: number; column: number } => ({
  line: n.loc.start.line,
  column: n.loc.start.column + 1,
});

/** The template's own markup (expressions blanked out, positions kept) against the output vocabulary. */
function markupProblems(file: string, source: string): Diagnostic[] {
  const blanked = source.replace(/\{\{[\s\S]*?\}\}\}?/g, (m) => m.replace(/[^\n]/g, 'x'));
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
  const out: Diagnostic[] = [];
  for (const t of sources(toolkit)) {
    out.push(...markupProblems(t.file, t.source));
    walk(parse(t.source), (n) => {
      if (n.type === 'MustacheStatement' && (n as hbs.AST.MustacheStatement).escaped === false)
        out.push(diagnose('template/unsafe', t.file, { kind: 'triple-stash' }, position(n)));
    });
  }
  return out;
}

export function checkTemplateFigures(toolkit: Toolkit, projects: readonly Project[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of sources(toolkit)) {
    walk(parse(t.source), (n) => {
      if (n.type !== 'MustacheStatement' && n.type !== 'SubExpression') return;
      const call = n as hbs.AST.MustacheStatement;
      const name = call.path.type === 'PathExpression' ? (call.path as hbs.AST.PathExpression).original : '';
      const first = call.params[0];
      if ((name !== 'fig' && name !== 'figLabel') || first?.type !== 'StringLiteral') return;
      const id = (first as hbs.AST.StringLiteral).value;
      for (const p of projects) {
        if (p.figures.has(id)) continue;
        out.push(
          diagnose(
            'ref/unknown-figure',
            t.file,
            { kind: 'use', id, project: p.id, known: p.figures.keys() },
            position(call),
          ),
        );
      }
    });
  }
  return out;
}

/**
 * Handlebars reports a runtime error by name ("\"x\" not defined … - 6:32",
 * "reading 'x'") but not by file: the partial it happened in is found here, by
 * the expression that names it (at the given line and column when there is one).
 */
export function locateRuntimeError(d: Diagnostic, toolkit: Toolkit): Diagnostic {
  if (d.rule !== 'template/runtime' || d.line !== undefined) return d;
  const name = /"([\w$]+)" not defined/.exec(d.message)?.[1] ?? /reading '([\w$]+)'/.exec(d.message)?.[1];
  if (!name) return d;
  const loc = / - (\d+):(\d+)/.exec(d.message);
  const hits: { file: string; line: number; column: number }[] = [];
  for (const t of sources(toolkit)) {
    const lines = t.source.split('\n');
    lines.forEach((text, i) => {
      for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) {
        if (!new RegExp(`(^|[^\\w$])${name}([^\\w$]|$)`).test(m[0].slice(2, -2))) continue;
        const col = Number(loc?.[2]);
        if (loc && (Number(loc[1]) !== i + 1 || col < m.index || col > m.index + m[0].length)) continue;
        hits.push({ file: t.file, line: i + 1, column: m.index + 1 });
      }
    });
  }
  const hit = hits[0];
  if (!hit || new Set(hits.map((h) => h.file)).size > 1) return d;
  return { ...d, file: hit.file, line: hit.line, column: hit.column };
}
