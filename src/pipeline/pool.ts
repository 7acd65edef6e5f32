/**
 * Where documents are rendered: on the main thread, or on a pool of worker
 * threads (tinypool) when there is more than one job and more than one document.
 * Either way a render never rejects: a worker that dies becomes a diagnostic.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { diagnose } from '../diagnostics/diagnostic.js';
import { newCaches, renderDocument, type RenderJob, type RenderOutcome } from './render-document.js';
import type { WorkspaceData } from './worker.js';
import type { Workspace } from './workspace.js';

export interface Renderer {
  /** Whether documents may be handed over all at once (a pool queues them). */
  readonly parallel: boolean;
  render(job: RenderJob): Promise<RenderOutcome>;
  close(): Promise<void>;
}

const WORKER_HEAP_MB = 128;

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

/** Renders on the main thread with the workspace it already has. */
export function inlineRenderer(ws: Workspace): Renderer {
  const caches = newCaches();
  return { parallel: false, render: (job) => renderDocument(ws, job, caches), close: async () => undefined };
}

/**
 * A pool of `jobs` workers, each given the loaded workspace once. Below two documents
 * the pool would cost more to start than it saves, so they are rendered inline.
 */
export function createRenderer(ws: Workspace, jobs: number, documents: number): Renderer {
  const threads = Math.min(jobs, documents);
  if (threads < 2 || !existsSync(workerFile)) return inlineRenderer(ws);
  const pool = new Tinypool({
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    workerData: workspaceData(ws),
    // The pool lives for one build: idle workers are not worth keeping warm.
    idleTimeout: 0,
    // V8 grows a heap long before it must; a cap makes each worker collect instead of
    // growing (about 10% more CPU), which keeps two workers and the main thread within
    // the memory of one unbounded thread.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return {
    parallel: true,
    render: async (job) => {
      try {
        return (await pool.run(job)) as RenderOutcome;
      } catch (e) {
        const path = `${job.project}/${job.locale}/${job.kind}`;
        const reason = e instanceof Error ? e.message : String(e);
        return {
          diagnostics: [diagnose('internal/error', path, { detail: `render worker failed: ${reason}` })],
        };
      }
    },
    close: () => pool.destroy(),
  };
}
