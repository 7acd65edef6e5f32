/**
 * The versions of everything that turns a document into bytes. Recorded per document
 * in the manifest: upgrading pdfmake, Vega, a font or Node's ICU data (which formats
 * every number and date) rebuilds what it could change, and nothing is left stale.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** harfbuzzjs shapes the PDFs' text and measures the charts' labels; subset-font cuts the HTML pages' chart font. */
const packages = [
  'pdfmake',
  'pdfkit',
  'fontkit',
  'harfbuzzjs',
  'subset-font',
  'vega',
  'vega-lite',
  'handlebars',
  'i18next',
  'unified',
];

function packageVersion(name: string): string {
  try {
    return versionIn(packageFile(name));
  } catch {
    return 'missing';
  }
}

const versionIn = (file: string): string =>
  (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';

/** A package's package.json, also where its `exports` do not list it (harfbuzzjs). */
function packageFile(name: string): string {
  try {
    return require.resolve(`${name}/package.json`);
  } catch {
    // Up from its entry point to the folder named after it.
    let dir = dirname(require.resolve(name));
    while (basename(dir) !== name && dirname(dir) !== dir) dir = dirname(dir);
    return join(dir, 'package.json');
  }
}

/** The bundled Roboto files pdfmake embeds, by content. */
function fontsHash(): string {
  const hash = createHash('sha256');
  for (const face of ['Regular', 'Medium', 'Italic', 'MediumItalic']) {
    try {
      hash.update(readFileSync(require.resolve(`pdfmake/build/fonts/Roboto/Roboto-${face}.ttf`)));
    } catch {
      hash.update(`missing ${face}`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

let cached: Record<string, string> | undefined;

export function rendererVersions(): Record<string, string> {
  cached ??= {
    ...Object.fromEntries(packages.map((p) => [p, packageVersion(p)])),
    fonts: fontsHash(),
    icu: `${process.versions.icu ?? 'none'} (${process.versions.unicode ?? ''}, tz ${process.versions.tz ?? ''})`,
  };
  return cached;
}
