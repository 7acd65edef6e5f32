#!/usr/bin/env node
/**
 * Hostile-input corpus: every case copies the workspace (content, templates,
 * locales, and a good output built once) into a temporary folder, breaks one
 * thing, and runs `check`, `build` and/or `i18n import` on it with a 30 s
 * timeout. A case fails when the tool prints a stack trace, runs past the
 * timeout, refuses without a located diagnostic (file:line:column and a rule id),
 * changes the previous outputs in a failed build, reveals a file outside the
 * project, or publishes active content in HTML.
 *
 *   npm run compile && node scripts/hostile.mjs [--only name,...] [--bin path/to/briefing.js] [--jobs 2]
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const bin = resolve(flag('--bin') ?? join(repo, 'bin/briefing.js'));
const only = flag('--only')?.split(',');
const jobs = Number(flag('--jobs') ?? 2);
const TIMEOUT = 30_000;
const P = 'content/kazakhstan-2022';
const SECRET = 'TOP-SECRET-MARKER-9f2c';

// ---------------------------------------------------------------- helpers for cases
const edit = (rel, fn) => (dir) => writeFileSync(join(dir, rel), fn(readFileSync(join(dir, rel), 'utf8')));
const put = (rel, text) => (dir) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const replace = (rel, from, to) =>
  edit(rel, (s) => {
    if (!s.includes(from)) throw new Error(`case setup: ${rel} has no ${JSON.stringify(from)}`);
    return s.replace(from, to);
  });
/** A case whose change does not apply would test nothing: it fails its setup instead. */
const mustReplace = (s, from, to) => {
  if (!s.includes(from)) throw new Error(`case setup: no ${JSON.stringify(from)}`);
  return s.replace(from, to);
};
const appendTo = (rel, text) => edit(rel, (s) => s + text);
const secretFile = (dir) => {
  const f = join(dirname(dir), `${dir.split('/').pop()}-secret.txt`);
  writeFileSync(f, `${SECRET}\n{ "not": "content" }\n`);
  return f;
};
const linkOutside = (rel) => (dir) => {
  const target = secretFile(dir);
  rmSync(join(dir, rel), { force: true });
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  symlinkSync(target, join(dir, rel));
};
const finding = `${P}/en/findings/accountability.md`;
const kkFinding = `${P}/kk/findings/accountability.md`;
const chart = `${P}/charts/tolls.vl.json`;
const logo = `${P}/assets/logo.svg`;
const chartEdit = (fn) => edit(chart, (s) => JSON.stringify(fn(JSON.parse(s)), null, 2));
const prose = (text) => appendTo(finding, `\n${text}\n`);
// A block template (one per block kind, templates/<kind>.hbs).
const partial = 'templates/key-figures.hbs';

