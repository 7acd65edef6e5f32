/**
 * Parallel rendering, shards and progress: the command, in this process with real worker
 * threads, on a temporary copy of the small project. Outputs are the same bytes for every --jobs, and shards together
 * are exactly a full build.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSize, projectCount } from '../src/cli/workspace-size.js';
import { youngGenerationMb } from '../src/pipeline/heap.js';
import { CLAIM_SLOTS, Claim, claim, newClaims, open } from '../src/pipeline/claims.js';
import { offerEarlyThreads, spawnPdfThread, type PdfThread } from '../src/pipeline/pdf-thread.js';
import { startWorkers, stopWorkers } from '../src/pipeline/pool.js';
import { startBuildWorkersEarly } from '../src/cli/early-workers.js';
import { runBuild } from '../src/cli/build-command.js';
import { createProgress } from '../src/cli/progress.js';
import { plan } from '../src/pipeline/plan.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { newCaches, renderDocument } from '../src/pipeline/render-document.js';
import { builtDocuments, makeWorkspace, removeWorkspace, runMain, sha } from './helpers/workspace.js';

describe('parallel build', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('--jobs 1, 2 and 3 write the same bytes, manifests included', async () => {
    const one = await runMain(['build', '--jobs', '1', '--out', 'one'], root);
    const two = await runMain(['build', '--jobs', '2', '--out', 'two'], root);
    // Two workers share the queue, one document at a time to the one with the most room. Given
    // to the build, as `--jobs 3` is two threads on a machine of two cores.
    const pair = startWorkers(2);
    const three = await runBuild(root, { out: 'three', quiet: true, jobs: '3' }, pair).finally(() =>
      stopWorkers(pair),
    );
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(three).toBe(0);
    const docs = builtDocuments(root, 'one');
    expect(Object.keys(docs)).toHaveLength(24);
    expect(builtDocuments(root, 'two')).toEqual(docs);
    expect(builtDocuments(root, 'three')).toEqual(docs);
    expect(sha(join(root, 'two/test/manifest.json'))).toBe(sha(join(root, 'one/test/manifest.json')));
    // Not a terminal: one line per document as it finishes, then the summary.
    const lines = two.stdout.split('\n').filter((l) => /^\[\d+\/12\] test\//.test(l));
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toMatch(/^\[12\/12\]/);
    expect(two.stdout).toMatch(/built 12 documents \(24 files\) .*: 24 written, 0 unchanged, 0 failed/);
  });

  test('shards are disjoint and together are the full build, in one folder or several', async () => {
    const full = builtDocuments(root, 'one');
    const parts: Record<string, string>[] = [];
    for (const i of [1, 2, 3]) {
      const r = await runMain(['build', '--shard', `${i}/3`, '--out', `shard${i}`], root);
      expect(r.status).toBe(0);
      parts.push(builtDocuments(root, `shard${i}`));
    }
    for (const p of parts) expect(Object.keys(p).length).toBe(8);
    const union = Object.assign({}, ...parts) as Record<string, string>;
    expect(Object.keys(union).length).toBe(parts.reduce((n, p) => n + Object.keys(p).length, 0));
    expect(union).toEqual(full);
    // A CI matrix writing into one folder: each shard adds its documents to the manifest.
    for (const i of [3, 1, 2])
      expect((await runMain(['build', '--shard', `${i}/3`, '--out', 'same'], root)).status).toBe(0);
    expect(builtDocuments(root, 'same')).toEqual(full);
    const again = await runMain(['build', '--out', 'same'], root);
    expect(again.stdout).toMatch(/built 0 documents .*; 12 up to date/);
  });

  test('--quiet prints nothing on success; wrong --jobs and --shard, and an empty selection, are usage errors', async () => {
    const quiet = await runMain(['build', '--quiet', '--force', '--locale', 'en', '--out', 'quiet'], root);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
    for (const args of [
      ['--jobs', '0'],
      ['--jobs', 'two'],
      ['--jobs', '1e9'],
      ['--locale', ''],
      ['--audience', ','],
      ['--shard', '4/3'],
      ['--shard', '0/2'],
      ['--shard', '1'],
    ]) {
      const r = await runMain(['build', ...args, '--out', 'bad'], root);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--(jobs|shard) takes|argument '[,]*' is invalid\. it names nothing/);
    }
  });

  test('shards depend on document paths only', () => {
    const ws = loadWorkspace(root);
    const paths = (i: number): string[] =>
      plan(ws.projects, { shard: { index: i, count: 2 } }).map((d) => `${d.locale}/${d.kind}`);
    expect(paths(1)).toEqual(paths(1));
    expect([...paths(1), ...paths(2)].sort()).toEqual(
      plan(ws.projects, {})
        .map((d) => `${d.locale}/${d.kind}`)
        .sort(),
    );
  });

  test('a document that cannot be rendered comes back as a diagnostic, not an exception', async () => {
    const ws = loadWorkspace(root);
    const outcome = await renderDocument(
      ws,
      { project: 'nowhere', locale: 'en', kind: 'release', formats: ['html'], charts: [] },
      newCaches(),
    );
    expect(outcome.rendered).toBeUndefined();
    expect(outcome.diagnostics.map((d) => d.rule)).toEqual(['internal/error']);
  });
});

describe('progress on a terminal', () => {
  const run = (times: number[]): string => {
    let out = '';
    let i = 0;
    const p = createProgress(
      'tty',
      (s) => (out += s),
      40,
      () => times[i++] ?? 0,
    );
    p.onDocument({ done: 1, total: 3, path: join('p', 'en', 'release'), failed: false });
    p.onDocument({ done: 2, total: 3, path: 'p/en/briefing-a-long-name-cut-to-the-width', failed: false });
    p.end();
    return out;
  };

  test('nothing for a build under a second', () => {
    expect(run([0, 100, 200])).toBe('');
  });

  test('one line updated in place, cut to the width, erased at the end', () => {
    const out = run([0, 1500, 1600]);
    expect(out).toBe('\r[1/3] p/en/release\x1b[K\r[2/3] p/en/briefing-a-long-name-cut-to-\x1b[K\r\x1b[K');
  });
});

describe('claims on the documents a worker holds', () => {
  test('a document is written by the first thread to claim it, and by no other', () => {
    const claims = newClaims();
    open(claims, 7);
    expect(claim(claims, 7, Claim.Worker)).toBe(true);
    expect(claim(claims, 7, Claim.Here)).toBe(false);
    // Taken back before the worker started it: the worker then skips it.
    open(claims, 8);
    expect(claim(claims, 8, Claim.Here)).toBe(true);
    expect(claim(claims, 8, Claim.Worker)).toBe(false);
    // Slots are reused, each opened again for its next document.
    open(claims, 7 + CLAIM_SLOTS);
    expect(claim(claims, 7 + CLAIM_SLOTS, Claim.Here)).toBe(true);
  });
});

describe('a PDF thread started before the command was loaded (cli/early-thread.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'early-thread-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A stand-in for the PDF worker: says `ready` at once, fails at once, or waits. */
  const script = (name: string, body: string): string => {
    const file = join(dir, name);
    writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
    return file;
  };
  /** Polls until `test` holds; fails after 20 s with what it waited for, not at the test's own limit. */
  const until = async (test: () => boolean): Promise<void> => {
    for (const end = Date.now() + 20_000; !test(); await new Promise((r) => setTimeout(r, 5)))
      if (Date.now() > end) throw new Error(`never true: ${test.toString()}`);
  };

  test('keeps what it said before the pool listened: ready then, ready once adopted', async () => {
    const early = spawnPdfThread(
      24,
      // Listening, as a worker does: it stays until stopped.
      script('ready.mjs', "parentPort.postMessage({ type: 'ready' });\nparentPort.on('message', () => {});"),
    );
    await until(() => early.said.length > 0);
    const workers = startWorkers(1, undefined, [early]);
    expect(workers.threads).toHaveLength(1);
    expect(workers.threads[0]?.ready).toBe(true);
    expect(workers.threads[0]?.gone).toBeUndefined();
    await stopWorkers(workers);
  });

  test('one that stopped before the pool listened is known as stopped', async () => {
    const early = spawnPdfThread(24, script('fails.mjs', "throw new Error('no PDF writer here');"));
    await until(() => early.stopped !== undefined);
    const workers = startWorkers(1, undefined, [early]);
    expect(workers.threads[0]?.gone).toMatch(/no PDF writer here/);
    await stopWorkers(workers);
  });

  test('a build that finds nothing changed stops the threads started for it', async () => {
    const root = makeWorkspace();
    try {
      const threads: PdfThread[] = [spawnPdfThread(24, script('idle.mjs', 'setInterval(() => {}, 1000);'))];
      const exited = once(threads[0]!.thread, 'exit');
      offerEarlyThreads({ threads, verdict: 'unchanged' });
      expect(startBuildWorkersEarly(root, { out: 'output', jobs: '2' })).toBeUndefined();
      await exited;
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('heap budget by workspace size', () => {
  test('a workspace of several projects gets the larger young generation; dot folders and files do not count', () => {
    const root = mkdtempSync(join(tmpdir(), 'briefing-size-'));
    try {
      expect(projectCount(root)).toBe(0);
      mkdirSync(join(root, 'content', 'one'), { recursive: true });
      mkdirSync(join(root, 'content', '.hidden'));
      writeFileSync(join(root, 'content', 'README.md'), 'not a project');
      expect(projectCount(root)).toBe(1);
      mkdirSync(join(root, 'content', 'two'));
      expect(projectCount(root)).toBe(2);
      expect(youngGenerationMb({ projects: 2, rewritesAll: false })).toBeGreaterThan(
        youngGenerationMb({ projects: 1, rewritesAll: true }),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a build that writes every document (the first, or --force) gets a larger one than a build of a few', () => {
    const root = mkdtempSync(join(tmpdir(), 'briefing-size-'));
    try {
      mkdirSync(join(root, 'content', 'one'), { recursive: true });
      const young = (...argv: string[]): number => youngGenerationMb(buildSize(root, argv));
      // No cache of the workspace yet: the first build writes everything.
      expect(buildSize(root, ['build'])).toEqual({ projects: 1, rewritesAll: true });
      const few = young('check');
      expect(young('build')).toBeGreaterThan(few);
      expect([young('watch'), young('i18n', 'status')]).toEqual([few, few]);
      // Once a build has left its cache, only --force rewrites everything.
      mkdirSync(join(root, '.cache', 'briefing'), { recursive: true });
      writeFileSync(join(root, '.cache', 'briefing', 'memo.bin'), '');
      expect(young('build', '--locale', 'kk')).toBe(few);
      expect(young('build', '--force')).toBeGreaterThan(few);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
