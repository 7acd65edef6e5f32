/**
 * A build collects each document's files as the document finishes (pipeline/build.ts),
 * while later PDFs are still being written: whatever the caller does with a file (its
 * manifest entry laid out, pipeline/run.ts) is off the end of the build. The files it
 * returns are in the documents' order all the same.
 */
import { expect, test } from 'vitest';
import { build, type BuiltFile } from '../src/pipeline/build.js';
import type { PdfPool } from '../src/pipeline/pool.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { documentKinds } from '../src/model/project.js';
import { repoRoot } from './helpers/workspace.js';

/** A pool whose PDFs are written when the test says, one after another. */
function heldPool(): { pool: PdfPool; held: ((bytes: Uint8Array) => void)[] } {
  const held: ((bytes: Uint8Array) => void)[] = [];
  const written: Promise<Uint8Array>[] = [];
  const pool: PdfPool = {
    write: () => {
      const made = new Promise<Uint8Array>((resolve) => held.push(resolve));
      written.push(made);
      return made;
    },
    keepUp: () => Promise.resolve(),
    handOver: () => undefined,
    abandon: () => undefined,
    drain: async () => {
      await Promise.all(written);
    },
    pending: () => 0,
    tellKnown: () => undefined,
    learned: () => Promise.resolve({ figures: [] }),
    takenAhead: () => 0,
    close: () => Promise.resolve(),
  };
  return { pool, held };
}

const until = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
};

test('each document’s files are collected once its PDF is written, before the last PDF', async () => {
  const ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
  // One English PDF per document the project makes: its audiences' briefings and the release.
  const count = documentKinds(ws.projects[0]!).length;
  expect(count).toBeGreaterThan(1);
  const { pool, held } = heldPool();
  const seen: BuiltFile[] = [];
  const building = build(
    ws,
    { locales: ['en'], formats: ['pdf'] },
    // Two threads' worth: documents are composed while PDFs are written elsewhere.
    { pool, force: true, jobs: 2 },
    (f) => seen.push(f),
  );
  await until(() => held.length === count);
  // The last document handed over is written first; the others are still being written.
  held[count - 1]!(new Uint8Array([1]));
  await until(() => seen.length === 1);
  expect(seen[0]!.path).toMatch(/^kazakhstan-2022\/en\/[a-z-]+\.pdf$/);
  for (const [i, write] of held.slice(0, -1).entries()) write(new Uint8Array([i + 2]));
  const result = await building;
  expect(result.files).toHaveLength(count);
  expect([...seen].sort((a, b) => a.path.localeCompare(b.path))).toEqual(
    [...result.files].sort((a, b) => a.path.localeCompare(b.path)),
  );
  // In the plan's order, whatever order their PDFs came in.
  expect(result.files.map((f) => f.path)).toEqual(result.documents.map((d) => `${d.path}.pdf`));
}, 60_000);
