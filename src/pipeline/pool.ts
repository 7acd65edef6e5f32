/**
 * Where documents are rendered. This thread composes every document and writes its
 * HTML; with `--jobs N`, N−1 worker threads write the PDFs (the larger half of the
 * work) beside it, and this thread writes PDFs too whenever the workers fall behind and
 * once it has composed everything. A worker needs no workspace, only each composed
 * document: it is one warm PDF writer, and no work is done twice on two threads.
 *
 * Workers can be started before the workspace is loaded (`startWorkers`): each imports
 * the PDF writer and warms it up on a small document while this thread loads. A worker
 * is given documents from the front of the queue as soon as it has room, warm or not,
 * and writes them in order once its warm-up is over: a document given only once the
 * worker said it was warm waited for this thread to read that message, up to 100 ms
 * behind the checks it runs while the last PDFs are written (one Kazakh text, 10
 * alternated runs: 1270 → 1205 ms). This thread takes documents from the back, and, when
 * it has nothing else to do, takes back the last ones a worker holds and has not started.
 * A PDF write never rejects for the pool's sake: a worker that dies fails its documents
 * with a message, and the others go on.
 *
 * Not a pool library (piscina, tinypool), though the issue that asked for workers named
 * them: their model is one queue on this thread, from which a free worker gets its next
 * task once this thread has read its last result. This thread runs long synchronous
 * stretches (a chart, a composition), so a worker would wait for each document, as it
 * did for the "ready" message above; here it holds several, in order. Their workers are
 * also interchangeable, while ours are told what earlier runs learned and asked what they
 * learned, each one (write/pdf-known.ts), and a document already given can be taken back (claims.ts).
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { SemanticDocument } from '../model/document.js';
import { mergeKnown, tellKnown, whatWasLearned, type Known, type Told } from '../write/pdf-known.js';
import type { PdfWriter } from './render-document.js';
import type { FromWorker, ToWorker } from './worker.js';
import { youngGenerationMb, type BuildSize } from './heap.js';
import { adopt, exitReason, spawnPdfThread, workerFile, type PdfThread } from './pdf-thread.js';
import { Claim, claim, open } from './claims.js';
import { stopGuarded, type StopGuard } from '../runtime/thread-stop.js';

export interface PdfPool {
  /** Queues a document's PDF. */
  readonly write: PdfWriter;
  /** Writes queued PDFs here while more than `waiting` wait for a worker. */
  keepUp(waiting?: number): Promise<void>;
  /**
   * Gives the workers every document queued here, beyond the few each holds: before a long
   * stretch of other work on this thread (the checks at the end of a build), during which it
   * reads no message, so a worker that finished would wait for its next document meanwhile.
   * `drain` takes back what they have not started.
   */
  handOver(): void;
  /**
   * Lets go of every document not started: a build that stops before it takes the documents
   * begun for it (load-and-begin.ts) leaves a long-lived worker nothing of them to write.
   */
  abandon(): void;
  /** Writes here what no worker has taken, then waits for the workers' last documents. */
  drain(): Promise<void>;
  /** Documents given and not written yet: queued here, or held by a worker. */
  pending(): number;
  /** Tells every PDF writer of the pool what earlier runs learned (write/pdf-known.ts). */
  tellKnown(known: Told): void;
  /** What the pool's PDF writers learned in this build. */
  learned(): Promise<Known>;
  /** How many of its PDFs had been written ahead, on a save (made-ahead.ts). */
  takenAhead(): number;
  close(): Promise<void>;
}

/**
 * Documents handed to a worker ahead of time, so it never waits for this thread
 * (busy with a chart or a PDF of its own, it reads no message). Many: a warm worker
 * writes a PDF with less CPU than this thread, whose heap is larger and whose PDF code
 * is cold (a 12-document build now writes every PDF on the worker), and once this thread
 * is warm and has nothing else to do it takes back what a worker has not started
 * (claims.ts). Cold build, 6 alternated runs: 2 ahead 4.31 s (6.88 s CPU, peak 366 MiB),
 * 3: 4.07 s, 8: 3.86 s (5.75 s CPU, 323 MiB), 16: 3.97 s. Taking back documents while
 * this thread is still cold gained nothing and cost 0.6 s of CPU.
 */
const AHEAD = 8;

