// Prints every output path a full build must produce: the matrix comes from the projects
// (their languages and audiences), never from a fixed list. Used by .ci/run.
import { loadWorkspace } from '../dist/pipeline/workspace.js';
import { plan } from '../dist/pipeline/plan.js';

const ws = loadWorkspace(process.cwd());
for (const doc of plan(ws.projects, {}))
  for (const format of doc.formats)
    console.log(`output/${doc.project.id}/${doc.locale}/${doc.kind}.${format}`);
for (const project of ws.projects) console.log(`output/${project.id}/manifest.json`);
console.log('output/index.html');
