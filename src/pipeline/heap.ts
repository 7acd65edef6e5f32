/**
 * The heap budget of each thread a command starts: the command's own thread (cli/supervisor.ts)
 * and each PDF worker (pool.ts).
 */

/** The command's thread: enough for any real project; a runaway input ends as a clear error instead of swapping the machine. */
export const COMMAND_HEAP_MB = 3072;

/**
 * A PDF worker's old generation is capped: V8 grows a heap long before it must, and a
 * cap makes it collect instead, which keeps a worker and the command within the memory budget.
 */
export const WORKER_HEAP_MB = 160;

/**
 * Both threads' young generation (where new objects live until they survive two
 * collections), by the size of the workspace:
 * - one project: 24 MB instead of V8's 32. A cold build of 12 documents peaked at
 *   415–421 MiB and now at 384–395, for about 1% more time (6 alternated runs each);
 * - several: 64 MB. Such a build holds more at once, and with less room its threads spent
 *   a fifth of their time copying objects that survive. Six projects (72 documents),
 *   alternated runs: `--jobs 1` 17.6 → 15.8 s, peak 1236 → 950 MiB (fewer objects
 *   outlive the young generation); `--jobs 2` 15.9 → 15.0 s.
 */
export const youngGenerationMb = (projects: number): number => (projects > 1 ? 64 : 24);
