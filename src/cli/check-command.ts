import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { loadWorkspace } from '../pipeline/workspace.js';
import { withChartChecks } from '../pipeline/chart-memo.js';
import { build } from '../pipeline/build.js';
import { readKeptResults } from '../pipeline/memo-file.js';

/**
 * Validates everything without writing: load, references, templates, interface
 * strings, then the build itself in memory (every document composed, every chart
 * rendered, the HTML written to memory), so whatever `build` refuses, `check`
 * refuses first. PDF layout is the one step left to the build.
 */
export async function runCheck(cwd: string, opts: { strict?: boolean }): Promise<number> {
  readKeptResults(cwd);
  const ws = await withChartChecks(loadWorkspace(cwd));
  const diagnostics = [...ws.diagnostics];
  if (!hasErrors(diagnostics)) {
    const dry = await build(ws, { formats: ['html'] }, { force: true });
    diagnostics.push(...dry.diagnostics);
  }
  const failed = hasErrors(diagnostics) || (opts.strict === true && diagnostics.length > 0);
  process.stderr.write(diagnostics.length ? formatDiagnostics(diagnostics, cwd) + '\n' : '');
  if (!failed)
    process.stdout.write(
      `checked ${ws.projects.length} project${ws.projects.length === 1 ? '' : 's'}: no errors\n`,
    );
  return failed ? 1 : 0;
}
