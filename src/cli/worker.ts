/** The command itself, run in a worker thread that the supervisor can stop at any instruction. */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from './main.js';
import { useTerminal } from './print.js';

const { argv, cwd, terminal } = workerData as {
  argv: string[];
  cwd: string;
  terminal?: { columns: number } | false;
};
useTerminal(terminal ?? false);
// Not a top-level await: this file is the entry of a CommonJS bundle (scripts/bundle.mjs).
void main(argv, cwd).then((code) => parentPort?.postMessage({ type: 'done', code }));
