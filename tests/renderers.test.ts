/**
 * What the manifest records of the code that makes the bytes: an upgrade of any of it
 * rebuilds the documents, and the cache's shaped words and chart fonts are keyed by it.
 */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { rendererVersions } from '../src/pipeline/renderers.js';

const declared = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }
).dependencies;

test('every package that turns a document into bytes is recorded at its installed version', () => {
  const versions = rendererVersions();
  // harfbuzzjs shapes the PDFs' text and hides its package.json behind `exports`;
  // subset-font cuts the HTML pages' chart font.
  for (const name of ['pdfmake', 'pdfkit', 'fontkit', 'harfbuzzjs', 'subset-font', 'vega', 'vega-lite']) {
    expect(versions[name]).toMatch(/^\d+\.\d+\.\d+/);
    // Pinned in package.json: the recorded version is the one installed from it.
    if (/^\d/.test(declared[name] ?? '')) expect(versions[name]).toBe(declared[name]);
  }
  expect(versions.fonts).toMatch(/^[0-9a-f]{16}$/);
});
