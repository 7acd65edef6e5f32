/**
 * XLIFF as Debian's translate-toolkit (and so Weblate, Pootle, Virtaal and `xliff2po`)
 * reads and writes it. The committed fixtures were made by translate-toolkit itself
 * (tests/fixtures/translate-toolkit/make.sh), so this suite needs no system package;
 * the last test runs translate-toolkit live when it is installed.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { planImport } from '../src/translation/import.js';
import { readXliff, writeXliff } from '../src/translation/xliff.js';
import { makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'translate-toolkit');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

/** The state make.sh exported from: findings/tolls.md stale in kk, recommendations.moscow-mechanism missing. */
function prepare(root: string): void {
  const en = join(root, 'content', 'test', 'en', 'findings', 'tolls.md');
  writeFileSync(en, readFileSync(en, 'utf8').replace('Authorities detained', 'The authorities detained'));
  const kk = join(root, 'content', 'test', 'kk', 'texts.yaml');
  writeFileSync(kk, readFileSync(kk, 'utf8').replace(/\n {2}moscow-mechanism: .*\n/, '\n'));
}

const plan = (root: string, xml: string, locale?: string): ReturnType<typeof planImport> => {
  const ws = loadWorkspace(root);
  const read = readXliff(xml);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return planImport(read.files, ws.translations.catalogs, ws.translations.files, locale);
};

