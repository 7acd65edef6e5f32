/**
 * A manifest's file is what `JSON.stringify(manifest, null, 2)` gives, however its text is
 * put together: from entries kept between builds or made afresh.
 */
import { describe, expect, test } from 'vitest';
import { manifestBytes } from '../src/pipeline/manifest-text.js';
import { mergeManifest, type Manifest } from '../src/pipeline/output.js';
import type { Snapshot } from '../src/pipeline/changes.js';

const reference = (m: object): string => JSON.stringify(m, null, 2) + '\n';

const entry = (path: string, extra: object = {}): Record<string, unknown> => ({
  path,
  project: 'p',
  locale: 'kk',
  audience: null,
  type: 'briefing',
  format: 'pdf',
  sha256: 'a'.repeat(64),
  title: 'Қаңтар оқиғалары: «атыс» және \u2028 "тырнақша"\nжаңа жол\\',
  label: undefined,
  bytes: 12,
  inputs: { files: { 'a/b.md': 'f'.repeat(64) }, figures: [], nested: { deeper: [1, [2, {}], []] } },
  ...extra,
});

describe('manifest bytes', () => {
  test.each([
    ['no documents', { project: 'p', documents: [] }],
    ['no documents, a snapshot', { project: 'p', documents: [], snapshot: {} }],
    ['one document', { project: 'p', documents: [entry('p/kk/a.pdf')] }],
    [
      'documents with places and a snapshot',
      {
        project: 'p\u00e9',
        documents: [entry('p/en/a.html', { places: [{ section: 'S', text: 'x\ty' }] }), entry('p/en/a.pdf')],
        snapshot: { figures: { a: { shown: '3,811', sources: ['s1'] } }, texts: {} },
      },
    ],
  ])('%s: as JSON.stringify lays it out', (_name, manifest) => {
    expect(manifestBytes(manifest).toString('utf8')).toBe(reference(manifest));
  });

  test('an entry kept from the last build and new ones make the bytes of a manifest made afresh', () => {
    const kept = entry('p/kk/a.pdf');
    const snapshot = { figures: { a: { shown: '9' } } };
    const first = { project: 'p', documents: [kept, entry('p/kk/b.pdf')], snapshot };
    manifestBytes(first);
    // The snapshot, at another depth than an entry, is laid out at its own.
    manifestBytes({ project: 'p', documents: [snapshot] });
    const second = {
      project: 'p',
      documents: [kept, entry('p/kk/b.pdf', { sha256: 'b'.repeat(64) })],
      snapshot,
    };
    expect(manifestBytes(second).toString('utf8')).toBe(
      reference(JSON.parse(JSON.stringify(second)) as object),
    );
  });

  test('keys in another order are written in that order', () => {
    const odd = { documents: [entry('p/kk/a.pdf')], project: 'p', extra: true };
    expect(manifestBytes(odd as never).toString('utf8')).toBe(reference(odd));
  });
});

describe('a merged manifest', () => {
  test('keeps the last snapshot only while it is the same, keys in the same order', () => {
    const before = {
      project: 'p',
      documents: [],
      snapshot: { figures: { a: 1, b: 2 } },
    } as unknown as Manifest;
    const same = { figures: { a: 1, b: 2 } } as unknown as Snapshot;
    expect(mergeManifest(before, 'p', [], same).snapshot).toBe(before.snapshot);
    // Reordered (a project's figures or languages listed in another order): written as a full build writes it.
    const reordered = { figures: { b: 2, a: 1 } } as unknown as Snapshot;
    const merged = mergeManifest(before, 'p', [], reordered);
    expect(manifestBytes(merged).toString('utf8')).toBe(JSON.stringify(merged, null, 2) + '\n');
    expect(JSON.stringify(merged.snapshot)).toBe(JSON.stringify(reordered));
  });
});
