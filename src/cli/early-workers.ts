/**
 * PDF workers started before anything heavy is imported or loaded: each imports the PDF
 * writer and warms it up (about a second of work) while this thread loads the workspace,
 * so even a build that rewrites one document gets its PDF from a warm writer. Light on
 * purpose: only the pool's thread handling.
 */
import { startWorkers, type Workers } from '../pipeline/pool.js';
import { takeEarlyThreads, type EarlyThreads } from '../pipeline/pdf-thread.js';
import { unchangedSinceLastBuild, type Selection } from '../pipeline/stamp.js';
import { parseJobs, wantsPdf } from './early-thread.js';
import { projectCount, rewritesAll } from './workspace-size.js';
import { stopGuarded } from '../runtime/thread-stop.js';

export { parseJobs };

/**
 * The workers a build with `--jobs N` (N > 1) that may write a PDF starts now, before it
 * knows what to rebuild, beginning with those started before this code was loaded (`early`,
 * cli/early-thread.ts); `all` when it most likely writes every document (their heap budget,
 * pipeline/heap.ts).
 */
export function startWorkersEarly(
  cwd: string,
  opts: { readonly jobs?: string; readonly format?: readonly string[] },
  all = false,
  early: EarlyThreads | undefined = takeEarlyThreads(),
): Workers | undefined {
  const jobs = parseJobs(opts.jobs) ?? 1;
  if (jobs < 2 || !wantsPdf(opts.format)) return stopEarly(early);
  return startWorkers(jobs - 1, { projects: projectCount(cwd), rewritesAll: all }, early?.threads);
}

/**
 * `briefing build`'s early workers: none when nothing has changed since the last build
 * that succeeded (pipeline/stamp.ts), which then most likely writes nothing. `--force`
 * rewrites everything, so it always starts them. Threads started before the command line
 * was parsed are kept, or stopped if, parsed, it finds nothing changed.
 */
export function startBuildWorkersEarly(
  cwd: string,
  opts: Selection & { readonly jobs?: string; readonly force?: boolean },
): Workers | undefined {
  const early = takeEarlyThreads();
  if (!opts.force) {
    // Found already for this very command line, before it was parsed: no need to look again.
    const known = early && early.verdict !== 'unknown';
    if (known ? early.verdict === 'unchanged' : unchangedSinceLastBuild(cwd, opts)) return stopEarly(early);
  }
  return startWorkersEarly(cwd, opts, rewritesAll(cwd, opts.force ?? false), early);
}

function stopEarly(early: EarlyThreads | undefined): undefined {
  for (const t of early?.threads ?? []) void stopGuarded(t.guard, () => t.thread.terminate());
  return undefined;
}
