/**
 * The edges that no content fixture reaches: internal errors, the output lock,
 * the output journal, locale tags, the output vocabulary and the CSP.
 */
import { describe, expect, test, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { describeInternalError, takeDebugFlag } from '../src/cli/internal-error.js';
import { acquireLock, breakStale, lockName } from '../src/pipeline/lock.js';
import { OutputTransaction, recoverOutput } from '../src/pipeline/output.js';
import { checkLocaleTag, usableLocaleTag } from '../src/i18n/locale-tag.js';
import { isTimeZone } from '../src/model/dates.js';
import { outsideVocabulary } from '../src/model/vocabulary.js';
import { DiagnosticError } from '../src/diagnostics/diagnostic.js';
import { didYouMean } from '../src/diagnostics/suggest.js';
import { mergeRepeats } from '../src/diagnostics/merge.js';
import { diagnose } from '../src/diagnostics/diagnostic.js';
import { catalog } from '../src/diagnostics/catalog.js';
import { parseYaml, yamlData } from '../src/load/yaml.js';
import { splitProse } from '../src/translation/prose.js';
import { parseSignOffs } from '../src/translation/signoff.js';
import { makeWorkspace, removeWorkspace, runMain } from './helpers/workspace.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'briefing-robust-'));

describe('internal errors', () => {
  test('one line with the rule and how to report it; the stack only with --debug', () => {
    const e = new RangeError('Maximum call stack size exceeded');
    const plain = describeInternalError(e, false);
    expect(plain.split('\n').filter(Boolean)).toHaveLength(2);
    expect(plain).toMatch(
      /^briefing: internal error \(RangeError: Maximum call stack size exceeded\) \(internal\/error\)/,
    );
    expect(plain).toContain('--debug');
    expect(plain).not.toMatch(/^\s+at /m);
    expect(describeInternalError(e, true)).toMatch(/^\s+at /m);
  });

  test('--debug is taken out of the arguments', () => {
    expect(takeDebugFlag(['build', '--debug', '--force'])).toEqual({
      argv: ['build', '--force'],
      debug: true,
    });
  });
});

describe('output lock', () => {
  test('a lock left by a process that is gone is taken over at once', async () => {
    const dir = tmp();
    writeFileSync(join(dir, lockName), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const started = Date.now();
    const release = await acquireLock(dir, 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(readFileSync(join(dir, lockName), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
    expect(existsSync(join(dir, lockName))).toBe(false);
    rmSync(dir, { recursive: true });
  });

  test('a process acting late on a lock it saw stale leaves the lock another took over since', async () => {
    const dir = tmp();
    const path = join(dir, lockName);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = JSON.stringify({ pid: dead, host: hostname(), token: 'seen-stale' });
    writeFileSync(path, stale);
    const release = await acquireLock(dir, 1000);
    const taken = readFileSync(path, 'utf8');
    // The other process read `stale` before this one took over; only now does it act on it.
    expect(breakStale(path, stale)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(taken);
    // A breaker left by a process killed while breaking is broken in turn: the lock is taken at once.
    release();
    writeFileSync(path, stale);
    writeFileSync(`${path}.breaking-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`, stale);
    const started = Date.now();
    (await acquireLock(dir, 5000))();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
  });

  test('a live owner is waited for, then reported as a located problem', async () => {
    const dir = tmp();
    const release = await acquireLock(dir);
    await expect(acquireLock(dir, 300)).rejects.toBeInstanceOf(DiagnosticError);
    release();
    rmSync(dir, { recursive: true });
  });
});

describe('output set', () => {
  test('staged files without a journal are discarded: the old set stays', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.html'), 'old');
    writeFileSync(join(dir, 'a.html.briefing-new'), 'new');
    recoverOutput(dir);
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.html']);
    rmSync(dir, { recursive: true });
  });

  test('a committed journal is finished: the whole new set', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.html'), 'old a');
    writeFileSync(join(dir, 'b.html'), 'new b'); // renamed before the interruption
    writeFileSync(join(dir, 'a.html.briefing-new'), 'new a');
    writeFileSync(join(dir, '.briefing-journal.json'), JSON.stringify(['a.html', 'b.html']));
    recoverOutput(dir);
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toBe('new a');
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'b.html']);
    rmSync(dir, { recursive: true });
  });

  test("another command's staged files stay while it holds its folder's lock, below it too", async () => {
    const dir = tmp();
    const [exportDir, review] = [join(dir, 'p'), join(dir, 'review')];
    mkdirSync(join(review, 'kk'), { recursive: true });
    mkdirSync(exportDir);
    // An export with `--out output/p/kk.xlf`, and review copies, each midway under its own lock.
    const releases = [await acquireLock(exportDir), await acquireLock(review)];
    writeFileSync(join(exportDir, 'kk.xlf.briefing-new'), 'export');
    writeFileSync(join(review, 'kk', 'briefing-osce.html.briefing-new'), 'review copy');
    writeFileSync(join(dir, 'a.html.briefing-new'), 'a killed build');
    recoverOutput(dir);
    expect(readdirSync(exportDir).sort()).toEqual([lockName, 'kk.xlf.briefing-new']);
    expect(readdirSync(join(review, 'kk'))).toEqual(['briefing-osce.html.briefing-new']);
    expect(existsSync(join(dir, 'a.html.briefing-new'))).toBe(false);
    for (const release of releases) release();
    // Their owners gone (or done), the next recovery takes them, and leaves no lock of its own.
    writeFileSync(
      join(exportDir, lockName),
      JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '']).pid, host: hostname() }),
    );
    recoverOutput(dir);
    expect(readdirSync(exportDir)).toEqual([]);
    expect(readdirSync(join(review, 'kk'))).toEqual([]);
    expect(readdirSync(review)).toEqual(['kk']);
    rmSync(dir, { recursive: true });
  });

  test('a transaction writes only changed files, all at commit', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'same.md'), 'x');
    const tx = new OutputTransaction(dir);
    expect(tx.write('same.md', 'x')).toBe(false);
    expect(tx.write('p/new.html', 'y')).toBe(true);
    expect(existsSync(join(dir, 'p/new.html'))).toBe(false);
    expect(tx.read('p/new.html')).toBe('y');
    expect(tx.commit()).toEqual(['p/new.html']);
    expect(readFileSync(join(dir, 'p/new.html'), 'utf8')).toBe('y');
    expect(readdirSync(dir).sort()).toEqual(['p', 'same.md']);
    rmSync(dir, { recursive: true });
  });
});

