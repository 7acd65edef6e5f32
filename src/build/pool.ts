/**
 * Where documents are rendered: on the main thread, and with `--jobs N` on N−1 worker
 * threads beside it (on two cores the main thread is one of the two renderers; a pool of
 * two workers left it idle and duplicated every start-up).
 *
 * Workers can be started before the workspace is loaded (`startWorkers`): each imports
 * the renderers and warms them up on a small document while the main thread loads; the
 * workspace reaches it once, as data. A worker takes jobs only once it is ready, from the
 * front of the queue; the main thread takes them from the back, so each thread mostly
 * renders one language (its shaped words and chart font are reused). Either way a render
 * never rejects: a worker that dies becomes a diagnostic for its documents.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { RenderCaches, RenderJob, RenderOutcome } from './render-document.js';
import type { FromWorker, ToWorker, WorkspaceData } from './worker.js';
import type { Workspace } from './workspace.js';

export interface Renderer {
  /** Queues a document; the promise settles when it is rendered, never with a rejection. */
  render(job: RenderJob): Promise<RenderOutcome>;
  /** Renders on this thread what no worker has taken, then waits for the workers' last documents. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A worker's heap is capped: V8 grows a heap long before it must, and a cap makes it
 * collect instead, which keeps a worker and the main thread within the memory budget.
 */
const WORKER_HEAP_MB = 192;
/** Documents handed to a ready worker ahead of time, so it never waits for the main thread. */
const AHEAD = 2;

/** The compiled worker; absent when the sources run untranspiled (tests), which then render inline. */
const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));

/** What a worker needs of the workspace: its data, copied once per worker by structured clone. */
function workspaceData(ws: Workspace): WorkspaceData {
  const { root, toolkit, projects, translations } = ws;
  // Positions are lookups (functions) for diagnostics at load; a renderer needs none.
  const plain = projects.map((p) => ({
    ...p,
    charts: new Map([...p.charts].map(([id, c]) => [id, { id: c.id, file: c.file, spec: c.spec }])),
  }));
  return {
    root,
    toolkit: { ...toolkit, localePositions: new Map() },
    projects: plain,
    translations,
    diagnostics: [],
  };
}

interface Pending {
  readonly job: RenderJob;
  readonly settle: (outcome: RenderOutcome) => void;
}

/** One worker thread and the documents it holds. */
class RenderWorker {
  private readonly thread: Worker;
  private readonly held = new Map<number, Pending>();
  private next = 0;
  ready = false;
  gone: string | undefined;
  onIdle: () => void = () => undefined;

  constructor() {
    this.thread = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.thread.on('message', (m: FromWorker) => {
      if (m.type === 'ready') this.ready = true;
      else {
        this.held.get(m.id)?.settle(m.outcome);
        this.held.delete(m.id);
        if (!this.held.size) this.thread.unref();
      }
      this.onIdle();
    });
    this.thread.on('error', (e) => this.fail(e.message));
    this.thread.on('exit', (code) => this.fail(`it stopped (exit code ${code})`));
    // An idle worker (warming up, or waiting for work) must not keep a finished command alive.
    this.thread.unref();
  }

  get room(): number {
    return this.ready && !this.gone ? AHEAD - this.held.size : 0;
  }

  get busy(): boolean {
    return this.held.size > 0;
  }

  send(message: ToWorker): void {
    this.thread.postMessage(message);
  }

  take(p: Pending): void {
    const id = this.next++;
    this.held.set(id, p);
    this.thread.ref();
    this.send({ type: 'render', id, job: p.job });
  }

  private fail(reason: string): void {
    if (this.gone) return;
    this.gone = reason;
    for (const { job, settle } of this.held.values()) {
      const path = `${job.project}/${job.locale}/${job.kind}`;
      settle({ diagnostics: [diagnostic('internal/error', path, `render worker failed: ${reason}`)] });
    }
    this.held.clear();
    this.onIdle();
  }

  async close(): Promise<void> {
    this.gone ??= 'closed';
    await this.thread.terminate();
  }
}

/** Worker threads started ahead of the workspace; given to `createRenderer` once it is loaded. */
export interface Workers {
  readonly threads: readonly RenderWorker[];
}

/** Starts `count` workers now (none when the compiled worker is absent). */
export function startWorkers(count: number): Workers {
  return { threads: existsSync(workerFile) ? Array.from({ length: count }, () => new RenderWorker()) : [] };
}

export async function stopWorkers(workers: Workers | undefined): Promise<void> {
  await Promise.all((workers?.threads ?? []).map((w) => w.close()));
}

/**
 * Renders on this thread and on `jobs − 1` workers (those given, started earlier, or
 * new ones). Below two documents workers would cost more than they save: this thread
 * renders alone and the workers are stopped.
 */
export function createRenderer(ws: Workspace, jobs: number, documents: number, started?: Workers): Renderer {
  const wanted = Math.min(jobs, documents) - 1;
  const given = started?.threads ?? [];
  const extra = wanted > given.length ? startWorkers(wanted - given.length).threads : [];
  const workers = [...given, ...extra].slice(0, Math.max(0, wanted));
  const spare = [...given, ...extra].slice(workers.length);
  void Promise.all(spare.map((w) => w.close()));
  const data = workers.length ? workspaceData(ws) : undefined;
  for (const w of workers) if (data) w.send({ type: 'workspace', data });

  // The renderers are imported when this thread first renders (early workers need none of them).
  let caches: RenderCaches | undefined;
  const renderHere = async (job: RenderJob): Promise<RenderOutcome> => {
    const { newCaches, renderDocument } = await import('./render-document.js');
    caches ??= newCaches();
    return renderDocument(ws, job, caches);
  };
  const queue: Pending[] = [];
  let wake: (() => void) | undefined;
  const dispatch = (): void => {
    for (const w of workers) while (w.room > 0 && queue.length) w.take(queue.shift() as Pending);
    wake?.();
  };
  for (const w of workers) w.onIdle = dispatch;

  return {
    render: (job) =>
      new Promise<RenderOutcome>((settle) => {
        queue.push({ job, settle });
        dispatch();
      }),
    drain: async () => {
      for (;;) {
        const mine = queue.pop();
        if (mine) {
          mine.settle(await renderHere(mine.job));
          continue;
        }
        if (!workers.some((w) => w.busy)) return;
        // Wait for a worker to finish (or fail): its documents may come back to the queue's end.
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
    close: () => stopWorkers({ threads: workers }),
  };
}
