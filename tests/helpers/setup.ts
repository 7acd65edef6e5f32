/**
 * Before each test file (vitest.config.ts: `setupFiles`). Files share their process, so
 * after each one, any built-in function it replaced is put back and the file fails, naming
 * them (tests/helpers/builtins.ts says why and which are watched; tests/helpers/pdfjs.ts loads
 * pdf.js without it). A replacement made after a file ends (by a timer it left) is the next
 * file's failure.
 */
import { afterAll } from 'vitest';
import { builtins, restoreBuiltins, type Builtins } from './builtins.js';

const FOUND = Symbol.for('briefing.tests.builtins');
const shared = globalThis as { [FOUND]?: Builtins };
const found = (shared[FOUND] ??= builtins());

afterAll(() => {
  const replaced = restoreBuiltins(found);
  if (replaced.length > 0)
    throw new Error(
      `this file replaced built-in functions (${replaced.join(', ')}), now put back: load the library that does it through a helper that puts them back, as tests/helpers/pdfjs.ts does`,
    );
});
