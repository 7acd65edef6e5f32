/**
 * Regenerating after a change: the real command, on a temporary copy of the small
 * project, rebuilds exactly the documents whose inputs changed and says why.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfPages } from './helpers/pdf-text.js';
import { OutputTransaction, readManifest, writeManifest } from '../src/pipeline/output.js';
import {
  addVideosValue,
  makeWorkspace,
  outputs,
  removeWorkspace,
  runMain,
  type FileState,
} from './helpers/workspace.js';
import { copiesOfOneBuild } from './helpers/built-copies.js';

const documents = (files: Map<string, FileState>): string[] =>
  [...files.keys()].filter((p) => /\.(pdf|html)$/.test(p) && p !== 'index.html');

/** Documents named on `rebuilt …` lines, as `test/en/briefing-osce`. */
const rebuilt = (stdout: string): string[] =>
  [...stdout.matchAll(/^rebuilt output\/(\S+) \(/gm)].map((m) => m[1]!).sort();

interface ManifestDoc {
  path: string;
  inputs: { figures: Record<string, string> };
}

let root: string;
let out: string;
const built = copiesOfOneBuild((copy) => {
  root = copy;
  out = join(copy, 'output', 'test');
});

describe('incremental builds', () => {
  test('a second build with no change rebuilds nothing and touches no file', async () => {
    const before = outputs(join(root, 'output'));
    const r = await runMain(['build'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/built 0 documents .*; 12 up to date/);
    expect(outputs(join(root, 'output'))).toEqual(before);
  });

  test('a new dated value for one figure rebuilds exactly the documents that show it, everywhere', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      documents: ManifestDoc[];
    };
    const users = [
      ...new Set(
        manifest.documents
          // What shows the newest value: a current use, a key figure with its history. A
          // sentence that cites the release is the release's statement, and keeps its 80.
          .filter((d) => ['videos@current', 'videos@history'].some((use) => use in d.inputs.figures))
          .map((d) => d.path.replace(/\.(pdf|html)$/, '')),
      ),
    ].sort();
    // The figure is in some documents but not all: the test can tell "exactly those" from "all".
    expect(users.length).toBeGreaterThan(0);
    expect(users.length).toBeLessThan(12);

    const before = outputs(join(root, 'output'));
    addVideosValue(root);
    const r = await runMain(['build'], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(rebuilt(r.stdout)).toEqual(users);
    expect(r.stdout).toMatch(/figure videos changed/);
    expect(r.stdout).toMatch(/figure videos: over 80 \(2022-01-16\) → over 95 \(2022-01-20\)/);

    const after = outputs(join(root, 'output'));
    for (const doc of documents(before)) {
      const shown = users.some((u) => doc.startsWith(`${u}.`));
      if (shown) expect(after.get(doc)!.sha).not.toBe(before.get(doc)!.sha);
      else expect(after.get(doc)).toEqual(before.get(doc)); // same bytes, same modification time
    }
    // The manifest records the files as they now are.
    const recorded = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      documents: { path: string; sha256: string }[];
    };
    for (const d of recorded.documents) expect([d.path, d.sha256]).toEqual([d.path, after.get(d.path)!.sha]);
    const expected: Record<string, RegExp> = { en: /over 95/, ru: /более\s95/, kk: /95[-\u2011]тен астам/ };
    for (const u of users) {
      const locale = u.split('/')[1]!;
      const html = readFileSync(join(root, 'output', `${u}.html`), 'utf8');
      const pdf = (await pdfPages(join(root, 'output', `${u}.pdf`))).join('\n');
      expect(html).toMatch(expected[locale]!);
      expect(pdf).toMatch(expected[locale]!);
      // The release's statement stands as it was.
      expect(html.replace(/<[^>]+>/g, '')).toMatch(
        /analysed over\s80|проанализировала более\s80|80\u2011нен астам/,
      );
      // The chart draws the new value too (its labels are SVG text in the HTML).
      if (u.endsWith('briefing-osce')) {
        const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
        expect(svg).toMatch(expected[locale]!);
      }
    }

    // The earlier value stays on record, and in view beside the key figure.
    const text = (p: string): string => readFileSync(join(out, p), 'utf8').replace(/<[^>]+>/g, '');
    expect(text('en/briefing-eu.html')).toContain('earlier: over 80 (16\u00a0January)');
    expect(text('kk/briefing-eu.html')).toContain('бұрын: 80\u2011нен астам (16\u00a0қаңтар)');
    // Its citation mark follows the value's date, not the earlier values on their own line.
    expect(readFileSync(join(out, 'en/briefing-eu.html'), 'utf8')).toMatch(
      /<span class="asof">[^<]*<\/span><sup class="cite"[^>]*>.*?<\/sup> <span class="earlier">earlier: /,
    );
    const changes = readFileSync(join(out, 'CHANGES.md'), 'utf8');
    expect(changes).toMatch(
      /`videos`\): over 80 as of 16\sJanuary 2022 .*→ \*\*over 95 as of 20\sJanuary 2022/,
    );
    for (const u of users) expect(changes).toContain(`${u}: figure videos changed`);
    // What the editor reads again besides sentences: the chart's row and the cover's date.
    expect(changes).toContain(
      '- test/en/briefing-osce (en), Figure 1: Reported tolls:\n' +
        '  - before: Verified videos · over 80\n  - now: Verified videos · over 95',
    );
    expect(changes).toMatch(
      /- test\/kk\/briefing-eu \(kk\), cover:\n {2}- before: Ақпарат 2022\sжылғы 16\sқаңтардағы .*\n {2}- now: Ақпарат 2022\sжылғы 20\sқаңтардағы /,
    );
    const json = JSON.parse(readFileSync(join(out, 'CHANGES.json'), 'utf8')) as {
      entries: { figures: { id: string; before: { shown: string }; after: { shown: string } }[] }[];
    };
    expect(json.entries[0]!.figures.map((f) => [f.id, f.before.shown, f.after.shown])).toEqual([
      ['videos', 'over 80', 'over 95'],
    ]);
  });

  test('a value dated before the newest rebuilds the documents whose key figures list it as earlier', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      documents: ManifestDoc[];
    };
    const boxes = [
      ...new Set(
        manifest.documents
          .filter((d) => 'videos@history' in d.inputs.figures)
          .map((d) => d.path.replace(/\.(pdf|html)$/, '')),
      ),
    ].sort();
    expect(boxes.length).toBeGreaterThan(0);
    appendFileSync(join(root, 'content/test/sources/release.txt'), 'The ministry counted over 60 videos.\n');
    const figures = join(root, 'content/test/figures.yaml');
    const older =
      '    - value: 60\n      qualifier: over\n      asOf: 2022-01-07\n      source: ministry\n' +
      "      quote: 'over 60 videos'\n";
    writeFileSync(
      figures,
      readFileSync(figures, 'utf8').replace(
        '  unit: video\n  values:\n',
        `  unit: video\n  values:\n${older}`,
      ),
    );
    const r = await runMain(['build'], root);
    expect(r.stderr).toBe('');
    expect(rebuilt(r.stdout)).toEqual(boxes);
    const text = readFileSync(join(root, 'output', `${boxes[0]}.html`), 'utf8').replace(/<[^>]+>/g, '');
    expect(text).toMatch(
      /over 60 \(7\u00a0January\)|более\u00a060 \(7\u00a0января\)|60-тан астам \(7\u00a0қаңтар\)/,
    );
  });

  test('a changed Kazakh string rebuilds the Kazakh documents only', async () => {
    const before = outputs(join(root, 'output'));
    const common = join(root, 'locales/kk/common.json');
    writeFileSync(
      common,
      readFileSync(common, 'utf8').replace('"Анықталған фактілер"', '"Анықталған деректер"'),
    );
    const r = await runMain(['build'], root);
    expect(r.status).toBe(0);
    const kk = documents(before)
      .filter((d) => d.startsWith('test/kk/'))
      .map((d) => d.replace(/\.(pdf|html)$/, ''));
    expect(rebuilt(r.stdout)).toEqual([...new Set(kk)].sort());
    expect(r.stdout).toContain('locales/kk/common.json changed');
    const after = outputs(join(root, 'output'));
    for (const doc of documents(before).filter((d) => !d.startsWith('test/kk/')))
      expect(after.get(doc)).toEqual(before.get(doc));
    expect(readFileSync(join(out, 'kk/briefing-un.html'), 'utf8')).toContain('Анықталған деректер');
    expect(readFileSync(join(out, 'CHANGES.md'), 'utf8')).toMatch(
      /kk: 1 text changed: `ui:common\.section\.findings`/,
    );
  });

  test('the documents a build wrote are found as written by the next, by the hashes it kept', async () => {
    const common = join(root, 'locales/kk/common.json');
    writeFileSync(
      common,
      readFileSync(common, 'utf8').replace('"Анықталған фактілер"', '"Анықталған деректер"'),
    );
    expect(rebuilt((await runMain(['build'], root)).stdout)).not.toEqual([]);
    // In this process the next build looks each document's hash up by its file's stat, as the
    // commit kept it (pipeline/output.ts), without reading the file: a wrong hash would read
    // as a file edited by hand, and rebuild it.
    const again = await runMain(['build'], root);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/built 0 documents .*; 12 up to date/);
  });

  test('an English text change marks its translations for review', async () => {
    const texts = join(root, 'content/test/en/texts.yaml');
    const source = readFileSync(texts, 'utf8');
    const line = source.split('\n').find((l) => /^ {2}investigate: /.test(l));
    expect(line).toBeDefined();
    writeFileSync(texts, source.replace(line!, `${line!.replace(/\.$/, '')} without delay.`));
    const r = await runMain(['build'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/translations to review: 1 unit/);
    expect(readFileSync(join(out, 'CHANGES.md'), 'utf8')).toMatch(/`recommendations\.investigate`: ru, kk/);
  });

  test('--force rebuilds everything but rewrites no identical file', async () => {
    const before = outputs(join(root, 'output'));
    const r = await runMain(['build', '--force'], root);
    expect(r.status).toBe(0);
    expect(rebuilt(r.stdout)).toHaveLength(12);
    expect(r.stdout).toContain('rebuild forced (--force)');
    const after = outputs(join(root, 'output'));
    for (const doc of documents(before)) expect(after.get(doc)).toEqual(before.get(doc));
    expect(after.get('test/manifest.json')).toEqual(before.get('test/manifest.json'));
  });

  test('documents made by other code of the same version are made again (a checkout, a patch)', async () => {
    const file = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      documents: { inputs: { tool: string } }[];
    };
    const now = manifest.documents[0]!.inputs.tool;
    expect(now).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    const older = now.replace(/\+.*/, '+000000000000');
    for (const d of manifest.documents) d.inputs.tool = older;
    writeFileSync(file, JSON.stringify(manifest, null, 2));
    const before = outputs(join(root, 'output'));
    const r = await runMain(['build'], root);
    expect(r.status).toBe(0);
    expect(rebuilt(r.stdout)).toHaveLength(12);
    expect(r.stdout).toContain(`tool updated (${older} → ${now})`);
    const after = outputs(join(root, 'output'));
    for (const doc of documents(before)) expect(after.get(doc)).toEqual(before.get(doc));
  });

  test('a project template added after a build makes every document again, with it', async () => {
    const own = join(root, 'content', 'test', 'templates');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'prose.hbs'), '<div class="own-prose">{{body}}</div>\n');
    const r = await runMain(['build', '--format', 'html'], root);
    expect(r.status).toBe(0);
    expect(rebuilt(r.stdout)).toHaveLength(12);
    expect(r.stdout).toContain('files added to or removed from content/test/templates/');
    expect(readFileSync(join(out, 'en', 'briefing-osce.html'), 'utf8')).toContain('class="own-prose"');
  });

  test('a broken content file fails the build with exit 1 and leaves every output as it was', async () => {
    const before = outputs(join(root, 'output'));
    const figures = join(root, 'content/test/figures.yaml');
    writeFileSync(figures, readFileSync(figures, 'utf8').replace('value: 225', 'value: [225'));
    const r = await runMain(['build'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/content\/test\/figures\.yaml:\d+:\d+ error/);
    expect(outputs(join(root, 'output'))).toEqual(before);
  });

  test('a document deleted or edited by hand is rebuilt', async () => {
    writeFileSync(join(out, 'en/release.html'), 'tampered');
    const r = await runMain(['build'], root);
    expect(r.stdout).toMatch(
      /rebuilt output\/test\/en\/release \(html, pdf unchanged\): output file was modified/,
    );
    expect(readFileSync(join(out, 'en/release.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  test('an output edited by hand is rebuilt even when its size and modification time are as before', async () => {
    // A build knows its outputs' hashes by what it found on disk (pipeline/output.ts): only
    // the change time, which no program can set back, tells this edit apart.
    const file = join(out, 'en/release.html');
    // Written by a build in this folder first: it knows the file's hash as it wrote it.
    writeFileSync(file, 'tampered');
    expect((await runMain(['build'], root)).stdout).toMatch(/rebuilt output\/test\/en\/release /);
    const original = readFileSync(file, 'utf8');
    const { mtimeNs } = statSync(file, { bigint: true });
    writeFileSync(file, original.replace('<html', '<HTML'));
    const nanos = String(mtimeNs % 1_000_000_000n).padStart(9, '0');
    expect(spawnSync('touch', ['-m', '-d', `@${mtimeNs / 1_000_000_000n}.${nanos}`, file]).status).toBe(0);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(mtimeNs);
    const r = await runMain(['build'], root);
    expect(r.stdout).toMatch(
      /rebuilt output\/test\/en\/release \(html, pdf unchanged\): output file was modified/,
    );
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});

describe('the manifest from one build to the next in one process (watch)', () => {
  let root: string;
  beforeEach(() => {
    root = makeWorkspace();
    cpSync(built(), root, { recursive: true, preserveTimestamps: true });
  });
  afterEach(() => removeWorkspace(root));

  test('is taken as this process read or wrote it while its file is unchanged, and read again once edited', () => {
    const dir = join(root, 'output');
    const read = (): ReturnType<typeof readManifest> => readManifest(dir, 'test', new OutputTransaction(dir));
    const first = read();
    expect(first?.documents).toHaveLength(24);
    // Written through a commit: the next read gives what a fresh read (and check) of the file gives.
    const tx = new OutputTransaction(dir);
    writeManifest(tx, { ...first!, documents: first!.documents.slice(1) });
    tx.commit();
    const again = read();
    expect(again?.documents).toHaveLength(23);
    expect(again).toEqual(readManifest(dir, 'test'));
    // Edited by hand into a malformed one: read and checked again, so it counts as absent.
    writeFileSync(join(dir, 'test', 'manifest.json'), '{ "project": "test", "documents": "none" }\n');
    expect(read()).toBeUndefined();
  });
});
