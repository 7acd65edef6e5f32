#!/usr/bin/env node
// Timings of the build on temporary copies of the Kazakhstan project, as medians of
// several runs after a warm-up: cold full build, incremental builds (one figure shown
// everywhere; one Kazakh text of one document), watch (save → last file written, saves in a
// burst and saves after a pause), peak memory and CPU time, a scale run (20 projects: 240
// documents, 480 files) at --jobs 1 and 2 and as two halves built by two processes at once
// (what two cores give), the translation commands, and, when pandoc and weasyprint are
// installed, the pipeline a team would use instead (Markdown → pandoc → standalone HTML →
// WeasyPrint PDF, two at a time) on the same 12 documents, in the same run, as a ratio.
// Figures only; nothing here asserts.
//
// Environment: BENCH_RUNS (counted runs, default 3), BENCH_PROJECTS (scale run, default
// 20), BENCH_SCALE_RUNS (default 1), BENCH_SKIP (comma-separated: scale, peer, i18n).
// Results are printed and written to output/bench/bench-<time>.json and output/bench/latest.json,
// ending with issue 17's targets, each met or not (scripts/bench-targets.mjs).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { readTargets, targetLines } from './bench-targets.mjs';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = join(repo, 'bin', 'briefing.js');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const scaleProjects = Math.max(1, Number(process.env.BENCH_PROJECTS ?? 20));
const scaleRuns = Math.max(1, Number(process.env.BENCH_SCALE_RUNS ?? 1));
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const project = 'kazakhstan-2022';
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: availableParallelism(),
  loadBefore: loadavg(),
  loopBefore: fixedLoop(),
  runs,
  figures: {},
};

/** A workspace with the repository's templates and locales and `copies` copies of the project. */
function workspace(copies = 1) {
  const root = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
  for (const d of ['templates', 'locales']) cpSync(join(repo, d), join(root, d), { recursive: true });
  for (let i = 0; i < copies; i++) {
    const id = copies === 1 ? project : `${project}-${String(i + 1).padStart(2, '0')}`;
    cpSync(join(repo, 'content', project), join(root, 'content', id), { recursive: true });
  }
  return root;
}

/**
 * The paces of `watch`'s saves. `quick`: each save a moment after the last rebuild, as saves
 * come in a burst; cheap to measure, so more of them (three made the median swing by 30 ms
 * from run to run), and not the instant the summary is printed while its thread is still
 * tidying up. `paused`: each save after ten quiet seconds, as saves come while a person
 * writes. The two differ on this machine: after a pause V8 finds the allocation rate low and
 * gives back young-generation pages, which the save takes again (a fresh page costs about
 * 10 µs here), and the save takes more CPU time (docs/performance.md).
 */
const WATCH_PACES = {
  quick: {
    key: 'watch',
    label: 'watch: save → last file written (one document, default debounce)',
    fewestSaves: 9,
    pauseMs: 300,
  },
  paused: {
    key: 'watchAfterPause',
    label: 'watch, each save after 10 s without one (as a person writes)',
    fewestSaves: 5,
    pauseMs: 10_000,
  },
};

/** What /usr/bin/time printed last on stderr: peak RSS (MiB) and CPU seconds (user + system). */
const TIME_FORMAT = '%M %U %S';
function usage(stderr) {
  const [kib, user, sys] = (stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return {
    rssMiB: Number.isFinite(kib) ? kib / 1024 : undefined,
    cpuS: Number.isFinite(user) && Number.isFinite(sys) ? user + sys : undefined,
  };
}

/**
 * The machine's speed of the moment: seconds for a fixed loop of arithmetic in a process
 * of its own. A shared machine slows down and speeds up by a fifth within minutes; runs
 * compare by their ratios, and a bench's figures with a loop time beside them.
 */
function fixedLoop() {
  const loop =
    '(()=>{let x=0;const t=performance.now();for(let i=0;i<4e8;i++)x=(x*1664525+1013904223)|0;console.log((performance.now()-t)/1e3,x)})()';
  return Number(spawnSync(process.execPath, ['-e', loop], { encoding: 'utf8' }).stdout.split(' ')[0]);
}

/** One whole process: wall seconds (and peak RSS and CPU seconds when /usr/bin/time is there). */
function once(args, cwd, env = process.env) {
  const cmd = time
    ? [time, '-f', TIME_FORMAT, process.execPath, cli, ...args]
    : [process.execPath, cli, ...args];
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) {
    process.exitCode = 1;
    console.error(`failed: briefing ${args.join(' ')}\n${r.stderr.slice(-2000)}`);
  }
  return { wall, ...(time ? usage(r.stderr) : {}), stdout: r.stdout };
}

