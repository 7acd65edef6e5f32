/**
 * The translators' workflow, end to end: status, XLIFF export and import (with a
 * translator's edits and with tampering), the build policy, and the pseudo-locale.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  chmodSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileHashes, makeWorkspace, removeWorkspace, runMain } from './helpers/workspace.js';
import { checkTarget } from '../src/translation/import.js';
import { protect, restore } from '../src/translation/placeholders.js';
import { pseudoText } from '../src/translation/pseudo.js';
import { sourceEdit } from '../src/translation/source-check.js';
import { xmlTooDeep } from '../src/translation/xliff.js';

const schemas = '/usr/share/php/Symfony/Component/Translation/Resources/schemas';

/** Every file of content/ and locales/ with its hash: what an import may change. */
const snapshot = (root: string): Record<string, string> => fileHashes(root, ['content', 'locales']);

interface StatusJson {
  status: {
    scope: string;
    locale: string;
    translated: number;
    missing: number;
    stale: number;
    units: { id: string; file: string; state: string }[];
  }[];
}
const status = async (root: string): Promise<StatusJson> => {
  const r = await runMain(['i18n', 'status', '--json'], root);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as StatusJson;
};
const open = (s: StatusJson): string[] =>
  s.status.flatMap((r) => r.units.map((u) => `${r.locale} ${u.state} ${u.id}`)).sort();

/** Changes the first <target> line of `file`'s section in an XLIFF text that contains `find`. */
function onTarget(xml: string, file: string, find: string, replace: string, element = 'target'): string {
  const lines = xml.split('\n');
  const start = lines.findIndex((l) => l.includes(`<file original="${file}"`));
  const i = lines.findIndex((l, j) => j > start && l.includes(`<${element}`) && l.includes(find));
  expect(start).toBeGreaterThan(-1);
  expect(i).toBeGreaterThan(-1);
  lines[i] = (lines[i] ?? '').replace(find, replace);
  return lines.join('\n');
}

/** The same, on a <source> line. */
const onSource = (xml: string, file: string, find: string, replace: string): string =>
  onTarget(xml, file, find, replace, 'source');

function edit(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

describe('placeholders', () => {
  test('protect splits codes from words and restore puts the text back byte for byte', async () => {
    const text =
      '> Over :fig[detained]{noun=person} were held on :date[2022-01-07]{style=day}. :cite[a,b] {{n}} **bold**';
    const parts = protect(text);
    expect(parts.filter((p) => p.kind === 'code').map((p) => (p.kind === 'code' ? p.type : ''))).toEqual([
      'mark',
      'fig',
      'date',
      'cite',
      'var',
      'mark',
      'mark',
    ]);
    expect(restore(parts)).toBe(text);
  });

  const source = 'Police detained :fig[detained]{noun=person}. :cite[ministry]';
  const ref = (id: string, equiv: string | null = null) => ({ kind: 'ref' as const, id, equiv });
  const text = (t: string) => ({ kind: 'text' as const, text: t });

  test('a chart reference is a code of its own: it may move in the sentence, never change', () => {
    const en = 'Police detained :fig[detained]{noun=person} :chartref[detentions]. :cite[ministry]';
    const parts = protect(en);
    expect(parts.flatMap((p) => (p.kind === 'code' ? [p.type] : []))).toEqual(['fig', 'chartref', 'cite']);
    expect(restore(parts)).toBe(en);
    const moved = checkTarget(en, [ref('2'), text(' Билік '), ref('1'), text(' ұстады. '), ref('3')]);
    expect(moved).toEqual({
      ok: true,
      text: ':chartref[detentions] Билік :fig[detained]{noun=person} ұстады. :cite[ministry]',
    });
    const changed = checkTarget(en, [ref('1'), ref('2', ':chartref[tolls]'), ref('3')]);
    expect(changed.ok).toBe(false);
    const dropped = checkTarget(en, [text('Билік '), ref('1'), text(' ұстады. '), ref('3')]);
    expect(dropped.ok).toBe(false);
  });

  test('a range of days is one placeholder: its language’s own form kept, its days not moved, never cut to one day', () => {
    const en = 'Videos recorded :date[2022-01-04]{to=2022-01-06 style=day range=between}. :cite[hrw]';
    const parts = protect(en);
    expect(parts.flatMap((p) => (p.kind === 'code' ? [p.type] : []))).toEqual(['date', 'cite']);
    expect(restore(parts)).toBe(en);
    // «снятые 4–6 января»: the same days, named rather than said with «с … по».
    const own = ':date[2022-01-04]{to=2022-01-06 style=day}';
    expect(checkTarget(en, [text('Видеозаписи, снятые '), ref('1', own), text('. '), ref('2')])).toEqual({
      ok: true,
      text: `Видеозаписи, снятые ${own}. :cite[hrw]`,
    });
    for (const changed of [
      ':date[2022-01-04]{to=2022-01-09 style=day range=between}',
      ':date[2022-01-04]{style=day}',
      ':date[2022-01-06]{style=day}',
    ]) {
      const r = checkTarget(en, [text('Видеозаписи, снятые '), ref('1', changed), text('. '), ref('2')]);
      expect(r.ok, changed).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => p.message).join(' ')).toContain('was altered');
    }
  });

  test('a target holding a control character or half a surrogate pair is refused (xmldom reads `&#0;`)', () => {
    for (const [bad, shown] of [
      ['\u0000', 'U+0000'],
      ['\u001B', 'U+001B'],
      ['\uD800', 'U+D800'],
      ['\uDC00x', 'U+DC00'],
      ['\uFFFF', 'U+FFFF'],
    ] as const) {
      const r = checkTarget(source, [ref('1'), text(` Полиция${bad} ұстады. `), ref('2')]);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.problems.map((p) => p.message).join(' ')).toContain(`holds ${shown}, which no text`);
    }
    // A whole pair (an emoji) and a line break are text.
    expect(checkTarget(source, [ref('1'), text(' Полиция 😀\nұстады. '), ref('2')]).ok).toBe(true);
  });

  test('a source read back as exported is no edit, its placeholders <ph> or bare <x/>; moved ones, words or a repeat are', () => {
    expect(
      sourceEdit(source, [
        text('Police detained '),
        ref('1', ':fig[detained]{noun=person}'),
        text('. '),
        ref('2', ':cite[ministry]'),
      ]),
    ).toBeUndefined();
    // <x/> need not repeat its code (equiv-text is optional): its id says which it is.
    expect(sourceEdit(source, [text('Police detained '), ref('1'), text('. '), ref('2')])).toBeUndefined();
    // Placeholders moved in the source are an edit too: it no longer reads as exported.
    expect(sourceEdit(source, [text('Police detained '), ref('2'), text('. '), ref('1')])).toMatch(
      /^the source text was edited/,
    );
    expect(sourceEdit(source, [text('Police held '), ref('1'), text('. '), ref('2')])).toMatch(
      /^the source text was edited: “Police held/,
    );
    expect(sourceEdit(source, [text('Police detained '), ref('1'), ref('1'), text('. '), ref('2')])).toMatch(
      /placeholder \{1\} .* appears 2 times in the source/,
    );
  });

  test('a target with every placeholder once, in any order, is accepted', async () => {
    const r = checkTarget(source, [ref('2'), text(' Полиция '), ref('1'), text(' ұстады.')]);
    expect(r).toEqual({ ok: true, text: ':cite[ministry] Полиция :fig[detained]{noun=person} ұстады.' });
  });

  test.each([
    [
      'dropped',
      [text('Полиция ұстады. '), ref('2')],
      /placeholder \{1\} .* was dropped/,
      'xliff/placeholder',
    ],
    [
      'duplicated',
      [ref('1'), text(' '), ref('1'), text('. '), ref('2')],
      /placeholder \{1\} .* appears 2 times/,
      'xliff/placeholder',
    ],
    [
      'altered',
      [ref('1', ':fig[killed]'), text('. '), ref('2')],
      /placeholder \{1\} was altered/,
      'xliff/placeholder',
    ],
    ['unknown', [ref('1'), ref('2'), ref('7')], /placeholder \{7\} does not exist/, 'xliff/placeholder'],
    [
      'typed as text',
      [text(':fig[killed] '), ref('1'), ref('2')],
      /`:fig\[killed\]` is typed as text/,
      'xliff/placeholder',
    ],
    [
      'a number typed',
      [text('9900 адам '), ref('1'), ref('2')],
      /the number 9900 is typed as text/,
      'xliff/typed-number',
    ],
  ])('a target with a placeholder %s is refused', (_name, target, message, rule) => {
    const r = checkTarget(source, target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.find((p) => message.test(p.message))?.rule).toBe(rule);
  });
});

