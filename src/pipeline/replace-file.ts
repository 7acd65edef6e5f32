/**
 * A file of the cache written whole or not at all: a new file, renamed over the old one.
 * The memo store (memo-file.ts) and the stamp (stamp.ts) are written so. Light on purpose:
 * the stamp is checked before the command's own code is loaded (cli/early-thread.ts).
 */
import { closeSync, openSync, readdirSync, renameSync, rmSync, statSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * `pieces`, one after another, as a new file renamed over `file`: never a file half
 * written under its name. Not flushed to the disk first (the memo store: 15–20 ms of every
 * build that keeps something new, 100 under load; the stamp: 5 ms): after a crash a file
 * cut short or empty fails to read, and a cache that cannot be read is ignored and written
 * again.
 */
export function replaceFile(file: string, pieces: readonly Uint8Array[]): void {
  removeLeftovers(file);
  const temp = `${file}.${process.pid}.${threadId}.new`;
  try {
    const fd = openSync(temp, 'w');
    try {
      // libuv writes them all, as many at a time as the system takes, and stops only at an
      // error (a full disk): then fewer bytes are written than given.
      const written = writevSync(fd, pieces as Uint8Array[]);
      if (written !== pieces.reduce((n, p) => n + p.length, 0))
        throw new Error(`${basename(file)}: short write`);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * A write takes milliseconds: a new file this old was left by one killed midway (or whose
 * machine went down: the workspace may be shared, and a pid means nothing on another host).
 */
const LEFTOVER_MS = 10 * 60 * 1000;

/** New files of writes killed midway, so that they do not pile up beside the file. */
function removeLeftovers(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.new')) continue;
    try {
      const path = join(dir, name);
      if (Date.now() - statSync(path).mtimeMs > LEFTOVER_MS) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile, or not ours to remove: the file is written all the same.
    }
  }
}
