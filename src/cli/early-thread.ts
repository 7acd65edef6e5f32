/**
 * The PDF worker's thread, started before the command's code is loaded: the command
 * thread's entry (written by scripts/bundle.mjs) runs this module ahead of its bundle, so
 * the worker imports and warms up the PDF writer while the command thread loads its code
 * (about 0.35 s), not after. A build that rewrites one document waited for that warm-up.
 *
 * Only for `build`, `watch` and `serve` with a PDF worker (`--jobs`, by default one per core beyond
 * the command's thread) that may write a PDF (not `--format html`), and not for a build run
 * with the same command line as the last one that succeeded when nothing changed since
 * (pipeline/stamp.ts): a build with nothing to write starts no thread. The threads are
 * offered to the command (pipeline/pdf-thread.ts), which adopts them, or stops them if, its
 * command line parsed, it finds nothing changed. Light on purpose: it loads none of the
 * command's code.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { youngGenerationMb } from '../pipeline/heap.js';
import { offerEarlyThreads, spawnPdfThread, workerFile, type EarlyThreads } from '../pipeline/pdf-thread.js';
import { unchangedForCommandLine } from '../pipeline/stamp.js';
import { takeDebugFlag } from './debug-flag.js';
import { buildSize } from './workspace-size.js';

/**
 * `--jobs N`: threads that write documents (this one and N−1 PDF workers), by default and
 * at most one per core; undefined when not a whole number ≥ 1. A thread beyond the cores
 * only competes for them (on two cores `--jobs 3` was slower than `--jobs 2`: see
 * docs/performance.md), and each warms a PDF writer up in a heap of its own: `--jobs 200`
 * had taken 4 GB and not finished in two minutes, where the build takes 15 s.
 */
export function parseJobs(value: string | undefined, cores = availableParallelism()): number | undefined {
  if (value === undefined) return cores;
  return /^[1-9][0-9]*$/.test(value.trim()) ? Math.min(Number(value), cores) : undefined;
}

/** The value of the last `--jobs` (`--jobs N` or `--jobs=N`), as the command line parser takes it. */
function jobsOption(args: readonly string[]): string | undefined {
  let value: string | undefined;
  for (const [i, a] of args.entries()) {
    if (a === '--jobs') value = args[i + 1] ?? '';
    else if (a.startsWith('--jobs=')) value = a.slice('--jobs='.length);
  }
  return value;
}

/** Whether the formats asked for include PDF; none given means every format. */
export function wantsPdf(formats: readonly string[] | undefined): boolean {
  return formats === undefined || formats.includes('pdf');
}

/**
 * Every format given to `--format`, or undefined when it is not given: lists (`html,pdf`,
 * `--format=pdf`) add up when given again, as the parser takes them.
 */
function formatOptions(args: readonly string[]): string[] | undefined {
  const values: string[] = [];
  for (const [i, a] of args.entries()) {
    if (a === '--format') values.push(args[i + 1] ?? '');
    else if (a.startsWith('--format=')) values.push(a.slice('--format='.length));
  }
  return values.length ? values.flatMap((v) => v.split(',').map((f) => f.trim())) : undefined;
}

/**
 * How many PDF threads to start before the command line is parsed, and whether the last
 * build with this command line left files that changed since: none when unsure the
 * command will want them (the command starts its own then, as it would have).
 */
export function earlyThreadsFor(
  rawArgv: readonly string[],
  cwd: string,
  cores = availableParallelism(),
): { count: number; verdict: EarlyThreads['verdict'] } {
  const { argv } = takeDebugFlag(rawArgv);
  const [command, ...args] = argv;
  const none = { count: 0, verdict: 'unknown' } as const;
  if (
    (command !== 'build' && command !== 'watch' && command !== 'serve') ||
    args.some((a) => a === '--help' || a === '-h')
  )
    return none;
  const jobs = parseJobs(jobsOption(args), cores);
  // An HTML-only build writes no PDF: a worker's warm-up would be CPU for nothing.
  if (jobs === undefined || jobs < 2 || !wantsPdf(formatOptions(args))) return none;
  if (command === 'watch' || command === 'serve' || args.includes('--force'))
    return { count: jobs - 1, verdict: 'unknown' };
  const unchanged = unchangedForCommandLine(cwd, argv);
  if (unchanged === undefined) return { count: jobs - 1, verdict: 'unknown' };
  return unchanged ? { count: 0, verdict: 'unchanged' } : { count: jobs - 1, verdict: 'changed' };
}

/**
 * Starts the threads `earlyThreadsFor` calls for and offers them to the command, with
 * the verdict, which the command then need not find again.
 */
export function startEarlyThreads(argv: readonly string[], cwd: string): void {
  const { count, verdict } = earlyThreadsFor(argv, cwd);
  // Nothing known and nothing started: the command looks for itself, as without this.
  if ((!count && verdict === 'unknown') || !existsSync(workerFile)) return;
  // `buildSize` reads the command and --force only: --debug changes nothing there.
  const youngMb = count ? youngGenerationMb(buildSize(cwd, argv)) : 0;
  offerEarlyThreads({ threads: Array.from({ length: count }, () => spawnPdfThread(youngMb)), verdict });
}
