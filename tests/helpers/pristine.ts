/**
 * A module of a package as the package comes, loaded afresh for the test that asks. The tool
 * patches pdfkit's and pdfmake's classes in place the first time a process writes a PDF
 * (src/write/pdfmake.ts), and test files share their process (vitest.config.ts), so a test
 * that compares a patch with the package's own code must not take the package from the shared
 * module cache: by then it may be patched already. Each call loads its own copy of the
 * package's files; the shared cache is left as it was.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of the package a request names (`pdfmake/js/SVGMeasure.js` → …/node_modules/pdfmake/). */
function packageFolder(request: string): string {
  const name = join(...request.split('/').slice(0, request.startsWith('@') ? 2 : 1));
  try {
    return dirname(require.resolve(join(name, 'package.json'))) + sep;
  } catch {
    // A package whose exports do not name its package.json (fontkit): the folder of its entry.
    const entry = require.resolve(name);
    const at = entry.lastIndexOf(`${sep}node_modules${sep}${name}${sep}`);
    return entry.slice(0, at + `${sep}node_modules${sep}${name}${sep}`.length);
  }
}

export function pristine<T>(request: string): T {
  const folder = packageFolder(request);
  const inFolder = (file: string): boolean => file.startsWith(folder);
  const shared = Object.entries(require.cache).filter(([file]) => inFolder(file));
  for (const [file] of shared) delete require.cache[file];
  try {
    return require(request) as T;
  } finally {
    for (const file of Object.keys(require.cache)) if (inFolder(file)) delete require.cache[file];
    for (const [file, module] of shared) require.cache[file] = module;
  }
}
