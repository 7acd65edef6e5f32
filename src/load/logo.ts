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

export function loadLogo(
  reader: FileReader,
  rel: string,
  at: Where,
): { logo?: Logo; problems: Diagnostic[] } {
  const file = reader.path(rel);
  if (!reader.exists(rel) && !reader.wasRefused(rel))
    return {
      problems: [diagnose('file/missing', file, { kind: 'logo', rel }, at)],
    };
  if (/\.svg$/i.test(rel)) {
    const text = reader.read(rel);
    // Checked once per text (text/memo.ts), as the charts' drawings are: parsing it took several
    // milliseconds of every build.
    return text === undefined
      ? { problems: [] }
      : memo('svg-logo', [file, at, text], () => svgLogo(text, file, at));
  }
  if (/\.png$/i.test(rel)) {
    const bytes = reader.readBinary(rel);
    if (bytes === undefined) return { problems: [] };
    if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b))
      return { problems: [diagnose('file/encoding', file, { kind: 'logo-not-png' }, at)] };
    return {
      logo: { kind: 'png', dataUrl: `data:image/png;base64,${Buffer.from(bytes).toString('base64')}` },
      problems: [],
    };
  }
  return { problems: [diagnose('schema/invalid', file, { kind: 'logo-format' }, at)] };
}
