/**
 * `watch`'s quiet time after a save before it builds, by default (its own module, so that
 * `--help` imports none of the watcher). One save is one short burst of writes (an editor's
 * temporary file and rename, a second write), a few milliseconds long, and a save that
 * comes while a build runs starts another build once it ends, so a short wait loses no
 * change; every millisecond of it is added to what a user waits after saving. It was
 * 200 ms, two thirds of a rebuild; webpack waits 20 ms by default (`aggregateTimeout`).
 */
export const DEBOUNCE_MS = 20;
