import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { build } from '../build/build.js';
import { indexPage } from '../build/index-page.js';
import { readManifest, writeAtomic, writeOutputs, type Manifest } from '../build/output.js';
import { formats, type Format } from '../build/plan.js';
import { loadWorkspace } from '../build/workspace.js';
import type { BuildOptions } from './main.js';

const audiences = ['osce', 'un', 'eu', 'release'];

export function usageError(message: string): number {
  process.stderr.write(`briefing: ${message}\nRun \`briefing --help\` for usage.\n`);
  return 2;
}

export async function runBuild(cwd: string, opts: BuildOptions): Promise<number> {
  const started = process.hrtime.bigint();
  const badFormat = opts.format?.find((f) => !(formats as readonly string[]).includes(f));
  if (badFormat) return usageError(`unknown format "${badFormat}" (expected html or pdf)`);
  const badAudience = opts.audience?.find((a) => !audiences.includes(a));
  if (badAudience) return usageError(`unknown audience "${badAudience}" (expected ${audiences.join(', ')})`);

  const ws = loadWorkspace(cwd, opts.project);
  const report = (list: Diagnostic[]): void => {
    if (list.length) process.stderr.write(formatDiagnostics(list, cwd) + '\n');
  };
  const errors = ws.diagnostics.filter((d) => d.severity === 'error' || opts.strict);
  if (hasErrors(ws.diagnostics) || (opts.strict && ws.diagnostics.length)) {
    report(ws.diagnostics);
    process.stderr.write(`build stopped: ${errors.length} problem(s); previous outputs are untouched\n`);
    return 1;
  }
  const knownLocales = new Set(ws.projects.flatMap((p) => p.config.locales));
  const badLocale = opts.locale?.find((l) => !knownLocales.has(l));
  if (badLocale)
    return usageError(`no project has locale "${badLocale}" (known: ${[...knownLocales].join(', ')})`);
  const warnings = ws.diagnostics.length;

  const outDir = isAbsolute(opts.out) ? opts.out : resolve(cwd, opts.out);
  const result = await build(ws, {
    ...(opts.project ? { projects: opts.project } : {}),
    ...(opts.locale ? { locales: opts.locale } : {}),
    ...(opts.audience ? { audiences: opts.audience } : {}),
    ...(opts.format ? { formats: opts.format as Format[] } : {}),
  });
  if (hasErrors(result.diagnostics)) {
    report(result.diagnostics);
    process.stderr.write('build stopped: nothing was written; previous outputs are untouched\n');
    return 1;
  }
  const fallbacks = new Set<string>();
  for (const f of result.files) f.fallbacks.forEach((x) => fallbacks.add(x));
  if (opts.strict && fallbacks.size) {
    process.stderr.write(
      `build stopped (--strict): ${fallbacks.size} unit(s) have no translation:\n${[...fallbacks].map((f) => `  ${f}`).join('\n')}\n`,
    );
    return 1;
  }
  writeOutputs(
    outDir,
    result.files,
    ws.projects.map((p) => p.id),
  );
  for (const f of result.files) {
    process.stdout.write(`wrote ${join(opts.out, f.path)}  (${(f.bytes.length / 1024).toFixed(0)} KiB)\n`);
  }
  // The index lists every project found in the output folder, not just this build's.
  const manifests = listProjects(outDir).flatMap((p) => readManifest(outDir, p) ?? []) as Manifest[];
  const names = new Map(
    [...ws.toolkit.locales].map(([l, ns]) => [
      l,
      String((ns.common?.meta as { name?: string } | undefined)?.name ?? l),
    ]),
  );
  writeAtomic(join(outDir, 'index.html'), indexPage(manifests, names));
  process.stdout.write(`wrote ${join(opts.out, 'index.html')}\n`);
  if (fallbacks.size) {
    process.stdout.write(
      `shown in the source language (translation missing): ${fallbacks.size} unit(s)\n${[...fallbacks].map((f) => `  ${f}`).join('\n')}\n`,
    );
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(
    `built ${result.files.length} document${result.files.length === 1 ? '' : 's'} for ${ws.projects.length} project${ws.projects.length === 1 ? '' : 's'} in ${(ms / 1000).toFixed(1)} s` +
      (warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'}: run \`briefing check\`)` : '') +
      '\n',
  );
  return 0;
}

function listProjects(outDir: string): string[] {
  try {
    return readdirSync(outDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
