#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
// CommonJS (bin/package.json), as are the bundles it loads (scripts/bundle.mjs): a build
// handed to a build server is all this process does, and Node's ES module loader was 8 of
// its milliseconds.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const v8 = require('node:v8');

// V8 optimises a function once it has run for a small budget of work, and a build
// runs a great deal of code (layout, fonts, charts, Markdown) for a few seconds only:
// with the default budget, compiling optimised code took a quarter of a build's CPU
// time, on other threads that a two-core machine does not have spare (total CPU of
// `build --force`: 7.1 s with the default, 5.3 s with this; the output is the same).
// Set before any of the tool's code is loaded; worker threads share it.
v8.setFlagsFromString('--interrupt-budget=400000');
// The HTML pages' chart fonts are cut down by harfbuzz, compiled to WebAssembly: V8
// compiled its megabyte of code twice, the second time optimised on other threads, for
// a few calls a build. The baseline compiler alone is enough (cold build: 0.15 s less CPU,
// 20 MB less at the peak, in alternated runs).
v8.setFlagsFromString('--liftoff-only');
// A build server (`briefing serve`) lives for hours: its heaps grow less before they collect.
// Over seven figure changes that rewrote every document its memory went to 404–461 MiB with
// V8's default growth, 326–333 MiB with this; one Kazakh text 0.39–0.56 s either way. V8
// checks a code cache against its flags, so the server keeps none: the builds' stays theirs.
const argv = process.argv.slice(2);
const command = argv.find((a) => !a.startsWith('-'));
// A one-shot command's threads start with room for 256 MB of long-lived objects before their
// first full collection (a PDF worker's stays capped at its own limit, src/pipeline/heap.ts):
// V8 starts small and grows, and a cold build's two threads ran nine full collections on the
// way to heaps of 60–160 MB, four with this. Alternated pairs with farm-bench: cold build,
// 12 pairs, wall 0.970 (CPU 0.958), peak 350 against 333 MiB; 128 MB, 0.977; one Kazakh
// text, 14 pairs, 0.925 (CPU 0.915). Not for `serve` and `watch`, which live for hours with
// flags of their own; every other command gets it, as V8 checks a code cache against the flags.
if (command !== 'serve' && command !== 'watch') v8.setFlagsFromString('--initial-old-space-size=256');
if (command === 'serve') {
  v8.setFlagsFromString('--heap-growing-percent=30');
  process.env.BRIEFING_CODE_CACHE = 'off';
}
// `watch` lives for a session too, and a save is what its user waits for. Its heaps grow to
// twice what survived before they collect again: V8's own choice here was about 1.4 times,
// and the PDF worker's old generation filled every second save, whose full collection spent
// some 54 ms marking on the worker's thread. Seven alternated sessions of 14 saves of a Kazakh
// text with new words: medians 262–301 against 286–338 ms, and a lower peak (379–391 against
// 441–448 MB). No code cache, as for the server: its flags are not the builds'.
if (command === 'watch') {
  v8.setFlagsFromString('--heap-growing-percent=100');
  process.env.BRIEFING_CODE_CACHE = 'off';
}

const dist = join(__dirname, '..', 'dist', 'cli');
if (!existsSync(join(dist, 'supervisor.bundle.cjs'))) {
  console.error('briefing: dist/ is missing. Run `npm ci` (or `npm run compile`) first.');
  process.exit(2);
}

async function main() {
  // A build server of this workspace (`briefing serve`) builds warm; its client is loaded
  // only when its socket is there (src/cli/server-protocol.ts: SOCKET_IN_WORKSPACE).
  let code;
  if (argv[0] === 'build' && existsSync(join('.cache', 'briefing', 'server', 'socket')))
    code = await require(join(dist, 'server-client.bundle.cjs')).buildViaServer(argv);
  if (code === undefined) code = await require(join(dist, 'supervisor.bundle.cjs')).supervise(argv);
  process.exitCode = code;
}
main();
