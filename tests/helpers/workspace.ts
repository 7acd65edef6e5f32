/** Temporary workspaces: the repository's templates and locales plus chosen projects, in a fresh folder. */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const baseProject = join(repoRoot, 'tests', 'fixtures', 'base-project');

export function makeWorkspace(
  projects: Record<string, string> = { test: baseProject },
  root = mkdtempSync(join(tmpdir(), 'briefing-test-')),
): string {
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
  /** The exit code; -1 when a signal ended the process (`signal`). */
  readonly status: number;
  /** What ended a real process, if a signal did (none for a command run in this process). */
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real command, as a user would, in `cwd`. A process ended by a signal is said on
 * the test's output with what it printed: once in many CI runs a build ended so (status -1)
 * and the test could say no more.
 */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  // A process that never started has no output at all.
  if (r.status === null)
    console.error(
      `briefing ${args.join(' ')} ended by ${r.signal ?? r.error?.message}:\n${(r.stderr ?? '').slice(-4000)}`,
    );
  return { status: r.status ?? -1, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

export const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The sha256 of every file under `dirs` of `root`, keyed by path relative to `root`. */
export function fileHashes(root: string, dirs: readonly string[] = ['.']): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(root.length + 1)] = sha(p);
    }
  };
  for (const d of dirs) walk(d === '.' ? root : join(root, d));
  return out;
}

export interface FileState {
  sha: string;
  mtime: number;
}

/** Every file under `root` with its sha256 and modification time, keyed by path relative to `root`. */
export const outputs = (root: string): Map<string, FileState> =>
  new Map(
    Object.entries(fileHashes(root)).map(([p, h]) => [p, { sha: h, mtime: statSync(join(root, p)).mtimeMs }]),
  );

/** The documents of an output folder, by path under it (not its manifests, index or change history). */
export const builtDocuments = (root: string, out: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fileHashes(root, [out]))
      .filter(([p]) => /\.(pdf|html)$/.test(p) && !p.endsWith('index.html'))
      .map(([p, h]) => [p.slice(out.length + 1), h]),
  );

/**
 * Runs the command in this process, as `runCli` does in a child: the same `main`, with
 * its output captured. No process start-up (the bundle, a PDF worker's warm-up, Vega: a
 * build of the small project 0.2–0.8 s so, 0.9–2.2 s as a process), and it tests `src/`,
 * never a stale `dist/`. Not for what a process of its own decides: `main` sets TZ itself,
 * and reads the cache a build left once per process (pipeline/memo-file.ts), under a
 * fingerprint of `src/` that a `dist/` build's cache does not have.
 */
export async function runMain(args: readonly string[], cwd: string): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const status = await main(args, cwd);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/**
 * A new dated value of the fixture's `videos` figure (95, from a later line of the release
 * it quotes): shown by some documents and by the tolls chart, not by the timeline.
 */
export function addVideosValue(root: string): void {
  // A later value comes from a later source: the release of 16 January cannot state one as
  // of 20 January (figure/after-source), and the sentences that cite the release keep its 80.
  const project = join(root, 'content/test');
  writeFileSync(join(project, 'sources/analysis.txt'), 'A later analysis of over 95 verified videos.\n');
  appendFileSync(
    join(project, 'sources.yaml'),
    '- id: analysis\n  kind: report\n  date: 2022-01-20\n  text: analysis.txt\n',
  );
  const titles: Record<string, string> = {
    en: '{ author: Test author, title: The later analysis }',
    ru: '{ author: Тестовый автор, title: Новый анализ }',
    kk: '{ author: Сынақ авторы, title: Жаңа талдау }',
  };
  for (const [locale, title] of Object.entries(titles)) {
    const texts = join(project, locale, 'texts.yaml');
    writeFileSync(
      texts,
      readFileSync(texts, 'utf8').replace('sources:\n', `sources:\n  analysis: ${title}\n`),
    );
  }
  const figures = join(project, 'figures.yaml');
  writeFileSync(
    figures,
    readFileSync(figures, 'utf8').replace(
      "      quote: 'over 80 verified videos'\n",
      "      quote: 'over 80 verified videos'\n" +
        '    - value: 95\n      qualifier: over\n      asOf: 2022-01-20\n      source: analysis\n' +
        "      quote: 'over 95 verified videos'\n",
    ),
  );
}

/**
 * A stated value of the base project changed from `from` to `to` as an editor would: the value,
 * its quote, and the source's words the quote is found in (a value its quote does not give is
 * an error, figure/quote-value).
 */
export function setValue(root: string, from: number, to: number, base?: string): void {
  const dir = join(root, 'content/test');
  const figures = join(dir, 'figures.yaml');
  const text = base ?? readFileSync(figures, 'utf8');
  const at = text.indexOf(`value: ${from}\n`);
  if (at < 0) throw new Error(`no value ${from} in figures.yaml`);
  const quote = /quote: '([^']*)'/.exec(text.slice(at));
  if (!quote?.[1]?.includes(String(from))) throw new Error(`value ${from} has no quote with it`);
  const words = quote[1].replace(String(from), String(to));
  const next =
    text.slice(0, at) +
    text.slice(at).replace(`value: ${from}\n`, `value: ${to}\n`).replace(quote[0], `quote: '${words}'`);
  appendFileSync(join(dir, 'sources/release.txt'), `${words}.\n`);
  writeFileSync(figures, next);
}
