/**
 * Jest's global setup and teardown: a folder for this run's shared builds
 * (tests/helpers/shared-build.ts), named in the environment every test file inherits,
 * and removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHARED = 'BRIEFING_TEST_SHARED';

export function setup() {
  process.env[SHARED] = mkdtempSync(join(tmpdir(), 'briefing-shared-'));
}

export function teardown() {
  if (process.env[SHARED]) rmSync(process.env[SHARED], { recursive: true, force: true });
}
