/** The command itself, run in a worker thread that the supervisor can stop at any instruction. */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from './main.js';

const { argv, cwd } = workerData as { argv: string[]; cwd: string };
const code = await main(argv, cwd);
parentPort?.postMessage({ type: 'done', code });
