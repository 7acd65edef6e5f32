/**
 * The lock of an output folder (or of the workspace, while `i18n import` writes
 * it): a file holding the owner's pid, host and a random token, created
 * atomically (written aside, then hard-linked into place, so it is never seen
 * half-written). A lock whose process is gone on this host is stale at once, so a
 * command killed outright costs the next one nothing; a live owner is waited for.
 *
 * Taking over a stale lock is itself exclusive. Removing it outright would race:
 * two processes that both saw the stale lock could each remove it, and the second
 * would remove the lock the first had just taken. So a process first takes a
 * breaker named after the stale lock's exact content (link, which only one can
 * win), checks that the lock still holds that content, and only then removes it.
 * The content includes a random token, so a breaker never matches a newer lock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { diagnose, DiagnosticError } from '../diagnostics/diagnostic.js';

export const lockName = '.briefing.lock';

interface Owner {
  readonly pid: number;
  readonly host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file's text, or undefined when there is none (any more). */
function readRaw(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function ownerOf(raw: string | undefined): Owner | undefined {
  try {
    const o = JSON.parse(raw ?? '') as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
  }
}

function describeOwner(path: string): string {
  const o = ownerOf(readRaw(path));
  return o ? `process ${o.pid} on ${o.host}` : 'unknown process';
}

/** A lock from another host cannot be probed; it is trusted for ten minutes after its last touch. */
const foreignStaleMs = 10 * 60_000;

function staleContent(path: string, raw: string): boolean {
  const owner = ownerOf(raw);
  if (owner && owner.host === hostname()) return !alive(owner.pid);
  try {
    return Date.now() - statSync(path).mtimeMs > foreignStaleMs;
  } catch {
    return true;
  }
}

/** Creates `path` holding this process as owner, unless it exists; true if created. */
function tryTake(path: string): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  const token = randomBytes(8).toString('hex');
  writeFileSync(aside, JSON.stringify({ pid: process.pid, host: hostname(), token }));
  try {
    linkSync(aside, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    unlinkSync(aside);
  }
}

const removeIf = (path: string, raw: string): void => {
  if (readRaw(path) !== raw) return;
  try {
    unlinkSync(path);
  } catch {
    // gone already
  }
};

/**
 * Removes the lock at `path` if it still has the stale content `raw`, and only if
 * this process wins the right to: false when another process is breaking it now.
 * (Exported for the test of a late process acting on what it saw before.)
 */
export function breakStale(path: string, raw: string): boolean {
  const breaker = `${path}.breaking-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
  if (tryTake(breaker)) {
    try {
      removeIf(path, raw);
    } finally {
      unlinkSync(breaker);
    }
    return true;
  }
  // A breaker whose own process died midway is broken the same way, one level up.
  const held = readRaw(breaker);
  return held === undefined || (staleContent(breaker, held) && breakStale(breaker, held));
}

/** Takes the lock of `dir`, waiting up to `waitMs` for a live owner; returns its release. */
export async function acquireLock(
  dir: string,
  waitMs = 120_000,
  holder: 'output' | 'workspace' = 'output',
): Promise<() => void> {
  const path = join(dir, lockName);
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryTake(path)) return () => releaseLock(dir);
    const raw = readRaw(path);
    // Released between the two steps, or stale and broken by us: try again at once.
    if (raw === undefined || (staleContent(path, raw) && breakStale(path, raw))) continue;
    if (Date.now() > deadline)
      throw new DiagnosticError([diagnose('build/locked', path, { owner: describeOwner(path), holder })]);
    await new Promise((r) => setTimeout(r, raw !== undefined && staleContent(path, raw) ? 5 : 100));
  }
}

/**
 * Takes the lock of `dir` if nobody alive holds it (a stale one is broken); returns its
 * release, or undefined at once where a live owner holds it.
 */
export function tryLock(dir: string): (() => void) | undefined {
  const path = join(dir, lockName);
  for (;;) {
    if (tryTake(path)) return () => releaseLock(dir);
    const raw = readRaw(path);
    if (raw !== undefined && !(staleContent(path, raw) && breakStale(path, raw))) return undefined;
  }
}

/** Removes the lock if this process holds it. */
export function releaseLock(dir: string): void {
  const path = join(dir, lockName);
  const owner = ownerOf(readRaw(path));
  if (owner && owner.pid === process.pid && owner.host === hostname()) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
