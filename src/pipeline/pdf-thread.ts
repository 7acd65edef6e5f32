/**
 * A PDF worker's thread (pipeline/worker.ts), as the pool (pool.ts) takes it: started by
 * the pool itself, or before the command's code is loaded (cli/early-thread.ts), which
 * offers it here through a global. The two are separate copies of this module, one
 * outside the command's bundle and one inside it, so what passes between them is plain:
 * the thread, its claims, and what it said before the pool listened.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { newClaims } from './claims.js';
import { newStopGuard, threadGuards, type StopGuard } from '../runtime/thread-stop.js';
import { WORKER_HEAP_MB } from './heap.js';
import type { FromWorker } from './worker.js';

/** The compiled worker; absent when the sources run untranspiled (tests), which then write here. */
// From this folder or from the command thread's bundle (dist/cli/, see scripts/bundle.mjs): both lie beside dist/pipeline/.
export const workerFile = fileURLToPath(new URL('../pipeline/worker.cjs', import.meta.url));

export interface PdfThread {
  readonly thread: Worker;
  /** Who writes each document it holds (claims.ts). */
  readonly claims: Int32Array;
  /** Said before the thread is terminated (runtime/thread-stop.ts: `stopGuarded`). */
  readonly guard: StopGuard;
  /** Its messages until the pool listens, in order. */
  readonly said: FromWorker[];
  /** Why it stopped, if it stopped before the pool listened. */
  stopped?: string;
}

/** Starts a PDF worker's thread; it warms up at once, and keeps no command alive while idle. */
export function spawnPdfThread(youngMb: number, file = workerFile): PdfThread {
  const claims = newClaims();
  const guard = newStopGuard();
  const thread = new Worker(file, {
    // Its zlib calls heed its own guard and those of the thread starting it (the process's).
    workerData: { claims, stopGuards: [...threadGuards(), guard] },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: youngMb },
  });
  const started: PdfThread = { thread, claims, guard, said: [] };
  thread.on('message', (m: FromWorker) => started.said.push(m));
  thread.on('error', (e) => (started.stopped ??= e.message));
  thread.on('exit', (code) => (started.stopped ??= exitReason(code)));
  thread.unref();
  return started;
}

/** Why a thread that exited stopped, as the pool reports it. */
export const exitReason = (code: number): string => `it stopped (exit code ${code})`;

/** Hands a thread to the pool: stops keeping what it says, which is the pool's to hear now. */
export function adopt(t: PdfThread): void {
  t.thread.removeAllListeners('message');
  t.thread.removeAllListeners('error');
  t.thread.removeAllListeners('exit');
}

/**
 * Threads started before the command's code was loaded, and what the early check found
 * when the last successful build ran the same command line: `changed` (a file changed
 * since) or `unchanged` (then no thread); `unknown` when it could not tell (another
 * command line, or none before).
 */
export interface EarlyThreads {
  readonly threads: PdfThread[];
  readonly verdict: 'changed' | 'unchanged' | 'unknown';
}

const EARLY = Symbol.for('briefing.earlyPdfThreads');
type Holder = { [EARLY]?: EarlyThreads };

export function offerEarlyThreads(early: EarlyThreads): void {
  (globalThis as Holder)[EARLY] = early;
}

/** The threads offered, once: whoever takes them owns them. */
export function takeEarlyThreads(): EarlyThreads | undefined {
  const early = (globalThis as Holder)[EARLY];
  delete (globalThis as Holder)[EARLY];
  return early;
}
