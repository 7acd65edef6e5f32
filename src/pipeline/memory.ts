/**
 * A build's memory is mostly garbage: each document's layout allocates about 180 MB
 * that is dead once its files are made, and V8, with a heap limit of gigabytes, let it
 * pile up to 300 MB before collecting (peak RSS of a 12-document build: 470 MB, with
 * 80 MB live). After each document, a thread whose heap has grown well past what it
 * holds starts a collection (concurrent, so the next document begins at once).
 *
 * It needs V8's `gc` function, which the CLI exposes (bin/briefing.js); without it
 * (tests, other embedders) this does nothing and V8 collects as it likes.
 */
import { getHeapStatistics } from 'node:v8';

type Collect = (options: { type: 'major'; execution: 'async' }) => void;

/** A heap below this is left alone: a small build never pays for a collection. */
const FLOOR = 160 * 2 ** 20;

let baseline = 0;

/** What this thread holds for the whole build (its workspace, its caches): measured once it is loaded. */
export function markBaseline(): void {
  baseline = getHeapStatistics().used_heap_size;
}

/** Called after each document: collects when the heap is over twice what the thread holds, and over the floor. */
export function collectIfGrown(): void {
  const collect = (globalThis as { gc?: Collect }).gc;
  if (!collect) return;
  const used = getHeapStatistics().used_heap_size;
  if (used > Math.max(FLOOR, 2 * baseline)) collect({ type: 'major', execution: 'async' });
}
