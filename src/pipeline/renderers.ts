/**
 * The versions of everything that turns a document into bytes. Recorded per document
 * in the manifest: upgrading pdfmake, Vega, a font or Node's ICU data (which formats
 * every number and date) rebuilds what it could change, and nothing is left stale.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const packages = ['pdfmake', 'pdfkit', 'fontkit', 'vega', 'vega-lite', 'handlebars', 'i18next', 'unified'];

function packageVersion(name: string): string {
  try {
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'missing';
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
