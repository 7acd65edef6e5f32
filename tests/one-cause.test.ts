/**
 * One cause, one error: a file that cannot be read is reported once, at its place, and
 * what it would have defined is not then reported missing everywhere else. Each case
 * breaks one file of the Kazakhstan project the way a hurried edit does (found by random
 * edits of the workspace, checked as `briefing check` checks it); before, they gave from
 * 2 to 321 problems each, in other files or at no place.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { withChartChecks } from '../src/pipeline/chart-memo.js';
import { repoRoot } from './helpers/workspace.js';

const project = join('content', 'kazakhstan-2022');

/** The hurried edits: each breaks the file it is made in, and nothing else. */
const strayLine = (t: string): string => t.replace('\n- id:', '\n :\n- id:');
const colonTooMany = (t: string): string => t.replace(/^project:/m, 'project: :');
const quoteTooMany = (t: string): string => t.replace('"page": "', '"page": "" "');
const brokenFrontMatter = (t: string): string => t.replace('---\n', '---\n  : x\n');

/** A file of the repository, edited: the file's path from the root, and what to make of its text. */
const cases: [string, string, (text: string) => string][] = [
  ['a colon too many in a language’s texts.yaml', join(project, 'kk', 'texts.yaml'), colonTooMany],
  ['a stray line in findings.yaml', join(project, 'findings.yaml'), strayLine],
  [
    'a stray line in chronology.yaml (its texts and the timeline chart use it)',
    join(project, 'chronology.yaml'),
    strayLine,
  ],
  [
    'a comma too many in a chart spec (three briefings and a finding show it)',
    join(project, 'charts', 'tolls.vl.json'),
    (t) => t.replace('{', '{,'),
  ],
  [
    'a quote too many in the interface strings (the audiences take their names from them)',
    join('locales', 'en', 'common.json'),
    quoteTooMany,
  ],
  [
    'a stray line in recommendations.yaml (the audiences’ key asks name them)',
    join(project, 'recommendations.yaml'),
    strayLine,
  ],
  ['a stray line in quotations.yaml (the texts quote them)', join(project, 'quotations.yaml'), strayLine],
  [
    'a colon too many in the source language’s texts.yaml (it names the speakers)',
    join(project, 'en', 'texts.yaml'),
    colonTooMany,
  ],
  [
    'a quote too many in a language’s interface strings (each of its keys would be missing)',
    join('locales', 'kk', 'common.json'),
    quoteTooMany,
  ],
  [
    'a broken front matter in an English finding (its translations are checked against it)',
    join(project, 'en', 'findings', 'incident-1.md'),
    brokenFrontMatter,
  ],
  [
    'a broken front matter in a translated finding (the glossary checks its title)',
    join(project, 'kk', 'findings', 'incident-1.md'),
    brokenFrontMatter,
  ],
];

describe('a file that cannot be read is the one problem reported', () => {
  test.each(cases)('%s', async (_, file, edit) => {
    const path = join(repoRoot, file);
    const text = readFileSync(path, 'utf8');
    const broken = edit(text);
    expect(broken).not.toBe(text);
    const ws = await withChartChecks(loadWorkspace(repoRoot, undefined, new Map([[path, broken]])));
    const problems = ws.diagnostics.map((d) => ({
      at: `${relative(repoRoot, d.file)}:${d.line ?? '?'}`,
      severity: d.severity,
      rule: d.rule,
    }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.severity).toBe('error');
    expect(problems[0]?.at).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+$`));
  });
});
