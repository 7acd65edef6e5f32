/**
 * The Handlebars adapter: one isolated environment per template set, compiled
 * from template strings only, escaping on, unknown helpers refused.
 */
import Handlebars from 'handlebars';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Toolkit } from '../load/toolkit.js';

export type Helper = (...args: unknown[]) => unknown;
export type HelperSet = Record<string, Helper>;
export type CompiledTemplate = (data: object, helpers: HelperSet) => string;

export const helperNames = ['t', 'fig', 'figLabel', 'date', 'time', 'plural', 'eq', 'cite'] as const;

type Sources = ReadonlyMap<string, { file: string; source: string }>;

/**
 * Compiles the tool's templates and partials, with a project's own of the same
 * name in their place (`content/<project>/templates/`), in an environment of their own.
 */
export function compileTemplates(
  toolkit: Toolkit,
  own: { templates: Sources; partials: Sources } = { templates: new Map(), partials: new Map() },
): {
  templates: Map<string, CompiledTemplate>;
  /** The file each template name was compiled from. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
} {
  const env = Handlebars.create();
  const diagnostics: Diagnostic[] = [];
  const knownHelpers = Object.fromEntries(helperNames.map((n) => [n, true]));
  const options = { strict: true, knownHelpers, knownHelpersOnly: true, preventIndent: true } as const;
  const check = (file: string, source: string): boolean => {
    try {
      env.precompile(source, options);
      return true;
    } catch (e) {
      diagnostics.push(templateError(file, e));
      return false;
    }
  };
  for (const [name, p] of new Map([...toolkit.partials, ...own.partials]))
    if (check(p.file, p.source)) env.registerPartial(name, env.compile(p.source, options));
  const templates = new Map<string, CompiledTemplate>();
  const files = new Map<string, string>();
  for (const [name, t] of new Map([...toolkit.templates, ...own.templates])) {
    files.set(name, t.file);
    if (!check(t.file, t.source)) continue;
    const compiled = env.compile(t.source, options);
    templates.set(name, (data, helpers) =>
      compiled(data, { helpers, allowedProtoProperties: {}, allowedProtoMethods: {} }),
    );
  }
  return { templates, files, diagnostics };
}

/** Turns a Handlebars parse error ("Parse error on line 3: ...") into a positioned diagnostic. */
export function templateError(file: string, e: unknown): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  // "Parse error on line 3: ..." or "each doesn't match eachh - 5:7"
  const tail = / - (\d+):(\d+)\s*$/.exec(message.split('\n')[0] ?? '');
  const line = /line (\d+)/.exec(message)?.[1] ?? tail?.[1];
  const column = /column (\d+)/.exec(message)?.[1] ?? tail?.[2];
  const first = message.split('\n')[0] ?? message;
  return diagnostic(
    'template/syntax',
    file,
    first,
    line ? { line: Number(line), column: column ? Number(column) + 1 : 1 } : undefined,
  );
}

/** Marks already-sanitized HTML so Handlebars does not escape it a second time. */
export function trusted(html: string): unknown {
  return new Handlebars.SafeString(html);
}
