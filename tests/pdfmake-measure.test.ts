/**
 * pdfmake's reading and writing of a chart's size, done on the root `<svg>` tag
 * (write/pdfmake-measure.ts): the same answers as pdfmake's own, the rest of the SVG as
 * the writer made it, and a wrapped chart label drawn where the HTML page draws it.
 */
import { describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { patchSvgMeasure, type SvgMeasure } from '../src/write/pdfmake-measure.js';
import { renderPdf } from '../src/write/pdfmake.js';
import { readPdf } from './helpers/pdf-text.js';
import { pristine } from './helpers/pristine.js';

const require = createRequire(import.meta.url);
type SvgMeasureClass = new () => SvgMeasure;
// pdfmake's own class, even when this process has written a PDF (tests/helpers/pristine.ts).
const Original = pristine<{ default: SvgMeasureClass }>('pdfmake/js/SVGMeasure.js').default;
interface XmlNode {
  readonly type: string;
  readonly name?: string;
  readonly attr?: Record<string, string>;
  readonly text?: string;
  readonly children?: XmlNode[];
}
const { XmlDocument } = require('xmldoc') as { XmlDocument: new (s: string) => XmlNode };

/** An XML text as a tree: elements, attributes and text, without the whitespace between elements. */
const tree = (node: XmlNode): unknown =>
  node.type === 'element'
    ? {
        name: node.name,
        attr: node.attr,
        children: (node.children ?? []).filter((c) => c.type !== 'text' || c.text?.trim()).map(tree),
      }
    : { [node.type]: node.text };
const xml = (s: string): unknown => tree(new XmlDocument(s));

/** pdfmake's class, unpatched, and a subclass of it with the patch. */
const original = new Original();
class Patched extends Original {}
patchSvgMeasure(Patched.prototype);
const patched = new Patched();

const svgs = {
  'width and height': '<svg xmlns="http://www.w3.org/2000/svg" width="386" height="382"><g/></svg>',
  'units and a viewBox': `<svg width="300pt" height='12.5px' viewBox="0 0 600 25"><rect x="1"/></svg>`,
  'a viewBox only': '<svg viewBox="0,0,640 480" class="marks"><path d="M0,0L1,1"/></svg>',
  'a declaration, a comment and a ">" in a value':
    '<?xml version="1.0"?>\n<!-- drawn by Vega -->\n<svg aria-label="a &amp; b > c" width="10" height="20"></svg>',
  'a value in single quotes holding double quotes': `<svg aria-label='say "hi"' width="10" height="20"/>`,
  'no size at all': '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
};

describe('a chart’s size in the PDF', () => {
  test.each(Object.entries(svgs))('is read as pdfmake reads it: %s', (_name, svg) => {
    expect(patched.measureSVG(svg)).toEqual(original.measureSVG(svg));
  });

  test.each(Object.entries(svgs))(
    'is written as pdfmake writes it, nothing else changed: %s',
    (_name, svg) => {
      const size = { width: 321.5, height: 99 };
      const ours = patched.writeDimensions(svg, size) as string;
      // The same document once both are read as XML; pdfmake's text is indented, ours is not.
      expect(xml(ours)).toEqual(xml(original.writeDimensions(svg, size) as string));
      // Only the root tag changed: what comes before and after it is the writer's text.
      const rootTag = /<svg(\s+[^\s=>]+\s*=\s*("[^"]*"|'[^']*'))*\s*\/?>/;
      expect(ours.replace(rootTag, '<svg>')).toBe(svg.replace(rootTag, '<svg>'));
    },
  );

  test('a label wrapped on two lines is centred line by line, as on the HTML page', async () => {
    // Vega writes a wrapped label as one <text> with a <tspan> per line. pdfmake's indented
    // copy put a line break and spaces between them, which svg-to-pdfkit drew as a space at
    // the end of the first line: a centred first line stood half a space to the left.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">' +
      '<text text-anchor="middle" transform="translate(100,20)" font-family="Roboto" font-size="10">' +
      '<tspan>Almaty</tspan><tspan x="0" dy="12">Almaty</tspan></text></svg>';
    const pdf = await renderPdf({ content: [{ svg, width: 200 }], defaultStyle: { font: 'Roboto' } });
    const runs = (await readPdf(pdf)).pages[0]!.runs.filter((r) => r.str.trim() === 'Almaty');
    expect(runs).toHaveLength(2);
    expect(runs[0]!.x).toBeCloseTo(runs[1]!.x, 2);
  });
});
