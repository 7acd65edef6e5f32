/**
 * A command's thread prints through the main thread (cli/print.ts): `flushed` waits until
 * what it wrote has been handed on, so a build's last line is on the screen before the
 * thread turns to its chores (saving the cache, the stamp).
 */
import { expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { repoRoot } from './helpers/workspace.js';

// The compiled module (`npm test` compiles first): a thread cannot load the TypeScript.
const printModule = pathToFileURL(join(repoRoot, 'dist', 'cli', 'print.js')).href;

/** A thread that prints two lines, waits for `flushed`, then says it goes on. */
function printer(): Worker {
  const code = `
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(printModule)}).then(async ({ consolePrint }) => {
      consolePrint.out('rebuilt one document\\n');
      consolePrint.out('built 1 document\\n');
      await consolePrint.flushed();
      parentPort.postMessage('after');
    });`;
  return new Worker(code, { eval: true, stdout: true });
}

/** What the main thread had read of the thread's stdout when the thread said it went on. */
async function readBeforeGoingOn(): Promise<string> {
  const w = printer();
  let read = '';
  w.stdout.on('data', (d: Buffer) => (read += String(d)));
  const before = await new Promise<string>((resolve, reject) => {
    w.once('message', () => resolve(read));
    // A module that failed to load (run `npm test`, which compiles it first) is a failure, not a wait.
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the printing thread stopped (exit code ${code})`)));
  });
  await w.terminate();
  return before;
}

test('flushed resolves once the main thread has the lines written before it', async () => {
  // Without `flushed`, the lines were still on their way in such a run.
  for (let i = 0; i < 5; i++)
    expect(await readBeforeGoingOn()).toBe('rebuilt one document\nbuilt 1 document\n');
});
