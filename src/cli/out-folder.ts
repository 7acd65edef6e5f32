/**
 * `--out` names a folder the command can write into (or a file, for `i18n export`), or a
 * path to one that does not exist yet: a file there or on the way to it, or a link to
 * nothing, had ended the command with an internal error from `mkdir` or `rename`, a build
 * once everything was built. Checked with the other flags, before anything is loaded.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

const shownFrom =
  (cwd: string) =>
  (p: string): string =>
    relative(cwd, p) || '.';

/** The workspace's own folders, which a build reads: outputs written among them would be read as input or committed with it. */
const INPUTS = ['content', 'templates', 'locales', '.cache'];

/** What is wrong with `dir` as an output folder, or undefined. */
export function outFolderProblem(dir: string, cwd: string): string | undefined {
  return overlapProblem(dir, cwd) ?? pathProblem(dir, cwd);
}

/** An output folder among the inputs, or one holding them (`.`, `..`): a project's folder of outputs could land in content/ or templates/. */
function overlapProblem(dir: string, cwd: string): string | undefined {
  const root = real(cwd);
  const out = real(dir);
  const within = (outer: string, inner: string): boolean => {
    const r = relative(outer, inner);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  if (within(out, root))
    return `--out: ${shownFrom(cwd)(dir)} holds the workspace (content/, templates/, locales/); name a folder of its own, such as output`;
  // An input folder may itself be a link (content/ kept elsewhere): compared where it leads.
  const input = INPUTS.find((name) => within(real(join(root, name)), out));
  if (input)
    return `--out: ${shownFrom(cwd)(dir)} is inside ${input}/, which the build reads; name a folder of its own, such as output`;
  return undefined;
}

/** `path` with its links resolved as far as it exists (the rest of it joined on as written). */
function real(path: string): string {
  const rest: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      if (dirname(at) === at) return resolve(path);
      rest.push(basename(at));
    }
  }
}

function pathProblem(dir: string, cwd: string): string | undefined {
  const shown = shownFrom(cwd);
  for (let at = dir; ; at = dirname(at)) {
    try {
      return statSync(at).isDirectory() ? undefined : `--out: ${shown(at)} is a file, not a folder`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        return `--out: cannot use ${shown(at)} (${code ?? 'unreadable'})`;
      if (isLink(at)) return `--out: ${shown(at)} is a link to nothing`;
      if (dirname(at) === at) return undefined;
    }
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** What is wrong with `file` as a file to write (`i18n export --out`), or undefined. */
export function outFileProblem(file: string, cwd: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return `--out: ${shownFrom(cwd)(file)} is a folder; name a file in it`;
  } catch {
    // Not there yet, or behind a file: the folder it goes in says which.
  }
  // A file, unlike a build's folders, may go anywhere it can be written (`kk.xlf` beside content/).
  return pathProblem(dirname(file), cwd);
}
