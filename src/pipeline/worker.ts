/**
 * A render worker of the pool (see pool.ts). It gets the workspace the main thread
 * loaded (plain data, copied once when the worker starts: no file is read or parsed
 * again), compiles the templates once, and then composes and writes every document
 * it is given, with its own caches (translators, charts, parsed fonts) for the life of the pool.
 */
import Tinypool from 'tinypool';
import { compileTemplates } from '../write/templates.js';
import type { Workspace } from './workspace.js';
import { newCaches, renderDocument, type RenderJob, type RenderOutcome } from './render-document.js';

/** The workspace without its compiled templates (functions cannot cross to a thread). */
export type WorkspaceData = Omit<Workspace, 'templates'>;

let workspace: Workspace | undefined;
const caches = newCaches();

function loaded(): Workspace {
  if (!workspace) {
    // tinypool hands each worker the pool's workerData beside its own.
    const data = Tinypool.workerData as WorkspaceData;
    // Each project's own templates in place of the tool's, as the main thread compiled them.
    const templates = new Map(data.projects.map((p) => [p.id, compileTemplates(data.toolkit, p)]));
    workspace = { ...data, templates };
  }
  return workspace;
}

export default async function render(job: RenderJob): Promise<RenderOutcome> {
  return renderDocument(loaded(), job, caches);
}
