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

/** What the threads' heaps are sized by, known before anything is loaded. */
export interface BuildSize {
  /** Project folders in the workspace (cli/workspace-size.ts). */
  readonly projects: number;
  /** The build most likely writes every document: `--force`, or no cache of the workspace yet. */
  readonly rewritesAll: boolean;
}

/**
 * Both threads' young generation (where new objects live until they survive two
 * collections), by the size of the workspace and of the build:
 * - one project, a build of a few documents (one text changed, a no-op, `check`): 24 MB
 *   instead of V8's 32. A larger one made them slower: one Kazakh text, 8 alternated
 *   pairs, 1.81 → 1.90 s with 40 MB for the command's thread, 1.70 → 1.76 s for the PDF
 *   worker's (8 and 7 of 8 pairs slower);
 * - one project, a build of every document: 40 MB. Alternated pairs, both threads: cold
 *   build 5.77 → 5.55 s (means, 5 of 6 faster), peak 311 → 347 MiB; `--force` 4.03 →
 *   3.94 s (medians, 4 of 6), and no change against the build before in a slower phase
 *   (5.94 s both, 3 of 6);
 * - several projects: 64 MB. Such a build holds more at once, and with less room its
 *   threads spent a fifth of their time copying objects that survive. Six projects (72
 *   documents), alternated runs: `--jobs 1` 17.6 → 15.8 s, peak 1236 → 950 MiB (fewer
 *   objects outlive the young generation); `--jobs 2` 15.9 → 15.0 s.
 */
export const youngGenerationMb = ({ projects, rewritesAll }: BuildSize): number =>
  projects > 1 ? 64 : rewritesAll ? 40 : 24;