interface Pending {
  readonly doc: SemanticDocument;
  readonly settle: (bytes: Uint8Array) => void;
  readonly fail: (error: Error) => void;
}

/** One worker thread and the documents it holds. */
class PdfWorker {
  private readonly thread: Worker;
  private readonly held = new Map<number, Pending>();
  /** Who writes each document given (claims.ts). */
  private readonly claims: Int32Array;
  private readonly guard: StopGuard;
  private readonly asked = new Map<number, (learned: Known) => void>();
  private next = 0;
  /** Told what earlier runs learned: once, it keeps what it knows for its life. */
  private told = false;
  /** Given a document: only then has it found anything (and its warm-up is over). */
  private used = false;
  ready = false;
  /** Documents whose PDF it had written ahead, on a save. */
  takenAhead = 0;
  gone: string | undefined;
  onIdle: () => void = () => undefined;

  /** `started`: a thread started earlier (pdf-thread.ts), which may have said things already. */
  constructor(started: PdfThread) {
    adopt(started);
    this.thread = started.thread;
    this.claims = started.claims;
    this.guard = started.guard;
    for (const m of started.said) this.heard(m);
    if (started.stopped) this.stop(started.stopped);
    this.thread.on('message', (m: FromWorker) => this.heard(m));
    this.thread.on('error', (e) => this.stop(e.message));
    this.thread.on('exit', (code) => this.stop(exitReason(code)));
  }

  private heard(m: FromWorker): void {
    if (m.type === 'ready') this.ready = true;
    else if (m.type === 'learned') {
      this.asked.get(m.id)?.(m.learned);
      this.asked.delete(m.id);
      this.hold(false);
    } else {
      const p = this.held.get(m.id);
      this.held.delete(m.id);
      if (m.ahead && p) this.takenAhead++;
      if (m.bytes) p?.settle(m.bytes);
      else p?.fail(new Error(m.error ?? 'the PDF writer failed'));
      this.hold(false);
    }
    this.onIdle();
  }

  get room(): number {
    return this.gone ? 0 : AHEAD - this.held.size;
  }

  /** Documents given and not yet written (nor taken back). */
  get holding(): number {
    return this.held.size;
  }

  /**
   * While the pool waits on this worker (still warming up, or writing), its thread keeps
   * the process alive: an unreferenced thread does not, and a build that composed its one
   * document before the worker was warm would end without it.
   */
  hold(on: boolean): void {
    if (on) this.thread.ref();
    // Not once it is stopping: a message read meanwhile (a document it finished) must not let
    // the event loop of this thread end before the thread has.
    else if (!this.held.size && !this.asked.size && !this.gone) this.thread.unref();
  }

  tellKnown(known: Told): void {
    if (this.told || this.gone) return;
    this.told = true;
    // Serialized words go as a copy of their own, moved: the store's bytes are a view of
    // the whole store file, which a plain post would copy whole (and a Buffer's `slice` is
    // a view too, whose buffer moved would be the store's).
    const shaped = known.shaped && new Uint8Array(known.shaped);
    this.thread.postMessage(
      { type: 'known', known: shaped ? { ...known, shaped } : known } satisfies ToWorker,
      shaped ? [shaped.buffer as ArrayBuffer] : [],
    );
  }

  /** Nothing from a worker that has stopped or written nothing. */
  learned(): Promise<Known> {
    if (this.gone || !this.used) return Promise.resolve({ figures: [] });
    const id = this.next++;
    this.hold(true);
    this.thread.postMessage({ type: 'learned', id } satisfies ToWorker);
    return new Promise((resolve) => this.asked.set(id, resolve));
  }

  take(p: Pending): void {
    this.used = true;
    const id = this.next++;
    this.held.set(id, p);
    open(this.claims, id);
    this.thread.ref();
    this.thread.postMessage({ type: 'pdf', id, doc: p.doc } satisfies ToWorker);
  }

  /** A document to write ahead of any build and keep (worker.ts): nothing comes back. */
  writeAhead(doc: SemanticDocument, generation: number): void {
    if (this.gone) return;
    this.used = true;
    this.thread.postMessage({ type: 'ahead', doc, generation } satisfies ToWorker);
  }

  /** The document given last that this worker has not started, now this thread's to write. */
  steal(): Pending | undefined {
    for (const id of [...this.held.keys()].reverse()) {
      if (!claim(this.claims, id, Claim.Here)) continue;
      const p = this.held.get(id);
      this.held.delete(id);
      this.hold(false);
      return p;
    }
    return undefined;
  }

