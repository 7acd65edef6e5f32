/** The pdfmake fixture documents, and pdfmake's own bytes for them, made in a process of its own. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { roboto } from '../../src/fonts/roboto.js';

const fixture = new URL('../fixtures/pdfmake/relayout.mjs', import.meta.url);
export type Fixture = 'documentDefinition' | 'otherDocumentDefinition' | 'restyledDocumentDefinition';
export const definitions = (await import(fixture.href)) as Record<Fixture, () => TDocumentDefinitions>;
const root = fileURLToPath(new URL('../..', import.meta.url));
// The compiled patch (npm test compiles first): the child process runs plain Node.
const linePatch = new URL('../../dist/write/pdfmake-lines.js', import.meta.url).href;

/** pdfmake in a process of its own, with nothing patched or with the line patch only: its bytes. */
export function pdfmakeAlone(name: Fixture, patch: 'none' | 'lines'): Buffer {
  const script = `
    const pm = require('pdfmake');
    pm.setFonts({ Roboto: ${JSON.stringify(roboto)} });
    pm.setUrlAccessPolicy(() => false);
    (${JSON.stringify(patch)} === 'lines'
      ? import(${JSON.stringify(linePatch)}).then((m) => m.installLineText())
      : Promise.resolve())
      .then(() => import(${JSON.stringify(fixture.href)}))
      .then((f) => pm.createPdf(f[${JSON.stringify(name)}]()).getBuffer())
      .then((b) => process.stdout.write(b.toString('base64')));`;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, TZ: 'UTC', NODE_OPTIONS: '' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Buffer.from(r.stdout, 'base64');
}
