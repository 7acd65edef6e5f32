#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/supervisor.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('briefing: dist/ is missing. Run `npm ci` (or `npm run compile`) first.');
  process.exit(2);
}
const { supervise } = await import(entry.href);
process.exitCode = await supervise(process.argv.slice(2));
