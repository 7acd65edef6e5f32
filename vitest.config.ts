/**
 * `npm test`: Vitest runs the TypeScript sources directly (remark, unified, vega and vega-lite
 * are ES modules only). Tests in this process, and a few real processes (a build, a check);
 * what only a set of processes can show (a build server and its clients, builds killed or run
 * at once, `watch`, the output lock between processes) is `npm run test:processes`
 * (vitest.processes.config.ts), which CI runs too.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/processes/**'],
    // Two processes on two cores; each runs test file after test file.
    pool: 'forks',
    maxWorkers: 2,
    // Files share their process: the tool's modules load once per process and its code stays
    // warm from one file to the next, where a fresh start for each file cost 1.5–2 s of CPU
    // before its first build (whole suite: 124 s fresh, 89 s shared). What a file leaves
    // behind is the next file's: each works in a temporary copy of its own, and a file that
    // replaces a built-in function fails (tests/helpers/setup.ts).
    isolate: false,
    // The flags bin/briefing.js gives the tool (why: its comments). The tests run the tool's
    // code in their own process for seconds at a time, and on two cores V8's optimising
    // compiler took CPU the other process needed.
    execArgv: ['--interrupt-budget=400000', '--liftoff-only'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A folder for the run's shared builds (tests/helpers/shared-build.ts), removed at the end.
    globalSetup: ['tests/helpers/global-setup.mjs'],
    setupFiles: ['tests/helpers/setup.ts'],
    // `npm test -- --coverage` (what CI runs): line coverage of src/, at least 80%.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      thresholds: { lines: 80 },
    },
  },
});
