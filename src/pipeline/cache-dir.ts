/**
 * The workspace's cache: `.cache/briefing/` beside `content/` (never in the output
 * folder, whose files a build accounts for one by one), holding the memo (memo-file.ts)
 * and the stamp of the last build (stamp.ts). `BRIEFING_CACHE=off` (or `0`, `false`,
 * `no`) turns both off.
 */
import { join } from 'node:path';

export const cacheFile = (root: string, name: string): string => join(root, '.cache', 'briefing', name);

/** An environment switch set to `off`, `0`, `false` or `no`. */
export const switchedOff = (value: string | undefined): boolean => /^(off|0|false|no)$/i.test(value ?? '');

export const cacheOff = (): boolean => switchedOff(process.env.BRIEFING_CACHE);
