/**
 * The organisation's mark: an SVG or PNG inside the project folder, read like any
 * input and refused, at its place in project.yaml, if it is anything else or if an
 * SVG holds what could run, embed or fetch.
 */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { outsideVocabulary } from '../model/vocabulary.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Logo } from '../model/project.js';
import type { FileReader } from './read.js';
import { memo } from '../text/memo.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type Where = { line: number; column: number } | undefined;
const START = { line: 1, column: 1 };

function svgLogo(text: string, file: string, at: Where): { logo?: Logo; problems: Diagnostic[] } {
  const root = fromHtml(text, { fragment: true, space: 'svg' }) as Root;
  const svg = root.children.find((n) => n.type === 'element' && n.tagName === 'svg');
  const strangers = outsideVocabulary(root).filter((w) => !w.startsWith('svg title'));
  if (!svg || strangers.length)
    return {
      problems: [
        diagnose('file/encoding', file, svg ? { kind: 'logo-svg', strangers } : { kind: 'logo-not-svg' }, at),
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
