/**
 * `--out` names a folder the command can write into (or a file, for `i18n export`), or a
 * path to one that does not exist yet: a file there or on the way to it, or a link to
 * nothing, had ended the command with an internal error from `mkdir` or `rename`, a build
 * once everything was built. Checked with the other flags, before anything is loaded.
 */
import { lstatSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/** What is wrong with `dir` as an output folder, or undefined. */
const shownFrom =
  (cwd: string) =>
  (p: string): string =>
    relative(cwd, p) || '.';

export function outFolderProblem(dir: string, cwd: string): string | undefined {
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
  return outFolderProblem(dirname(file), cwd);
}