describe('XLIFF for translate-toolkit', () => {
  let root: string;
  beforeEach(() => {
    root = makeWorkspace();
    prepare(root);
  });
  afterEach(() => removeWorkspace(root));

  test('translated entries are approved, stale and missing ones are not; notes are from "developer"', async () => {
    const ws = loadWorkspace(root);
    const catalog = ws.translations.catalogs.get('kk');
    if (!catalog) throw new Error('no kk catalog');
    const xml = writeXliff(catalog, catalog.units, 'briefing test');
    const units = [...xml.matchAll(/<trans-unit ([^>]*)>/g)].map((m) => m[1] ?? '');
    const approved = units.filter((a) => a.includes('approved="yes"'));
    const open = units.filter((a) => !a.includes('approved="yes"')).map((a) => /id="([^"]+)"/.exec(a)?.[1]);
    expect(open.sort()).toEqual([
      'content/test/en/findings/tolls.md#p1',
      'content/test/en/findings/tolls.md#p2',
      'content/test/en/findings/tolls.md#title',
      'content/test/en/texts.yaml#recommendations.moscow-mechanism',
    ]);
    expect(approved.length).toBe(units.length - 4);
    expect(xml).not.toMatch(/<note from="(?!developer")/);
    // Codes are <ph> with the code as content: xliff2po keeps element text, and drops <x/>.
    expect(xml).not.toMatch(/<x /);
    expect(xml).toMatch(/<ph id="2" ctype="x-cite">:cite\[ministry\]<\/ph>/);
  });

  test('the PO file xliff2po made: only the stale entries are fuzzy, the missing one is empty, notes kept', async () => {
    const po = fixture('exported-kk.po');
    const entries = po.split(/\n\n/).filter((e) => /^msgid "(.+)"|^msgid ""\n"/m.test(e));
    const fuzzy = entries.filter((e) => /^#, fuzzy/m.test(e)).map((e) => /^#: (.*)$/m.exec(e)?.[1]);
    // The stale unit is one finding: its title and both blocks await the translator's check.
    expect(fuzzy).toEqual([
      'content/test/en/findings/tolls.md%23title',
      'content/test/en/findings/tolls.md%23p1',
      'content/test/en/findings/tolls.md%23p2',
    ]);
    const untranslated = entries.filter((e) => /^msgstr ""$/m.test(e) && !/^msgstr ""\n"/m.test(e));
    expect(untranslated.map((e) => /^#: (.*)$/m.exec(e)?.[1])).toEqual([
      'content/test/en/texts.yaml%23recommendations.moscow-mechanism',
    ]);
    // Every entry keeps its context note, and the placeholders with their explanation.
    expect(entries.every((e) => /^#\. /m.test(e))).toBe(true);
    expect(po).toMatch(
      /#\. Placeholders \(keep each exactly once, unchanged\): :fig\[detained\]\{noun=person\}/,
    );
    expect(po).toMatch(
      /msgid "The authorities detained :fig\[detained\]\{noun=person\}\. :cite\[ministry\]"/,
    );
  });

  test.each([
    ['po2xliff-kk.xlf', 'kk'],
    ['resaved-kk.xlf', undefined],
  ])('%s (re-saved by translate-toolkit) imports cleanly', (name, locale) => {
    const p = plan(root, fixture(name), locale);
    expect(p.problems).toEqual([]);
    expect([...p.updated].sort()).toEqual(['findings/tolls.md', 'recommendations.moscow-mechanism']);
    expect(p.accepted).toContain('findings/tolls.md');
    expect(p.review).toEqual([]);
    expect(p.edits.get('content/test/kk/findings/tolls.md')).toContain(
      'Қазақстан билігі :fig[detained]{noun=person} ұстады.',
    );
    expect(p.edits.get('content/test/kk/texts.yaml')).toMatch(
      /moscow-mechanism: "Мәскеу механизмін іске қосу\."/,
    );
  });

  test('after the import from po2xliff nothing is missing or stale, and a second import changes nothing', async () => {
    const file = join(fixtures, 'po2xliff-kk.xlf');
    const first = await runMain(['i18n', 'import', file, '--locale', 'kk'], root);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const status = await runMain(['i18n', 'status', '--locale', 'kk', '--strict'], root);
    expect(status.stdout).toMatch(/test · kk: 40 units: 40 translated, 0 missing, 0 stale/);
    expect(status.status).toBe(0);
    expect((await runMain(['i18n', 'import', file, '--locale', 'kk'], root)).stdout).toMatch(
      /no file changed/,
    );
  });

  test('a PO round trip that dropped a code, or answers an older English, is refused', async () => {
    const dropped = fixture('po2xliff-kk.xlf').replace(
      'ұстады. Әскери қызметшілер қаза тапты. :cite[ministry]</target>',
      'ұстады. Әскери қызметшілер қаза тапты.</target>',
    );
    expect(plan(root, dropped, 'kk').problems.map((p) => `${p.subject}: ${p.message}`)).toEqual([
      'findings/tolls.md p2: placeholder {2} (`:cite[ministry]`) was dropped',
    ]);
    const older = fixture('po2xliff-kk.xlf').replace(
      '<source>The authorities detained',
      '<source>Authorities detained',
    );
    expect(plan(root, older, 'kk').problems.map((p) => p.message)).toEqual([
      'the English text of this entry has changed since the file was made; export again',
    ]);
    expect(plan(root, fixture('po2xliff-kk.xlf')).problems[0]?.message).toMatch(/give it with --locale/);
  });

  test('a file from an earlier export (<x/> placeholders, bare entry ids) still imports', async () => {
    const old = fixture('resaved-kk.xlf')
      .replace(/<ph id="(\d+)" ctype="([^"]+)">([^<]*)<\/ph>/g, '<x id="$1" ctype="$2" equiv-text="$3"/>')
      .replace(/(<trans-unit id=")[^"#]*#/g, '$1')
      .replace(/ approved="yes"/g, '');
    expect(old).toMatch(/<trans-unit id="p2"/);
    const p = plan(root, old);
    expect(p.problems).toEqual([]);
    expect([...p.updated].sort()).toEqual(['findings/tolls.md', 'recommendations.moscow-mechanism']);
  });

  const xliff2po = '/usr/bin/xliff2po';
  (existsSync(xliff2po) ? test : test.skip)('live: xliff2po reads the export as the states say', async () => {
    const xlf = join(root, 'kk.xlf');
    expect((await runMain(['i18n', 'export', '--locale', 'kk', '--out', xlf], root)).status).toBe(0);
    const po = join(root, 'kk.po');
    const r = spawnSync(xliff2po, ['--progress=none', xlf, po], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const text = readFileSync(po, 'utf8');
    // The header entry is fuzzy by PO convention; the rest: the stale finding's title and two blocks.
    expect(text.match(/^#, fuzzy$/gm)?.length).toBe(1 + 3);
    expect(text).toMatch(/#\. Finding “The toll”/);
  });
});
