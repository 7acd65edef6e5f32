/**
 * A PDF worker (see pool.ts). It warms the PDF writer up as soon as it starts (imports,
 * fonts, compiled code: see warm-up.ts), says it is ready, and then writes the PDF of
 * every composed document it is given, with its own caches (parsed fonts, measured
 * charts) for the life of the build.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SemanticDocument } from '../model/document.js';
import { writePdf } from '../write/pdf.js';
import { tellKnown, whatWasLearned, type Known, type Told } from './known.js';
import { warmUp } from './warm-up.js';
import { Claim, claim } from './claims.js';
import { keepCompiledCode } from '../runtime/code-cache.js';

export type ToWorker =
  | { readonly type: 'pdf'; readonly id: number; readonly doc: SemanticDocument }
  /** What earlier runs learned (see Known in pool.ts). */
  | { readonly type: 'known'; readonly known: Told }
  /** Asks what it has learned since it was last asked. */
  | { readonly type: 'learned'; readonly id: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly bytes?: Uint8Array; readonly error?: string }
  | { readonly type: 'learned'; readonly id: number; readonly learned: Known };

const port = parentPort;
const claims = (workerData as { claims?: Int32Array } | null)?.claims;

if (port) {
  // Documents wait in order behind the warm-up.
  let queue = warmUp().then(() => port.postMessage({ type: 'ready' } satisfies FromWorker));
  port.on('message', (m: ToWorker) => {
    queue = queue.then(async () => {
      if (m.type === 'known') return tellKnown(m.known);
      if (m.type === 'learned') {
        // Asked at the end of a build: this thread has done its work (runtime/code-cache.ts).
        keepCompiledCode();
        const learned = whatWasLearned();
        return port.postMessage({ type: 'learned', id: m.id, learned } satisfies FromWorker, [
          ...(learned.shaped ?? []).map((f) => f.data.buffer as ArrayBuffer),
        ]);
      }
      // Unless the pool's thread took it back before it was started (claims.ts).
      if (claims && !claim(claims, m.id, Claim.Worker)) return;
      try {
        const bytes = await writePdf(m.doc);
        // Moved, not copied, when the file owns its whole buffer (never a slice of a shared pool).
        const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        port.postMessage(
          { type: 'done', id: m.id, bytes } satisfies FromWorker,
          whole ? [bytes.buffer as ArrayBuffer] : [],
        );
      } catch (e) {
        port.postMessage({
          type: 'done',
          id: m.id,
          error: e instanceof Error ? e.message : String(e),
        } satisfies FromWorker);
      }
    });
  });
}
