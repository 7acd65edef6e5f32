/**
 * One real build per test run of a workspace that several test files only read: the
 * Kazakhstan project, whose output e2e.test.ts and pdf.test.ts inspect. The first file to
 * ask builds it, as a user would (`briefing build`, a process of its own); the others wait
 * for its result. The folder is the run's (tests/helpers/global-setup.mjs), removed when the
 * run ends. Without it (Vitest started with another config) each file builds its own.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeWorkspace, removeWorkspace, repoRoot, runCli, type CliResult } from './workspace.js';

export interface SharedBuild {
  readonly root: string;
  readonly result: CliResult;
  /** Removes a workspace of the file's own; a shared one stays for the other files. */
  readonly release: () => void;
}

/** Longer than a cold build of the example on a slow machine, shorter than a test's time limit (vitest.config.ts). */
const WAIT_MS = 110_000;

/** Whoever makes the folder builds in it: mkdir fails for every other file. */
function claimed(root: string): boolean {
  try {
    mkdirSync(root);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export async function sharedBuild(
  name: string,
  projects: Record<string, string>,
  args: readonly string[],
): Promise<SharedBuild> {
  const scope = process.env.BRIEFING_TEST_SHARED;
  if (!scope) {
    const root = makeWorkspace(projects);
    return { root, result: runCli(args, root), release: () => removeWorkspace(root) };
  }
  const root = join(scope, name);
  const done = join(scope, `${name}.json`);
  const shared = (result: CliResult): SharedBuild => ({ root, result, release: () => {} });
  if (!claimed(root)) {
    for (const end = Date.now() + WAIT_MS; !existsSync(done); await sleep(50))
      if (Date.now() > end) throw new Error(`the shared build ${name} did not end within ${WAIT_MS} ms`);
    return shared(JSON.parse(readFileSync(done, 'utf8')) as CliResult);
  }
  makeWorkspace(projects, root);
  const result = runCli(args, root);
  writeFileSync(`${done}.part`, JSON.stringify(result));
  renameSync(`${done}.part`, done);
  return shared(result);
}

/** The example project, built as `briefing build` builds it. */
export const kazakhstanBuilt = (): Promise<SharedBuild> =>
  sharedBuild('kazakhstan-2022', { 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') }, [
    'build',
  ]);
