import { formatDiagnostics } from '../diagnostics/report.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { loadWorkspace } from '../pipeline/workspace.js';
import { withChartChecks } from '../pipeline/chart-memo.js';
import { figureReport } from '../pipeline/figure-report.js';
import { readKeptResults } from '../pipeline/memo-file.js';

export async function runFigures(cwd: string, opts: { project?: string[]; json?: boolean }): Promise<number> {
  readKeptResults(cwd);
  const ws = await withChartChecks(loadWorkspace(cwd, opts.project));
  if (hasErrors(ws.diagnostics)) {
    process.stderr.write(formatDiagnostics(ws.diagnostics, cwd) + '\n');
    return 1;
  }
  const rows = ws.projects.flatMap((p) => figureReport(ws, p));
  if (opts.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const table = rows.map((r) => [
    r.project,
    r.id,
    r.qualifier,
    r.value === null ? '—' : String(r.value),
    r.unit ?? '',
    r.asOf,
    r.source,
    r.derived ? `= ${r.formula}` : '',
    String(r.usedBy.length),
  ]);
  const header = ['project', 'id', 'qualifier', 'value', 'unit', 'as of', 'source', 'formula', 'documents'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') + '\n',
  );
  return 0;
}