describe('pseudo-locale', () => {
  test('accents every letter it can, keeps codes, and is at least 30% longer', async () => {
    const source = 'Bodies of :fig[bodies]{noun=body} were delivered to morgues. {{n}}';
    const pseudo = pseudoText(source);
    expect(pseudo).toContain(':fig[bodies]{noun=body}');
    expect(pseudo).toContain('{{n}}');
    expect(pseudo).toMatch(/^\[.*\]$/);
    const words = (s: string): string => s.replace(/:fig\[[^\]]*\]\{[^}]*\}|\{\{n\}\}|[[\]]/g, '');
    expect([...words(pseudo)].length).toBeGreaterThanOrEqual(Math.ceil([...words(source)].length * 1.3) - 1);
    expect(words(pseudo)).not.toMatch(/[acdegiklnorstuwyz]/);
  });
});

describe('briefing i18n on a copy of the test project', () => {
  let root: string;
  beforeEach(async () => {
    root = makeWorkspace();
  });
  afterEach(async () => removeWorkspace(root));
  const kkFindings = (): string => join(root, 'content', 'test', 'kk', 'findings', 'tolls.md');
  /** The whole Kazakh export, written to kk.xlf, and its text. */
  const exportKk = async (): Promise<{ out: string; xml: string }> => {
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--out', out], root);
    return { out, xml: readFileSync(out, 'utf8') };
  };
  /** `text` written to `out` and imported: refused (exit 1), what it says matching each of `said`. */
  const refuses = async (out: string, text: string, ...said: (RegExp | string)[]): Promise<void> => {
    writeFileSync(out, text);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(1);
    for (const s of said) expect(r.stderr).toMatch(s);
  };
  /** An English edit to findings/tolls.md, and the Kazakh export of what is now stale. */
  const exportStaleTolls = async (): Promise<string> => {
    edit(
      join(root, 'content', 'test', 'en', 'findings', 'tolls.md'),
      'Authorities detained',
      'The authorities detained',
    );
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--only', 'stale', '--out', out], root);
    return out;
  };

  test('status: everything translated in the fixture; --strict passes', async () => {
    const s = await status(root);
    expect(open(s)).toEqual([]);
    expect(s.status.map((r) => `${r.scope} ${r.locale}`)).toEqual([
      'interface kk',
      'interface ru',
      'test kk',
      'test ru',
    ]);
    expect((await runMain(['i18n', 'status', '--strict'], root)).status).toBe(0);
  });

  test('editing one English paragraph makes exactly that unit stale in ru and kk', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'findings', 'tolls.md'),
      'Authorities detained',
      'The authorities detained',
    );
    expect(open(await status(root))).toEqual(['kk stale findings/tolls.md', 'ru stale findings/tolls.md']);
    const strict = await runMain(['i18n', 'status', '--strict'], root);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/stale\s+content\/test\/kk\/findings\/tolls\.md\s+findings\/tolls\.md/);
  });

  test('a file whose elements nest past the limit, or that is not well-formed, is refused at its place, nothing written', async () => {
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--out', out], root);
    const exported = readFileSync(out, 'utf8');
    const before = snapshot(root);
    const line = (text: string, find: string): number => text.slice(0, text.indexOf(find)).split('\n').length;
    // 50,000 nested segment marks had overflowed the stack (an internal error).
    const n = 50_000;
    const deep = exported.replace(
      /(<target[^>]*>)([^<]*)(<\/target>)/,
      (_, open: string, text: string, close: string) =>
        open + '<mrk mtype="seg">'.repeat(n) + text + '</mrk>'.repeat(n) + close,
    );
    writeFileSync(out, deep);
    const refused = await runMain(['i18n', 'import', out], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `kk\\.xlf:${line(deep, '<mrk')}:\\d+ error XML elements nest more than 64 levels deep \\(limit/depth\\)`,
      ),
    );
    // A misspelt closing tag: its line, not the file's first.
    const broken = exported.replace('</target>', '</targt>');
    writeFileSync(out, broken);
    const mismatch = await runMain(['i18n', 'import', out], root);
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr).toMatch(
      new RegExp(`kk\\.xlf:${line(broken, '</targt>')}:\\d+ error not well-formed XML`),
    );
    expect(snapshot(root)).toEqual(before);
  });

  test('a translation whose front matter does not read is reported, and the import still plans (no internal error)', async () => {
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--out', out], root);
    // `...` before the title: two YAML documents, which `check` had taken for one.
    const file = kkFindings();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^---\n/, '---\n...\n'));
    const checked = await runMain(['check'], root);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toMatch(/kk\/findings\/tolls\.md:3:1 error a second YAML document starts here/);
    const imported = await runMain(['i18n', 'import', out, '--dry-run'], root);
    expect(imported.status).not.toBe(3);
    expect(imported.stderr).not.toMatch(/internal error/);
  });

  test('an English file saved with Windows line ends (CR LF) leaves its translations as they were', async () => {
    const en = join(root, 'content', 'test', 'en', 'findings', 'tolls.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/\n/g, '\r\n'));
    expect(open(await status(root))).toEqual([]);
  });

  test('export then import of the same file changes nothing', async () => {
    const before = snapshot(root);
    for (const locale of ['ru', 'kk']) {
      const out = join(root, `${locale}.xlf`);
      expect((await runMain(['i18n', 'export', '--locale', locale, '--out', out], root)).status).toBe(0);
      const r = await runMain(['i18n', 'import', out], root);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/no file changed/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  test('export writes as a build does: under its folder’s lock, and only its own leftovers put right', async () => {
    const dir = join(root, 'handoff');
    mkdirSync(join(dir, 'output', 'p'), { recursive: true });
    // A killed export's staged file, and one of a build writing below the folder.
    writeFileSync(join(dir, 'kk.xlf.briefing-new'), 'half');
    writeFileSync(join(dir, 'output', 'p', 'brief.pdf.briefing-new'), 'a build’s');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    writeFileSync(
      join(dir, '.briefing.lock'),
      JSON.stringify({ pid: holder.pid, host: hostname(), token: 'x' }),
    );
    const run = runMain(['i18n', 'export', '--locale', 'kk', '--out', join(dir, 'kk.xlf'), '--tbx'], root);
    const early = await Promise.race([
      run.then(() => 'written'),
      new Promise((r) => setTimeout(() => r('waiting'), 1500)),
    ]);
    expect(early).toBe('waiting');
    expect(existsSync(join(dir, 'kk.xlf'))).toBe(false);
    holder.kill();
    const r = await run;
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^wrote .*kk\.xlf: kk, \d+ units .*\nwrote .*kk\.tbx: \d+ glossary terms? these units use\n$/,
    );
    expect(readFileSync(join(dir, 'kk.xlf'), 'utf8')).toMatch(/^<\?xml/);
    expect(readdirSync(dir).sort()).toEqual(['kk.tbx', 'kk.xlf', 'output']);
    expect(existsSync(join(dir, 'output', 'p', 'brief.pdf.briefing-new'))).toBe(true);
  });

  test('export into a project’s folder of outputs leaves the staged files of a build writing there', async () => {
    // The build holds output/'s lock; the export takes output/p/'s, so the two run at once.
    const dir = join(root, 'output', 'p');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'brief.pdf.briefing-new'), 'a build’s');
    writeFileSync(join(dir, 'kk.xlf.briefing-new'), 'a killed export’s');
    const r = await runMain(['i18n', 'export', '--locale', 'kk', '--out', join(dir, 'kk.xlf')], root);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['brief.pdf.briefing-new', 'kk.xlf']);
  });

  test('an export to a link writes the file it leads to, and leaves the link', async () => {
    const shared = join(root, 'shared');
    mkdirSync(shared);
    writeFileSync(join(shared, 'kk.xlf'), 'last week’s');
    symlinkSync(join(shared, 'kk.xlf'), join(root, 'kk-link.xlf'));
    const r = await runMain(['i18n', 'export', '--locale', 'kk', '--out', 'kk-link.xlf'], root);
    expect(r.status).toBe(0);
    expect(lstatSync(join(root, 'kk-link.xlf')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(shared, 'kk.xlf'), 'utf8')).toMatch(/^<\?xml/);
    expect(readdirSync(shared)).toEqual(['kk.xlf']);
  });

  test('an export over a file keeps the mode of the file it replaces (one kept private stays private)', async () => {
    const file = join(root, 'kk.xlf');
    writeFileSync(file, 'last week’s');
    chmodSync(file, 0o600);
    const r = await runMain(['i18n', 'export', '--locale', 'kk', '--out', 'kk.xlf'], root);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<\?xml/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('the export is well-formed XLIFF 1.2 that validates against the OASIS schema', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'texts.yaml'),
      'Investigate every killing',
      'Investigate each killing',
    );
    const out = join(root, 'kk.xlf');
    expect((await runMain(['i18n', 'export', '--locale', 'kk', '--out', out], root)).status).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(existsSync(join(schemas, 'xliff-core-1.2-strict.xsd'))).toBe(true); // apt-get install php-symfony-translation
    const { validateXML } = await import('xmllint-wasm');
    const result = await validateXML({
      xml: [{ fileName: 'kk.xlf', contents: xml }],
      schema: [
        { fileName: 'xliff.xsd', contents: readFileSync(join(schemas, 'xliff-core-1.2-strict.xsd'), 'utf8') },
      ],
      preload: [
        {
          fileName: 'http://www.w3.org/2001/xml.xsd',
          contents: readFileSync(join(schemas, 'xml.xsd'), 'utf8'),
        },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The stale unit carries its state and a note; figures are placeholders, not text.
    expect(xml).toMatch(/<group id="recommendations\.investigate"[^>]*extradata="[0-9a-f]{16}"/);
    expect(xml).toMatch(/<target state="needs-review-translation">Әрбір кісі өлімін/);
    expect(xml).toMatch(/<ph id="1" ctype="x-fig">:fig\[bodies\]\{noun=body\}<\/ph>/);
    expect(xml).toMatch(/<note from="developer">Recommendation to [^<]+<\/note>/);
  });

  test('--only stale exports just the stale units', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'texts.yaml'),
      'Investigate every killing',
      'Investigate each killing',
    );
    const r = await runMain(['i18n', 'export', '--locale', 'kk', '--only', 'stale', '--out', '-'], root);
    expect(r.status).toBe(0);
    expect([...r.stdout.matchAll(/<group id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'recommendations.investigate',
    ]);
  });

  test('a translator edits a target and signs it off: the file and the build show it, the unit is translated', async () => {
    const out = await exportStaleTolls();
    let xml = readFileSync(out, 'utf8');
    xml = xml.replace(/needs-review-translation/g, 'translated').replace('Билік ', 'Қазақстан билігі ');
    writeFileSync(out, xml);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 unit with new text: findings\/tolls\.md/);
    expect(r.stdout).toMatch(/1 unit recorded as translated/);
    expect(readFileSync(kkFindings(), 'utf8')).toContain('Қазақстан билігі :fig[detained]{noun=person}');
    expect(open(await status(root))).toEqual(['ru stale findings/tolls.md']);
    const build = await runMain(['build', '--locale', 'kk', '--audience', 'osce', '--format', 'html'], root);
    expect(build.status).toBe(0);
    expect(readFileSync(join(root, 'output', 'test', 'kk', 'briefing-osce.html'), 'utf8')).toMatch(
      /Қазақстан билігі \S/,
    );
  });

  test('an edited target left marked for review is written but stays stale', async () => {
    const out = await exportStaleTolls();
    writeFileSync(out, readFileSync(out, 'utf8').replace('Билік ', 'Қазақстан билігі '));
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.stdout).toMatch(/still marked for review.*findings\/tolls\.md/);
    expect(open(await status(root))).toContain('kk stale findings/tolls.md');
  });

  test('a tampered placeholder is refused per unit, and nothing is written', async () => {
    const { out, xml } = await exportKk();
    // A changed target elsewhere must not be written either when one unit is refused.
    const tampered = onTarget(
      xml.replace('Мәскеу механизмін', 'Мәскеу тетігін'),
      'content/test/en/findings/tolls.md',
      '<ph id="1" ctype="x-fig">:fig[bodies]{noun=body}</ph>',
      '<ph id="1" ctype="x-fig">:fig[detained]{noun=body}</ph>',
    );
    expect(tampered).not.toBe(xml);
    writeFileSync(out, tampered);
    const before = snapshot(root);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/kk\.xlf:\d+:\d+ error findings\/tolls\.md p1: placeholder \{1\} was altered/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(snapshot(root)).toEqual(before);
  });

  test('a <source> edited in the file is refused at it: a placeholder removed, added or altered, or its words', async () => {
    const { out, xml } = await exportKk();
    const tolls = 'content/test/en/findings/tolls.md';
    const cite = '<ph id="2" ctype="x-cite">:cite[ministry]</ph>';
    const fig = '<ph id="1" ctype="x-fig">:fig[detained]{noun=person}</ph>';
    const at = (detail: string): RegExp =>
      new RegExp(`kk\\.xlf:\\d+:11 error findings/tolls\\.md p2: ${detail} \\(xliff/source-edited\\)`);
    const cases: [string, RegExp][] = [
      [
        onSource(xml, tolls, cite, ''),
        at('placeholder \\{2\\} \\(`:cite\\[ministry\\]`\\) was removed from the source'),
      ],
      [
        onSource(xml, tolls, cite, `${cite} <ph id="5" ctype="x-date">:date[2022-01-16]</ph>`),
        at('the source has a placeholder \\{5\\} \\(`:date\\[2022-01-16\\]`\\) the export did not write'),
      ],
      [
        onSource(xml, tolls, fig, fig.replace('detained', 'bodies')),
        at(
          "the source's placeholder \\{1\\} was altered: `:fig\\[bodies\\]\\{noun=person\\}` instead of `:fig\\[detained\\]\\{noun=person\\}`",
        ),
      ],
      [
        onSource(xml, tolls, 'Authorities detained', 'Police detained'),
        at(
          'the source text was edited: “Police detained :fig…” where the export has “Authorities detained…”',
        ),
      ],
    ];
    const before = snapshot(root);
    for (const [text, message] of cases) {
      expect(text).not.toBe(xml);
      // One cause: the target, which answers the exported source, is not refused as well.
      await refuses(out, text, message, /import refused: 1 problem in/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  test('a source a tool reflowed, or one an older export showed, is not refused as edited', async () => {
    const { out, xml } = await exportKk();
    const tolls = 'content/test/en/findings/tolls.md';
    writeFileSync(out, onSource(xml, tolls, 'Authorities detained', '\n   Authorities  detained'));
    const reflowed = await runMain(['i18n', 'import', out], root);
    expect(reflowed.stderr).toBe('');
    expect(reflowed.stdout).toMatch(/no file changed/);
    // The English changed after the export: the file shows the source its translation answers.
    writeFileSync(out, xml);
    edit(
      join(root, 'content', 'test', 'en', 'findings', 'tolls.md'),
      'Authorities detained',
      'Police detained',
    );
    const older = await runMain(['i18n', 'import', out], root);
    expect(older.stderr).not.toMatch(/source-edited/);
    expect(older.status).toBe(0);
  });

  test('dropped and duplicated placeholders, unknown units and broken XML are refused', async () => {
    const { out, xml } = await exportKk();
    const tolls = 'content/test/en/findings/tolls.md';
    const cite = '<ph id="2" ctype="x-cite">:cite[ministry]</ph>';
    const fig = '<ph id="1" ctype="x-fig">:fig[detained]{noun=person}</ph>';
    const cases: [string, RegExp][] = [
      [
        onTarget(xml, tolls, cite, ''),
        /findings\/tolls\.md p2: placeholder \{2\} \(`:cite\[ministry\]`\) was dropped/,
      ],
      [
        onTarget(xml, tolls, fig, `${fig} ${fig}`),
        /findings\/tolls\.md p2: placeholder \{1\} .* appears 2 times/,
      ],
      [
        xml.replace(/<group id="recommendations\.investigate"/, '<group id="recommendations.made-up"'),
        /no unit `recommendations\.made-up`/,
      ],
      [xml.replace('</body>', ''), /not well-formed XML/],
    ];
    const before = snapshot(root);
    for (const [text, message] of cases) {
      expect(text).not.toBe(xml);
      await refuses(out, text, message);
    }
    expect(snapshot(root)).toEqual(before);
  });

  test('a missing translation is listed, exported for translation and imported into the right file', async () => {
    edit(join(root, 'content', 'test', 'kk', 'texts.yaml'), /\n {2}moscow-mechanism: .*\n/, '\n');
    expect(open(await status(root))).toEqual(['kk missing recommendations.moscow-mechanism']);
    const build = await runMain(['build', '--locale', 'kk', '--audience', 'osce', '--format', 'html'], root);
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/shown in the source language \(translation missing\)/);
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--only', 'missing', '--out', out], root);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/<target state="needs-translation"\/>|<target state="needs-translation"><\/target>/);
    writeFileSync(
      out,
      xml.replace(
        /<target state="needs-translation"\s*(\/>|><\/target>)/,
        '<target state="translated">Мәскеу механизмін іске қосу.</target>',
      ),
    );
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(0);
    expect(readFileSync(join(root, 'content', 'test', 'kk', 'texts.yaml'), 'utf8')).toMatch(
      /moscow-mechanism: "Мәскеу механизмін іске қосу\."/,
    );
    expect(open(await status(root))).toEqual([]);
  });

  test('a missing interface string falls back to English, listed by the build; --strict stops', async () => {
    const file = join(root, 'locales', 'kk', 'common.json');
    const ui = JSON.parse(readFileSync(file, 'utf8')) as { section: Record<string, string> };
    delete ui.section.findings;
    writeFileSync(file, `${JSON.stringify(ui, null, 2)}\n`);
    expect(open(await status(root))).toEqual(['kk missing ui:common.section.findings']);
    const build = await runMain(['build', '--locale', 'kk', '--audience', 'osce', '--format', 'html'], root);
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(
      /shown in the source language \(translation missing\): 1 unit\n\s+locales\/kk\/common\.json section\.findings/,
    );
    const strict = await runMain(
      ['build', '--locale', 'kk', '--audience', 'osce', '--format', 'html', '--strict'],
      root,
    );
    expect(strict.status).toBe(1);
  });

  /** The line and column of the <target> of trans-unit `id`, and the XLIFF text with that target's content replaced. */
  const onEntry = (xml: string, id: string, to: (content: string) => string): [string, string] => {
    const lines = xml.split('\n');
    const tu = lines.findIndex((l) => l.includes(`<trans-unit id="${id}"`));
    const i = lines.findIndex((l, j) => j > tu && l.includes('<target'));
    expect(tu).toBeGreaterThan(-1);
    const line = lines[i] ?? '';
    lines[i] = line.replace(
      /(<target[^>]*>)(.*)(<\/target>)/,
      (_, open: string, content: string, close: string) => `${open}${to(content)}${close}`,
    );
    expect(lines[i]).not.toBe(line);
    return [`${i + 1}:${line.indexOf('<target') + 1}`, lines.join('\n')];
  };

  test('a paragraph or title translation that Markdown reads as other blocks is refused at its entry, nothing written', async () => {
    const { out, xml } = await exportKk();
    const p2 = 'content/test/en/findings/tolls.md#p2';
    const title = 'content/test/en/findings/tolls.md#title';
    const cases: [string, (t: string) => string, RegExp][] = [
      // Placeholders all kept: only the structure is wrong.
      [
        p2,
        (t) => t.replace('Билік ', 'Билік.\n\n# Тақырып\n\n- тізім\n\n---\ntitle: x\n--- '),
        /p2: the translation holds a blank line, which would split this block/,
      ],
      [p2, (t) => `${t}\n===`, /p2: Markdown would read this translation as a heading, not as a paragraph/],
      [p2, (t) => `${t}\n---`, /p2: Markdown would read this translation as a heading, not as a paragraph/],
      [p2, (t) => `${t}\n- тізім`, /p2: Markdown would read this translation as a paragraph and a list, not/],
      [p2, (t) => `${t}\n# Тақырып`, /p2: Markdown would read this translation as a paragraph and a heading/],
      [
        p2,
        (t) => `Билік | ұстады\n|---|---|\n${t}`,
        /p2: a line of this translation is a table's delimiter row/,
      ],
      [title, (t) => `${t}\nекінші жол`, /title: a title is one line of text/],
      [
        title,
        (t) => `# ${t}`,
        /title: Markdown would read this translation as a heading, not as a paragraph/,
      ],
      [title, (t) => `- ${t}`, /title: Markdown would read this translation as a list/],
    ];
    const before = snapshot(root);
    for (const [id, to, message] of cases) {
      const [at, text] = onEntry(xml, id, to);
      const place = `kk.xlf:${at} error findings/tolls.md ${id.split('#')[1] ?? ''}: `;
      await refuses(out, text, message, place, /\(xliff\/block-structure\)/, /nothing was written/);
    }
    expect(snapshot(root)).toEqual(before);
    // A line break inside the paragraph keeps it one paragraph.
    writeFileSync(out, onEntry(xml, p2, (t) => t.replace('ұстады. ', 'ұстады.\n'))[1]);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('a source file or unit answered twice in one document is refused, not the last one taken', async () => {
    const { out, xml } = await exportKk();
    const lineOf = (text: string, find: string): number =>
      text.slice(0, text.indexOf(find)).split('\n').length;
    const tolls = 'content/test/en/findings/tolls.md';
    const section =
      /\n {2}<file original="content\/test\/en\/findings\/tolls\.md"[\s\S]*?<\/file>/.exec(xml)?.[0] ?? '';
    expect(section).not.toBe('');
    // The same <file> again, with another target: appended after the last file.
    const again = xml.replace(/\n<\/xliff>/, `${section.replace('Билік ', 'Қазақстан билігі ')}\n</xliff>`);
    // A unit answered in its group and again by a trans-unit of another <file> (as a PO round trip writes them).
    const po =
      '\n  <file original="kk.po" source-language="en" target-language="kk" datatype="po"><body>' +
      '<trans-unit id="content/test/en/texts.yaml#recommendations.moscow-mechanism">' +
      '<source>Invoke the Moscow Mechanism.</source><target state="translated">Мәскеу тетігін іске қосу.</target>' +
      '</trans-unit></body></file>';
    const twice = xml.replace(/\n<\/xliff>/, `${po}\n</xliff>`);
    const cases: [string, RegExp][] = [
      [
        again,
        new RegExp(
          `kk\\.xlf:${lineOf(again, '</xliff>') - section.split('\n').length + 1}:3 error ${tolls.replace(/\./g, '\\.')}: the <file> for \`${tolls.replace(/\./g, '\\.')}\` appears twice \\(first at line ${lineOf(xml, `<file original="${tolls}"`)}\\); keep one`,
        ),
      ],
      [
        twice,
        new RegExp(
          `kk\\.xlf:${lineOf(twice, '<target state="translated">Мәскеу тетігін')}:\\d+ error recommendations\\.moscow-mechanism: the unit appears twice \\(first at line ${lineOf(xml, '<group id="recommendations.moscow-mechanism"')}\\)`,
        ),
      ],
    ];
    const before = snapshot(root);
    for (const [text, message] of cases) {
      expect(text).not.toBe(xml);
      await refuses(out, text, message, /keep one \(xliff\/duplicate\)/, /nothing was written/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  test("another vocabulary's elements are not read as XLIFF's, whatever their name", async () => {
    const { out, xml } = await exportKk();
    const history = '<mq:target xmlns:mq="urn:x">CAT-TOOL-HISTORY-VALUE</mq:target>';
    const texts = join(root, 'content', 'test', 'kk', 'texts.yaml');
    // A CAT tool's own element before the real target: the real one is imported.
    writeFileSync(
      out,
      xml.replace(
        '<target state="translated">Мәскеу механизмін',
        `${history}<target state="translated">Мәскеу тетігін`,
      ),
    );
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(texts, 'utf8')).toContain('Мәскеу тетігін');
    expect(readFileSync(texts, 'utf8')).not.toContain('CAT-TOOL-HISTORY-VALUE');
    // Inside a target, one named as a placeholder is no placeholder: refused.
    const before = snapshot(root);
    const [at, text] = onEntry(xml, 'content/test/en/findings/tolls.md#p2', (t) =>
      t.replace(/<ph (id="1"[^>]*)>([^<]*)<\/ph>/, '<mq:ph xmlns:mq="urn:x" $1>$2</mq:ph>'),
    );
    writeFileSync(out, text);
    const refused = await runMain(['i18n', 'import', out], root);
    expect(refused.stderr).toContain(
      `kk.xlf:${at} error findings/tolls.md p2: inline element <mq:ph> is not allowed`,
    );
    expect(refused.status).toBe(1);
    expect(snapshot(root)).toEqual(before);
  });

  test('an import whose files `check` would refuse is refused at its entry, and nothing is written', async () => {
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--out', out], root);
    // Every placeholder kept, no number typed: the unit checks pass; the Markdown it makes nests too deep.
    const xml = readFileSync(out, 'utf8').replace('>Билік ', `>${'&gt; '.repeat(20)}Билік `);
    writeFileSync(out, xml.replace('Мәскеу механизмін', 'Мәскеу тетігін'));
    const before = snapshot(root);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /kk\.xlf:\d+:\d+ error after this import, `briefing check` would refuse content\/test\/kk\/findings\/tolls\.md:\d+:1: lists or quotes nest more than 16 levels deep \[limit\/depth\] \(xliff\/check-after\)/,
    );
    expect(r.stderr).toMatch(/nothing was written/);
    expect(snapshot(root)).toEqual(before);
    expect((await runMain(['i18n', 'import', out, '--dry-run'], root)).status).toBe(1);
  });

  test('an import that would overwrite an unreadable translation record is refused (its records would be lost)', async () => {
    const out = join(root, 'kk.xlf');
    await runMain(['i18n', 'export', '--locale', 'kk', '--out', out], root);
    writeFileSync(out, readFileSync(out, 'utf8').replace('Билік ', 'Қазақстан билігі '));
    writeFileSync(join(root, 'content', 'test', 'kk', 'translated-from.yaml'), 'not: [valid\n');
    const before = snapshot(root);
    const r = await runMain(['i18n', 'import', out], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /kk\.xlf:\d+:\d+ error the import would overwrite content\/test\/kk\/translated-from\.yaml:2:1, which `briefing check` refuses now/,
    );
    expect(snapshot(root)).toEqual(before);
    const accept = await runMain(['i18n', 'accept', '--locale', 'kk', '--all'], root);
    expect([accept.status, accept.stderr]).toEqual([
      1,
      expect.stringMatching(/accept refused: nothing was written/),
    ]);
    expect(snapshot(root)).toEqual(before);
  });

  test('a write set a killed import left is finished (committed) or undone (not committed) before any command reads', async () => {
    const kk = (rel: string): string => join(root, 'content', 'test', 'kk', rel);
    const texts = readFileSync(kk('texts.yaml'), 'utf8');
    const release = readFileSync(kk('release.md'), 'utf8');
    const state = readFileSync(kk('translated-from.yaml'), 'utf8');
    // Killed after the commit point: both staged files and the journal naming them.
    writeFileSync(kk('texts.yaml.briefing-new'), texts.replace('Билік', 'Қазақстан билігі'));
    writeFileSync(kk('translated-from.yaml.briefing-new'), `${state}# new\n`);
    writeFileSync(
      join(root, '.briefing-journal.json'),
      JSON.stringify(['content/test/kk/texts.yaml', 'content/test/kk/translated-from.yaml']),
    );
    expect((await runMain(['i18n', 'status'], root)).status).toBe(0);
    expect(readFileSync(kk('texts.yaml'), 'utf8')).toBe(texts.replace('Билік', 'Қазақстан билігі'));
    expect(readFileSync(kk('translated-from.yaml'), 'utf8')).toBe(`${state}# new\n`);
    // Killed before it: a staged file, no journal, and the lock of a process that is gone.
    writeFileSync(kk('release.md.briefing-new'), 'half a set');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(root, '.briefing.lock'), JSON.stringify({ pid: dead, host: hostname(), token: 'x' }));
    expect((await runMain(['i18n', 'status'], root)).status).toBe(0);
    expect(readFileSync(kk('release.md'), 'utf8')).toBe(release);
    const left = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /briefing-new|briefing-journal|briefing\.lock/.test(f),
    );
    expect(left).toEqual([]);
  });

  test('an unreadable translation record is one located error, not a stale warning per unit', async () => {
    const file = join(root, 'content', 'test', 'kk', 'translated-from.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('findings/tolls.md:'));
    lines[i] = 'findings/tolls.md: not-a-hash';
    writeFileSync(file, lines.join('\n'));
    const r = await runMain(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/i18n\/stale/);
    expect(r.stderr.match(/ error /g)).toHaveLength(1);
    expect(r.stderr).toContain(
      `content/test/kk/translated-from.yaml:${i + 1}:20 error \`findings/tolls.md\`: expected a 16-digit hex hash; whether the 40 translations it records are current is unknown until it is fixed (i18n/state)`,
    );
  });

  test('a translation record that is not text is one error at it, and nothing overwrites it', async () => {
    const kk = (f: string): string => join(root, 'content', 'test', 'kk', f);
    const binary = Buffer.from([0x66, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x01]);
    writeFileSync(kk('translated-from.yaml'), binary);
    writeFileSync(kk('signed-off.yaml'), binary);
    const r = await runMain(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/i18n\/stale/);
    expect(r.stderr.match(/ error .*\(file\/encoding\)/g)).toHaveLength(2);
    expect(r.stderr).toMatch(/kk\/translated-from\.yaml:1:1 error .*not valid UTF-8/);
    expect(r.stderr).toMatch(/kk\/signed-off\.yaml:1:1 error .*not valid UTF-8/);
    const unit = ['--locale', 'kk', '--unit', 'recommendations.investigate'];
    expect((await runMain(['i18n', 'accept', ...unit], root)).status).toBe(1);
    expect((await runMain(['i18n', 'signoff', ...unit, '--by', 'A. Reviewer'], root)).status).toBe(1);
    expect(readFileSync(kk('translated-from.yaml'))).toEqual(binary);
    expect(readFileSync(kk('signed-off.yaml'))).toEqual(binary);
  });

  test('a unit id that is a list or a mapping in a translation record is an error at it, said once', async () => {
    const file = join(root, 'content', 'test', 'kk', 'translated-from.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}{a: b}: 0123456789abcdef\n`);
    const line = readFileSync(file, 'utf8').split('\n').length - 1;
    const warnings: string[] = [];
    const onWarning = (w: Error): number => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const r = await runMain(['check'], root);
      expect(r.stderr).toContain(
        `content/test/kk/translated-from.yaml:${line}:1 error a unit id is text, not a list or a mapping;`,
      );
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  test('a stale translation is named at its key, as every problem is named at its place', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'texts.yaml'),
      'Investigate every killing',
      'Investigate each killing',
    );
    const r = await runMain(['check'], root);
    expect(r.stderr).toContain(
      'content/test/kk/texts.yaml:18:3 warning `recommendations.investigate` is stale',
    );
    expect(r.stderr).toMatch(
      /content\/test\/ru\/texts\.yaml:\d+:3 warning `recommendations\.investigate` is stale/,
    );
  });

  test('accept records a reviewed stale translation as current', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'texts.yaml'),
      'Investigate every killing',
      'Investigate each killing',
    );
    const r = await runMain(
      ['i18n', 'accept', '--locale', 'kk', '--unit', 'recommendations.investigate'],
      root,
    );
    expect(r.status).toBe(0);
    expect(open(await status(root))).toEqual(['ru stale recommendations.investigate']);
  });

  test('the build lists stale translations, and --strict stops on them', async () => {
    edit(
      join(root, 'content', 'test', 'en', 'texts.yaml'),
      'Investigate every killing',
      'Investigate each killing',
    );
    const build = await runMain(['build', '--locale', 'kk', '--audience', 'osce', '--format', 'html'], root);
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(
      /translated from an older source text \(stale\): 1 unit\n\s+content\/test\/kk\/texts\.yaml: `recommendations\.investigate` is stale/,
    );
    const strict = await runMain(
      ['build', '--locale', 'kk', '--audience', 'osce', '--format', 'html', '--strict'],
      root,
    );
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/recommendations\.investigate` is stale: .*\(i18n\/stale\)/);
  });

  test('build --pseudo makes en-XA documents with every translatable text accented', async () => {
    const r = await runMain(['build', '--pseudo', '--locale', 'en-XA', '--audience', 'osce'], root);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    const html = readFileSync(join(root, 'output', 'test', 'en-XA', 'briefing-osce.html'), 'utf8');
    expect(html).toMatch(/<html[^>]*lang="en-XA"/);
    const headings = [...html.matchAll(/<h[12][^>]*>([^<]+)</g)].map((m) => m[1] ?? '');
    expect(headings.length).toBeGreaterThan(3);
    for (const h of headings) expect(h).toMatch(/^\[.*[áéíóúýçñšž].*\]$/);
    expect(existsSync(join(root, 'output', 'test', 'en-XA', 'briefing-osce.pdf'))).toBe(true);
  });

  test('briefing check lists visible text typed into a template', async () => {
    const template = join(root, 'templates', 'cover.hbs');
    const lines = readFileSync(template, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('<h1>{{title}}</h1>'));
    expect(at).toBeGreaterThan(-1);
    lines.splice(at + 1, 0, '<p>Prepared by the advocacy team</p>');
    writeFileSync(template, lines.join('\n'));
    const r = await runMain(['check', '--strict'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `templates/cover\\.hbs:${at + 2}:\\d+ warning visible text “Prepared” is typed into a template`,
      ),
    );
  });
});

describe('XML nesting', () => {
  test('counts elements only: comments, CDATA, instructions and quoted ">" are passed over', () => {
    const nest = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(xmlTooDeep(nest(64))).toBe(-1);
    expect(xmlTooDeep(nest(65))).toBe(64 * 3);
    expect(
      xmlTooDeep('<?xml version="1.0"?><!-- <a><a> --><r><x a="1>2"/><![CDATA[<b><b>]]><y/></r>', 1),
    ).toBe(-1);
    expect(xmlTooDeep('<r><x a="1>2"><y/></x></r>', 1)).toBe(3);
    expect(xmlTooDeep('<r/><r></r><r>', 1)).toBe(-1);
  });
});
