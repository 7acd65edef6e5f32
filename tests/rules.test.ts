/**
 * One golden fixture per catalog rule: tests/fixtures/rules/<rule with / as -->/case.json
 * breaks the base workspace in one way (patch, write, delete, link, append), runs a
 * command in-process, and expected.txt is what it prints on stderr, which must
 * name the rule. A rule without a fixture fails the suite, so a new rule comes
 * with its example. Regenerate with UPDATE=1.
 */
import { afterEach, describe, expect, test } from 'vitest';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { catalog, type RuleId } from '../src/diagnostics/catalog.js';
import { makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'rules');

/** Rules no content can raise; each is tested directly in robustness.test.ts. */
const withoutFixture: Partial<Record<RuleId, string>> = {
  'build/locked': 'another live build holds the output folder',
  'internal/error': 'a bug, not an input',
};

type Step =
  | { patch: string; find: string; replace: string }
  | { write: string; text: string }
  | { append: string; text: string }
  | { appendRepeat: string; text: string; times: number }
  | { delete: string }
  | { copy: string; to: string }
  | { link: string; target: 'outside' | 'nowhere' }
  | { run: string[] };

interface Case {
  readonly rule: RuleId;
  readonly args: string[];
  readonly steps: Step[];
}

const folderOf = (rule: string): string => rule.replace(/\//g, '--');

async function apply(root: string, steps: readonly Step[]): Promise<void> {
  for (const s of steps) {
    if ('patch' in s) {
      const f = join(root, s.patch);
      const text = readFileSync(f, 'utf8');
      if (!text.includes(s.find)) throw new Error(`fixture: ${s.patch} has no ${JSON.stringify(s.find)}`);
      writeFileSync(f, text.replace(s.find, s.replace));
    } else if ('write' in s) {
      mkdirSync(dirname(join(root, s.write)), { recursive: true });
      writeFileSync(join(root, s.write), s.text);
    } else if ('appendRepeat' in s) appendFileSync(join(root, s.appendRepeat), s.text.repeat(s.times));
    else if ('append' in s) appendFileSync(join(root, s.append), s.text);
    else if ('delete' in s) rmSync(join(root, s.delete));
    else if ('copy' in s) cpSync(join(root, s.copy), join(root, s.to), { recursive: true });
    else if ('link' in s) {
      const target = s.target === 'outside' ? `${root}-outside.txt` : join(root, 'no', 'such', 'file');
      if (s.target === 'outside') writeFileSync(target, 'SECRET, not content\n');
      rmSync(join(root, s.link), { force: true });
      symlinkSync(target, join(root, s.link));
    } else {
      const r = await runMain(s.run, root);
      if (r.status !== 0) throw new Error(`fixture step ${s.run.join(' ')} failed: ${r.stderr}`);
    }
  }
}

const folders = readdirSync(fixturesDir).sort();

describe('every catalog rule has a golden fixture', () => {
  test.each(Object.keys(catalog) as RuleId[])('%s', (rule) => {
    if (withoutFixture[rule]) return;
    expect(folders).toContain(folderOf(rule));
  });
});

describe('rule fixtures (golden)', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) {
      removeWorkspace(r);
      rmSync(`${r}-outside.txt`, { force: true });
    }
  });

  test.each(folders)(
    '%s',
    async (folder) => {
      const c = JSON.parse(readFileSync(join(fixturesDir, folder, 'case.json'), 'utf8')) as Case;
      expect(folderOf(c.rule)).toBe(folder);
      const root = makeWorkspace();
      roots.push(root);
      await apply(root, c.steps);
      const r = await runMain(c.args, root);
      const actual = `exit ${r.status}\n${r.stderr}`;
      const expectedFile = join(fixturesDir, folder, 'expected.txt');
      if (process.env.UPDATE) writeFileSync(expectedFile, actual);
      // A case without its expected output fails: `UPDATE=1 npm test` writes it, for review.
      expect(existsSync(expectedFile), `${folder}/expected.txt is missing`).toBe(true);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
      expect(r.stderr).toContain(`(${c.rule})`);
      // Every line naming an error or warning is located: file:line:column (a whole file, a
      // folder or a command-line flag have no line).
      for (const line of r.stderr
        .split('\n')
        .filter((l) => / (error|warning) .*\([a-z0-9-]+\/[a-z0-9-]+\)$/.test(l)))
        if (!/file\/missing|i18n\/missing|i18n\/stale|file\/unreadable|ref\/unknown-project/.test(line))
          expect(line).toMatch(/^\s+\S+:\d+:\d+ /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).not.toContain('SECRET');
    },
    60_000,
  );
});
