/**
 * A workspace of several projects: documents of the projects loaded begun on the PDF
 * workers while the next project loads (src/pipeline/load-and-begin.ts), in this process
 * with real worker threads. The build takes them and writes the bytes it writes without them; a
 * problem in a later project still stops the build with nothing written.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndBegin, type BeginWhileLoading } from '../src/pipeline/load-and-begin.js';
import { startWorkers, stopWorkers, type Workers } from '../src/pipeline/pool.js';
import { spawnPdfThread } from '../src/pipeline/pdf-thread.js';
import { newCaches, renderDocument } from '../src/pipeline/render-document.js';
import { formats } from '../src/pipeline/plan.js';
import { chartsFor, translatorFor } from '../src/pipeline/build.js';
import type { DocumentKind } from '../src/model/project.js';
import { sha256 } from '../src/text/hash.js';
import { writePdf } from '../src/write/pdf.js';
import {
  baseProject,
  builtDocuments,
  makeWorkspace,
  removeWorkspace,
  repoRoot,
  runCli,
  runMain,
} from './helpers/workspace.js';

const three = { alpha: baseProject, beta: baseProject, gamma: baseProject };

describe('documents begun while the next project loads', () => {
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

  const ahead = (over: Partial<BeginWhileLoading> = {}): BeginWhileLoading => ({
    workers,
    jobs: 2,
    filters: {},
    outDir: join(root, 'output'),
    fails: (list) => list.some((d) => d.severity === 'error'),
    ...over,
  });

  test('documents of every project but the last are begun, those that draw no chart, each the document the build makes', async () => {
    const { content, begun } = await loadAndBegin(root, undefined, ahead());
    expect(content.projects.map((p) => p.id)).toEqual(['alpha', 'beta', 'gamma']);
    const paths = [...(begun?.outcomes.keys() ?? [])];
    // Those that draw no chart (all but the OSCE briefings here), of the projects loaded
    // before the last: at first up to six waiting (FEED), in the plan's order.
    const chartless = (p: string): string[] =>
      content.projects[0]!.config.locales.flatMap((l) =>
        ['briefing-un', 'briefing-eu', 'release'].map((k) => `${p}/${l}/${k}`),
      );
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(paths.slice(0, 6).every((p) => chartless('alpha').includes(p))).toBe(true);
    expect(paths.every((p) => [...chartless('alpha'), ...chartless('beta')].includes(p))).toBe(true);
    // Each the document the build composes from the whole workspace, to the byte.
    for (const [path, outcome] of begun?.outcomes ?? []) {
      const [id = '', locale = '', kind = ''] = path.split('/');
      const project = content.projects.find((p) => p.id === id)!;
      const t = translatorFor(content, project, locale);
      const charts = await chartsFor(project, kind as DocumentKind, t, new Map(), [], true);
      const job = { project: id, locale, kind: kind as DocumentKind, formats: [...formats], charts };
      const own = await renderDocument(content, job, newCaches(), writePdf);
      const { rendered } = await outcome;
      expect(rendered?.files.map((f) => sha256(Buffer.from(f.bytes)))).toEqual(
        own.rendered?.files.map((f) => sha256(Buffer.from(f.bytes))),
      );
    }
    await begun?.pool.close();
  });

  test('nothing is begun for one project, at --jobs 1, for a shard, without PDFs or a worker, or after a problem', async () => {
    const cases: [readonly string[] | undefined, Partial<BeginWhileLoading>][] = [
      [['alpha'], {}],
      [undefined, { jobs: 1 }],
      [undefined, { filters: { shard: { index: 1, count: 2 } } }],
      [undefined, { filters: { formats: ['html'] } }],
      // A problem that stops the build: nothing more is begun once it is found.
      [undefined, { fails: () => true }],
      [undefined, { workers: undefined }],
    ];
    for (const [only, over] of cases) {
      const { content, begun } = await loadAndBegin(root, only, ahead(over));
      expect(content.projects.length).toBe(only ? 1 : 3);
      expect(begun?.outcomes.size ?? 0).toBe(0);
      await begun?.pool.close();
    }
  });

  test('a build at --jobs 2, its own process with a PDF worker, writes the bytes --jobs 1 writes', async () => {
    // Fewer documents than a whole build: a release (begun) and a briefing (not) a project.
    const args = ['build', '--locale', 'en', '--audience', 'release,osce'];
    const one = await runMain([...args, '--jobs', '1', '--out', 'one'], root);
    const two = runCli([...args, '--jobs', '2', '--out', 'two'], root);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const docs = builtDocuments(root, 'one');
    expect(Object.keys(docs)).toHaveLength(12);
    expect(builtDocuments(root, 'two')).toEqual(docs);
    // Not a terminal: one line per document, each counted once, the releases begun early among them.
    expect(two.stdout.split('\n').filter((l) => /^\[\d+\/6\] /.test(l))).toHaveLength(6);
  });

  test('a document that draws a chart is not begun (no chart is drawn before every spec is checked)', async () => {
    const charted = makeWorkspace(three);
    try {
      for (const id of Object.keys(three)) {
        const file = join(charted, 'content', id, 'project.yaml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace('release:\n', 'release:\n  charts: [tolls]\n'),
        );
      }
      const { content, begun } = await loadAndBegin(
        charted,
        undefined,
        ahead({ outDir: join(charted, 'output') }),
      );
      expect(content.projects.map((p) => p.config.release.charts)).toEqual([['tolls'], ['tolls'], ['tolls']]);
      const paths = [...(begun?.outcomes.keys() ?? [])];
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.filter((p) => /\/(release|briefing-osce)$/.test(p))).toEqual([]);
      await begun?.pool.close();
    } finally {
      removeWorkspace(charted);
    }
  });

  test('a project that fails to load hides none after it: every problem is reported', async () => {
    const broken = makeWorkspace(three);
    try {
      appendFileSync(join(broken, 'content/alpha/project.yaml'), 'locales: [\n');
      appendFileSync(join(broken, 'content/gamma/figures.yaml'), '\n  - id: [not, a, figure\n');
      const r = await runMain(['check'], broken);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/content\/alpha\/project\.yaml/);
      expect(r.stderr).toMatch(/content\/gamma\/figures\.yaml/);
    } finally {
      removeWorkspace(broken);
    }
  });

  test('a usage error found once documents are begun: its message and exit code, nothing written', async () => {
    const r = runCli(['build', '--jobs', '2', '--locale', 'en,xx', '--out', 'usage'], root);
    expect(r.stderr).toMatch(/no project has locale "xx"/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(2);
    expect(existsSync(join(root, 'usage'))).toBe(false);
  });

  test('a problem in a later project stops the build: every problem reported, nothing written', async () => {
    const broken = makeWorkspace(three);
    try {
      appendFileSync(join(broken, 'content/beta/figures.yaml'), '\n  - id: [not, a, figure\n');
      const r = runCli(['build', '--jobs', '2'], broken);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/content\/beta\/figures\.yaml/);
      expect(r.stderr).toMatch(/build stopped/);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(existsSync(join(broken, 'output'))).toBe(false);
    } finally {
      removeWorkspace(broken);
    }
  });
});
