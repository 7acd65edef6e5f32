/**
 * `npm run test:processes`: the tests whose subject is a set of real processes (a build server
 * and its clients, builds killed midway or started at once, `watch` until Ctrl-C, the output
 * lock between processes). They run the compiled tool (bin/briefing.js), compiled first
 * when the sources changed, as for `npm test`, whose settings these are.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/processes/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});
