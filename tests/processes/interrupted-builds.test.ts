/**
 * Builds as processes that are killed, run two at once, or kept running (`watch`): the real
 * command on a temporary copy of the small project, whose outputs must stay whole.
 */
import { describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputs, repoRoot, runMain, setValue } from '../helpers/workspace.js';
import { copiesOfOneBuild } from '../helpers/built-copies.js';

let root: string;
let out: string;
copiesOfOneBuild((copy) => {
  root = copy;
  out = join(copy, 'output', 'test');
});

describe('interrupted and concurrent builds', () => {
  const complete = (root: string): void => {
    for (const [path] of outputs(join(root, 'output'))) {
      // write-file-atomic's temporaries are `<name>.<number>`: none may be left.
      expect(path).toMatch(/\.(pdf|html|json|md)$/);
      const bytes = readFileSync(join(root, 'output', path));
      if (path.endsWith('.pdf')) expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
      if (path.endsWith('.json')) expect(() => JSON.parse(bytes.toString())).not.toThrow();
    }
  };

  test('a build killed midway leaves no partial file, and the next build finishes the job', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), 'build', '--force'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const exited = new Promise((r) => child.on('exit', r));
    // Midway: after the first document of twelve (not on a timer: a build from the cache
    // can finish in under a second).
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('[1/') && resolve());
      void exited.then(() => resolve());
    });
    expect(child.exitCode).toBe(null);
    child.kill('SIGTERM');
    await exited;
    complete(root);
    const next = await runMain(['build'], root);
    expect(next.status).toBe(0);
    complete(root);
  });

  test('a build whose reader stops reading ends quietly, with no file half written', () => {
    // `--force`: every PDF written again, so the PDF worker is writing when the pipe closes.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${join(repoRoot, 'bin', 'briefing.js')}" build --force | head -c 1 > /dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('0\n');
    complete(root);
  });

  test('two builds started at once both succeed and leave consistent outputs', async () => {
    setValue(root, 19, 20);
    const start = (): Promise<number> =>
      new Promise((resolve) => {
        const c = spawn(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), 'build'], {
          cwd: root,
          stdio: 'ignore',
          env: { ...process.env, NODE_OPTIONS: '' },
        });
        c.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([start(), start()])).toEqual([0, 0]);
    complete(root);
    const again = await runMain(['build'], root);
    expect(again.stdout).toMatch(/built 0 documents/);
  });
});

describe('briefing watch', () => {
  test('rebuilds on save, survives a broken save, recovers, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'briefing.js'), 'watch', '--debounce', '100'],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const until = async (check: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
      if (!check()) throw new Error(`watch never printed ${what}:\n${stdout}\n${stderr}`);
    };
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await until(() => stdout.includes('watching'), '"watching"');
      const figures = join(root, 'content/test/figures.yaml');
      const good = readFileSync(figures, 'utf8');

      setValue(root, 80, 81);
      await until(
        () => /figure videos changed/.test(stdout) && /built 9 documents/.test(stdout),
        'a rebuild',
      );
      expect(readFileSync(join(out, 'en/briefing-eu.html'), 'utf8')).toContain('over 81');

      const sums = outputs(join(root, 'output'));
      writeFileSync(figures, good.replace('value: 80\n', 'value: [81\n'));
      await until(() => stderr.includes('waiting for the next save'), 'the error');
      expect(stderr).toMatch(/content\/test\/figures\.yaml:\d+:\d+ error/);
      expect(outputs(join(root, 'output'))).toEqual(sums);

      setValue(root, 80, 82, good);
      await until(() => (stdout.match(/built 9 documents/g) ?? []).length === 2, 'the recovery');
      expect(readFileSync(join(out, 'en/briefing-eu.html'), 'utf8')).toContain('over 82');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(130);
    for (const [path] of outputs(join(root, 'output'))) expect(path).toMatch(/\.(pdf|html|json|md)$/);
  }, 120_000);
});
