/**
 * PDF workers started before anything heavy is imported or loaded: each imports the PDF
 * writer and warms it up (about a second of work) while this thread loads the workspace,
 * so even a build that rewrites one document gets its PDF from a warm writer. Light on
 * purpose: only the pool's thread handling.
 */
import { availableParallelism } from 'node:os';
import { startWorkers, type Workers } from '../pipeline/pool.js';
import { unchangedSinceLastBuild, type Selection } from '../pipeline/stamp.js';
import { projectCount, rewritesAll } from './workspace-size.js';

/**
 * `--jobs N`: threads that write documents (this one and N−1 PDF workers), by default
 * one per core; undefined when not a whole number ≥ 1.
 */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * The workers a build with `--jobs N` (N > 1) starts now, before it knows what to rebuild;
 * `all` when it most likely writes every document (their heap budget, pipeline/heap.ts).
 */
export function startWorkersEarly(
  cwd: string,
  opts: { readonly jobs?: string },
  all = false,
): Workers | undefined {
  const jobs = parseJobs(opts.jobs) ?? 1;
  return jobs > 1 ? startWorkers(jobs - 1, { projects: projectCount(cwd), rewritesAll: all }) : undefined;
}

/**
 * `briefing build`'s early workers: none when nothing has changed since the last build
 * that succeeded (pipeline/stamp.ts), which then most likely writes nothing. `--force`
 * rewrites everything, so it always starts them.
 */
export function startBuildWorkersEarly(
  cwd: string,
  opts: Selection & { readonly jobs?: string; readonly force?: boolean },
): Workers | undefined {
  if (!opts.force && unchangedSinceLastBuild(cwd, opts)) return undefined;
  return startWorkersEarly(cwd, opts, rewritesAll(cwd, opts.force ?? false));
}
