import type { Diagnostic } from './diagnostic.js';

/** Formats diagnostics grouped by file, each as `file:line:column severity message (rule)` plus a hint. */
export function formatDiagnostics(list: readonly Diagnostic[], cwd = process.cwd()): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of list) {
    const group = byFile.get(d.file) ?? [];
    group.push(d);
    byFile.set(d.file, group);
  }
  const out: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const items = (byFile.get(file) ?? [])
      .slice()
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    const shown = relative(file, cwd);
    out.push(shown);
    for (const d of items) {
      const where = d.line !== undefined ? `${shown}:${d.line}:${d.column ?? 1}` : shown;
      out.push(`  ${where} ${d.severity} ${d.message} (${d.rule})`);
      out.push(`    hint: ${d.hint}`);
    }
  }
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return out.join('\n');
}

function relative(file: string, cwd: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}
