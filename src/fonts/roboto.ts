/**
 * The one typeface of every document: Roboto, as bundled with pdfmake. It covers
 * Cyrillic and the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І). The PDF writer embeds it and
 * the chart renderer measures text with it, so chart layout matches the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

export const roboto = {
  normal: join(dir, 'Roboto-Regular.ttf'),
  bold: join(dir, 'Roboto-Medium.ttf'),
  italics: join(dir, 'Roboto-Italic.ttf'),
  bolditalics: join(dir, 'Roboto-MediumItalic.ttf'),
} as const;

export type RobotoStyle = keyof typeof roboto;

/** A face's file, read once per thread: the charts measure with it and the HTML pages' font is cut from it. */
const files = new Map<string, Buffer>();
export function faceBytes(file: string): Buffer {
  let bytes = files.get(file);
  if (!bytes) files.set(file, (bytes = readFileSync(file)));
  return bytes;
}
