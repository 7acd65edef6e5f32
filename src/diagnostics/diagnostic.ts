import {
  catalog,
  messageOf,
  severityOf,
  type Finding,
  type ParamsOf,
  type RuleId,
  type Severity,
} from './catalog.js';

export type { Finding, RuleId, Severity } from './catalog.js';

/** One problem, as data (after vfile-message): where, which rule, what, how to fix. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly rule: RuleId;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  readonly hint: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The one way to make a diagnostic: the rule's message built from its typed
 * parameters, its severity (the rule's, unless a policy such as `--strict` or a
 * caller that knows better overrides it), its hint.
 */
export function diagnose<R extends RuleId>(
  rule: R,
  file: string,
  params: ParamsOf<R>,
  position?: Position,
  severity?: Severity,
): Diagnostic {
  return {
    severity: severity ?? severityOf(rule, params),
    rule,
    file,
    ...(position ? { line: position.line, column: position.column } : {}),
    message: messageOf(rule, params),
    hint: catalog[rule].hint,
  };
}

/** A finding (rule and parameters), placed in a file. */
export function place(f: Finding, file: string, position?: Position): Diagnostic {
  // The pairing of rule and parameters was checked where the finding was made.
  const { rule, params } = f as { rule: 'internal/error'; params: ParamsOf<'internal/error'> };
  return diagnose(rule, file, params, position);
}

/** A finding with its message, for code that carries findings as data (selections, checkers). */
export function finding<R extends RuleId>(
  rule: R,
  params: ParamsOf<R>,
): { readonly rule: R; readonly params: ParamsOf<R>; readonly message: string } {
  return { rule, params, message: messageOf(rule, params) };
}

/** A result that carries problems instead of throwing them. */
export type Result<T> =
  | { ok: true; value: T; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** An error that carries diagnostics through code that can only throw (renderer callbacks). */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}
