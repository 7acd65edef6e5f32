/**
 * The packages' own code that the adapter's tests compare with (tests/helpers/pristine.ts):
 * pdfmake's and pdfkit's, unpatched, though this process has written a PDF and patched the
 * copies every other file shares.
 */
import { expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { renderPdf } from '../src/write/pdfmake.js';
import { pristine } from './helpers/pristine.js';

const require = createRequire(import.meta.url);
type Class = { prototype: Record<string, unknown> };
const method = (request: string, name: string, copy: (r: string) => unknown): unknown => {
  const m = copy(request) as Class & { default?: Class };
  return (m.default ?? m).prototype[name];
};

test('pdfmake and pdfkit as they come, beside the patched copies the tool writes with', async () => {
  await renderPdf({ content: ['patched'] });
  for (const [request, name] of [
    ['pdfmake/js/StyleContextStack.js', 'getProperty'],
    ['pdfmake/js/SVGMeasure.js', 'measureSVG'],
    ['pdfkit', 'font'],
  ] as const) {
    const shared = method(request, name, require);
    const own = method(request, name, pristine);
    expect(typeof own).toBe('function');
    expect(shared).not.toBe(own);
    // A copy of its own each time, the shared one left as it was.
    expect(method(request, name, pristine)).not.toBe(own);
    expect(method(request, name, require)).toBe(shared);
  }
});
