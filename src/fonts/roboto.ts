/**
 * The one typeface of every document: Roboto, as bundled with pdfmake. It covers
 * Cyrillic and the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І). The PDF writer embeds it and
 * the chart renderer measures text with it, so chart layout matches the page.
 */
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
