/**
 * The Handlebars adapter of the HTML writer: one template per block kind
 * (`templates/<kind>.hbs`, a project's own of the same name in its place), one
 * isolated environment per template set, compiled from template strings only,
 * escaping on, strict (a field a block does not have is an error), no helpers.
 */
import Handlebars from 'handlebars';
import type { BlockKind } from '../model/document.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { memo } from '../text/memo.js';

export type CompiledTemplate = (data: object) => string;

/** The block kinds and the template that draws each. */
export const templateNames = {
  cover: 'cover',
  masthead: 'masthead',
  contacts: 'contacts',
  part: 'part',
  contents: 'contents',
  section: 'section',
  prose: 'prose',
  keyFigures: 'key-figures',
  callout: 'callout',
  chart: 'chart',
  chronology: 'chronology',
  recommendations: 'recommendations',
  references: 'references',
  table: 'table',
} as const satisfies Record<BlockKind, string>;

type Sources = ReadonlyMap<string, { file: string; source: string }>;

/** Template sources by name: the tool's (its toolkit) or a project's own. */
export interface TemplateSources {
  readonly templates: Sources;
  readonly partials: Sources;
}

/**
 * Compiles the tool's templates and partials, with a project's own of the same
 * name in their place (`content/<project>/templates/`), in an environment of their own.
 */
export function compileTemplates(
  toolkit: TemplateSources,
  own: { templates: Sources; partials: Sources } = { templates: new Map(), partials: new Map() },
): {
  templates: Map<string, CompiledTemplate>;
  /** The file each template name was compiled from. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
} {
  const env = Handlebars.create();
  const diagnostics: Diagnostic[] = [];
  // No helper but the blocks a template needs: `log` printed to the build's output once per
  // block drawn, and `lookup` reaches fields by computed names.
  const options = {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: { log: false, lookup: false },
    preventIndent: true,
  } as const;
  // Whether a template compiles depends on its text alone: known from the last run (text/memo.ts).
  const check = (file: string, source: string): boolean => {
    const problem = memo('template-syntax', [file, source], (): Diagnostic | null => {
      try {
        env.precompile(source, options);
        return null;
      } catch (e) {
        return templateError(file, e);
      }
    });
    if (problem) diagnostics.push(problem);
    return !problem;
  };
  const partials = new Map([...toolkit.partials, ...own.partials]);
  diagnostics.push(...partialProblems(partials, new Map([...toolkit.templates, ...own.templates])));
  for (const [name, p] of partials)
    if (check(p.file, p.source)) env.registerPartial(name, env.compile(p.source, options));
  const templates = new Map<string, CompiledTemplate>();
  const files = new Map<string, string>();
  for (const [name, t] of new Map([...toolkit.templates, ...own.templates])) {
    files.set(name, t.file);
    if (!check(t.file, t.source)) continue;
    const compiled = env.compile(t.source, options);
    templates.set(name, (data) => {
      try {
        return compiled(data, { allowedProtoProperties: {}, allowedProtoMethods: {} });
      } catch (e) {
        throw placed(e, t.source);
      }
    });
  }
  return { templates, files, diagnostics };
}

/**
 * Two runtime errors Handlebars gives without a place, said here as strict mode says the
 * others ("\"a\" not defined - line:column"), at the first tag that can cause them:
 * - strict mode checks only a path's last name: `{{a.b}}`, or `{{#if a.b}}`, where the
 *   block has no `a` fails as a TypeError ("reading 'b'");
 * - a name looked up in a text, inside `{{#each}}` over a list of texts ("Cannot use 'in'
 *   operator"): placed at the first such name inside an `{{#each}}`;
 * - a built-in block helper given other than one value (`{{#if a b}}`, `{{#each}}`).
 */
function placed(e: unknown, source: string): unknown {
  if (!(e instanceof Error)) return e;
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch {
    return e;
  }
  const at = (n: hbs.AST.Node): string => `${n.loc.start.line}:${n.loc.start.column}`;
  const paths = (node: unknown): hbs.AST.PathExpression[] =>
    [...nodesOf(node)].filter((n): n is hbs.AST.PathExpression => n.type === 'PathExpression');
  const blocks = (name: string): hbs.AST.BlockStatement[] =>
    [...nodesOf(program)].filter(
      (n): n is hbs.AST.BlockStatement =>
        n.type === 'BlockStatement' && (n as hbs.AST.BlockStatement).path.original === name,
    );

  const next = e instanceof TypeError ? /reading '([^']+)'/.exec(e.message)?.[1] : undefined;
  if (next) {
    const path = paths(program).find((p) => p.parts.indexOf(next, 1) > 0);
    if (!path) return e;
    const parts = path.parts.slice(0, path.parts.indexOf(next, 1));
    return new Error(`"${parts.at(-1)}" not defined (in "${[...parts, next].join('.')}") - ${at(path)}`);
  }
  // Strict mode's lookup of a name in a text (inside `{{#each}}` over a list of texts).
  const name = e instanceof TypeError ? /search for '([^']+)' in /.exec(e.message)?.[1] : undefined;
  if (name) {
    const named = (p: hbs.AST.PathExpression): boolean => p.parts[0] === name;
    const path =
      blocks('each')
        .map((b) => paths(b.program).find(named))
        .find((p) => p !== undefined) ?? paths(program).find(named);
    return path ? new Error(`"${name}" not defined (in a text, not a block) - ${at(path)}`) : e;
  }
  const helper =
    /^#(\w+) requires exactly one argument/.exec(e.message)?.[1] ??
    (/^Must pass iterator to #each/.test(e.message) ? 'each' : undefined);
  const block = helper ? blocks(helper).find((b) => b.params.length !== 1) : undefined;
  return block ? new Error(`{{#${helper}}} takes exactly one value - ${at(block)}`) : e;
}

