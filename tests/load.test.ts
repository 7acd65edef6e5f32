/**
 * Golden diagnostics: each folder under fixtures/check/ overrides files of the
 * base project; `expected.txt` is what `briefing check` reports for it.
 * Regenerate with UPDATE=1.
 */
import { describe, expect, test } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../src/load/project.js';
import { loadToolkit } from '../src/load/toolkit.js';
import { formatDiagnostics } from '../src/diagnostics/report.js';
import { baseProject, makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

const casesDir = join(repoRoot, 'tests', 'fixtures', 'check');
const cases = readdirSync(casesDir).sort();

describe('loader diagnostics (golden files)', () => {
  test('the base project loads without errors or warnings', () => {
    const result = loadProject(baseProject);
    expect(formatDiagnostics(result.diagnostics, baseProject)).toBe('0 errors, 0 warnings');
  });

  test('a folder where a file is read is an error at that file, not a chart left out', () => {
    const root = makeWorkspace();
    try {
      const dir = join(root, 'content', 'test');
      const chart = join(dir, 'charts', 'tolls.vl.json');
      rmSync(chart);
      mkdirSync(chart);
      const found = loadProject(dir).diagnostics.filter((d) => d.rule === 'file/unreadable');
      expect(found.map((d) => [d.file, d.severity, d.message])).toEqual([
        [chart, 'error', 'charts/tolls.vl.json is a folder where a file is read'],
      ]);
    } finally {
      removeWorkspace(root);
    }
  });

  test('an interface string that is a number, a boolean, null or a list is an error at its place', () => {
    const root = makeWorkspace();
    try {
      const file = join(root, 'locales', 'kk', 'common.json');
      const strings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      strings.zz = { a: 42, b: 'text', c: { d: null, e: [] }, f: true };
      writeFileSync(file, JSON.stringify(strings, null, 2));
      const found = loadToolkit(root).diagnostics.filter((d) => d.file === file);
      expect(found.map((d) => d.message)).toEqual(
        ['zz.a', 'zz.c.d', 'zz.c.e', 'zz.f'].map(
          (at) => `interface text is a string or a group of strings at \`${at}\``,
        ),
      );
      expect(found.every((d) => d.severity === 'error' && (d.line ?? 0) > 1)).toBe(true);
    } finally {
      removeWorkspace(root);
    }
  });

  test('a missing logo is reported where project.yaml names it; one that is not an image, in its own file', () => {
    const root = makeWorkspace();
    try {
      const dir = join(root, 'content', 'test');
      const rel = 'assets/logo.svg';
      const yaml = `organisation:\n  logo: ${rel}\n${readFileSync(join(dir, 'project.yaml'), 'utf8')}`;
      writeFileSync(join(dir, 'project.yaml'), yaml);
      const line = 2;
      const missing = loadProject(dir).diagnostics.filter((d) => d.rule === 'file/missing');
      expect(missing.map((d) => [d.file, d.line])).toEqual([[join(dir, 'project.yaml'), line]]);
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, rel), '<html>not a logo</html>');
      const wrong = loadProject(dir).diagnostics.filter((d) => d.rule === 'file/encoding');
      expect(wrong.map((d) => [d.file, d.line])).toEqual([[join(dir, rel), 1]]);
    } finally {
      removeWorkspace(root);
    }
  });

  test('files whose lines end in a carriage return alone (classic Mac OS) are read line by line', () => {
    const root = makeWorkspace();
    try {
      const dir = join(root, 'content', 'test');
      const macOs = (rel: string, edit = (s: string) => s): void => {
        const text = edit(readFileSync(join(dir, rel), 'utf8').replace(/\r\n?/g, '\n'));
        writeFileSync(join(dir, rel), text.replace(/\n/g, '\r'));
      };
      macOs('en/findings/tolls.md');
      macOs('recommendations.yaml');
      expect(formatDiagnostics(loadProject(dir).diagnostics, dir)).toBe('0 errors, 0 warnings');
      // A problem in such a file is reported on the line an editor shows it on.
      macOs('recommendations.yaml', (s) =>
        s.replace('  source: release\n- id: eu-press', '  sorce: release\n- id: eu-press'),
      );
      const found = loadProject(dir).diagnostics.filter((d) => d.severity === 'error');
      expect(found.map((d) => [d.rule, d.line, d.column])).toEqual([
        ['schema/missing', 5, 3],
        ['schema/unknown-key', 8, 3],
      ]);
    } finally {
      removeWorkspace(root);
    }
  });

  test('a text missing in the source language is an error; in a translation, a warning (it falls back)', async () => {
    const root = makeWorkspace();
    try {
      rmSync(join(root, 'content', 'test', 'en', 'framing', 'un.md'));
      rmSync(join(root, 'content', 'test', 'ru', 'framing', 'eu.md'));
      const r = await runMain(['check'], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/en\/framing\/un\.md error en\/framing\/un\.md is missing \(file\/missing\)/);
      expect(r.stderr).toMatch(
        /ru\/framing\/eu\.md warning ru\/framing\/eu\.md is missing \(i18n\/missing\)/,
      );
    } finally {
      removeWorkspace(root);
    }
  });

  test('a required file missing is the one error: what it defines is unknown, not missing everywhere', async () => {
    const root = makeWorkspace();
    try {
      rmSync(join(root, 'content', 'test', 'en', 'texts.yaml'));
      const r = await runMain(['check'], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/en\/texts\.yaml error en\/texts\.yaml is missing \(file\/missing\)/);
      expect(r.stderr).toMatch(/\n1 error, 0 warnings/);
    } finally {
      removeWorkspace(root);
    }
  });

  test.each(cases)('%s', (name) => {
    const root = makeWorkspace();
    try {
      const dir = join(root, 'content', 'test');
      const caseDir = join(casesDir, name);
      for (const entry of readdirSync(caseDir))
        if (entry !== 'expected.txt') cpSync(join(caseDir, entry), join(dir, entry), { recursive: true });
      const result = loadProject(dir);
      const actual =
        formatDiagnostics(
          result.diagnostics.filter((d) => d.severity === 'error'),
          dir,
        ) + '\n';
      const expectedFile = join(caseDir, 'expected.txt');
      if (process.env.UPDATE) writeFileSync(expectedFile, actual);
      // A case without its golden file fails: UPDATE=1 writes it, a person reads it.
      expect(existsSync(expectedFile)).toBe(true);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
      expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    } finally {
      removeWorkspace(root);
    }
  });
});