  private stop(reason: string): void {
    if (this.gone) return;
    this.gone = reason;
    for (const p of this.held.values()) p.fail(new Error(`PDF worker failed: ${reason}`));
    this.held.clear();
    for (const ask of this.asked.values()) ask({ figures: [] });
    this.asked.clear();
    this.onIdle();
  }

  async close(): Promise<void> {
    this.gone ??= 'closed';
    // Referenced until it has stopped: an unreferenced thread that is terminated lets the
    // event loop of this thread end first, and the command with it, before its result.
    this.thread.ref();
    // Never while it makes a zlib stream: Node would abort the process (runtime/thread-stop.ts).
    await stopGuarded(this.guard, () => this.thread.terminate());
  }
}

/** Worker threads started ahead of the workspace; given to `createPdfPool` once it is loaded. */
export interface Workers {
  readonly threads: readonly PdfWorker[];
}

/**
 * `count` workers: the threads started earlier (`early`, cli/early-thread.ts) and new ones
 * for the rest (none when the compiled worker is absent), with the young generation a
 * build of this size calls for (heap.ts).
 */
export function startWorkers(
  count: number,
  size: BuildSize = { projects: 1, rewritesAll: false },
  early: readonly PdfThread[] = [],
): Workers {
  const youngMb = youngGenerationMb(size);
  const threads = early.map((t) => new PdfWorker(t));
  if (existsSync(workerFile))
    while (threads.length < count) threads.push(new PdfWorker(spawnPdfThread(youngMb)));
  return { threads };
}

export async function stopWorkers(workers: Workers | undefined): Promise<void> {
  await Promise.all((workers?.threads ?? []).map((w) => w.close()));
}

/** The worker with the most room for documents, if any has room. */
function roomiest(workers: readonly PdfWorker[]): PdfWorker | undefined {
  let best: PdfWorker | undefined;
  for (const w of workers) if (w.room > 0 && (!best || w.room > best.room)) best = w;
  return best;
}

/** From the worker holding the most documents. */
function steal(workers: readonly PdfWorker[]): Pending | undefined {
  const byLoad = [...workers].sort((a, b) => b.holding - a.holding);
  for (const w of byLoad) {
    const p = w.steal();
    if (p) return p;
  }
  return undefined;
}

/** The PDF writer of this thread, imported when it first writes one (early workers need none of it). */
const writeHere: PdfWriter = async (doc) => (await import('../write/pdf.js')).writePdf(doc);

/**
 * PDFs written here and on `jobs − 1` workers: those given (started earlier, and owned
 * by the caller, who stops them: a `watch` session keeps them warm from one save to
 * the next), else new ones, stopped by `close`. Below two documents a worker that is not
 * warm yet would cost more than it saves: given ones are used, none is started.
 */
export function createPdfPool(jobs: number, documents: number, started?: Workers): PdfPool {
  const given = started?.threads.filter((w) => !w.gone) ?? [];
  const own = !given.length && documents > 1 ? startWorkers(jobs - 1).threads : [];
  return new WorkerPool(given.length ? given : own, own);
}

/** The documents queued on this thread, and the workers they go to. */
class WorkerPool implements PdfPool {
  private readonly queue: Pending[] = [];
  private readonly takenBefore: number;
  private wake: (() => void) | undefined;
  // This thread's PDF writer is cold until it has written one (about a second more for the
  // first): while a worker is still warming up, a document or two wait for it instead.
  private warmHere = false;
  private told = false;
  /** The workers' last reports of what they learned, if asked. */
  private reports: Promise<unknown> = Promise.resolve();

  /** `own`: the workers this pool started, and stops. */
  constructor(
    private readonly workers: readonly PdfWorker[],
    private readonly own: readonly PdfWorker[],
  ) {
    this.takenBefore = workers.reduce((n, w) => n + w.takenAhead, 0);
    for (const w of workers) w.onIdle = this.dispatch;
  }

  // One document at a time to the worker with the most room: several workers share the queue evenly.
  private readonly dispatch = (): void => {
    for (;;) {
      const w = this.queue.length ? roomiest(this.workers) : undefined;
      if (!w) break;
      w.take(this.queue.shift() as Pending);
    }
    this.wake?.();
  };

