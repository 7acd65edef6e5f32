/** Jest runs the TypeScript sources directly, in ESM mode, because remark, unified, vega and vega-lite are ESM-only. */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/browser/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testTimeout: 120000,
  // A folder for the run's shared builds (tests/helpers/shared-build.ts), removed at the end.
  globalSetup: '<rootDir>/tests/helpers/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.mjs',
  // Jest's default leaves one of two cores idle; the suites share nothing (each on its own
  // temporary copy), so both cores run tests: 140 s → 80 s here.
  maxWorkers: 2,
  // package.json starts Jest as `node --interrupt-budget=400000 --liftoff-only …/jest.js`, the
  // flags bin/briefing.js gives the tool (why: its comments), and Jest's workers inherit them:
  // the tests run the tool's code in-process for seconds each, and on two cores V8's optimising
  // compiler took CPU the other worker needed. Whole suite: 162 → 146 s, CPU 308 → 273 s.
  // (V8 flags cannot go in NODE_OPTIONS.)
  // `npm test -- --coverage` (what CI runs): line coverage of src/, at least 80%.
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { global: { lines: 80 } },
};
