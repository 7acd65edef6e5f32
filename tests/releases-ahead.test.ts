/**
 * A workspace of several projects: each project's releases begun on the PDF workers while
 * the next project loads (src/pipeline/releases-ahead.ts), in this process with real
 * worker threads. The build takes them and writes the bytes it writes without them; a
 * problem in a later project still stops the build with nothing written.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWithReleasesAhead, type ReleasesAhead } from '../src/pipeline/releases-ahead.js';
import { startWorkers, stopWorkers, type Workers } from '../src/pipeline/pool.js';
import { spawnPdfThread } from '../src/pipeline/pdf-thread.js';
import { newCaches, renderDocument } from '../src/pipeline/render-document.js';
import { formats } from '../src/pipeline/plan.js';
import { writePdf } from '../src/write/pdf.js';
import {
  baseProject,
  fileHashes,
  makeWorkspace,
  removeWorkspace,
  repoRoot,
  runCli,
  runMain,
} from './helpers/workspace.js';

const three = { alpha: baseProject, beta: baseProject, gamma: baseProject };

/** The documents of an output folder, by path under it (not its manifests, index or change history). */
const documents = (root: string, out: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fileHashes(root, [out]))
      .filter(([p]) => /\.(pdf|html)$/.test(p) && !p.endsWith('index.html'))
      .map(([p, h]) => [p.slice(out.length + 1), h]),
  );

describe('releases begun while the next project loads', () => {
  let root: string;
  let workers: Workers;
  beforeAll(() => {
    root = makeWorkspace(three);
    // The compiled worker: the sources run here have none (pipeline/pdf-thread.ts).
    workers = startWorkers(1, undefined, [spawnPdfThread(24, join(repoRoot, 'dist/pipeline/worker.js'))]);
  });
  afterAll(async () => {
    await stopWorkers(workers);
    removeWorkspace(root);
  });

  const ahead = (over: Partial<ReleasesAhead> = {}): ReleasesAhead => ({
    workers,
    jobs: 2,
    filters: {},
    outDir: join(root, 'output'),
    fails: (list) => list.some((d) => d.severity === 'error'),
    ...over,
  });

  test('every project but the last has its releases begun, and their PDFs written', async () => {
    const { content, begun } = await loadWithReleasesAhead(root, undefined, ahead());
    expect(content.projects.map((p) => p.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect([...(begun?.outcomes.keys() ?? [])].sort()).toEqual(
      ['alpha', 'beta'].flatMap((p) => ['en', 'kk', 'ru'].map((l) => `${p}/${l}/release`)),
    );
    // Each the document the build composes from the whole workspace, to the byte.
    for (const [path, outcome] of begun?.outcomes ?? []) {
      const [project = '', locale = ''] = path.split('/');
      const job = { project, locale, kind: 'release' as const, formats: [...formats], charts: [] };
      const own = await renderDocument(content, job, newCaches(), writePdf);
      const { rendered } = await outcome;
      expect(rendered?.files.map((f) => Buffer.from(f.bytes).toString('base64'))).toEqual(
        own.rendered?.files.map((f) => Buffer.from(f.bytes).toString('base64')),
      );
    }
    await begun?.pool.close();
  });

  test('nothing is begun for one project, at --jobs 1, for a shard, or without PDFs', async () => {
    const cases: [readonly string[] | undefined, Partial<ReleasesAhead>][] = [
      [['alpha'], {}],
      [undefined, { jobs: 1 }],
      [undefined, { filters: { shard: { index: 1, count: 2 } } }],
      [undefined, { filters: { formats: ['html'] } }],
      [undefined, { filters: { audiences: ['osce'] } }],
      [undefined, { workers: undefined }],
    ];
    for (const [only, over] of cases) {
      const { content, begun } = await loadWithReleasesAhead(root, only, ahead(over));
      expect(content.projects.length).toBe(only ? 1 : 3);
      expect(begun?.outcomes.size ?? 0).toBe(0);
      await begun?.pool.close();
    }
  });

  test('a build at --jobs 2, its own process with a PDF worker, writes the bytes --jobs 1 writes', async () => {
    const args = ['build', '--locale', 'en'];
    const one = await runMain([...args, '--jobs', '1', '--out', 'one'], root);
    const two = runCli([...args, '--jobs', '2', '--out', 'two'], root);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const docs = documents(root, 'one');
    expect(Object.keys(docs)).toHaveLength(24);
    expect(documents(root, 'two')).toEqual(docs);
    // Not a terminal: one line per document, each counted once, the releases begun early among them.
    expect(two.stdout.split('\n').filter((l) => /^\[\d+\/12\] /.test(l))).toHaveLength(12);
  });

  test('a problem in a later project stops the build: every problem reported, nothing written', async () => {
    const broken = makeWorkspace(three);
    try {
      appendFileSync(join(broken, 'content/beta/figures.yaml'), '\n  - id: [not, a, figure\n');
      const r = runCli(['build', '--jobs', '2'], broken);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/content\/beta\/figures\.yaml/);
      expect(r.stderr).toMatch(/build stopped/);
      expect(existsSync(join(broken, 'output'))).toBe(false);
    } finally {
      removeWorkspace(broken);
    }
  });
});
