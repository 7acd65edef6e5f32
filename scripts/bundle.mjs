#!/usr/bin/env node
// The CLI's two threads as bundles: the command thread (dist/cli/worker.js) and the PDF
// worker (dist/pipeline/worker.js), each with what it imports, replacing tsc's files of
// the same name. Node resolves and compiles some six hundred small ES modules for a
// build; one file loads in half the time (import of the build: about 0.30 s → 0.15 s of
// CPU), and every command and every PDF worker starts that much sooner. Packages that
// read files beside themselves (fonts, WebAssembly), know their own file name or are
// patched at run time stay outside the bundle and load from node_modules as before.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/worker.js', 'dist/pipeline/worker.js'],
  outdir: 'dist',
  outbase: 'dist',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  // ES module builds where a package has one (jsonc-parser's CommonJS build is UMD, which bundles badly).
  mainFields: ['module', 'main'],
  target: 'node20',
  // write-file-atomic names its temporary files after its own __filename, which a bundle has not.
  external: ['pdfmake', 'pdfkit', 'fontkit', 'subset-font', 'harfbuzzjs', 'write-file-atomic'],
  // CommonJS packages inside the bundle call `require`: an ES module has none of its own.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
