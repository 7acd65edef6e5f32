import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { loadWorkspace } from '../build/workspace.js';

/** Validates everything without writing: load, references, templates, interface strings. */
export function runCheck(cwd: string, opts: { strict?: boolean }): number {
  const ws = loadWorkspace(cwd);
  const failed = hasErrors(ws.diagnostics) || (opts.strict === true && ws.diagnostics.length > 0);
  process.stderr.write(ws.diagnostics.length ? formatDiagnostics(ws.diagnostics, cwd) + '\n' : '');
  if (!failed)
    process.stdout.write(
      `checked ${ws.projects.length} project${ws.projects.length === 1 ? '' : 's'}: no errors\n`,
    );
  return failed ? 1 : 0;
}
