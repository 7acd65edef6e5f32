#!/usr/bin/env node
// The CLI's two threads as bundles: the command thread (dist/cli/worker.js) and the PDF
// worker (dist/pipeline/worker.js), each with what it imports but the chart renderer: a
// bundle of its own (dist/charts/render.bundle.cjs), which the command thread loads when
// it first draws or checks a chart. Node resolves and compiles some six hundred small ES
// modules for a build; one file loads in half the time. Each
// bundle is CommonJS, so that it can be compiled with V8's code cache (Node 20 gives an
// ES module none): each thread starts from a worker.cjs of a few lines that run the bundle
// beside it through src/runtime/code-cache.ts (tsc's worker.js becomes an import of it).
// Kazakh text of one document, 12 alternated runs: 1312 ms from source, 1197 ms from the
// cache; the command thread's imports about 240 → 140 ms.
// Packages that read files beside themselves (fonts, WebAssembly), know their own file
// name or are patched at run time stay outside the bundle and load from node_modules.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { toAscii } from './ascii.mjs';
import { RECORD, compileInputs } from './compile-inputs.mjs';

const entries = ['dist/cli/worker.js', 'dist/pipeline/worker.js'];

/** What every bundle is built with. */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // ES module builds where a package has one (jsonc-parser's CommonJS build is UMD, which bundles badly).
  mainFields: ['module', 'main'],
  target: 'node20',
  external: ['pdfmake', 'pdfkit', 'fontkit', 'subset-font', 'harfbuzzjs'],
  // vega-canvas's Node build tries the optional `canvas` package with a top-level await,
  // which CommonJS cannot hold. Without `canvas` (not a dependency: charts are SVG) both
  // builds give no canvas; the browser build's `document` is undefined in Node.
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
  // The sources find files beside themselves (pipeline/pool.ts, memo-file.ts): the bundle's own address.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
};

const hashOf = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

// The chart renderer (Vega, Vega-Lite and d3, a third of the command thread's code) is a
// bundle of its own, which the command thread loads when it first draws or checks a chart
// (see src/runtime/code-cache.ts): a build that draws none reads none of its cached code.
const charts = 'dist/charts/render.js';
const chartsBundle = charts.replace(/\.js$/, '.bundle.cjs');
await build({ ...common, entryPoints: [charts], outfile: chartsBundle });
const chartsHash = hashOf(chartsBundle);

/** In the threads' bundles, an import of the chart renderer loads its bundle instead. */
const chartsApart = {
  name: 'charts-apart',
  setup(b) {
    b.onResolve({ filter: /(^|\/)render\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === resolve(charts)
        ? { path: 'charts', namespace: 'bundle-apart' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'bundle-apart' }, () => ({
      contents:
        `module.exports = globalThis[Symbol.for('briefing.requireBundle')](` +
        `new URL('../charts/render.bundle.cjs', __bundleUrl), '${chartsHash}');`,
      loader: 'js',
    }));
  },
};

const earlyBundle = 'dist/cli/early-thread.bundle.cjs';
await build({ ...common, entryPoints: ['dist/cli/early-thread.js'], outfile: earlyBundle });
writeFileSync(earlyBundle, toAscii(readFileSync(earlyBundle, 'utf8')));

await build({
  ...common,
  entryPoints: entries,
  outdir: 'dist',
  outbase: 'dist',
  outExtension: { '.js': '.bundle.cjs' },
  plugins: [chartsApart],
});

// The loader of the bundles, which each thread's entry requires first: CommonJS too. A thread
// whose entry was an ES module started its ES module loader for it, and reached its first line
// about 20 ms later (from the supervisor's spawn to the command thread's first line: 68–76
// against 92–93 ms, in one Kazakh text's builds).
const loader = 'dist/runtime/code-cache.bundle.cjs';
await build({ ...common, entryPoints: ['dist/runtime/code-cache.js'], outfile: loader });

for (const entry of entries) {
  const bundle = entry.replace(/\.js$/, '.bundle.cjs');
  writeFileSync(bundle, toAscii(readFileSync(bundle, 'utf8')));
  // The command thread first starts its PDF worker, if its command line calls for one
  // (src/cli/early-thread.ts, outside the bundle): it warms up while the bundle loads. A
  // small bundle of its own, run by the same loader (as ES modules, its seven files took 14 ms).
  const early =
    entry === 'dist/cli/worker.js'
      ? `const { workerData } = require('node:worker_threads');\n` +
        `requireBundle(new URL('./${earlyBundle.split('/').pop()}', here), '${hashOf(earlyBundle)}')` +
        `.startEarlyThreads(workerData.argv, workerData.cwd);\n`
      : '';
  // The thread's entry (src/cli/supervisor.ts and src/pipeline/pdf-thread.ts start it).
  const cjs = entry.replace(/\.js$/, '.cjs');
  writeFileSync(
    cjs,
    `// Written by scripts/bundle.mjs: this thread's code is the bundle beside it.\n` +
      `const { ${early ? 'requireBundle, ' : ''}runBundle } = require('${relative(dirname(entry), loader)}');\n` +
      `const here = require('node:url').pathToFileURL(__filename).href;\n` +
      early +
      `runBundle(new URL('./${bundle.split('/').pop()}', here), '${hashOf(bundle)}');\n`,
  );
  // tsc's module, the bundle's source, becomes the same entry (a thread started from it runs the bundle).
  const name = cjs.split('/').pop();
  writeFileSync(entry, `// Written by scripts/bundle.mjs: see ${name}.\nimport './${name}';\n`);
}

// What bin/briefing.js loads on the process's main thread, each a CommonJS bundle of its
// own: the build server's client (the whole of a served build's process) and the
// supervisor. As ES modules, the client's four files and Node's ES module loader cost a
// served build 17 ms of its 0.11 s before the request went out (14 against 11.4% above
// `node -e 0`, 20 runs each).
// What they import only when needed (the supervisor's clean-up after a signal) stays a
// module of its own, loaded then.
// Its path is written from the bundle's folder.
const lazyApart = (bundle) => ({
  name: 'lazy-apart',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const path = relative(dirname(resolve(bundle)), resolve(args.resolveDir, args.path));
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
});
for (const entry of ['dist/cli/server-client.js', 'dist/cli/supervisor.js']) {
  const bundle = entry.replace(/\.js$/, '.bundle.cjs');
  await build({ ...common, entryPoints: [entry], outfile: bundle, plugins: [lazyApart(bundle)] });
}

// What this dist/ was compiled from: `npm test` compiles again only when it changes.
writeFileSync(RECORD, compileInputs() + '\n');

// The split ES module bundles of earlier versions of this script.
rmSync('dist/chunks', { recursive: true, force: true });
