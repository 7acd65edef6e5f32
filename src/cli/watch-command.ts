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
  const builds = new Rebuilds(() => buildOnce(cwd, opts, filters, consolePrint, workers), debounce);
  const watcher = watch(watchedFolders(cwd), {
    ignoreInitial: true,
    // No `awaitWriteFinish`: it held every save back by its 50 ms of polling. The
    // debounce already waits for a burst of writes to end, and a file caught half
    // written fails the build, which the write that completes it starts again.
    ignored: ignoredBy(outputDir(cwd, opts.out)),
  });
  watcher.on('all', (_event, path) => builds.saved(relative(cwd, path)));
  watcher.on('error', (e) => consolePrint.err(`watch: ${e instanceof Error ? e.message : String(e)}\n`));

  await new Promise<void>((ready) => watcher.on('ready', ready));
  await builds.run();
  consolePrint.out('watching content/, templates/ and locales/ (Ctrl-C to stop)\n');

  return new Promise<number>((done) => {
    const stop = (): void => {
      builds.cancel();
      // A build in flight holds only complete files or temporaries that exit removes.
      void Promise.all([watcher.close(), stopWorkers(workers)]).finally(() =>
        builds.building ? process.exit(130) : done(130),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The session's builds: one at a time, `debounce` ms after the last save, and once more for saves made meanwhile. */
class Rebuilds {
  building = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new Set<string>();

  constructor(
    private readonly build: () => Promise<number>,
    private readonly debounce: number,
  ) {}

  /** A file saved (its path from the workspace). */
  saved(path: string): void {
    this.changed.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.debounce);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async run(): Promise<void> {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    const files = [...this.changed].sort();
    this.changed.clear();
    if (files.length) consolePrint.out(`\nchanged: ${files.join(', ')}\n`);
    try {
      const code = await this.build();
      if (code !== 0) consolePrint.err('waiting for the next save…\n');
    } catch (e) {
      // A crash in one build must not end the session; the next save gets a fresh start.
      consolePrint.err(
        `build failed: ${e instanceof Error ? e.message : String(e)}\nwaiting for the next save…\n`,
      );
    } finally {
      this.building = false;
    }
    if (this.again) {
      this.again = false;
      await this.run();
    }
  }
}
