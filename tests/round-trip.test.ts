/**
 * Exporting the real translations and importing the file unchanged changes nothing:
 * a language's own form of a figure (its case) and a date told its own way ("в ночь
 * на 6 января" for "on the night of 5 January", "from 5 to 6 January") survive.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, removeWorkspace, repoRoot, runMain } from './helpers/workspace.js';

let root: string;
beforeAll(() => {
  root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
});
afterAll(() => removeWorkspace(root));

describe('export, then import of the same file', () => {
  test.each(['ru', 'kk'])(
    '%s: accepted, no file changed',
    async (locale) => {
      const file = join(root, `${locale}.xlf`);
      const before = readFileSync(join(root, 'content', 'kazakhstan-2022', locale, 'texts.yaml'), 'utf8');
      expect((await runMain(['i18n', 'export', '--locale', locale, '--out', file], root)).status).toBe(0);
      const xliff = readFileSync(file, 'utf8');
      // The translation's own forms travel as its own codes.
      if (locale === 'ru') expect(xliff).toContain('case=gen');
      // References to figures travel as placeholders a translator moves but cannot change.
      expect(xliff).toContain('ctype="x-chartref"');
      const r = await runMain(['i18n', 'import', file], root);
      expect(r.stderr).not.toMatch(/ error /);
      expect(r.status).toBe(0);
      expect(r.stdout + r.stderr).toMatch(/no file changed/);
      expect(readFileSync(join(root, 'content', 'kazakhstan-2022', locale, 'texts.yaml'), 'utf8')).toBe(
        before,
      );
    },
    60_000,
  );

  test('ru, a date changed to another day than the night’s: refused, nothing written', async () => {
    const file = join(root, 'ru-date.xlf');
    expect((await runMain(['i18n', 'export', '--locale', 'ru', '--out', file], root)).status).toBe(0);
    const xliff = readFileSync(file, 'utf8');
    // "в ночь на 6 января" for "on the night of 5 January" is the same night; the 8th is not.
    const night = 'в ночь на <ph id="1" ctype="x-date">:date[2022-01-06]{style=day}</ph>';
    expect(xliff).toContain(night);
    writeFileSync(file, xliff.replace(night, night.replace('2022-01-06', '2022-01-08')));
    const r = await runMain(['i18n', 'import', file, '--dry-run'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /was altered: `:date\[2022-01-08\]\{style=day\}` instead of `:date\[2022-01-05\]\{style=day\}`.*\(xliff\/placeholder\)/,
    );
  }, 60_000);

  test('ru, a range of days is one placeholder: exported whole, refused when its last day is moved', async () => {
    const file = join(root, 'ru-range.xlf');
    expect((await runMain(['i18n', 'export', '--locale', 'ru', '--out', file], root)).status).toBe(0);
    const xliff = readFileSync(file, 'utf8');
    // «С 4 по 6 января …» for "Between 4 and 6 January, …": the range opens the Russian sentence too.
    const range =
      '<target state="translated"><ph id="1" ctype="x-date">:date[2022-01-04]{to=2022-01-06 style=day range=between}</ph> казахстанские';
    expect(xliff).toContain(range);
    writeFileSync(file, xliff.replace(range, range.replace('to=2022-01-06', 'to=2022-01-09')));
    const r = await runMain(['i18n', 'import', file, '--dry-run'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /placeholder \{1\} was altered: `:date\[2022-01-04\]\{to=2022-01-09 .*\(xliff\/placeholder\)/,
    );
  }, 60_000);

  test("kk, the XLIFF namespace written with a prefix and a CAT tool's own elements added: read as before", async () => {
    const file = join(root, 'kk-prefixed.xlf');
    expect((await runMain(['i18n', 'export', '--locale', 'kk', '--out', file], root)).status).toBe(0);
    const prefixed = readFileSync(file, 'utf8')
      .replace(/<(\/?)([a-z][a-z-]*)(?=[\s>/])/g, '<$1x:$2')
      .replace(' xmlns="urn:oasis', ' xmlns:x="urn:oasis')
      // A memoQ-like history of each unit, named as XLIFF's target, before the real one.
      .replace(/<x:target /g, '<mq:target xmlns:mq="urn:x">CAT-TOOL-HISTORY-VALUE</mq:target><x:target ');
    expect(prefixed).toContain('<x:trans-unit ');
    writeFileSync(file, prefixed);
    const r = await runMain(['i18n', 'import', file], root);
    expect(r.stderr).not.toMatch(/ error /);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no file changed/);
  }, 60_000);
});
