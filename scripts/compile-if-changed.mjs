#!/usr/bin/env node
// `npm test`'s first step: compiles dist/ (tsc, then the bundles) unless it was compiled from
// these very inputs (scripts/compile-inputs.mjs), as after `npm ci`, whose `prepare` compiles
// it: 8 s of every test run. A dist/ edited by hand is not noticed: `npm run compile`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { RECORD, compileInputs } from './compile-inputs.mjs';

const recorded = existsSync(RECORD) ? readFileSync(RECORD, 'utf8').trim() : undefined;
if (recorded === compileInputs() && existsSync('dist/cli/worker.bundle.cjs')) {
  console.log('dist/ is compiled from these sources already');
} else {
  const run = (file, args) => execFileSync(process.execPath, [file, ...args], { stdio: 'inherit' });
  run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  run('scripts/bundle.mjs', []);
}