/** Each case: name, setup(dir), which commands to run. `xliff(s)` mutates an exported kk XLIFF. */
const cases = [
  // --- dates, locales, zones, numbers
  { name: 'figure-date-feb-30', setup: replace(`${P}/figures.yaml`, 'asOf: 2022-01-06', 'asOf: 2022-02-30') },
  {
    name: 'project-asof-feb-30',
    setup: replace(`${P}/project.yaml`, 'asOf: 2022-01-16', 'asOf: 2022-02-30'),
  },
  { name: 'chronology-feb-30', setup: replace(`${P}/chronology.yaml`, 'at: 2022-01-02', 'at: 2022-02-30') },
  {
    name: 'chronology-hour-25',
    setup: replace(`${P}/chronology.yaml`, 'at: 2022-01-02', 'at: 2022-01-02T25:61+06:00'),
  },
  { name: 'prose-date-feb-30', setup: prose('It happened on :date[2022-02-30].') },
  { name: 'prose-time-bad', setup: prose('It happened at :time[2022-01-05T24:75+06:00].') },
  {
    name: 'source-date-month-13',
    setup: replace(`${P}/sources.yaml`, 'date: 2022-01-07', 'date: 2022-13-07'),
  },
  { name: 'timezone-unknown', setup: replace(`${P}/project.yaml`, 'Asia/Almaty', 'Mars/Olympus_Mons') },
  {
    name: 'intl-invalid',
    setup: replace('locales/kk/common.json', '"intl": "kk"', '"intl": "not a locale!"'),
  },
  {
    name: 'intl-fallback',
    accept: true,
    setup: replace('locales/kk/common.json', '"intl": "kk"', '"intl": "tlh"'),
  },
  { name: 'intl-number', setup: replace('locales/kk/common.json', '"intl": "kk"', '"intl": 42') },
  { name: 'value-negative', setup: replace(`${P}/figures.yaml`, 'value: 18', 'value: -3811') },
  { name: 'value-nan-string', setup: replace(`${P}/figures.yaml`, 'value: 18', 'value: .nan') },
  { name: 'value-infinite', setup: replace(`${P}/figures.yaml`, 'value: 18', 'value: .inf') },
  { name: 'value-huge', accept: true, setup: replace(`${P}/figures.yaml`, 'value: 18', 'value: 1e308') },
  {
    name: 'formula-div-zero',
    setup: replace(
      `${P}/figures.yaml`,
      'formula: bodies_delivered - security_forces_killed',
      'formula: bodies_delivered / (security_forces_killed - security_forces_killed)',
    ),
  },
  {
    name: 'formula-negative',
    setup: replace(
      `${P}/figures.yaml`,
      'formula: bodies_delivered - security_forces_killed',
      'formula: security_forces_killed - bodies_delivered',
    ),
  },
  {
    name: 'formula-garbage',
    setup: replace(
      `${P}/figures.yaml`,
      'formula: bodies_delivered - security_forces_killed',
      'formula: "bodies_delivered ** (((("',
    ),
  },
  {
    name: 'locales-weird',
    setup: replace(`${P}/project.yaml`, 'locales: [en, ru, kk]', 'locales: [en, ru, kk, de]'),
  },
  // --- YAML / files
  { name: 'project-empty', setup: put(`${P}/project.yaml`, '') },
  { name: 'project-not-map', setup: put(`${P}/project.yaml`, '- a\n- b\n') },
  { name: 'yaml-billion-laughs', setup: put(`${P}/chronology.yaml`, billionLaughs()) },
  { name: 'yaml-deep', setup: put(`${P}/chronology.yaml`, '['.repeat(20000) + ']'.repeat(20000) + '\n') },
  { name: 'yaml-tab-indent', setup: replace(`${P}/project.yaml`, '  osce:', '\tosce:') },
  {
    name: 'yaml-huge-file',
    setup: appendTo(`${P}/chronology.yaml`, `\n# ${'x'.repeat(12 * 1024 * 1024)}\n`),
  },
  {
    name: 'yaml-unknown-key',
    setup: replace(`${P}/project.yaml`, 'pageSize: A4', 'pageSize: A4\npagesize: A4'),
  },
  { name: 'yaml-utf16', accept: true, setup: edit(`${P}/project.yaml`, (s) => '\ufeff' + s).bind(null) },
  {
    name: 'yaml-utf16le',
    accept: true,
    setup: (dir) => {
      const f = join(dir, `${P}/project.yaml`);
      const s = readFileSync(f, 'utf8');
      writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));
    },
  },
  { name: 'yaml-bom-findings', accept: true, setup: edit(`${P}/findings.yaml`, (s) => '\ufeff' + s) },
  { name: 'yaml-binary', setup: put(`${P}/sources.yaml`, '\u0000\u0001\u0002garbage\u0000') },
  {
    name: 'dup-figure-id',
    setup: appendTo(
      `${P}/figures.yaml`,
      '\n- id: injured\n  unit: person\n  values:\n    - value: 1\n      asOf: 2022-01-10\n      source: hrw-2022-01-07\n      quote: "x"\n',
    ),
  },
  { name: 'near-miss-figure', setup: prose('Victims: :fig[bodies_delivere].') },
  // --- Markdown
  {
    name: 'md-deep-list',
    setup: prose(Array.from({ length: 3000 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n')),
  },
  { name: 'md-deep-quote', setup: prose('>'.repeat(5000) + ' deep') },
  { name: 'md-huge-body', setup: prose(('Lorem ipsum dolor sit amet. '.repeat(40) + '\n\n').repeat(5000)) },
  {
    name: 'md-raw-html',
    accept: true,
    mustContain: 'Next paragraph must survive too',
    setup: prose(
      '<script>alert(1)</script>\nThis sentence must survive.\n\nNext paragraph must survive too.',
    ),
  },
  {
    name: 'md-link',
    accept: true,
    mustContain: 'href="https://example.org/report"',
    setup: prose('See [the report](https://example.org/report) and [bad](javascript:alert(1)).'),
  },
  { name: 'md-image', accept: true, setup: prose('![a photo of the square](https://example.org/x.png)') },
  { name: 'md-handlebars-in-prose', setup: prose('The toll was {{fig "bodies_delivered"}} people.') },
  { name: 'md-no-front-matter', setup: put(finding, 'Just text without front matter.\n') },
  { name: 'md-unclosed-front-matter', setup: put(finding, '---\ntitle: x\nNo closing line.\n') },
  { name: 'md-unknown-directive', setup: prose('Here :evil[payload]{onclick="x"} is.') },
  { name: 'md-fig-attr', setup: prose('Victims: :fig[bodies_delivered]{asOf="2022-02-30"}.') },
  { name: 'md-binary', setup: put(kkFinding, '---\ntitle: x\n---\n\u0000\u0000\u0007') },
  // --- templates
  { name: 'tpl-triple-stash', setup: replace(partial, '{{value}}', '{{{value}}}') },
  {
    name: 'tpl-triple-stash-t',
    setup: replace(partial, '<h3>{{heading}}</h3>', '<h3>{{{heading}}}</h3>'),
  },
  { name: 'tpl-script', setup: replace(partial, '<h3>', '<script>alert(1)</script><h3>') },
  { name: 'tpl-onclick', setup: replace(partial, '<h3>', '<h3 onclick="alert(1)">') },
  { name: 'tpl-js-link', setup: replace(partial, '<h3>', '<a href="javascript:alert(1)">x</a><h3>') },
  {
    name: 'tpl-svg-script',
    setup: replace(
      partial,
      '<h3>',
      '<svg><script>alert(1)</script><foreignObject><div>x</div></foreignObject></svg><h3>',
    ),
  },
  {
    name: 'tpl-svg-remote',
    setup: replace(partial, '<h3>', '<svg><image href="https://evil.example/x.png"/></svg><h3>'),
  },
  { name: 'tpl-unknown-fig', setup: replace(partial, '<h3>', '{{fig "no_such_figure"}}<h3>') },
  { name: 'tpl-syntax', setup: replace(partial, '{{/each}}', '{{/eachh}}') },
  { name: 'tpl-unknown-helper', setup: replace(partial, '<h3>', '{{lookupEvil "x"}}<h3>') },
  { name: 'tpl-missing-field', setup: replace(partial, '{{value}}', '{{nonexistent.deep.field}}') },
  { name: 'tpl-proto', setup: replace(partial, '{{value}}', '{{constructor.name}}') },
  { name: 'tpl-symlink-outside', setup: linkOutside('templates/cover.hbs') },
  // --- charts
  { name: 'chart-json-syntax', setup: edit(chart, (s) => s.replace('"usermeta": {', '"usermeta": {,')) },
  { name: 'chart-not-object', setup: put(chart, '[1,2,3]\n') },
  {
    name: 'chart-regex-redos',
    setup: chartEdit((c) => ({
      ...c,
      transform: [{ calculate: "test(/^(a+)+$/, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')", as: 'z' }],
    })),
  },
  {
    name: 'chart-sequence-huge',
    setup: chartEdit((c) => ({ ...c, data: { sequence: { start: 0, stop: 1e9, as: 'label' } } })),
  },
  { name: 'chart-url-data', setup: chartEdit((c) => ({ ...c, data: { url: 'file:///etc/passwd' } })) },
  { name: 'chart-null-channel', setup: chartEdit((c) => ({ ...c, encoding: { ...c.encoding, y: null } })) },
  { name: 'chart-bad-mark', setup: chartEdit((c) => ({ ...c, layer: [{ mark: { type: 'nonsense' } }] })) },
  { name: 'chart-usermeta-bad', setup: chartEdit((c) => ({ ...c, usermeta: { caption: 42, table: 'x' } })) },
  { name: 'chart-unknown-figure', setup: edit(chart, (s) => s.replace('fig:injured', 'fig:nonexistent')) },
  {
    name: 'chart-image-mark',
    setup: chartEdit((c) => ({
      ...c,
      layer: [{ mark: 'image', encoding: { url: { value: 'https://evil.example/a.png' } } }],
    })),
  },
  {
    name: 'chart-href',
    setup: chartEdit((c) => ({
      ...c,
      layer: [{ mark: 'bar', encoding: { href: { value: 'javascript:alert(1)' } } }],
    })),
  },
  { name: 'chart-symlink-outside', setup: linkOutside(chart) },
  {
    name: 'chart-expr-loop',
    setup: chartEdit((c) => ({ ...c, transform: [{ calculate: "pad('x', 100000000)", as: 'z' }] })),
  },
  {
    name: 'chart-labelexpr-redos',
    setup: chartEdit((c) => {
      c.encoding.x.axis.labelExpr =
        "test(/^(a+)+$/, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!') ? 'x' : datum.label";
      return c;
    }),
  },
  {
    name: 'chart-tickcount-huge',
    setup: chartEdit((c) => {
      c.encoding.x.axis.tickCount = 10_000_000;
      return c;
    }),
  },
  {
    name: 'chart-density-steps',
    setup: chartEdit((c) => {
      c.layer[1].transform.push({ density: 'labelAt', steps: 50_000_000 });
      return c;
    }),
  },
  {
    name: 'chart-quantile-step',
    setup: chartEdit((c) => {
      c.layer[1].transform.push({ quantile: 'labelAt', step: 1e-8 });
      return c;
    }),
  },
  {
    name: 'chart-bin-step',
    setup: chartEdit((c) => {
      c.layer[0].encoding.x = { field: 'value', type: 'quantitative', bin: { step: 1e-7 } };
      return c;
    }),
  },
  {
    name: 'chart-fill-url',
    setup: chartEdit((c) => {
      c.layer[0].mark.fill = 'url(https://evil.example/x#a)';
      return c;
    }),
  },
  {
    name: 'chart-background-url',
    setup: chartEdit((c) => ({ ...c, config: { background: 'url(https://evil.example/x.png)' } })),
  },
  // --- logos
  { name: 'logo-fill-url', setup: replace(logo, 'fill="#8a1c1c"', 'fill="url(https://evil.example/p#g)"') },
  {
    name: 'logo-doctype-entity',
    setup: edit(
      logo,
      (s) =>
        `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${mustReplace(s, '</svg>', '<text>&x;</text></svg>')}`,
    ),
  },
  {
    name: 'logo-png-huge',
    setup: (dir) => {
      // Whole chunks, a header declaring 100000 × 100000 pixels.
      const png = Buffer.from(
        '89504e470d0a1a0a0000000d49484452000186a0000186a008060000001f15c4890000000b49444154789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082',
        'hex',
      );
      writeFileSync(join(dir, `${P}/assets/logo.png`), png);
      replace(`${P}/project.yaml`, 'logo: assets/logo.svg', 'logo: assets/logo.png')(dir);
    },
  },
  // --- outside the project
  { name: 'source-text-symlink', setup: linkOutside(`${P}/sources/hrw-kazakhstan-killings-almaty.txt`) },
  {
    name: 'source-text-traversal',
    setup: replace(
      `${P}/sources.yaml`,
      'text: hrw-kazakhstan-shoot-without-warning.txt',
      'text: ../../../../../../etc/passwd',
    ),
  },
  {
    name: 'content-dangling',
    accept: true,
    setup: (dir) => symlinkSync('/nonexistent/nowhere', join(dir, 'content/broken')),
  },
  { name: 'content-stray-file', accept: true, setup: put('content/README.txt', 'notes') },
  { name: 'project-file-symlink', setup: linkOutside(`${P}/en/findings/methodology.md`) },
  { name: 'locale-json-symlink', setup: linkOutside('locales/ru/common.json') },
  // --- XLIFF import
  {
    name: 'xliff-intl-invalid',
    cmds: ['import'],
    xliff: (s) =>
      s.replace(
        '<target state="translated">kk</target>',
        '<target state="translated">not a locale!</target>',
      ),
  },
  {
    name: 'xliff-entity-bomb',
    cmds: ['import'],
    xliff: (s) =>
      s
        .replace(
          '<xliff',
          `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<xliff`,
        )
        .replace('Қазақша', '&lol2;'),
  },
  {
    name: 'xliff-external-entity',
    cmds: ['import'],
    xliff: (s) =>
      s
        .replace('<xliff', `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff`)
        .replace('Қазақша', '&xxe;'),
  },
  { name: 'xliff-truncated', cmds: ['import'], xliff: (s) => s.slice(0, Math.floor(s.length / 2)) },
  { name: 'xliff-not-xml', cmds: ['import'], xliff: () => 'hello, this is not XML' },
  {
    name: 'xliff-placeholder-dropped',
    cmds: ['import'],
    xliff: (s) =>
      mustReplace(
        s,
        '<target state="translated"><ph id="1" ctype="x-var">{{count}}</ph> құжат</target>',
        '<target state="translated">құжат</target>',
      ),
  },
  {
    name: 'xliff-digit',
    cmds: ['import'],
    xliff: (s) => s.replace('Диаграмма деректері', 'Диаграмма 2022 деректері'),
  },
  {
    name: 'xliff-script',
    cmds: ['import'],
    xliff: (s) => s.replace('Диаграмма деректері', '&lt;script&gt;alert(1)&lt;/script&gt;'),
  },
  {
    name: 'xliff-utf16',
    accept: true,
    cmds: ['import'],
    xliff: (s) => s,
    encode: (s) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s.replace('UTF-8', 'UTF-16'), 'utf16le')]),
  },
  {
    name: 'xliff-wrong-locale',
    cmds: ['import'],
    xliff: (s) => s.replaceAll('target-language="kk"', 'target-language="de"'),
  },
  // --- signals and locks (run, not just parsed)
  { name: 'sigterm-during-build', cmds: [], custom: (dir, problems) => interrupt(dir, problems, 'SIGTERM') },
  { name: 'sigint-during-build', cmds: [], custom: (dir, problems) => interrupt(dir, problems, 'SIGINT') },
  // A build server's socket (`briefing serve`) that is not one, or not the user's alone: the
  // build says so and runs in its own process.
  {
    name: 'server-socket-a-file',
    accept: true,
    setup: (dir) => {
      mkdirSync(join(dir, '.cache/briefing/server'), { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, '.cache/briefing/server/socket'), '{"queued":0}\n{"exit":0}\n');
    },
    cmds: ['build'],
  },
  {
    name: 'server-folder-a-link',
    accept: true,
    setup: (dir) => {
      mkdirSync(join(dir, '.cache/briefing'), { recursive: true });
      symlinkSync(tmpdir(), join(dir, '.cache/briefing/server'));
    },
    cmds: ['build'],
  },
  {
    name: 'stale-lock-dead-pid',
    accept: true,
    setup: (dir) =>
      writeFileSync(join(dir, 'output/.briefing.lock'), JSON.stringify({ pid: 999999, host: hostname() })),
    cmds: ['build'],
    maxMs: 15000,
  },
];