/** Several whole processes started together: the wall seconds until the last one ends. */
async function together(runsOf) {
  const t = process.hrtime.bigint();
  await Promise.all(
    runsOf.map(
      ({ args, cwd }) =>
        new Promise((done) => {
          const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (status) => {
            if (status !== 0) {
              process.exitCode = 1;
              console.error(`failed: briefing ${args.join(' ')}\n${stderr.slice(-2000)}`);
            }
            done();
          });
        }),
    ),
  );
  return { wall: Number(process.hrtime.bigint() - t) / 1e9 };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function record(key, label, walls, extra = {}) {
  const figure = {
    label,
    median: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    walls,
    ...extra,
  };
  results.figures[key] = figure;
  const range =
    walls.length > 1
      ? `  (min ${figure.min.toFixed(2)}, max ${figure.max.toFixed(2)}, n=${walls.length})`
      : '';
  const more = Object.entries(extra)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${v.toFixed(k.endsWith('MiB') ? 0 : 2)}`)
    .join(', ');
  console.log(`${label.padEnd(48)} ${figure.median.toFixed(2)} s${range}${more ? `  ${more}` : ''}`);
  return figure;
}

/** Ours against the peer's run of the same pair, run by run: the median ratio, recorded and printed. */
function pairedRatio(key, label, line, ours, theirs) {
  const ratios = ours.map((r, i) => r.wall / theirs[i].wall);
  results.figures[key] = { label, median: median(ratios), ratios };
  console.log(`${line.padEnd(48)} ${median(ratios).toFixed(2)}`);
}

/** `setup` before each run (not timed), one warm-up, then `runs` counted runs. */
function measure(args, cwd, setup = () => undefined, n = runs, warmup = 1, env = process.env) {
  const out = [];
  for (let i = 0; i < warmup + n; i++) {
    setup(i);
    const r = once(args, cwd, env);
    if (i >= warmup) out.push(r);
  }
  return out;
}

const root = workspace();
const out = join(root, 'output');
const coldStart = () => {
  rmSync(out, { recursive: true, force: true });
  rmSync(join(root, '.cache'), { recursive: true, force: true });
};
const figures = join(root, 'content', project, 'figures.yaml');
const originalFigures = readFileSync(figures, 'utf8');
const tollSource = join(root, 'content', project, 'sources', 'hrw-kazakhstan-killings-almaty.txt');
const originalTollSource = readFileSync(tollSource, 'utf8');
/**
 * The toll changed as an editor changes it: the value, its quote, and the words the quote is
 * found in (a value its quote does not give is an error, figure/quote-value). The source text is
 * no input of any document: only the figure's change rebuilds them.
 */
const setToll = (n) => {
  writeFileSync(
    tollSource,
    n === 225 ? originalTollSource : `${originalTollSource}\nthe bodies of ${n} people\n`,
  );
  writeFileSync(
    figures,
    originalFigures
      .replace('    - value: 225\n', `    - value: ${n}\n`)
      .replace('"the bodies of 225 people"', `"the bodies of ${n} people"`),
  );
};
const framing = join(root, 'content', project, 'kk', 'framing', 'osce.md');
const originalFraming = readFileSync(framing, 'utf8');
/**
 * A Kazakh text edited as a translator edits it: with words no build has seen there before.
 * An edit undone and made again finds its document known (its laid-out setting is kept by
 * its content: the Kazakh OSCE briefing is otherwise laid out twice), which flattered the
 * figures: watch 0.27–0.28 s with two versions in turn against 0.30–0.31 with new ones.
 */
const insertions = ['өте', 'дәл', 'нақ', 'тура', 'әсіресе', 'тіпті', 'әрине', 'шынында'];
let edits = 0;
const kazakhEdit = () => {
  const k = edits++;
  const words = [k % 8, Math.floor(k / 8) % 8, Math.floor(k / 64) % 8].map((j) => insertions[j]);
  writeFileSync(
    framing,
    originalFraming.replace('Қаңтардың басында', `Қаңтардың ${words.join(' ')} басында`),
  );
};
const restoreFraming = () => writeFileSync(framing, originalFraming);

let peer;
try {
  console.log(
    `machine: ${results.cores} cores, load average ${results.loadBefore.map((l) => l.toFixed(1)).join(' ')}, fixed loop ${results.loopBefore.toFixed(2)} s; ${runs} counted runs after a warm-up; medians`,
  );
  // Cold: an empty output folder and no cache of the workspace (.cache/briefing) each run,
  // as on a fresh clone, so every document is built and written and every file parsed. The
  // tool's own code cache (node_modules/.cache/briefing, src/runtime/code-cache.ts) belongs
  // to the installation and is kept, as from the second build after `npm ci` on.
  const cold = measure(['build', '--quiet'], root, coldStart);
  const coldFigure = record(
    'cold',
    'cold full build (12 documents, 24 files)',
    cold.map((r) => r.wall),
    { peakMiB: median(cold.map((r) => r.rssMiB)), cpuS: median(cold.map((r) => r.cpuS)) },
  );
  // No schedule on `cores` cores can finish sooner than its CPU time shared evenly among them.
  if (coldFigure.cpuS !== undefined) {
    const floor = coldFigure.cpuS / results.cores;
    results.figures.coldFloor = {
      label: `cold full build: CPU seconds of all its threads / ${results.cores} cores`,
      median: floor,
    };
    console.log(
      `${`  its CPU time / ${results.cores} cores (no wall time below)`.padEnd(48)} ${floor.toFixed(2)} s`,
    );
  }
  // The very first build after a compile: no code cache either.
  const noCodeCache = { ...process.env, BRIEFING_CODE_CACHE: 'off' };
  record(
    'coldNoCodeCache',
    'cold, and no code cache (first build after install)',
    measure(['build', '--quiet'], root, coldStart, runs, 0, noCodeCache).map((r) => r.wall),
  );
  record(
    'noop',
    'no-op build',
    measure(['build', '--quiet'], root).map((r) => r.wall),
  );
  record(
    'check',
    'check, after a build',
    measure(['check'], root).map((r) => r.wall),
  );
  // Every document built again with what earlier runs kept (.cache/briefing): a user's
  // `build --force`, and how the issue first measured the build against the peer.
  const forced = measure(['build', '--quiet', '--force'], root);
  record(
    'forced',
    'full rebuild, --force, cache kept',
    forced.map((r) => r.wall),
    { peakMiB: median(forced.map((r) => r.rssMiB)) },
  );
  const figure = measure(['build', '--quiet'], root, (i) => setToll(300 + i));
  record(
    'figure',
    'one figure shown everywhere changed',
    figure.map((r) => r.wall),
  );
  setToll(225);
  once(['build', '--quiet'], root);
  const kk = measure(['build'], root, kazakhEdit);
  const rebuilt = (kk.at(-1)?.stdout.match(/^rebuilt /gm) ?? []).length;
  record(
    'kazakh',
    `one Kazakh text of one document (${rebuilt} rebuilt)`,
    kk.map((r) => r.wall),
  );
  restoreFraming();
  once(['build', '--quiet'], root);
  await watchFigure(root, 'quick');
  await watchFigure(root, 'paused');
  await servedFigures(root);
  results.figures.peakMemory = { label: 'peak memory, cold full build (MiB)', median: coldFigure.peakMiB };

  if (!skip.has('peer')) peer = peerPipeline(root);
  if (peer) {
    // Interleaved with our cold build, pair by pair, so machine drift touches both alike.
    const ours = [];
    const oursForced = [];
    const theirs = [];
    peer.run(); // warm-up
    for (let i = 0; i < runs; i++) {
      coldStart();
      ours.push(once(['build', '--quiet'], root));
      oursForced.push(once(['build', '--quiet', '--force'], root));
      theirs.push(peer.run());
    }
    record(
      'peerOurs',
      'ours, cold full build (paired)',
      ours.map((r) => r.wall),
      { peakMiB: median(ours.map((r) => r.rssMiB)), cpuS: median(ours.map((r) => r.cpuS)) },
    );
    record(
      'peer',
      'peer: pandoc + weasyprint, 12 documents, 2 at a time',
      theirs.map((r) => r.wall),
      { peakMiB: median(theirs.map((r) => r.rssMiB)), cpuS: median(theirs.map((r) => r.cpuS)) },
    );
    pairedRatio(
      'peerRatio',
      'ours / peer wall time (pair by pair)',
      'ours / peer (median of pair ratios)',
      ours,
      theirs,
    );
    record(
      'peerOursForced',
      'ours, --force with the cache kept (paired)',
      oursForced.map((r) => r.wall),
    );
    pairedRatio(
      'peerRatioForced',
      'ours (--force, cache kept) / peer (pair by pair)',
      'ours --force, cache kept / peer',
      oursForced,
      theirs,
    );
  } else if (!skip.has('peer')) console.log('peer pipeline: skipped (pandoc or weasyprint not installed)');

  if (!skip.has('i18n')) {
    record(
      'i18nStatus',
      'i18n status (ru, kk)',
      measure(['i18n', 'status'], root).map((r) => r.wall),
    );
    const xlf = join(root, 'kk.xlf');
    record(
      'i18nExport',
      'i18n export, kk, every unit',
      measure(['i18n', 'export', '--locale', 'kk', '--out', xlf], root).map((r) => r.wall),
    );
    record(
      'i18nImport',
      'i18n import of that file',
      measure(['i18n', 'import', xlf], root).map((r) => r.wall),
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
  peer?.remove();
}

if (!skip.has('scale')) {
  // Time linear in documents: the same build at 1 and at `scaleProjects` projects. And what
  // two cores give two builds that never wait for each other: the projects split in two
  // halves, built at --jobs 1 by two processes at once. It is the yardstick for --jobs 2
  // (which can share one process's caches, and waits between its threads).
  const big = workspace(scaleProjects);
  const half = Math.floor(scaleProjects / 2);
  const halves = half > 0 ? [workspace(half), workspace(scaleProjects - half)] : [];
  const noCache = (dir) => rmSync(join(dir, '.cache'), { recursive: true, force: true });
  try {
    const docs = scaleProjects * 12;
    const force = ['build', '--quiet', '--force'];
    const walls = { 1: [], 2: [], halves: [] };
    const peaks = { 1: [], 2: [] };
    const cpus = { 1: [], 2: [] };
    // Interleaved run by run, so machine drift touches all three alike. No cache either, so
    // every run does the same work.
    for (let i = 0; i < scaleRuns; i++) {
      for (const jobs of [1, 2]) {
        noCache(big);
        const r = once([...force, '--jobs', String(jobs)], big);
        walls[jobs].push(r.wall);
        peaks[jobs].push(r.rssMiB);
        cpus[jobs].push(r.cpuS);
        if (jobs === 1 && halves.length) {
          halves.forEach(noCache);
          walls.halves.push(
            (await together(halves.map((cwd) => ({ args: [...force, '--jobs', '1'], cwd })))).wall,
          );
        }
      }
    }
    const perDoc = {};
    for (const jobs of [1, 2]) {
      const f = record(
        `scaleJobs${jobs}`,
        `scale: ${scaleProjects} projects (${docs} documents, ${docs * 2} files), --jobs ${jobs}`,
        walls[jobs],
        { peakMiB: median(peaks[jobs]), cpuS: median(cpus[jobs]) },
      );
      perDoc[jobs] = f.median / docs;
    }
    const speedup = results.figures.scaleJobs1.median / results.figures.scaleJobs2.median;
    results.figures.scaleSpeedup = { label: '--jobs 2 speed-up over --jobs 1', median: speedup };
    console.log(`${'--jobs 2 speed-up over --jobs 1'.padEnd(48)} ${speedup.toFixed(2)}×`);
    // What bounds that speed-up: --jobs 1 is not one core's work (V8 collects and compiles
    // on threads of its own), and two threads that allocate as a layout does slow each other
    // on this machine, so --jobs 2 spends more CPU time on the same documents.
    const [one, two] = [results.figures.scaleJobs1, results.figures.scaleJobs2];
    if (one.cpuS !== undefined && two.cpuS !== undefined) {
      results.figures.scaleCores = {
        label: 'cores busy on average, --jobs 1 and --jobs 2',
        jobs1: one.cpuS / one.median,
        jobs2: two.cpuS / two.median,
        extraCpu: two.cpuS / one.cpuS - 1,
      };
      const { jobs1, jobs2, extraCpu } = results.figures.scaleCores;
      console.log(
        `${'  cores busy, --jobs 1 / --jobs 2'.padEnd(48)} ${jobs1.toFixed(2)} / ${jobs2.toFixed(2)}` +
          `  (--jobs 2: ${(extraCpu * 100).toFixed(0)}% more CPU time)`,
      );
    }
    if (halves.length) {
      const f = record(
        'scaleHalves',
        `the same in two halves, two processes at once, --jobs 1`,
        walls.halves,
      );
      const ceiling = results.figures.scaleJobs1.median / f.median;
      results.figures.scaleCeiling = {
        label: 'two processes at once: speed-up over one at --jobs 1 (what two cores give)',
        median: ceiling,
      };
      console.log(`${'  speed-up of two processes at once'.padEnd(48)} ${ceiling.toFixed(2)}×`);
    }
    const small = results.figures.cold?.median;
    if (small) {
      const linearity = perDoc[availableParallelism() > 1 ? 2 : 1] / (small / 12);
      results.figures.linearity = {
        label: 'time per document, scale run / cold 12-document build',
        median: linearity,
      };
      console.log(`${'time per document, scale / 12 documents'.padEnd(48)} ${linearity.toFixed(2)}`);
    }
  } finally {
    for (const dir of [big, ...halves]) rmSync(dir, { recursive: true, force: true });
  }
}

results.loadAfter = loadavg();
results.loopAfter = fixedLoop();
console.log(
  `fixed loop after: ${results.loopAfter.toFixed(2)} s (before: ${results.loopBefore.toFixed(2)} s)`,
);
results.targets = readTargets(results.figures);
console.log(`targets (issue 17), on this machine, ${results.cores} cores:`);
for (const line of targetLines(results.targets)) console.log(`  ${line}`);
const dir = join(repo, 'output', 'bench');
mkdirSync(dir, { recursive: true });
const json = JSON.stringify(results, null, 2) + '\n';
writeFileSync(join(dir, `bench-${results.date.replace(/[:.]/g, '-')}.json`), json);
writeFileSync(join(dir, 'latest.json'), json);
console.log(`results: ${join('output', 'bench', 'latest.json')}`);

/**
 * Watch: save a Kazakh text of one document → the build's summary line (its last file
 * written), with the default debounce: the time a user waits after saving.
 */
async function watchFigure(cwd, pace) {
  const { key, label, fewestSaves, pauseMs } = WATCH_PACES[pace];
  const child = spawn(process.execPath, [cli, 'watch'], { cwd });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const wait = async (test, what) => {
    const limit = Date.now() + 120_000;
    while (!test()) {
      if (Date.now() > limit) throw new Error(`watch: no ${what} within two minutes`);
      await sleep(5);
    }
  };
  const walls = [];
  const saves = Math.max(runs, fewestSaves);
  try {
    await wait(() => /watching/.test(stdout), 'start');
    for (let i = 0; i < saves + 1; i++) {
      await sleep(pauseMs);
      const before = (stdout.match(/^built /gm) ?? []).length;
      const t = process.hrtime.bigint();
      kazakhEdit();
      await wait(() => (stdout.match(/^built /gm) ?? []).length > before, 'rebuild');
      if (i > 0) walls.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  } finally {
    child.kill('SIGINT');
  }
  return record(key, label, walls);
}

/**
 * The same builds handed to a build server (`briefing serve`) of the workspace: one Kazakh
 * text of one document and one figure shown everywhere, each a whole `briefing build`
 * process (its client), from start to exit.
 */
async function servedFigures(cwd) {
  const child = spawn(process.execPath, [cli, 'serve', '--quiet'], { cwd });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise((done) => child.on('exit', done));
  try {
    const limit = Date.now() + 120_000;
    while (!/build server ready/.test(stdout)) {
      if (Date.now() > limit || child.exitCode !== null)
        throw new Error('serve: not ready within two minutes');
      await sleep(5);
    }
    const kk = measure(['build'], cwd, kazakhEdit, Math.max(runs, 9));
    const served = kk.filter((r) => /on the build server/.test(r.stdout)).length;
    record(
      'kazakhServed',
      `one Kazakh text, build server running (${served}/${kk.length} served)`,
      kk.map((r) => r.wall),
    );
    restoreFraming();
    const figure = measure(['build', '--quiet'], cwd, (i) => setToll(300 + i));
    record(
      'figureServed',
      'one figure shown everywhere, build server running',
      figure.map((r) => r.wall),
    );
    setToll(225);
    // The server's own peak (its clients are small): Linux's high-water mark of its memory.
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    if (hwm) {
      results.figures.serverPeak = { label: 'build server: peak memory (MiB)', median: Number(hwm) / 1024 };
      console.log(`${'  the build server peak memory'.padEnd(48)} ${(Number(hwm) / 1024).toFixed(0)} MiB`);
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

/**
 * The peer: the same 12 documents as Markdown (converted once from our HTML, untimed),
 * each with its chart as an SVG file; timed: pandoc to standalone HTML, then WeasyPrint
 * to PDF, two documents at a time.
 */
function peerPipeline(cwd) {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  if (!has('pandoc') || !has('weasyprint')) return undefined;
  rmSync(out, { recursive: true, force: true });
  once(['build', '--quiet', '--format', 'html'], cwd);
  const dir = mkdtempSync(join(tmpdir(), 'briefing-peer-'));
  const names = [];
  const locales = readdirSync(join(out, project), { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const { name: locale } of locales) {
    const folder = join(out, project, locale);
    let lastSvg;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.html'))) {
      const name = `${locale}-${file.replace(/\.html$/, '')}`;
      const html = readFileSync(join(folder, file), 'utf8');
      // One chart each, as the peer's documents have: a document without one (the
      // release) takes the last chart of its language.
      const svg = html.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? lastSvg;
      lastSvg = svg;
      if (svg) writeFileSync(join(dir, `${name}.svg`), svg);
      // Charts out (they become one image), everything else kept as text.
      const body = html.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
      const md = spawnSync('pandoc', ['-f', 'html', '-t', 'markdown-raw_html-native_divs-native_spans'], {
        input: body,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }).stdout;
      writeFileSync(join(dir, `${name}.md`), (svg ? `![](${name}.svg)\n\n` : '') + md);
      names.push(name);
    }
  }
  const script = join(dir, 'one.sh');
  writeFileSync(
    script,
    'set -e\ncd "$(dirname "$0")"\npandoc "$1.md" -s --metadata title="$1" -o "$1.html"\nweasyprint -q "$1.html" "$1.pdf"\n',
  );
  const list = names.join('\n') + '\n';
  return {
    documents: names.length,
    run() {
      const cmd = time
        ? [time, '-f', TIME_FORMAT, 'xargs', '-P', '2', '-n', '1', 'sh', script]
        : ['xargs', '-P', '2', '-n', '1', 'sh', script];
      const t = process.hrtime.bigint();
      const r = spawnSync(cmd[0], cmd.slice(1), { input: list, encoding: 'utf8' });
      const wall = Number(process.hrtime.bigint() - t) / 1e9;
      if (r.status !== 0) console.error(`peer pipeline failed: ${r.stderr.slice(-1000)}`);
      // xargs waits for every pandoc and WeasyPrint it starts: their CPU is in its count.
      return { wall, ...(time ? usage(r.stderr) : {}) };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
