/**
 * A render worker (see pool.ts). It warms the renderers up as soon as it starts, gets
 * the workspace the main thread loaded (plain data, copied once: no file is read or
 * parsed again), compiles each project's templates once, and then composes and writes
 * every document it is given, with its own caches (translators, parsed fonts, shaped
 * words, chart fonts) for the life of the build.
 */
import { parentPort } from 'node:worker_threads';
import { compileTemplates } from '../compose/handlebars.js';
import type { Workspace } from './workspace.js';
import { newCaches, renderDocument, type RenderJob, type RenderOutcome } from './render-document.js';
import { warmUp } from './warm-up.js';

/** The workspace without its compiled templates (functions cannot cross to a thread). */
export type WorkspaceData = Omit<Workspace, 'templates'>;

export type ToWorker =
  | { readonly type: 'workspace'; readonly data: WorkspaceData }
  | { readonly type: 'render'; readonly id: number; readonly job: RenderJob };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcome: RenderOutcome };

const port = parentPort;
if (port) {
  let workspace: Workspace | undefined;
  const caches = newCaches();
  // Messages wait in order: the workspace is always handled before the first document.
  const warm = warmUp();
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue.then(async () => {
      if (m.type === 'workspace') {
        await warm;
        // Each project's own templates in place of the tool's, as the main thread compiled them.
        const templates = new Map(m.data.projects.map((p) => [p.id, compileTemplates(m.data.toolkit, p)]));
        workspace = { ...m.data, templates };
        port.postMessage({ type: 'ready' } satisfies FromWorker);
        return;
      }
      const outcome: RenderOutcome = workspace
        ? await renderDocument(workspace, m.job, caches)
        : { diagnostics: [] };
      // Moved, not copied, when a file owns its whole buffer (never a slice of a shared pool).
      const buffers = (outcome.rendered?.files ?? [])
        .map((f) => f.bytes)
        .filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
        .map((b) => b.buffer as ArrayBuffer);
      port.postMessage({ type: 'done', id: m.id, outcome } satisfies FromWorker, buffers);
    });
  });
}
