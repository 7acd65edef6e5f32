/**
 * Vitest's global setup and teardown, in the process that starts the test processes: a
 * folder for this run's shared builds, named in the environment every test process inherits
 * (read by tests/helpers/shared-build.ts), and removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHARED = 'BRIEFING_TEST_SHARED';

export function setup() {
  process.env[SHARED] = mkdtempSync(join(tmpdir(), 'briefing-shared-'));
}

export function teardown() {
  if (process.env[SHARED]) rmSync(process.env[SHARED], { recursive: true, force: true });
}
