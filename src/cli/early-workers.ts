/**
 * Render workers started before anything heavy is imported or loaded: a full build
 * (forced, or a project never built into the output folder) renders every document, so
 * its workers import and warm up the renderers while this thread loads the workspace.
 * Light on purpose: only the file system and the pool's thread handling.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startWorkers, type Workers } from '../build/pool.js';
import type { BuildOptions } from './main.js';
import { outputDir } from './output-dir.js';

/** `--jobs N`: documents rendered at once (this thread and N−1 workers); undefined when not a whole number ≥ 1. */
export function parseJobs(value: string | undefined): number | undefined {
  // One thread by default: see README, --jobs.
  if (value === undefined) return 1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** Whether every selected document will be rebuilt, known without loading anything. */
function fullBuildAhead(cwd: string, opts: BuildOptions): boolean {
  if (opts.force) return true;
  let names: string[];
  try {
    names = readdirSync(join(cwd, 'content')).filter((n) => !n.startsWith('.'));
  } catch {
    return false;
  }
  const out = outputDir(cwd, opts.out);
  return names
    .filter((n) => !opts.project || opts.project.includes(n))
    .some((n) => !existsSync(join(out, n, 'manifest.json')));
}

/** The workers a build should start now, or undefined (one job, or only some documents to rebuild). */
export function startWorkersEarly(cwd: string, opts: BuildOptions): Workers | undefined {
  const jobs = parseJobs(opts.jobs) ?? 1;
  return jobs > 1 && fullBuildAhead(cwd, opts) ? startWorkers(jobs - 1) : undefined;
}