describe('locale tags and time zones', () => {
  test('tags Intl rejects are errors, tags without data fall back (and say so)', () => {
    expect(checkLocaleTag('not a locale!').ok).toBe(false);
    expect(checkLocaleTag(42).ok).toBe(false);
    expect(checkLocaleTag('kk')).toEqual({ ok: true, tag: 'kk' });
    const tlh = checkLocaleTag('tlh');
    expect(tlh.ok && tlh.fallsBackTo).toBeTruthy();
    expect(usableLocaleTag('not a locale!', 'ru')).toBe('ru');
  });

  test('a tag with an extension (another calendar, other digits) is refused; a script, region or variant is not', () => {
    for (const tag of ['kk-u-nu-arab-ca-islamic', 'ru-u-ca-buddhist', 'en-x-private', 'en-t-ru'])
      expect(checkLocaleTag(tag)).toMatchObject({ ok: false, message: expect.stringMatching(/extension/) });
    for (const tag of ['kk-Cyrl-KZ', 'en-GB', 'de-DE-1996']) expect(checkLocaleTag(tag).ok).toBe(true);
    // The document's own language, never the calendar the file asked for.
    expect(usableLocaleTag('kk-u-nu-arab-ca-islamic', 'kk')).toBe('kk');
  });

  test('IANA zones only', () => {
    expect(isTimeZone('Asia/Almaty')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('output vocabulary', () => {
  const strangers = (html: string): string[] => outsideVocabulary(fromHtml(html, { fragment: true }));
  test('SVG and attributes are checked: script, handlers, javascript:, foreignObject, remote references', () => {
    expect(strangers('<p>ok <a href="https://example.org">x</a> <a href="#ref-1">1</a></p>')).toEqual([]);
    expect(strangers('<svg><g><path d="M0 0"/><text>t</text></g></svg>')).toEqual([]);
    expect(strangers('<svg><script>x</script></svg>')).toContain('svg script');
    expect(strangers('<svg><foreignObject></foreignObject></svg>')).toContain('svg foreignObject');
    expect(strangers('<svg><image href="https://evil.example/x.png"/></svg>').join()).toMatch(/image/);
    expect(strangers('<p onclick="x()">t</p>')).toContain('p[onClick]');
    expect(strangers('<a href="javascript:alert(1)">x</a>')).toContain('a[href]');
    expect(strangers('<div style="background:url(https://evil.example/)">x</div>')).toContain('div[style]');
  });
});

describe('diagnostics', () => {
  test('did you mean: near misses only', () => {
    expect(didYouMean('bodys', ['bodies', 'detained'])).toContain('`bodies`');
    expect(didYouMean('zzz', ['bodies', 'detained'])).toBe('');
    expect(didYouMean('eu-pres', ['eu-press', 'investigate'])).toContain('`eu-press`');
    expect(didYouMean('detianed', ['bodies', 'detained'])).toContain('`detained`');
    // A shared folder and extension are not a near miss.
    expect(didYouMean('findings/nothing.md', ['findings/tolls.md'])).toBe('');
  });

  test('a name the reader wrote is cut short in a message (an unknown key of 100 KB was echoed whole)', () => {
    const d = diagnose('schema/unknown-key', 'x.yaml', {
      kind: 'fields',
      keys: ['k'.repeat(100_000), 'ok'],
      at: '',
    });
    expect(d.message).toBe(`unknown field \`${'k'.repeat(59)}…\`, \`ok\``);
  });

  test('the catalog builds each message from typed parameters, with the rule’s severity and hint', () => {
    const d = diagnose(
      'ref/unknown-source',
      'sources.yaml',
      { id: 'hrw-2O22', known: ['hrw-2022'] },
      { line: 3, column: 5 },
    );
    expect(d).toEqual({
      severity: 'error',
      rule: 'ref/unknown-source',
      file: 'sources.yaml',
      line: 3,
      column: 5,
      message: 'unknown source `hrw-2O22`; did you mean `hrw-2022`?',
      hint: catalog['ref/unknown-source'].hint,
    });
    // One rule, two severities, decided by the catalog: a text falls back to English, a form cannot.
    const text = diagnose('i18n/missing', 'kk/texts.yaml', {
      kind: 'text',
      key: 'a.b',
      locale: 'kk',
      sourceLocale: 'en',
    });
    const forms = diagnose('i18n/missing', 'kk/texts.yaml', {
      kind: 'label-forms',
      label: 'bodies',
      missing: ['bodies_gen'],
    });
    expect([text.severity, forms.severity]).toEqual(['warning', 'error']);
    // A policy may still override it (--strict, a caller that knows better).
    expect(diagnose('figure/unused', 'figures.yaml', { figure: 'x' }, undefined, 'error').severity).toBe(
      'error',
    );
    for (const [id, spec] of Object.entries(catalog)) {
      expect([id, spec.title.length > 0, spec.hint.length > 0, typeof spec.message]).toEqual([
        id,
        true,
        true,
        'function',
      ]);
      if (typeof spec.severity !== 'function') expect(['error', 'warning']).toContain(spec.severity);
    }
  });

  test('one cause, one error across documents', () => {
    // A chart that fails to draw fails the same way in every language.
    const d = (locale: string) =>
      diagnose('chart/invalid', 'c.vl.json', { kind: 'render', locale, detail: 'x is undefined' });
    const merged = mergeRepeats([d('en'), d('kk')]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.message).toBe('x is undefined (in en, kk)');
  });
});

describe('YAML libraries stay quiet', () => {
  // `yaml` writes a key that is a list or a mapping, or a tag it does not know, to the
  // console as a Node warning: a line outside the report, with no place and no rule.
  const odd = ['{x: y}: 1\n', '? [a, b]\n: 1\n', 'a: &k [1]\n*k : 2\n', '!nope x: 1\n', 'a: !nope x\n'];

  test('no input makes a YAML reader write to the console; a key that is not a name is reported at its place', () => {
    const warned = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const logged = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const text of odd) {
        parseYaml(text, 'x.yaml');
        try {
          yamlData(text);
        } catch {
          // The catalog's loader reports a text `yaml` refuses; only the console matters here.
        }
        splitProse(`---\n${text}---\nBody.\n`);
        parseSignOffs(text);
      }
      expect(warned).not.toHaveBeenCalled();
      expect(logged).not.toHaveBeenCalled();
    } finally {
      warned.mockRestore();
      logged.mockRestore();
    }
    const where = (text: string) =>
      parseYaml(text, 'x.yaml').errors.map((e) => `${e.rule} ${e.line}:${e.column}`);
    expect(where('a: 1\nb:\n  {x: y}: 1\n')).toEqual(['yaml/key-not-name 3:3']);
    expect(where('a: &k [1]\n*k : 2\n? [a, b]\n: 3\n')).toEqual([
      'yaml/key-not-name 2:1',
      'yaml/key-not-name 3:3',
    ]);
  });
});

describe('--out', () => {
  test('a file, or a link to nothing, where the output goes is wrong usage, said before anything is built', async () => {
    const root = makeWorkspace();
    try {
      writeFileSync(join(root, 'afile'), '');
      symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
      mkdirSync(join(root, 'adir'));
      const cases: [string[], RegExp][] = [
        [['build', '--out', 'afile'], /--out: afile is a file, not a folder/],
        [['build', '--out', 'afile/sub'], /--out: afile is a file, not a folder/],
        [['build', '--out', 'dangling'], /--out: dangling is a link to nothing/],
        [['watch', '--out', 'afile'], /--out: afile is a file/],
        [['i18n', 'export', '--locale', 'kk', '--out', 'adir'], /--out: adir is a folder; name a file in it/],
        [['i18n', 'export', '--locale', 'kk', '--out', 'afile/kk.xlf'], /--out: afile is a file/],
      ];
      for (const [args, said] of cases) {
        const r = await runMain(args, root);
        expect([args, r.status]).toEqual([args, 2]);
        expect(r.stderr).toMatch(said);
      }
      expect(existsSync(join(root, 'output'))).toBe(false);
      expect(
        (await runMain(['build', '--locale', 'en', '--audience', 'release', '--out', 'adir/new'], root))
          .status,
      ).toBe(0);
      expect(existsSync(join(root, 'adir', 'new', 'test', 'en', 'release.pdf'))).toBe(true);
    } finally {
      removeWorkspace(root);
    }
  });

  test('a folder among the inputs, or one holding the workspace, is wrong usage: nothing lands in content/', async () => {
    const root = makeWorkspace();
    try {
      symlinkSync(join(root, 'content'), join(root, 'content-link'));
      // templates/ kept elsewhere, linked in: an --out into where it leads is inside it too.
      renameSync(join(root, 'templates'), join(root, 'templates-real'));
      symlinkSync(join(root, 'templates-real'), join(root, 'templates'));
      const cases: [string, RegExp][] = [
        ['content', /--out: content is inside content\/, which the build reads/],
        ['content/test/en/out', /inside content\//],
        ['templates', /inside templates\//],
        ['locales/', /inside locales\//],
        ['content-link/new', /inside content\//],
        ['templates-real/out', /inside templates\//],
        ['.', /--out: \. holds the workspace/],
        ['..', /--out: \.\. holds the workspace/],
      ];
      for (const [out, said] of cases) {
        const r = await runMain(['build', '--out', out], root);
        expect([out, r.status]).toEqual([out, 2]);
        expect(r.stderr).toMatch(said);
      }
      expect(existsSync(join(root, 'index.html'))).toBe(false);
      expect(existsSync(join(root, 'content', 'index.html'))).toBe(false);
      // Review copies are a build's outputs too: `--out content` had put them in content/test/kk/.
      for (const [out, said] of [
        ['content', /--out: content is inside content\//],
        ['.', /--out: \. holds the workspace/],
      ] as const) {
        const r = await runMain(['i18n', 'review', '--locale', 'kk', '--format', 'html', '--out', out], root);
        expect([out, r.status]).toEqual([out, 2]);
        expect(r.stderr).toMatch(said);
      }
      expect(existsSync(join(root, 'content', 'test', 'kk', 'review-release.html'))).toBe(false);
      // An export is one file, and goes where its user says: beside content/ by default.
      const r = await runMain(['i18n', 'export', '--locale', 'kk', '--out', 'kk.xlf'], root);
      expect(r.status).toBe(0);
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('files that are not regular files', () => {
  test('a named pipe where a finding is read is refused at once, never opened', async () => {
    const root = makeWorkspace();
    try {
      const file = join(root, 'content', 'test', 'en', 'findings', 'tolls.md');
      rmSync(file);
      expect(spawnSync('mkfifo', [file]).status).toBe(0);
      const r = await runMain(['check'], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/tolls\.md:1:1 error .* is not a regular file .*\(file\/unreadable\)/);
    } finally {
      removeWorkspace(root);
    }
  });

  test('i18n import of a pipe or a device is refused, not read for ever', async () => {
    const root = makeWorkspace();
    try {
      const pipe = join(root, 'kk.xlf');
      expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
      for (const file of [pipe, '/dev/zero']) {
        const r = await runMain(['i18n', 'import', file], root);
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(/is not a regular file .*\(file\/unreadable\)/);
      }
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('project folders', () => {
  test('a folder whose name is no id (index.html, markup) is refused where it is, not built over the index', async () => {
    const root = makeWorkspace();
    try {
      for (const name of ['index.html', 'kz<img src=x>'])
        cpSync(join(root, 'content', 'test'), join(root, 'content', name), { recursive: true });
      const r = await runMain(['check'], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/content\/index\.html is not a project id.*\(schema\/invalid\)/);
      expect(r.stderr).toMatch(/content\/kz<img src=x> is not a project id/);
      expect((await runMain(['build', '--format', 'html', '--locale', 'en'], root)).status).toBe(1);
      expect(existsSync(join(root, 'output', 'index.html'))).toBe(false);
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('inline Markdown that would make the parser run for minutes', () => {
  test.each<[string, string, RegExp]>([
    [
      'emphasis five thousand deep',
      `${'**'.repeat(5000)}x${'**'.repeat(5000)}`,
      /more than 256 emphasis marks/,
    ],
    ['stars by the thousand', '*a '.repeat(50_000), /more than 256 emphasis marks/],
    [
      'directives twenty thousand deep',
      `${':cite['.repeat(20_000)}x${']'.repeat(20_000)}`,
      /brackets .* nest more than 16/,
    ],
  ])('%s: one located limit/depth, at once', async (_, line, message) => {
    const root = makeWorkspace();
    try {
      const file = join(root, 'content', 'test', 'en', 'findings', 'tolls.md');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nSee ${line}\n`);
      const started = Date.now();
      const r = await runMain(['check'], root);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.status).toBe(1);
      const errors = r.stderr.split('\n').filter((l) => / error /.test(l));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/tolls\.md:\d+:\d+ error /);
      expect(errors[0]).toMatch(message);
    } finally {
      removeWorkspace(root);
    }
  });
});
