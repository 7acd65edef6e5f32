/**
 * Stopping a thread that may be making a zlib stream (src/runtime/thread-stop.ts): a zlib
 * call counts itself in, one that comes after the stop is not made, and whoever stops
 * waits for the calls inside to come out. tests/processes/thread-stop.test.ts stops
 * hundreds of threads that deflate without a pause.
 */
import { describe, expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { guarded, newStopGuard, stopGuarded, threadGuards } from '../src/runtime/thread-stop.js';

const [STOP, INSIDE] = [0, 1];

describe('a thread stopped while it may be inside zlib', () => {
  test('a guarded call is counted in while it runs and out after, when it throws too', () => {
    const a = newStopGuard();
    const b = newStopGuard();
    expect(guarded(() => [Atomics.load(a, INSIDE), Atomics.load(b, INSIDE)], [a, b])).toEqual([1, 1]);
    expect(() =>
      guarded(() => {
        throw new Error('zlib failed');
      }, [a, b]),
    ).toThrow('zlib failed');
    expect([Atomics.load(a, INSIDE), Atomics.load(b, INSIDE)]).toEqual([0, 0]);
  });

  test('once any of its guards says stop, the call is not made and nothing stays counted in', () => {
    const own = newStopGuard();
    const whole = newStopGuard();
    let made = false;
    stopGuarded(whole, () => undefined);
    expect(() => guarded(() => (made = true), [whole, own], 10)).toThrow('this thread is being stopped');
    expect(made).toBe(false);
    expect([Atomics.load(own, INSIDE), Atomics.load(whole, INSIDE)]).toEqual([0, 0]);
    expect(Atomics.load(own, STOP)).toBe(0);
  });

  test('whoever stops waits for the call inside to come out before terminating', async () => {
    const guard = newStopGuard();
    const done = new Int32Array(new SharedArrayBuffer(4));
    // A thread inside a call of 300 ms, as a guarded call counts itself in.
    const thread = new Worker(
      `const { workerData: { guard, done }, parentPort } = require('node:worker_threads');
       Atomics.add(guard, 1, 1);
       parentPort.postMessage('inside');
       const until = Date.now() + 300;
       while (Date.now() < until);
       Atomics.store(done, 0, 1);
       Atomics.sub(guard, 1, 1);
       Atomics.notify(guard, 1);
       setInterval(() => undefined, 1000);`,
      { eval: true, workerData: { guard, done } },
    );
    await new Promise((resolve) => thread.once('message', resolve));
    const doneWhenStopped = stopGuarded(guard, () => Atomics.load(done, 0));
    await thread.terminate();
    expect(doneWhenStopped).toBe(1);
  });

  test('with nothing inside, it stops at once', () => {
    const guard = newStopGuard();
    const start = Date.now();
    expect(stopGuarded(guard, () => 'stopped')).toBe('stopped');
    expect(Date.now() - start).toBeLessThan(50);
    expect(stopGuarded(undefined, () => 'no guard')).toBe('no guard');
  });

  test("a thread's guards are the shared counters its data hands it, nothing else", () => {
    const guard = newStopGuard();
    expect(threadGuards({ stopGuards: [guard, 'not a guard', new Uint8Array(8)] })).toEqual([guard]);
    expect(threadGuards(null)).toEqual([]);
    expect(threadGuards({ claims: new Int32Array(4) })).toEqual([]);
  });
});
