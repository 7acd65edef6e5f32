/**
 * The folders of src/ depend one way (.dependency-cruiser.cjs): the rule passes on the
 * tool itself and refuses an import that goes up a layer.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers/workspace.js';

const depcruise = join(repoRoot, 'node_modules', '.bin', 'depcruise');
const config = join(repoRoot, '.dependency-cruiser.cjs');
const cruise = (cwd: string): { status: number | null; out: string } => {
  const r = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('layers', () => {
  test('src/ has no import going up a layer and no cycle', () => {
    const r = cruise(repoRoot);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  }, 60_000);

  test('a build with nothing to make starts no composer: the command bundle starts it only where build.ts asks for it', () => {
    // The rule above sees build.ts's own imports; the bundle shows every path to the module.
    const bundle = readFileSync(join(repoRoot, 'dist', 'cli', 'worker.bundle.cjs'), 'utf8');
    const starts = [...bundle.matchAll(/init_render_document\d*\(\)/g)].map((m) =>
      bundle.slice(m.index - 30, m.index + m[0].length + 30),
    );
    expect(starts.length).toBeGreaterThan(0);
    for (const at of starts)
      expect(at).toMatch(/\.then\(\(\) => \(init_render_document\d*\(\), render_document_exports/);
  });

  test('an import from the model up into the loader is refused', () => {
    const r = cruise(join(repoRoot, 'tests', 'fixtures', 'layers', 'upward'));
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/no-upward-from-model: src\/model\/figure\.ts → src\/load\/read\.ts/);
  }, 60_000);

  test("an import of the PDF writer's pdfmake modules from the pipeline is refused", () => {
    const r = cruise(join(repoRoot, 'tests', 'fixtures', 'layers', 'pdf-internals'));
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(
      /pdf-writer-behind-its-adapter: src\/pipeline\/known\.ts → src\/write\/pdfmake-float\.ts/,
    );
  }, 60_000);
});
