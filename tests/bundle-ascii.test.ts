/**
 * The bundles are ASCII (scripts/ascii.mjs), so that each thread reads its own as one-byte
 * text (src/runtime/code-cache.ts): the characters esbuild leaves in comments and regular
 * expressions become escapes that match the same text, and nothing else changes.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
// @ts-expect-error: a plain JavaScript module of the build scripts, without types.
import { toAscii } from '../scripts/ascii.mjs';
import { repoRoot } from './helpers/workspace.js';

const escape = toAscii as (code: string) => string;

describe('a bundle made ASCII', () => {
  // Each regular expression with what it must still find, in each sample text.
  const code = [
    '// «Қаңтар» … a comment',
    '/* block: ж — 😀 */',
    'const a = /[…\\s]+ж/u;',
    'const b = /\\…/;',
    'const g = /\\\\…/;',
    'const c = /😀+/u;',
    'const d = /😀/;',
    'const e = /[“”"«»„‘’]/g;',
    'const f = 6 / 2 / 3;',
    'const s = "қаз";',
    'const raw = String.raw`ж\\u0436`;',
    '({ a, b, c, d, e, f, g, s, raw });',
  ].join('\n');
  const samples = ['x … ж', '…', '\\…', 'a😀😀b', '\uD83D', '«q»', 'plain', 'ж'];
  const run = (source: string): Record<string, unknown> => runInNewContext(source) as Record<string, unknown>;

  test('its regular expressions find what they found, in every sample', () => {
    const before = run(code);
    const after = run(escape(code));
    for (const name of ['a', 'b', 'c', 'd', 'e', 'g'])
      for (const sample of samples) {
        const was = sample.match(before[name] as RegExp);
        expect([name, sample, sample.match(after[name] as RegExp)]).toEqual([name, sample, was]);
      }
    expect(after.f).toBe(before.f);
  });

  test('strings and templates keep their characters; comments and expressions are ASCII', () => {
    const out = escape(code);
    const after = run(out);
    expect(after.s).toBe('қаз');
    expect(after.raw).toBe('ж\\u0436');
    expect(out.split('\n').filter((line) => /[\u0080-\uffff]/.test(line))).toEqual([
      'const s = "қаз";',
      'const raw = String.raw`ж\\u0436`;',
    ]);
  });

  test('the built bundles are ASCII throughout', () => {
    for (const bundle of ['cli/worker.bundle.cjs', 'pipeline/worker.bundle.cjs', 'charts/render.bundle.cjs'])
      expect([bundle, isAscii(readFileSync(join(repoRoot, 'dist', bundle)))]).toEqual([bundle, true]);
  });
});
