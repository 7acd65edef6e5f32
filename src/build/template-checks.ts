/**
 * Static checks of the templates, at the offending tag: no triple-stash or
 * `{{&...}}` (which would publish a value unescaped), and every literal figure
 * id given to `fig`/`figLabel` exists in every project (a typo would print
 * `[id]` in every document).
 */
import Handlebars from 'handlebars';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Toolkit } from '../load/toolkit.js';
import type { Project } from '../model/project.js';
import { didYouMean } from '../diagnostics/suggest.js';

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

export function checkTemplateSafety(toolkit: Toolkit): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of sources(toolkit)) {
    walk(parse(t.source), (n) => {
      if (n.type === 'MustacheStatement' && (n as hbs.AST.MustacheStatement).escaped === false)
        out.push(
          diagnostic(
            'template/unsafe',
            t.file,
            'a triple-stash {{{…}}} (or {{&…}}) publishes its value without escaping',
            position(n),
          ),
        );
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
          diagnostic(
            'ref/unknown-figure',
            t.file,
            `unknown figure \`${id}\` in project ${p.id}${didYouMean(id, [...p.figures.keys()])}`,
            position(call),
          ),
        );
      }
    });
  }
  return out;
}
