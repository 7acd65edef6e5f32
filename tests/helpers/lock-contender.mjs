/**
 * One of the processes racing for a lock (tests/processes/lock-contention.test.ts). On each `go`
 * line it takes the lock of DIR, holds it while checking that it alone does (an
 * exclusive marker, and the lock file unchanged under it), then leaves the lock
 * stale, owned by the dead process DEAD_PID, so the other contender must take it
 * over. It answers `ok` or `violation: …` per round.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { acquireLock, lockName } from '../../dist/pipeline/lock.js';

const [dir, deadPid] = process.argv.slice(2);
const lock = join(dir, lockName);
const held = join(dir, 'held');

async function round(n) {
  await acquireLock(dir, 20_000);
  const mine = readFileSync(lock, 'utf8');
  if (JSON.parse(mine).pid !== process.pid) return `violation: took a lock that is not mine (${mine})`;
  try {
    writeFileSync(held, String(process.pid), { flag: 'wx' });
  } catch {
    return `violation: ${readFileSync(held, 'utf8')} holds the lock too`;
  }
  for (let i = 0; i < 300; i++)
    if (readFileSync(lock, 'utf8') !== mine) return 'violation: my lock was taken while I held it';
  rmSync(held);
  // Leave it as a killed process would: the owner gone, the file still there.
  const aside = `${lock}.${process.pid}.${n}`;
  writeFileSync(
    aside,
    JSON.stringify({ pid: Number(deadPid), host: hostname(), token: `dead-${process.pid}-${n}` }),
  );
  renameSync(aside, lock);
  return 'ok';
}

let n = 0;
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') break;
  const said = await round(++n);
  process.stdout.write(`${said}\n`);
  // After a violation the lock can no longer be trusted: stop, so the others are not left waiting.
  if (said !== 'ok') process.exit(1);
}
