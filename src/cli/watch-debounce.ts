/**
 * `watch`'s quiet time after a save before it builds, by default (its own module, so that
 * `--help` imports none of the watcher). One save is one short burst of writes (an editor's
 * temporary file and rename, a second write), a few milliseconds long, and a save that
 * comes while a build runs starts another build once it ends, so a short wait loses no
 * change; every millisecond of it is added to what a user waits after saving. It was
 * 200 ms, two thirds of a rebuild, then 20 as webpack's `aggregateTimeout`; Rollup and Vite
 * wait none. The two events of a save (truncate, write) came 0.1–0.4 ms apart, 2–10 ms
 * after it, in 14 saves timed in `watch` (one write each, as the bench saves): 10 ms is
 * still twenty times that. A save slower than that costs one more build, not a change.
 */
export const DEBOUNCE_MS = 10;
