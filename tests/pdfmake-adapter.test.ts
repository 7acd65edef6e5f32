/**
 * The pdfmake adapter's speed-ups (style lookups without allocation, measurements kept
 * between layout passes, fonts and laid-out words shared between documents) change no
 * byte: the same document, rendered twice through the adapter, is byte for byte what
 * plain pdfmake makes of it in a process of its own.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../src/write/pdfmake.js';
import { roboto } from '../src/fonts/roboto.js';

const fixture = new URL('./fixtures/pdfmake/relayout.mjs', import.meta.url);
const { documentDefinition } = (await import(fixture.href)) as {
  documentDefinition: () => TDocumentDefinitions;
};

/** Plain pdfmake, nothing patched: its bytes, base64. */
function plainPdfmake(): Buffer {
  const script = `
    const pm = require('pdfmake');
    pm.setFonts({ Roboto: ${JSON.stringify(roboto)} });
    pm.setUrlAccessPolicy(() => false);
    import(${JSON.stringify(fixture.href)})
      .then((f) => pm.createPdf(f.documentDefinition()).getBuffer())
      .then((b) => process.stdout.write(b.toString('base64')));`;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, TZ: 'UTC', NODE_OPTIONS: '' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Buffer.from(r.stdout, 'base64');
}

describe('pdfmake adapter', () => {
  test('gives the bytes plain pdfmake gives, on a document laid out several times', async () => {
    const expected = plainPdfmake();
    expect(expected.length).toBeGreaterThan(10_000);
    // Twice: the second document reuses the first one's fonts, words and chart.
    expect((await renderPdf(documentDefinition())).equals(expected)).toBe(true);
    expect((await renderPdf(documentDefinition())).equals(expected)).toBe(true);
  });
});
