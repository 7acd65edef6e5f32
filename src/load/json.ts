/** JSON files (chart specs, interface strings): parsed, or one diagnostic saying why not. */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/catalog.js';

export function parseJson(
  text: string,
  file: string,
  rule: RuleId,
): { ok: true; value: unknown } | { ok: false; error: Diagnostic } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: diagnostic(rule, file, message, { line: 1, column: 1 }) };
  }
}
