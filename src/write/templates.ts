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
  const options = { strict: true, knownHelpersOnly: true, preventIndent: true } as const;
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
  for (const [name, p] of new Map([...toolkit.partials, ...own.partials]))
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
 * Handlebars' strict mode checks only a path's last name: `{{a.b}}` where the block has
 * no `a` fails as a TypeError with no place ("reading 'b'"). It is said here as strict
 * mode says the others ("\"a\" not defined - line:column"), at the first such path.
 */
function placed(e: unknown, source: string): unknown {
  const next = e instanceof TypeError ? /reading '([^']+)'/.exec(e.message)?.[1] : undefined;
  if (!next) return e;
  const escaped = next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\{\\{[~#^/{]?\\s*((?:[\\w@$-]+\\.)*[\\w@$-]+)\\.${escaped}\\b`).exec(source);
  if (!m) return e;
  const before = source.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - before.lastIndexOf('\n') - 1;
  const missing = m[1]!.split('.').pop();
  return new Error(`"${missing}" not defined (in "${m[1]}.${next}") - ${line}:${column}`);
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
