/**
 * `briefing watch`: an incremental build on every save. Saves are debounced (an
 * editor writes several files, or one file twice); a build that fails prints its
 * problems and the watcher waits for the next save. Ctrl-C stops it: writes are
 * atomic, so at worst the build in flight is abandoned before it renames anything.
 */
import { watch } from 'chokidar';
import { relative } from 'node:path';
import { buildOnce, outputDir, parseFilters } from './build-command.js';
import { stopWorkers } from '../pipeline/pool.js';
import { startWorkersEarly } from './early-workers.js';
import type { BuildOptions } from './build-command.js';
import { shareResults } from '../text/memo.js';
import { DEBOUNCE_MS } from './watch-debounce.js';
import { ignoredBy, watchedFolders } from './watch-scope.js';
import { consolePrint } from './print.js';

export interface WatchOptions extends BuildOptions {
  /** Milliseconds of quiet after the last save before building. */
  debounce?: string;
}

export async function runWatch(cwd: string, opts: WatchOptions): Promise<number> {
  const filters = parseFilters(opts, cwd);
  if (typeof filters === 'number') return filters;
  const debounce = Math.max(0, Number(opts.debounce ?? DEBOUNCE_MS) || 0);
  // PDF workers for the whole session: warm from one save to the next.
  const workers = startWorkersEarly(cwd, opts);
  // Each save loads what the last one did, nearly all of it unchanged: shared, not copied.
  shareResults(true);

  let building = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();

  const run = async (): Promise<void> => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    const files = [...changed].sort();
    changed.clear();
    if (files.length) consolePrint.out(`\nchanged: ${files.join(', ')}\n`);
    try {
      const code = await buildOnce(cwd, opts, filters, consolePrint, workers);
      if (code !== 0) consolePrint.err('waiting for the next save…\n');
    } catch (e) {
      // A crash in one build must not end the session; the next save gets a fresh start.
      consolePrint.err(
        `build failed: ${e instanceof Error ? e.message : String(e)}\nwaiting for the next save…\n`,
      );
    } finally {
      building = false;
    }
    if (again) {
      again = false;
      await run();
    }
  };

  const out = outputDir(cwd, opts.out);
  const watcher = watch(watchedFolders(cwd), {
    ignoreInitial: true,
    // No `awaitWriteFinish`: it held every save back by its 50 ms of polling. The
    // debounce already waits for a burst of writes to end, and a file caught half
    // written fails the build, which the write that completes it starts again.
    ignored: ignoredBy(out),
  });
  watcher.on('all', (_event, path) => {
    changed.add(relative(cwd, path));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounce);
  });
  watcher.on('error', (e) => consolePrint.err(`watch: ${e instanceof Error ? e.message : String(e)}\n`));

  await new Promise<void>((ready) => watcher.on('ready', ready));
  await run();
  consolePrint.out('watching content/, templates/ and locales/ (Ctrl-C to stop)\n');

  return new Promise<number>((done) => {
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      // A build in flight holds only complete files or temporaries that exit removes.
      void Promise.all([watcher.close(), stopWorkers(workers)]).finally(() =>
        building ? process.exit(130) : done(130),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
