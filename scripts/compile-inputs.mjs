// What dist/ is compiled from, as one hash: the sources, the compilers' settings, the scripts
// that bundle, and the installed packages. scripts/bundle.mjs, the last step of every
// compile, records it in dist/; `npm test` compiles again only when it differs.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const files = [
  ...readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join('src', f)),
  'scripts/bundle.mjs',
  'scripts/ascii.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
].sort();

export const RECORD = 'dist/.compiled-from';

export function compileInputs() {
  const hash = createHash('sha256').update(`${process.version}\n`);
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}
