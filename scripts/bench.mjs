#!/usr/bin/env node
// Timings of the regeneration workflow on a temporary copy of the Kazakhstan project:
// full build, no-op build, incremental rebuild after a new figure value, and a
// watch-mode rebuild (save → "built" line), and the translation commands.
// Figures only; nothing here asserts.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = join(repo, 'bin', 'briefing.js');
const root = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
for (const d of ['templates', 'locales', 'content'])
  cpSync(join(repo, d), join(root, d), { recursive: true });
const figures = join(root, 'content/kazakhstan-2022/figures.yaml');
const original = readFileSync(figures, 'utf8');
const setToll = (n) => writeFileSync(figures, original.replace('    - value: 225\n', `    - value: ${n}\n`));

function timed(label, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  const summary = r.stdout.trim().split('\n').at(-1);
  console.log(`${label.padEnd(34)} ${s.toFixed(2)} s   ${summary}`);
  if (r.status !== 0) process.exitCode = 1;
}

try {
  timed('full build (24 files)', ['build']);
  timed('no-op build', ['build']);
  setToll(226);
  timed('one figure changed (12 documents)', ['build']);
  const kk = join(root, 'locales/kk/common.json');
  writeFileSync(kk, readFileSync(kk, 'utf8').replace('"Анықталған фактілер"', '"Анықталған деректер"'));
  timed('one Kazakh string changed', ['build']);

  const child = spawn(process.execPath, [cli, 'watch', '--debounce', '100'], { cwd: root });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const wait = async (re) => {
    while (!re.test(out)) await sleep(20);
  };
  await wait(/watching/);
  const t = process.hrtime.bigint();
  setToll(227);
  await wait(/changed:[\s\S]*built \d+ documents/);
  console.log(
    `${'watch: save → rebuilt'.padEnd(34)} ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(2)} s`,
  );
  child.kill('SIGINT');
  const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'build', '--force'], {
    cwd: root,
    encoding: 'utf8',
  });
  const kib = Number(rss.stderr.trim().split('\n').at(-1));
  if (kib) console.log(`${'peak memory, forced full build'.padEnd(34)} ${(kib / 1024).toFixed(0)} MiB`);

  // The translators' side: status, a full Kazakh export, and importing it back.
  timed('i18n status (ru, kk)', ['i18n', 'status']);
  const xlf = join(root, 'kk.xlf');
  timed('i18n export, kk, every unit', ['i18n', 'export', '--locale', 'kk', '--out', xlf]);
  timed('i18n import of that file', ['i18n', 'import', xlf]);
} finally {
  rmSync(root, { recursive: true, force: true });
}
