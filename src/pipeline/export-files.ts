/**
 * An XLIFF export for translators (translation/xliff.ts makes the document) and, if asked,
 * the TBX termbase of the glossary terms its units use: made in memory, then written as the
 * build writes, one set committed at once under the lock of the folder it goes in (output.ts).
 */
import { realpathSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import type { Catalog, Unit } from '../translation/catalog.js';
import type { Glossary, Term } from '../translation/glossary.js';
import { GLOSSARY_SOURCE } from '../translation/glossary.js';
import { writeTbx } from '../translation/tbx.js';
import { termNote, termsIn } from '../translation/terms.js';
import { writeXliff } from '../translation/xliff.js';
import { writeFolderFiles } from './output.js';
import { toolVersion } from './translator.js';

type Glossaries = ReadonlyMap<string, Glossary>;

/** What an export is made of: the XLIFF text, and the termbase with how many terms it holds. */
export interface MadeExport {
  readonly xliff: string;
  readonly tbx: { readonly text: string; readonly terms: number } | undefined;
}

/** The XLIFF of `units` (each entry noted with the glossary terms it uses), and their termbase if `withTbx`. */
export function makeExport(
  catalog: Catalog,
  units: readonly Unit[],
  glossaries: Glossaries,
  withTbx: boolean,
): MadeExport {
  const locale = catalog.locale;
  const xliff = writeXliff(catalog, units, `briefing ${toolVersion}`, (unit, seg) => {
    const g = glossaries.get(unit.scope);
    const note = g ? termNote(seg.source, g, locale, unit.id) : undefined;
    return note ? [note] : [];
  });
  return { xliff, tbx: withTbx ? termbase(units, glossaries, locale) : undefined };
}

/** The glossary terms the units' source texts use, as TBX. */
function termbase(units: readonly Unit[], glossaries: Glossaries, locale: string): MadeExport['tbx'] {
  const used = new Set<Term>();
  for (const u of units) {
    const g = glossaries.get(u.scope);
    if (g) for (const seg of u.segments) for (const t of termsIn(seg.source, g)) used.add(t);
  }
  // Glossaries are of projects written in English only (translation/workspace.ts).
  const text = writeTbx(
    [...used],
    GLOSSARY_SOURCE,
    locale,
    `briefing glossary, ${GLOSSARY_SOURCE} → ${locale}`,
  );
  return { text, terms: used.size };
}

/** A file of the export, by its absolute path. */
export interface ExportFile {
  readonly path: string;
  readonly text: string;
}

/**
 * A file that is a link is written where it leads (as write-file-atomic, which wrote exports
 * before, did): `kk.xlf` linked into a folder shared with the translator had become a file
 * of its own, the shared one left as it was.
 */
function target(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // not there yet
  }
}

/** Writes the files, each folder's as one set under that folder's lock. */
export async function writeExportFiles(files: readonly ExportFile[]): Promise<void> {
  const byFolder = new Map<string, Map<string, string>>();
  for (const f of files) {
    const path = target(f.path);
    const folder = byFolder.get(dirname(path)) ?? new Map<string, string>();
    folder.set(basename(path), f.text);
    byFolder.set(dirname(path), folder);
  }
  for (const [dir, named] of byFolder) await writeFolderFiles(dir, named);
}
