/**
 * A manifest's bytes: exactly `JSON.stringify(manifest, null, 2) + '\n'` as UTF-8, made
 * from pieces kept by entry. A project's manifest is a megabyte (every sentence that shows
 * a figure, for each of its documents), and `watch` writes it on every save with one or
 * two entries changed: stringifying and encoding the whole of it took 20–25 ms of a save's
 * 320, on the path between the last PDF and the line that says the build is done.
 */

/** A value's bytes as it stands in the manifest at a depth (1 or 2), by depth and value. */
const pieces = { 1: new WeakMap<object, Buffer>(), 2: new WeakMap<object, Buffer>() };

function piece(value: object, depth: 1 | 2): Buffer {
  let bytes = pieces[depth].get(value);
  if (!bytes) {
    // Laid out where it stands, inside a wrapper that is cut off again: JSON.stringify
    // indents it as the whole would (a second pass adding the indent cost a cold build 6 ms).
    const text = JSON.stringify(depth === 1 ? { d: value } : { d: [value] }, null, 2);
    const head = depth === 1 ? '{\n  "d": '.length : '{\n  "d": [\n    '.length;
    const tail = depth === 1 ? '\n}'.length : '\n  ]\n}'.length;
    bytes = Buffer.from(text.slice(head, text.length - tail));
    pieces[depth].set(value, bytes);
  }
  return bytes;
}

/**
 * An entry's text made ahead, as it will stand among the documents: a build lays out each
 * file's entry as the file comes, while its last PDFs are still being written, rather than
 * all of them after the last (a cold build's 24 took 24–41 ms there).
 */
export function layOutAhead(entry: object): void {
  piece(entry, 2);
}

interface ManifestLike {
  readonly project: string;
  readonly documents: readonly object[];
  readonly snapshot?: object;
}

/** The manifest's keys in the order the text is laid out in (`mergeManifest` makes them so). */
function laidOut(manifest: ManifestLike): boolean {
  const keys = Object.keys(manifest);
  return (
    keys[0] === 'project' &&
    keys[1] === 'documents' &&
    (keys.length === 2 || (keys.length === 3 && keys[2] === 'snapshot' && manifest.snapshot !== undefined))
  );
}

/**
 * The manifest as its file holds it. Entries and the snapshot are kept by identity: they
 * must not change once written (read-only values, made afresh by `mergeManifest`).
 */
export function manifestBytes(manifest: ManifestLike): Buffer {
  if (!laidOut(manifest)) return Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  const parts: Buffer[] = [
    Buffer.from(`{\n  "project": ${JSON.stringify(manifest.project)},\n  "documents": `),
  ];
  if (!manifest.documents.length) parts.push(Buffer.from('[]'));
  else {
    const comma = Buffer.from(',\n    ');
    parts.push(Buffer.from('[\n    '));
    manifest.documents.forEach((entry, i) => {
      if (i) parts.push(comma);
      parts.push(piece(entry, 2));
    });
    parts.push(Buffer.from('\n  ]'));
  }
  if (manifest.snapshot !== undefined)
    parts.push(Buffer.from(',\n  "snapshot": '), piece(manifest.snapshot, 1));
  parts.push(Buffer.from('\n}\n'));
  return Buffer.concat(parts);
}
