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
  // `npm test -- --coverage` (what CI runs): line coverage of src/, at least 80%.
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { global: { lines: 80 } },
};
