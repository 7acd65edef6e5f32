/**
 * What `watch` and the build server watch: the workspace's content, templates and locales,
 * but not the output folder (which may sit inside them) nor editors' lock, backup and swap
 * files.
 */
import { join } from 'node:path';

export const watchedFolders = (cwd: string): string[] =>
  ['content', 'templates', 'locales'].map((d) => join(cwd, d));

export const ignoredBy =
  (out: string) =>
  (path: string): boolean =>
    path.startsWith(out + '/') || /(^|\/)(\.#|~$|\.swp$)/.test(path);
