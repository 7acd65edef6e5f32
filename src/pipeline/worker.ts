/**
 * A PDF worker (see pool.ts). It warms the PDF writer up as soon as it starts (imports,
 * fonts, compiled code: see warm-up.ts), says it is ready, and then writes the PDF of
 * every composed document it is given, with its own caches (parsed fonts, measured
 * charts) for the life of the build.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SemanticDocument } from '../model/document.js';
import { documentKey, writePdf } from '../write/pdf.js';
import { anyMade, isMade, keepMade, takeMade } from './made-ahead.js';
import { tellKnown, whatWasLearned, type Known, type Told } from '../write/pdf-known.js';
import { warmUp } from './warm-up.js';
import { Claim, claim } from './claims.js';
import { keepCompiledCode } from '../runtime/code-cache.js';

export type ToWorker =
  | { readonly type: 'pdf'; readonly id: number; readonly doc: SemanticDocument }
  /** What earlier runs learned (see Known in pool.ts). */
  | { readonly type: 'known'; readonly known: Told }
  /** Asks what it has learned since it was last asked. */
  | { readonly type: 'learned'; readonly id: number }
  /**
   * A document to write ahead of any build (a build server, on a save: cli/serve-ahead.ts),
   * kept for the build that asks for it (made-ahead.ts); nothing is sent back. Passed over
   * once a later generation has come: a newer save made it stale.
   */
  | { readonly type: 'ahead'; readonly doc: SemanticDocument; readonly generation: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly bytes?: Uint8Array;
      readonly error?: string;
      /** The bytes were written ahead, on a save (made-ahead.ts). */
      readonly ahead?: true;
    }
  | { readonly type: 'learned'; readonly id: number; readonly learned: Known };

const port = parentPort;
const claims = (workerData as { claims?: Int32Array } | null)?.claims;

/** Writes a document ahead and keeps its bytes, unless they are kept already. A failure is the build's to report. */
async function writeAhead(doc: SemanticDocument): Promise<void> {
  const key = documentKey(doc);
  if (isMade(key)) return;
  try {
    keepMade(key, await writePdf(doc));
  } catch {
    // Written again when a build asks for it, which says what went wrong.
  }
}

if (port) {
  // Documents wait in order behind the warm-up.
  let queue = warmUp().then(() => port.postMessage({ type: 'ready' } satisfies FromWorker));
  // Work ahead is passed over once a newer save's has come, and once a build has asked for a
  // PDF: what is not started by then the build has here in its own order, and with more than
  // one worker it may have given a document to another.
  let newest = 0;
  let passed = 0;
  port.on('message', (m: ToWorker) => {
    if (m.type === 'ahead') newest = Math.max(newest, m.generation);
    if (m.type === 'pdf') passed = newest;
    queue = queue.then(async () => {
      if (m.type === 'ahead')
        return m.generation < newest || m.generation <= passed ? undefined : writeAhead(m.doc);
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
        const key = anyMade() ? documentKey(m.doc) : undefined;
        const made = key && takeMade(key);
        const bytes = made || (await writePdf(m.doc));
        // Moved, not copied, when the file owns its whole buffer (never a slice of a shared pool).
        const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        port.postMessage(
          { type: 'done', id: m.id, bytes, ...(made ? { ahead: true } : {}) } satisfies FromWorker,
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
