/**
 * Review copies and sign-offs: a bilingual document per briefing and release, with
 * numbers rendered, states marked and terms highlighted; a sign-off per unit that
 * lapses when the English or the translation changes, shown by `i18n status`.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { compileTemplates } from '../src/write/templates.js';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { translatorFor } from '../src/pipeline/build.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { createContext } from '../src/compose/context.js';
import { reviewCss, reviewDocument } from '../src/translation/review.js';
import { writeHtml } from '../src/write/html.js';
import { makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

describe('review copies', () => {
  let root: string;
  const edit = (path: string, from: string, to: string): void => {
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };
  beforeEach(async () => {
    root = makeWorkspace();
    copyFileSync(
      join(repoRoot, 'tests', 'fixtures', 'glossary', 'glossary.yaml'),
      join(root, 'content', 'test', 'glossary.yaml'),
    );
  });
  afterEach(async () => removeWorkspace(root));

  const reviewHtml = async (kind: 'briefing-osce' | 'release'): Promise<string> => {
    const ws = loadWorkspace(root);
    const project = ws.projects[0];
    const catalog = ws.translations.catalogs.get('kk');
    if (!project || !catalog) throw new Error('no project');
    const doc = reviewDocument({
      project,
      kind,
      catalog,
      glossary: ws.translations.glossaries.get('test'),
      signoffs: new Map(),
      render: {
        source: createContext(project, 'en', kind, translatorFor(ws, project, 'en'), 'review').renderer,
        target: createContext(project, 'kk', kind, translatorFor(ws, project, 'kk'), 'review').renderer,
      },
      names: { source: 'English', target: 'Қазақша' },
      title: 'Test',
      documentName: kind === 'release' ? 'News release' : 'Briefing · For the OSCE',
    });
    return writeHtml(doc, reviewCss, compileTemplates(ws.toolkit));
  };

  test('side by side, numbers rendered, terms highlighted, stale units marked, per document', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'findings', 'tolls.md'),
      'Authorities detained',
      'The authorities detained',
    );
    const html = await reviewHtml('briefing-osce');
    expect(html).toMatch(
      /<h3>findings\/tolls\.md<\/h3>\s*<p class="note"><strong>STALE: the English text changed/,
    );
    expect(html).toMatch(/<td lang="en">The bodies of <span class="fig"[^>]*>\S+/);
    expect(html).not.toMatch(/:fig\[/);
    expect(html).toMatch(/<mark class="term">morgues<\/mark>/);
    expect(html).toMatch(/<mark class="term">мәйітханаларға<\/mark>/);
    // The release carries its own text, not the briefings' framing.
    expect(html).toMatch(/framing\/osce\.md/);
    expect(html).not.toMatch(/<h3>release\.md/);
    expect(await reviewHtml('release')).toMatch(/<h3>release\.md/);
  });

  test('a term the translation lacks is named under it', async () => {
    edit(join(root, 'content', 'test', 'kk', 'findings', 'tolls.md'), 'бейбіт тұрғындар', 'азаматтар');
    expect(await reviewHtml('briefing-osce')).toMatch(
      /Glossary: “civilians”, agreed “бейбіт тұрғындар”: not found/,
    );
  });

  test('i18n review writes its copies as a build writes: one set, no lock or staged file left, unchanged copies untouched', async () => {
    const dir = join(root, 'rev', 'test', 'kk');
    mkdirSync(dir, { recursive: true });
    // What a review killed before its commit point leaves: a staged file and no journal.
    writeFileSync(join(dir, 'review-release.html.briefing-new'), 'half');
    const first = await runMain(
      ['i18n', 'review', '--locale', 'kk', '--out', 'rev', '--format', 'html'],
      root,
    );
    expect(first.status).toBe(0);
    const listing = (): string[] => readdirSync(join(root, 'rev'), { recursive: true }).map(String).sort();
    expect(listing()).toEqual([
      'test',
      'test/kk',
      'test/kk/review-briefing-eu.html',
      'test/kk/review-briefing-osce.html',
      'test/kk/review-briefing-un.html',
      'test/kk/review-release.html',
    ]);
    const copy = join(dir, 'review-release.html');
    utimesSync(copy, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const again = await runMain(
      ['i18n', 'review', '--locale', 'kk', '--out', 'rev', '--format', 'html'],
      root,
    );
    expect(again.stdout).toContain('wrote rev/test/kk/review-release.html');
    expect(statSync(copy).mtime.getFullYear()).toBe(2000);
  });

  test('i18n review writes HTML and PDF per document; sign-off is counted and lapses on change', async () => {
    const r = await runMain(['i18n', 'review', '--locale', 'kk', '--out', 'rev'], root);
    expect(r.status).toBe(0);
    for (const kind of ['briefing-osce', 'briefing-un', 'briefing-eu', 'release'])
      for (const ext of ['html', 'pdf'])
        expect(existsSync(join(root, 'rev', 'test', 'kk', `review-${kind}.${ext}`))).toBe(true);
    expect(
      readFileSync(join(root, 'rev', 'test', 'kk', 'review-release.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const s = await runMain(
      [
        'i18n',
        'signoff',
        '--locale',
        'kk',
        '--unit',
        'findings/tolls.md,recommendations.investigate',
        '--by',
        'A. Reviewer',
      ],
      root,
    );
    expect(s.stdout).toMatch(
      /signed off 2 units of kk by A\. Reviewer \(content\/test\/kk\/signed-off\.yaml\)/,
    );
    const file = readFileSync(join(root, 'content', 'test', 'kk', 'signed-off.yaml'), 'utf8');
    expect(file).toMatch(
      /^findings\/tolls\.md: \{ by: "A\. Reviewer", on: "\d{4}-\d\d-\d\d", hash: [0-9a-f]{16} \}$/m,
    );
    expect((await runMain(['i18n', 'status', '--locale', 'kk'], root)).stdout).toMatch(
      /test · kk: 40 units: 40 translated, 0 missing, 0 stale, 2 signed off by a reviewer, 0 term problems/,
    );
    // A changed translation: the sign-off no longer applies.
    edit(join(root, 'content', 'test', 'kk', 'findings', 'tolls.md'), 'Билік ', 'Қазақстан билігі ');
    expect((await runMain(['i18n', 'status', '--locale', 'kk'], root)).stdout).toMatch(
      /1 signed off by a reviewer/,
    );
    // A changed English: stale, and not signed off either.
    edit(
      join(root, 'content', 'test', 'en', 'texts.yaml'),
      'Investigate every killing',
      'Investigate each killing',
    );
    expect((await runMain(['i18n', 'status', '--locale', 'kk'], root)).stdout).toMatch(
      /0 signed off by a reviewer/,
    );
    const refused = await runMain(
      ['i18n', 'signoff', '--locale', 'kk', '--unit', 'recommendations.investigate', '--by', 'A. Reviewer'],
      root,
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not signed off: recommendations\.investigate \(stale\)/);
    // A broken record is named by check, and never overwritten.
    writeFileSync(join(root, 'content', 'test', 'kk', 'signed-off.yaml'), 'findings/tolls.md: [oops\n');
    // At the end of the text, where the `]` is missing (every such error had been at 1:1).
    expect((await runMain(['check'], root)).stderr).toMatch(
      /kk\/signed-off\.yaml:2:1 error .*must .*end with a \] \(i18n\/signoff\)/,
    );
    const over = await runMain(
      ['i18n', 'signoff', '--locale', 'kk', '--unit', 'findings/tolls.md', '--by', 'B'],
      root,
    );
    expect(over.status).toBe(1);
    expect(readFileSync(join(root, 'content', 'test', 'kk', 'signed-off.yaml'), 'utf8')).toBe(
      'findings/tolls.md: [oops\n',
    );
  });
});