/** Starts a forced build, interrupts it after 2.5 s: it must stop within a second, leaving a whole set. */
async function interrupt(dir, problems, signal) {
  const before = hashTree(join(dir, 'output'));
  const child = spawn(
    process.execPath,
    [bin, 'build', '--force', '--format', 'html,pdf', '--locale', 'en,kk'],
    { cwd: dir },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise((r) => setTimeout(r, 2500));
  const sent = Date.now();
  child.kill(signal);
  const exited = await new Promise((r) => {
    const t = setTimeout(() => r(false), 5000);
    child.on('exit', () => (clearTimeout(t), r(true)));
  });
  const ms = Date.now() - sent;
  if (!exited) {
    child.kill('SIGKILL');
    problems.push(`${signal}: still running 5 s after the signal`);
  } else if (ms > 1000) problems.push(`${signal}: stopped after ${ms} ms (more than 1 s)`);
  if (stackRe.test(stderr)) problems.push(`${signal}: stack trace`);
  const after = hashTree(join(dir, 'output'));
  const left = Object.keys(after).filter((k) => /\.\d+$|briefing-new|journal|\.lock/.test(k));
  if (left.length) problems.push(`${signal}: left ${left.join(', ')}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'output/kazakhstan-2022/manifest.json'), 'utf8'));
  const mismatched = manifest.documents.filter((d) => after[d.path] !== d.sha256);
  if (mismatched.length) problems.push(`${signal}: manifest disagrees with ${mismatched.length} file(s)`);
  void before;
  return `${signal} → exit after ${ms} ms`;
}

function billionLaughs() {
  let y = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  const names = 'abcdefghij';
  for (let i = 1; i < names.length; i++)
    y += `${names[i]}: &${names[i]} [${Array(9)
      .fill('*' + names[i - 1])
      .join(',')}]\n`;
  return y;
}

// ---------------------------------------------------------------- running
function run(cmdArgs, cwd) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...cmdArgs], { cwd, env: { ...process.env, TZ: 'UTC' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function hashTree(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const stackRe = /^\s+at .*(\(|:\d+:\d+)|node:internal|^\w*Error: /m;
const locatedRe = /^\s+\S+:\d+:\d+ error .* \([a-z0-9-]+\/[a-z0-9-]+\)$/;
const errorLineRe = /^\s+\S.* error .*$/;

function judge(name, cmd, r, problems) {
  const all = r.stdout + r.stderr;
  if (r.signal === 'SIGKILL') problems.push(`${cmd}: hang (>${TIMEOUT / 1000} s)`);
  if (stackRe.test(r.stderr)) problems.push(`${cmd}: stack trace`);
  if (all.includes(SECRET)) problems.push(`${cmd}: printed a file outside the project`);
  if (r.code === 3) problems.push(`${cmd}: internal error (exit 3)`);
  if (r.code !== 0 && r.code !== 3 && r.signal === null) {
    const errs = r.stderr.split('\n').filter((l) => errorLineRe.test(l));
    const unlocated = errs.filter((l) => !locatedRe.test(l));
    if (errs.length === 0) problems.push(`${cmd}: refused (exit ${r.code}) without a diagnostic`);
    else if (unlocated.length)
      problems.push(`${cmd}: ${unlocated.length} unlocated: ${unlocated[0].trim().slice(0, 140)}`);
  }
}

const activeRe =
  /<script|\son[a-z]+\s*=|javascript:|<foreignObject|<iframe|<object|<embed|(?:href|src)\s*=\s*["']?(?:https?:)?\/\/(?!www\.w3\.org)|url\(\s*["']?(?:https?:)?\/\//i;

function scanOutputs(out, problems, cmd) {
  for (const [rel] of Object.entries(hashTree(out))) {
    if (!rel.endsWith('.html')) continue;
    const html = readFileSync(join(out, rel), 'utf8');
    const body = html.replace(/<a [^>]*href="https:\/\/[^"]*"[^>]*>/g, '');
    const m = activeRe.exec(body);
    if (m) {
      problems.push(
        `${cmd}: active content in ${rel}: ${body.slice(m.index, m.index + 60).replace(/\s+/g, ' ')}`,
      );
      return;
    }
    if (html.includes(SECRET)) problems.push(`${cmd}: output carries a file outside the project (${rel})`);
  }
}

async function runCase(c, base) {
  const root = mkdtempSync(join(tmpdir(), `hostile-${c.name}-`));
  const dir = join(root, 'ws');
  cpSync(base, dir, { recursive: true, verbatimSymlinks: true });
  const problems = [];
  const notes = [];
  try {
    c.setup?.(dir);
    if (c.custom) notes.push(await c.custom(dir, problems));
    const cmds = c.cmds ?? ['check', 'build'];
    for (const cmd of cmds) {
      if (cmd === 'check') {
        const r = await run(['check'], dir);
        judge(c.name, 'check', r, problems);
        if (!c.accept && r.code === 0) problems.push('check: accepted a bad input (exit 0)');
        notes.push(`check ${r.code ?? r.signal} ${(r.ms / 1000).toFixed(1)}s`);
      } else if (cmd === 'build') {
        const before = hashTree(join(dir, 'output'));
        const r = await run(['build', '--format', 'html,pdf', '--locale', 'en,kk'], dir);
        judge(c.name, 'build', r, problems);
        notes.push(`build ${r.code ?? r.signal} ${(r.ms / 1000).toFixed(1)}s`);
        if (c.maxMs && r.ms > c.maxMs)
          problems.push(`build: took ${r.ms} ms (a stale lock must not be waited for)`);
        const after = hashTree(join(dir, 'output'));
        if (r.code !== 0) {
          const changed = Object.keys({ ...before, ...after }).filter(
            (k) => before[k] !== after[k] && !k.endsWith('.lock'),
          );
          if (changed.length)
            problems.push(`build: failed build changed ${changed.length} output file(s): ${changed[0]}`);
        } else {
          if (!c.accept) problems.push('build: published a bad input (exit 0)');
          scanOutputs(join(dir, 'output'), problems, 'build');
          if (c.mustContain) {
            const html = readFileSync(join(dir, 'output/kazakhstan-2022/en/briefing-osce.html'), 'utf8');
            if (!html.includes(c.mustContain)) problems.push(`build: output lacks ${c.mustContain}`);
          }
        }
        const leftovers = Object.keys(after).filter((k) => /\.\d+$|\.tmp|\.lock/.test(k));
        if (leftovers.length) problems.push(`build: left ${leftovers.join(', ')}`);
      } else if (cmd === 'import') {
        const exp = await run(['i18n', 'export', '--locale', 'kk', '--out', 'kk.xlf'], dir);
        if (exp.code !== 0) throw new Error(`export failed: ${exp.stderr}`);
        const text = readFileSync(join(dir, 'kk.xlf'), 'utf8');
        const mutated = c.xliff(text);
        writeFileSync(join(dir, 'kk.xlf'), c.encode ? c.encode(mutated) : mutated);
        const r = await run(['i18n', 'import', 'kk.xlf'], dir);
        judge(c.name, 'import', r, problems);
        notes.push(`import ${r.code ?? r.signal} ${(r.ms / 1000).toFixed(1)}s`);
        if (r.code === 0 && !c.accept) problems.push('import: accepted a bad file (exit 0)');
        if (r.code === 0) {
          // An accepted import must leave a workspace every command still handles.
          const chk = await run(['check'], dir);
          judge(c.name, 'check after import', chk, problems);
          notes.push(`check ${chk.code ?? chk.signal}`);
        }
      }
    }
  } catch (e) {
    problems.push(`case setup failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { name: c.name, problems, notes };
}

async function main() {
  const base = mkdtempSync(join(tmpdir(), 'hostile-base-'));
  for (const d of ['content', 'templates', 'locales'])
    cpSync(join(repo, d), join(base, d), { recursive: true });
  const good = await run(['build', '--format', 'html,pdf', '--locale', 'en,kk'], base);
  if (good.code !== 0) {
    console.error(`the unmodified workspace does not build:\n${good.stderr}`);
    process.exit(2);
  }
  const selected = cases.filter((c) => !only || only.includes(c.name));
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const c = selected[next++];
      const r = await runCase(c, base);
      results.push(r);
      const status = r.problems.length ? 'FAIL' : 'ok  ';
      console.log(`${status} ${r.name.padEnd(28)} ${r.notes.join(', ')}`);
      for (const p of r.problems) console.log(`       ${p}`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  rmSync(base, { recursive: true, force: true });
  const count = (re) => results.filter((r) => r.problems.some((p) => re.test(p))).length;
  const failed = results.filter((r) => r.problems.length).length;
  console.log(
    `\n${results.length} cases: ${results.length - failed} ok, ${failed} failing — ` +
      `stack traces ${count(/stack trace/)}, hangs ${count(/hang/)}, internal errors ${count(/internal error/)}, ` +
      `unlocated refusals ${count(/unlocated|without a diagnostic/)}, outputs changed by a failed build ${count(/changed \d+ output/)}, ` +
      `accepted bad input ${count(/accepted|published/)}, outside files revealed ${count(/outside the project/)}, active HTML ${count(/active content/)}, leftovers ${count(/left /)}`,
  );
  process.exit(failed ? 1 : 0);
}

await main();
