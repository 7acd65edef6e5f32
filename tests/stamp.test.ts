/**
 * The guess a build makes before loading anything: has anything changed since the last
 * build that succeeded? It only decides whether PDF workers start early; what is built
 * is decided from the documents' inputs, so a change it cannot see is still built.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBuildWorkersEarly } from '../src/cli/early-workers.js';
import { earlyThreadsFor, parseJobs } from '../src/cli/early-thread.js';
import { stopWorkers } from '../src/pipeline/pool.js';
import {
  recordSuccessfulBuild,
  unchangedForCommandLine,
  unchangedSinceLastBuild,
} from '../src/pipeline/stamp.js';
import { makeWorkspace, removeWorkspace, runMain } from './helpers/workspace.js';

describe('the stamp of the last successful build', () => {
  let root: string;
  const selection = { out: 'output' };
  beforeAll(() => {
    root = makeWorkspace();
    mkdirSync(join(root, 'output', 'test'), { recursive: true });
    writeFileSync(join(root, 'output', 'test', 'release.html'), '<p>old</p>');
  });
  afterAll(() => removeWorkspace(root));
  // Other test files share the process (vitest.config.ts): its environment is put back.
  const cache = process.env.BRIEFING_CACHE;
  afterEach(() => {
    if (cache === undefined) delete process.env.BRIEFING_CACHE;
    else process.env.BRIEFING_CACHE = cache;
  });

  test('none before a first build', () => {
    expect(unchangedSinceLastBuild(root, selection)).toBe(false);
  });

  test('matches until an input or an output changes, is added or is removed', () => {
    const figures = join(root, 'content', 'test', 'figures.yaml');
    const output = join(root, 'output', 'test', 'release.html');
    const changes: [string, () => void][] = [
      ['an input edited', () => writeFileSync(figures, readFileSync(figures, 'utf8') + '\n')],
      ['an input touched', () => utimesSync(figures, new Date(), new Date(Date.now() + 5000))],
      ['an input added', () => writeFileSync(join(root, 'locales', 'en', 'extra.json'), '{}')],
      ['an input removed', () => rmSync(join(root, 'locales', 'en', 'extra.json'))],
      ['an output edited', () => writeFileSync(output, '<p>edited by hand</p>')],
      ['an output removed', () => rmSync(output)],
    ];
    for (const [what, change] of changes) {
      recordSuccessfulBuild(root, selection);
      expect([what, unchangedSinceLastBuild(root, selection)]).toEqual([what, true]);
      change();
      expect([what, unchangedSinceLastBuild(root, selection)]).toEqual([what, false]);
    }
  });

  test('is kept per selection of documents and output folder, not per thread count or verbosity', () => {
    recordSuccessfulBuild(root, selection);
    expect(unchangedSinceLastBuild(root, { ...selection, jobs: '1', quiet: true } as typeof selection)).toBe(
      true,
    );
    expect(unchangedSinceLastBuild(root, { ...selection, locale: ['kk'] })).toBe(false);
    expect(unchangedSinceLastBuild(root, { ...selection, format: ['html'] })).toBe(false);
    expect(unchangedSinceLastBuild(root, { out: 'elsewhere' })).toBe(false);
  });

  test('BRIEFING_CACHE=off keeps none', () => {
    recordSuccessfulBuild(root, selection);
    process.env.BRIEFING_CACHE = 'off';
    expect(unchangedSinceLastBuild(root, selection)).toBe(false);
  });

  test('before its command line is parsed: known only for the command line of the last build', () => {
    const argv = ['build', '--locale', 'kk', '--quiet'];
    recordSuccessfulBuild(root, { ...selection, locale: ['kk'] }, argv);
    expect(unchangedForCommandLine(root, argv)).toBe(true);
    // Another command line may select other documents: not known.
    expect(unchangedForCommandLine(root, ['build', '--locale', 'kk'])).toBeUndefined();
    expect(unchangedForCommandLine(root, ['build', '--locale', 'ru', '--quiet'])).toBeUndefined();
    const figures = join(root, 'content', 'test', 'figures.yaml');
    writeFileSync(figures, readFileSync(figures, 'utf8') + '\n');
    expect(unchangedForCommandLine(root, argv)).toBe(false);
    // A stamp in the format of an earlier version is no stamp.
    writeFileSync(join(root, '.cache', 'briefing', 'stamp'), 'f'.repeat(64));
    expect(unchangedForCommandLine(root, argv)).toBeUndefined();
    expect(unchangedSinceLastBuild(root, selection)).toBe(false);
  });

  test('PDF threads started before the command line is parsed: for a build or watch that may write', () => {
    // On a machine of four cores: `--jobs` is at most the number of cores.
    const threads = (argv: string[], cores = 4): ReturnType<typeof earlyThreadsFor> =>
      earlyThreadsFor(argv, root, cores);
    recordSuccessfulBuild(root, selection, ['build']);
    // Another command line than the last build's: it cannot tell, and starts one.
    expect(threads(['build', '--jobs', '2'])).toEqual({ count: 1, verdict: 'unknown' });
    // The same command line and nothing changed: none, and the command need not look again.
    recordSuccessfulBuild(root, selection, ['build', '--jobs', '2']);
    expect(threads(['build', '--jobs', '2'])).toEqual({ count: 0, verdict: 'unchanged' });
    expect(threads(['--debug', 'build', '--jobs', '2'])).toEqual({ count: 0, verdict: 'unchanged' });
    // What it cannot tell, it starts for: another command line, --force, watch.
    expect(threads(['build', '--jobs=3', '--locale', 'kk'])).toEqual({ count: 2, verdict: 'unknown' });
    expect(threads(['build', '--jobs', '2', '--force'])).toEqual({ count: 1, verdict: 'unknown' });
    expect(threads(['watch', '--jobs', '2'])).toEqual({ count: 1, verdict: 'unknown' });
    // The last --jobs counts, as the parser takes it; one thread, or a bad count, none.
    expect(threads(['build', '--jobs', '1', '--jobs', '3', '--force']).count).toBe(2);
    // No more threads than cores: one beyond them only competes, and holds a heap of its own.
    expect(threads(['build', '--jobs', '200', '--force']).count).toBe(3);
    expect(threads(['build', '--jobs=3', '--force'], 2).count).toBe(1);
    expect([parseJobs('200', 2), parseJobs(undefined, 3), parseJobs(' 2 ', 8), parseJobs('1e9', 8)]).toEqual([
      2,
      3,
      2,
      undefined,
    ]);
    for (const argv of [
      ['build', '--jobs', '1', '--force'],
      ['build', '--jobs', 'two', '--force'],
      ['build', '--jobs=0', '--force'],
      ['build', '--jobs', '1e9', '--force'],
      ['build', '--jobs', '2.0', '--force'],
      ['build', '--force', '--jobs'],
      ['build', '--force', '--help'],
      ['check'],
      ['i18n', 'export'],
      [],
    ])
      expect([argv, threads(argv).count]).toEqual([argv, 0]);
    // A build that writes no PDF: none, however the formats are given.
    for (const argv of [
      ['build', '--jobs', '2', '--force', '--format', 'html'],
      ['build', '--format=html', '--jobs', '2', '--force'],
      ['watch', '--format', 'html', '--format', 'html'],
    ])
      expect([argv, threads(argv).count]).toEqual([argv, 0]);
    for (const argv of [
      ['build', '--jobs', '2', '--force', '--format', 'html,pdf'],
      ['build', '--jobs', '2', '--force', '--format', 'html', '--format=pdf'],
    ])
      expect([argv, threads(argv).count]).toEqual([argv, 1]);
    const figures = join(root, 'content', 'test', 'figures.yaml');
    writeFileSync(figures, readFileSync(figures, 'utf8') + '\n');
    expect(threads(['build', '--jobs', '2'])).toEqual({ count: 1, verdict: 'changed' });
    process.env.BRIEFING_CACHE = 'off';
    expect(threads(['build', '--jobs', '2'])).toEqual({ count: 1, verdict: 'unknown' });
  });

  test('a build with nothing changed starts no early worker; --force does', async () => {
    recordSuccessfulBuild(root, selection);
    expect(startBuildWorkersEarly(root, { ...selection, jobs: '2' })).toBeUndefined();
    const forced = startBuildWorkersEarly(root, { ...selection, jobs: '2', force: true });
    expect(forced).toBeDefined();
    await stopWorkers(forced);
    // HTML only: no PDF to write, no worker to warm up.
    expect(
      startBuildWorkersEarly(root, { ...selection, format: ['html'], jobs: '2', force: true }),
    ).toBeUndefined();
  });
});

describe('a build after a change the stamp cannot see', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('still rebuilds the document it changes, and writes its new text', async () => {
    // A time in whole seconds, which the file can be given back exactly.
    const file = join(root, 'content', 'test', 'en', 'release.md');
    const time = new Date('2026-01-05T10:00:00Z');
    utimesSync(file, time, time);
    expect((await runMain(['build', '--locale', 'en', '--audience', 'release'], root)).status).toBe(0);
    // The same length and the same modification time: to the stamp, nothing changed.
    const text = readFileSync(file, 'utf8');
    const word = /\b[a-z]{6,}\b/.exec(text)![0];
    const swapped = word.split('').reverse().join('');
    writeFileSync(file, text.replace(word, swapped));
    utimesSync(file, time, time);
    const selection = { out: 'output', locale: ['en'], audience: ['release'] };
    expect(unchangedSinceLastBuild(root, selection)).toBe(true);

    const r = await runMain(['build', '--locale', 'en', '--audience', 'release'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^rebuilt output\/test\/en\/release /m);
    expect(readFileSync(join(root, 'output', 'test', 'en', 'release.html'), 'utf8')).toContain(swapped);
  }, 120_000);
});
