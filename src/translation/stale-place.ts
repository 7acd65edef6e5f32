/**
 * Where a stale translation is, for its warning: the key of a text in `texts.yaml`, the
 * rendering in `quotations.yaml`, the first line of a Markdown file or interface strings. The
 * warning had named only the file, where every other problem names a line and a column.
 */
import type { Position } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../load/yaml.js';
import type { Unit } from './catalog.js';
import type { FileSet } from './files.js';
import { isRecord } from '../model/json.js';

const START: Position = { line: 1, column: 1 };

/** `file`: the file's absolute path, as the project's load parsed it (the same parse, kept). */
export function stalePlace(files: FileSet, unit: Unit, locale: string, file: string): Position {
  const text = files.get(unit.targetFile);
  if (text === undefined || !unit.targetFile.endsWith('.yaml')) return START;
  const parsed = parseYaml(text, file);
  if (unit.kind === 'quotation') {
    const id = unit.id.slice('quotations.'.length);
    const index = Array.isArray(parsed.data) ? parsed.data.findIndex((e) => isRecord(e) && e.id === id) : -1;
    return (index >= 0 && parsed.keyPositionOf([index, 'renderings', locale])) || START;
  }
  // A counted word's unit (`nouns.person`) is its forms' keys (`person_one`…): the first of them.
  const path = unit.id.split('.');
  const parentPath = path.slice(0, -1);
  let parent: unknown = parsed.data;
  for (const step of parentPath) parent = isRecord(parent) ? parent[step] : undefined;
  const last = path.at(-1) ?? '';
  const key = isRecord(parent)
    ? Object.keys(parent).find((k) => k === last || k.startsWith(`${last}_`))
    : undefined;
  return (key !== undefined && parsed.keyPositionOf([...parentPath, key])) || START;
}
