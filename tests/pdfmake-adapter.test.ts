/**
 * The pdfmake adapter's speed-ups (style lookups without allocation, paragraphs measured
 * once per thread, parsed fonts shared between documents) change no byte: the same
 * document, rendered through the adapter after another one, and again, is byte for byte
 * what plain pdfmake makes of it in a process of its own.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../src/write/pdfmake.js';
import { roboto } from '../src/fonts/roboto.js';

const fixture = new URL('./fixtures/pdfmake/relayout.mjs', import.meta.url);
type Fixture = 'documentDefinition' | 'otherDocumentDefinition' | 'restyledDocumentDefinition';
const { documentDefinition, otherDocumentDefinition, restyledDocumentDefinition } = (await import(
  fixture.href
)) as Record<Fixture, () => TDocumentDefinitions>;

/** Plain pdfmake, nothing patched: its bytes, base64. */
function plainPdfmake(name: Fixture = 'documentDefinition'): Buffer {
  const script = `
    const pm = require('pdfmake');
    pm.setFonts({ Roboto: ${JSON.stringify(roboto)} });
    pm.setUrlAccessPolicy(() => false);
    import(${JSON.stringify(fixture.href)})
      .then((f) => pm.createPdf(f[${JSON.stringify(name)}]()).getBuffer())
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
    // Another document first: whatever a thread drew before, a document's bytes are its own
    // (its text layer maps ∆ and Ω to the code points it used, not to Δ and Ω).
    await renderPdf(otherDocumentDefinition());
    // Twice: the second document reuses the parsed fonts and the chart measured before.
    expect((await renderPdf(documentDefinition())).equals(expected)).toBe(true);
    expect((await renderPdf(documentDefinition())).equals(expected)).toBe(true);
  });

  test('measures a paragraph again when a named style inside it has changed', async () => {
    // Paragraphs measured before (the test above, or here) are kept per thread by their
    // text and style stack; the words styled `small` inside them now measure otherwise.
    await renderPdf(documentDefinition());
    const restyled = await renderPdf(restyledDocumentDefinition());
    expect(restyled.equals(plainPdfmake('restyledDocumentDefinition'))).toBe(true);
    expect(restyled.equals(plainPdfmake())).toBe(false);
  });
});
