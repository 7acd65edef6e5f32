/** Temporary workspaces: the repository's templates and locales plus chosen projects, in a fresh folder. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const baseProject = join(repoRoot, 'tests', 'fixtures', 'base-project');

export function makeWorkspace(projects: Record<string, string> = { test: baseProject }): string {
  const root = mkdtempSync(join(tmpdir(), 'briefing-test-'));
  cpSync(join(repoRoot, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(join(repoRoot, 'locales'), join(root, 'locales'), { recursive: true });
  for (const [id, dir] of Object.entries(projects))
    cpSync(dir, join(root, 'content', id), { recursive: true });
  return root;
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command, as a user would, in `cwd`. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
