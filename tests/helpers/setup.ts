/**
 * Before each test file (vitest.config.ts: `setupFiles`). Files share their process, so
 * after each one, any built-in function it replaced is put back and the file fails, naming
 * them (tests/helpers/builtins.ts says why; tests/helpers/pdfjs.ts loads pdf.js without it).
 */
import { afterAll } from 'vitest';
import { builtins, restoreBuiltins, type Builtins } from './builtins.js';

const FOUND = Symbol.for('briefing.tests.builtins');
const process = globalThis as { [FOUND]?: Builtins };
const found = (process[FOUND] ??= builtins());

afterAll(() => {
  const replaced = restoreBuiltins(found);
  if (replaced.length > 0)
    throw new Error(
      `this file replaced built-in functions (${replaced.join(', ')}), now put back: load the library that does it through a helper that puts them back, as tests/helpers/pdfjs.ts does`,
    );
});