  private async writeOne(p = this.queue.pop()): Promise<void> {
    if (!p) return;
    this.warmHere = true;
    try {
      p.settle(await writeHere(p.doc));
    } catch (e) {
      p.fail(e instanceof Error ? e : new Error(String(e)));
    }
    // A PDF takes a while: read the workers' messages before the next one.
    await new Promise((resolve) => setImmediate(resolve));
  }

  readonly write: PdfWriter = (doc) => {
    if (!this.workers.length) return writeHere(doc);
    return new Promise<Uint8Array>((settle, fail) => {
      this.queue.push({ doc, settle, fail });
      this.dispatch();
    });
  };

  // This thread composes about three documents while a worker writes one PDF: it writes
  // PDFs too once a few wait, which also bounds the composed documents held in memory.
  async keepUp(waiting = 4 * this.workers.length): Promise<void> {
    while (this.queue.length > waiting) await this.writeOne();
  }

  async drain(): Promise<void> {
    for (;;) {
      const alive = this.workers.filter((w) => !w.gone);
      const next = this.nextHere(alive);
      if (next === 'done') return;
      if (next !== 'wait') {
        await this.writeOne(next);
        continue;
      }
      // Wait for a worker to finish (or fail); then look again.
      for (const w of alive) w.hold(true);
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
      for (const w of alive) w.hold(false);
    }
  }

  /** While draining, the document this thread writes next; else wait for a worker, or done. */
  private nextHere(alive: readonly PdfWorker[]): Pending | 'wait' | 'done' {
    const { queue } = this;
    if (queue.length && (this.warmHere || queue.length > alive.length * AHEAD)) return queue.pop()!;
    if (!alive.some((w) => w.holding > 0 || !w.ready)) return queue.pop() ?? 'done';
    // Warm and idle here: a document a worker holds but has not started is written here.
    return (this.warmHere ? steal(alive) : undefined) ?? 'wait';
  }

  pending(): number {
    return this.queue.length + this.workers.reduce((n, w) => n + w.holding, 0);
  }

  abandon(): void {
    this.queue.length = 0;
    for (const w of this.workers) while (w.steal()) continue;
  }

  handOver(): void {
    const { queue } = this;
    for (let p = queue.shift(); p; p = queue.shift()) {
      const alive = this.workers.filter((w) => !w.gone);
      const w = alive.sort((a, b) => a.holding - b.holding)[0];
      if (!w) return void queue.unshift(p);
      w.take(p);
    }
  }

  // Once: a pool that wrote documents before the build (load-and-begin.ts) was told then.
  tellKnown(known: Told): void {
    if (this.told) return;
    this.told = true;
    for (const w of this.workers) w.tellKnown(known);
    tellKnown(known);
  }

  async learned(): Promise<Known> {
    const here = whatWasLearned();
    const asking = Promise.all(this.workers.map((w) => w.learned()));
    this.reports = asking;
    return mergeKnown([here, ...(await asking)]);
  }

  // The workers outlive a pool (a build server's): this build's count only.
  takenAhead(): number {
    return this.workers.reduce((n, w) => n + w.takenAhead, 0) - this.takenBefore;
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.onIdle = () => undefined;
    // Workers of this pool's own are stopped once they have said what they learned.
    if (this.own.length) await this.reports;
    await stopWorkers({ threads: this.own });
  }
}

/**
 * A pool whose PDFs are written ahead of a build, and kept by the worker for the build that
 * asks for the same document (a build server, on a save: cli/serve-ahead.ts). Each goes to
 * one worker, so that the build finds it where it is kept; `generation` tells a newer save's
 * documents from an older one's. Nothing comes back: every PDF "written" here is empty.
 */
export function aheadPool(started: Workers | undefined, generation: number): PdfPool {
  const worker = started?.threads.find((w) => !w.gone);
  const none: Known = { figures: [] };
  return {
    write: (doc) => {
      worker?.writeAhead(doc, generation);
      return Promise.resolve(new Uint8Array(0));
    },
    keepUp: () => Promise.resolve(),
    drain: () => Promise.resolve(),
    pending: () => 0,
    abandon: () => undefined,
    handOver: () => undefined,
    tellKnown: () => undefined,
    learned: () => Promise.resolve(none),
    takenAhead: () => 0,
    close: () => Promise.resolve(),
  };
}
