/**
 * The organisation's mark: an SVG or PNG inside the project folder, read like any
 * input and refused, at its place in project.yaml, if it is anything else or if an
 * SVG holds what could run, embed or fetch.
 */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { vocabularyProblems } from '../model/vocabulary.js';
import { limits } from './limits.js';
import { offsetIn } from './markdown.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Logo } from '../model/project.js';
import type { FileReader } from './read.js';
import { memo } from '../text/memo.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type Where = { line: number; column: number } | undefined;
const START = { line: 1, column: 1 };

function svgLogo(text: string, file: string, at: Where): { logo?: Logo; problems: Diagnostic[] } {
  // A document type declares entities (`<!ENTITY x SYSTEM "file:///etc/passwd">`) that an XML
  // reader would fetch and expand; the HTML parser kept `&x;` as text and it was published.
  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration)
    return {
      problems: [
        diagnose(
          'file/encoding',
          file,
          { kind: 'logo-doctype', what: `<!${declaration[1]?.toUpperCase() ?? ''}` },
          offsetIn(START, text, declaration.index),
        ),
      ],
    };
  const root = fromHtml(text, { fragment: true, space: 'svg' }) as Root;
  const svg = root.children.find((n) => n.type === 'element' && n.tagName === 'svg');
  const found = vocabularyProblems(root).filter((w) => !w.what.startsWith('svg title'));
  const strangers = found.map((w) => w.what);
  // At the first element that holds what is refused: the logo's own line and column.
  const first = found[0];
  const where = first?.line !== undefined ? { line: first.line, column: first.column ?? 1 } : at;
  if (!svg || strangers.length)
    return {
      problems: [
        diagnose(
          'file/encoding',
          file,
          svg ? { kind: 'logo-svg', strangers } : { kind: 'logo-not-svg' },
          svg ? where : at,
        ),
      ],
    };
  return { logo: { kind: 'svg', svg: text.slice(text.indexOf('<svg')) }, problems: [] };
}

/**
 * The logo `project.yaml` names (`declared`: that file, and where its `logo:` is). A logo
 * missing or of another format is reported there, where it is named; one whose content is
 * wrong, in its own file (the missing one had been reported in the logo's file, which does
 * not exist, at the line of project.yaml's entry).
 */
export function loadLogo(
  reader: FileReader,
  rel: string,
  declared: { readonly file: string; readonly at: Where },
): { logo?: Logo; problems: Diagnostic[] } {
  const file = reader.path(rel);
  if (!reader.exists(rel) && !reader.wasRefused(rel))
    return {
      problems: [diagnose('file/missing', declared.file, { kind: 'logo', rel }, declared.at)],
    };
  if (/\.svg$/i.test(rel)) {
    const text = reader.read(rel);
    // Checked once per text (text/memo.ts), as the charts' drawings are: parsing it took several
    // milliseconds of every build.
    return text === undefined
      ? { problems: [] }
      : memo('svg-logo', [file, text], () => svgLogo(text, file, START));
  }
  if (/\.png$/i.test(rel)) {
    const bytes = reader.readBinary(rel);
    if (bytes === undefined) return { problems: [] };
    if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b) || !wholePng(bytes))
      return { problems: [diagnose('file/encoding', file, { kind: 'logo-not-png' }, START)] };
    // Its size as the header declares it: 100000 × 100000 pixels passed, and drawing the PDF then
    // took minutes (a few kilobytes of compressed zeros are enough to declare it).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    if (width > limits.logoSide || height > limits.logoSide)
      return {
        problems: [
          diagnose('file/encoding', file, { kind: 'logo-size', width, height, max: limits.logoSide }, START),
        ],
      };
    return {
      logo: { kind: 'png', dataUrl: `data:image/png;base64,${Buffer.from(bytes).toString('base64')}` },
      problems: [],
    };
  }
  return { problems: [diagnose('schema/invalid', declared.file, { kind: 'logo-format' }, declared.at)] };
}

/**
 * Every chunk of the PNG whole, from its header to its end: a file cut short had passed the
 * signature check, and the PDF writer then failed on it as on a bug.
 */
function wholePng(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  let at = PNG_SIGNATURE.length;
  let first = true;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const name = type(at + 4);
    if (first && name !== 'IHDR') return false;
    first = false;
    at += 12 + length;
    if (at > bytes.length) return false;
    if (name === 'IEND') return true;
  }
  return false;
}
