/**
 * The output folder's lock: a file holding the owner's pid and host, created
 * atomically (written aside, then hard-linked into place, so it is never seen
 * half-written). A lock whose process is gone on this host is stale at once, so
 * a build killed outright costs the next build nothing; a live owner is waited for.
 */
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

function readOwner(path: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
  }
}

function describeOwner(path: string): string {
  const o = readOwner(path);
  return o ? `process ${o.pid} on ${o.host}` : 'unknown process';
}

/** A lock from another host cannot be probed; it is trusted for ten minutes after its last touch. */
const foreignStaleMs = 10 * 60_000;

export function isStale(path: string): boolean {
  const owner = readOwner(path);
  if (owner && owner.host === hostname()) return !alive(owner.pid);
  try {
    return Date.now() - statSync(path).mtimeMs > foreignStaleMs;
  } catch {
    return true;
  }
}

function tryTake(path: string): boolean {
  const aside = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(aside, JSON.stringify({ pid: process.pid, host: hostname() }));
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

/** Takes the lock of `dir`, waiting up to `waitMs` for a live owner; returns its release. */
export async function acquireLock(dir: string, waitMs = 120_000): Promise<() => void> {
  const path = join(dir, lockName);
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryTake(path)) return () => releaseLock(dir);
    if (isStale(path)) {
      try {
        unlinkSync(path);
      } catch {
        // another build removed it first
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new DiagnosticError([diagnose('build/locked', path, { owner: describeOwner(path) })]);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Removes the lock if this process holds it. */
export function releaseLock(dir: string): void {
  const path = join(dir, lockName);
  const owner = readOwner(path);
  if (owner && owner.pid === process.pid && owner.host === hostname()) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
