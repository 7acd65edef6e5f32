import { catalog, type RuleId } from './catalog.js';

export type Severity = 'error' | 'warning';

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

export function diagnostic(
  rule: RuleId,
  file: string,
  message: string,
  position?: Position,
  severity: Severity = 'error',
): Diagnostic {
  return {
    severity,
    rule,
    file,
    ...(position ? { line: position.line, column: position.column } : {}),
    message,
    hint: catalog[rule].hint,
  };
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
