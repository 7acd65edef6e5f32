/**
 * Stopping a thread that may be making a zlib stream. Node 20 aborts the whole process
 * (SIGABRT, a native stack trace) when a worker thread is terminated between the two
 * native steps of making a zlib stream, its handle made and not yet initialised: the
 * thread's cleanup closes the handle and fails the assertion `init_done_ && "close
 * before init"` (src/node_zlib.cc). Every `deflateSync` makes one. A PDF worker deflates
 * some 300 streams a build, so a build stopped while its worker wrote (a problem found in
 * a later project, a build that finds nothing to do and stops the workers it started
 * early, Ctrl-C) ended so about once in 200 (2 of 400 failing builds of three projects, under load;
 * tests/processes/thread-stop.test.ts makes it happen at will without this module).
 *
 * Each stoppable thread has a guard, two counters shared between threads: STOP, set by
 * whoever stops the thread, and INSIDE, how many calls are inside zlib. Every zlib call
 * of the tool goes through `guarded`, which counts itself in, and parks instead of
 * calling once a guard of its thread says stop; whoever terminates a thread goes through
 * `stopGuarded`, which says stop and waits for the calls inside to come out (a page's
 * stream of 95 KB deflates in a quarter of a millisecond). Both sides write before they read, with sequentially
 * consistent atomics, so one of them always sees the other. A thread's guards come with
 * its `workerData` (`stopGuards`): the process's own guard, which the supervisor sets
 * before stopping the command's thread and the PDF workers it started, and the thread's own.
 */
import { workerData } from 'node:worker_threads';

/** Two counters in shared memory: [STOP, INSIDE]. */
export type StopGuard = Int32Array;

const STOP = 0;
const INSIDE = 1;

/** A stop guard of a thread yet to start: nothing inside, not stopped. */
export const newStopGuard = (): StopGuard => new Int32Array(new SharedArrayBuffer(8));

/** The guards handed to this thread (none in the main thread or a test process). */
export function threadGuards(data: unknown = workerData): readonly StopGuard[] {
  const guards = (data as { stopGuards?: unknown } | null | undefined)?.stopGuards;
  return Array.isArray(guards) ? guards.filter((g): g is StopGuard => g instanceof Int32Array) : [];
}

/** How long a parked call waits for the thread's end before it fails instead. */
const PARKED_MS = 10_000;

function leave(guards: readonly StopGuard[]): void {
  for (const g of guards) {
    Atomics.sub(g, INSIDE, 1);
    Atomics.notify(g, INSIDE);
  }
}

/**
 * Runs `call` (a zlib call) where no one stopping this thread can cut it in two. Once the
 * thread is being stopped the call is not made: it waits for the end, which comes at once.
 */
export function guarded<T>(
  call: () => T,
  guards: readonly StopGuard[] = ownGuards(),
  parkedMs = PARKED_MS,
): T {
  if (!guards.length) return call();
  for (const g of guards) Atomics.add(g, INSIDE, 1);
  if (guards.some((g) => Atomics.load(g, STOP) !== 0)) {
    leave(guards);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, parkedMs);
    throw new Error('this thread is being stopped');
  }
  try {
    return call();
  } finally {
    leave(guards);
  }
}

let own: readonly StopGuard[] | undefined;
const ownGuards = (): readonly StopGuard[] => (own ??= threadGuards());

/** Longest wait for calls inside zlib to come out; past it the thread is stopped anyway. */
const DRAIN_MS = 2_000;

/**
 * Says stop to every thread that checks `guard`, waits until none is inside zlib, then
 * stops the thread (`terminate`). Blocks for as long as one deflate at most.
 */
export function stopGuarded<T>(guard: StopGuard | undefined, terminate: () => T): T {
  if (guard) {
    Atomics.store(guard, STOP, 1);
    const until = Date.now() + DRAIN_MS;
    for (let n = Atomics.load(guard, INSIDE); n > 0 && Date.now() < until; n = Atomics.load(guard, INSIDE))
      Atomics.wait(guard, INSIDE, n, 50);
  }
  return terminate();
}