type Include = { name: string; at: { line: number; column: number } };

/**
 * The partials a source includes by name (`{{> name}}`), with where: a function of the text
 * alone, known from the last run (text/memo.ts). Parsing every template for them was most of
 * what a build after a one-text edit spent on its templates.
 */
const includes = (source: string): Include[] =>
  memo('template-includes', [source], () => parseIncludes(source));

function parseIncludes(source: string): Include[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch {
    return []; // a syntax error, reported by the compile
  }
  return [...nodesOf(program)].flatMap((n) => {
    if (n.type !== 'PartialStatement' && n.type !== 'PartialBlockStatement') return [];
    const name = (n as hbs.AST.PartialStatement).name;
    if (name.type !== 'PathExpression') return [];
    return [
      {
        name: (name as hbs.AST.PathExpression).original,
        at: { line: n.loc.start.line, column: n.loc.start.column + 1 },
      },
    ];
  });
}

/**
 * A partial named but not there, or one that includes itself (directly or round a cycle):
 * said at the tag, before anything is drawn. Drawn, they had failed as "The partial … could
 * not be found" and "Maximum call stack size exceeded", at no line and in the wrong file.
 */
function partialProblems(partials: Sources, templates: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Each source's includes, asked for once.
  const found = new Map([...templates.values(), ...partials.values()].map((t) => [t, includes(t.source)]));
  const includedBy = (t: { file: string; source: string }): Include[] => found.get(t) ?? [];
  const graph = new Map([...partials].map(([name, p]) => [name, includedBy(p).map((i) => i.name)]));
  const cyclic = (start: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(graph.get(start) ?? [])];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === start) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(graph.get(next) ?? []));
    }
    return false;
  };
  for (const [t, list] of found)
    for (const i of list)
      if (!partials.has(i.name))
        out.push(
          diagnose(
            'template/syntax',
            t.file,
            { detail: `the partial \`${i.name}\` is not there (partials/${i.name}.hbs)` },
            i.at,
          ),
        );
  for (const [name, p] of partials) {
    const first = includedBy(p).find((i) => partials.has(i.name));
    if (first && cyclic(name))
      out.push(
        diagnose(
          'template/syntax',
          p.file,
          {
            detail: `the partial \`${name}\` includes itself, through \`${first.name}\`: it would never end`,
          },
          first.at,
        ),
      );
  }
  return out;
}

/** Every node of a template's tree, in the template's order (`loc` and `strip` are not nodes). */
export function* nodesOf(node: unknown): Generator<hbs.AST.Node> {
  if (Array.isArray(node)) {
    for (const n of node) yield* nodesOf(n);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (typeof n.type === 'string') yield node as hbs.AST.Node;
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'strip') yield* nodesOf(v);
}

/** Turns a Handlebars parse error ("Parse error on line 3: ...") into a positioned diagnostic. */
export function templateError(file: string, e: unknown): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  // "Parse error on line 3: ..." or "each doesn't match eachh - 5:7"
  const tail = / - (\d+):(\d+)\s*$/.exec(message.split('\n')[0] ?? '');
  const line = /line (\d+)/.exec(message)?.[1] ?? tail?.[1];
  const column = /column (\d+)/.exec(message)?.[1] ?? tail?.[2];
  const first = message.split('\n')[0] ?? message;
  // Templates have no helpers: a figure, a translation or a date comes from the block.
  const helper = /unknown helper (\S+)/.exec(first)?.[1];
  const detail = helper
    ? `\`${helper}\` is not available in a template: a template has no helpers and draws only its block's fields (figures, texts and dates come from the content, already formatted)`
    : first;
  return diagnose(
    'template/syntax',
    file,
    { detail },
    line ? { line: Number(line), column: column ? Number(column) + 1 : 1 } : undefined,
  );
}

/** Marks HTML the writer made from the typed document, so Handlebars does not escape it again. */
export function trusted(html: string): unknown {
  return new Handlebars.SafeString(html);
}
