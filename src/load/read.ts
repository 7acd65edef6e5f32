/**
 * The loader's only door to the file system: reads project files and records
 * their hashes. It refuses, with a located problem, what must not be read: a
 * file whose real path (symlinks followed) lies outside the folder it serves, a
 * file over the size limit, a file that is not text. It never echoes what such a
 * file holds.
 */
import { readFileSync, readdirSync, realpathSync as realpathJs, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { finding, place, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import type { InputFile } from '../model/project.js';
import { sha256 } from '../text/hash.js';
import { decodeText } from './decode.js';
import { keepFile, knownFile, type KnownFile } from './file-cache.js';
import { limits } from './limits.js';

/**
 * The C library's realpath: one call, where Node's own walks the path a component at a
 * time (95 files of the example: 1.4 against 3–5.5 ms, every load). Both follow every link.
 */
const realpathSync = realpathJs.native;

/** True when `path` (already real) is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Texts that replace or add files for one load, by absolute path: what a write
 * would leave (`i18n import` checks the workspace it would make before writing it).
 */
export type Overlay = ReadonlyMap<string, string>;

export class FileReader {
  readonly inputs = new Map<string, InputFile>();
  /** Files refused (outside the folder, too large, not text), each reported once. */
  readonly problems: Diagnostic[] = [];
  private readonly refused = new Set<string>();
  private realRoot: string | undefined;
  constructor(
    readonly root: string,
    private readonly overlay: Overlay = new Map(),
  ) {}

  /** Absolute path of a project-relative path. */
  path(rel: string): string {
    return join(this.root, rel);
  }

  /** True when the file was there but refused: the caller reports nothing more about it. */
  wasRefused(rel: string): boolean {
    return this.refused.has(rel);
  }

  private refuse(rel: string, why: Finding): undefined {
    if (!this.refused.has(rel)) {
      this.refused.add(rel);
      this.problems.push(place(why, this.path(rel), { line: 1, column: 1 }));
    }
    return undefined;
  }

  /** The real path and stat of a file inside the root, or undefined (refused or missing). */
  private contained(rel: string): { real: string; stat: Stats } | undefined {
    const abs = this.path(rel);
    let found: { real: string; stat: Stats };
    try {
      found = this.realFile(abs);
    } catch {
      return undefined;
    }
    this.realRoot ??= realpathSync(this.root);
    if (!isInside(this.realRoot, found.real) || !isInside(this.root, abs))
      return this.refuse(rel, finding('file/outside-project', { kind: 'file', rel }));
    return found;
  }

  /**
   * Every link followed (the C library's realpath, one call), and the stat of what it leads
   * to. Each file's path is resolved afresh, as close to its read as can be: a folder's real
   * path kept for a whole load would let a folder swapped for a link meanwhile lead a read
   * outside the project.
   */
  private realFile(abs: string): { real: string; stat: Stats } {
    const real = realpathSync(abs);
    return { real, stat: statSync(real) };
  }

  exists(rel: string): boolean {
    if (this.overlay.has(this.path(rel))) return true;
    try {
      return statSync(this.path(rel)).isFile();
    } catch {
      return false;
    }
  }

  /**
   * A file's bytes and their hash, if it is inside the folder and within the size limit:
   * as read before while its stat is unchanged (file-cache.ts), else read now.
   */
  private fileOf(rel: string): KnownFile | undefined {
    const found = this.contained(rel);
    if (found === undefined) return undefined;
    const { real, stat } = found;
    // Listed by its name (`charts/x.vl.json`), a folder had been passed over as if absent.
    if (stat.isDirectory()) return this.refuse(rel, finding('file/unreadable', { kind: 'folder', rel }));
    // Opening a named pipe waits for a writer, for ever, in a call no signal interrupts;
    // a device (/dev/zero) never ends and has no size to hold to the limit.
    if (!stat.isFile()) return this.refuse(rel, finding('file/unreadable', { kind: 'special', rel }));
    if (stat.size > limits.fileBytes)
      return this.refuse(
        rel,
        finding('limit/file-size', { kind: 'content', rel, bytes: stat.size, maxBytes: limits.fileBytes }),
      );
    const known = knownFile(real, stat);
    if (known) return known;
    try {
      const readAt = Date.now();
      const bytes = readFileSync(real);
      const file: KnownFile = { bytes, sha256: sha256(bytes) };
      keepFile(real, stat, file, readAt);
      return file;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      return this.refuse(rel, finding('file/unreadable', { kind: 'read', rel, code }));
    }
  }

  read(rel: string): string | undefined {
    const pending = this.overlay.get(this.path(rel));
    if (pending !== undefined) return this.readPending(rel, pending);
    const file = this.fileOf(rel);
    if (file === undefined) return undefined;
    if (file.text === undefined) {
      const decoded = decodeText(file.bytes);
      if (!decoded.ok) return this.refuse(rel, finding('file/encoding', { rel, detail: decoded.message }));
      file.text = decoded.text;
    }
    this.inputs.set(rel, { path: rel, sha256: file.sha256 });
    return file.text;
  }

  /** A binary file (an image), recorded as an input like any text. No write lays images over the folder. */
  readBinary(rel: string): Uint8Array | undefined {
    const file = this.fileOf(rel);
    if (file !== undefined) this.inputs.set(rel, { path: rel, sha256: file.sha256 });
    return file?.bytes;
  }

  /**
   * A file as a write would leave it. It replaces whatever is at its path (a link
   * included), so only its folder must lie inside the root, like any file read.
   */
  private readPending(rel: string, text: string): string | undefined {
    if (!this.folderInside(rel))
      return this.refuse(rel, finding('file/outside-project', { kind: 'file', rel }));
    const size = Buffer.byteLength(text);
    if (size > limits.fileBytes)
      return this.refuse(
        rel,
        finding('limit/file-size', { kind: 'content', rel, bytes: size, maxBytes: limits.fileBytes }),
      );
    this.inputs.set(rel, { path: rel, sha256: sha256(text) });
    return text;
  }

  /** Whether the folder of `rel` (its nearest existing ancestor, links followed) lies inside the root. */
  private folderInside(rel: string): boolean {
    this.realRoot ??= realpathSync(this.root);
    for (let dir = dirname(this.path(rel)); ; dir = dirname(dir)) {
      try {
        return isInside(this.realRoot, realpathSync(dir));
      } catch {
        if (dirname(dir) === dir) return false;
      }
    }
  }

  /** Names of the pending files or folders directly in `relDir`. */
  private pendingIn(relDir: string, folders: boolean): string[] {
    const dir = this.path(relDir) + sep;
    const out: string[] = [];
    for (const abs of this.overlay.keys()) {
      if (!abs.startsWith(dir)) continue;
      const [name, ...rest] = abs.slice(dir.length).split(sep);
      if (name && rest.length > 0 === folders) out.push(name);
    }
    return out;
  }

  listDirs(relDir: string): string[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.path(relDir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch {
      // no such folder (yet)
    }
    return [...new Set([...names, ...this.pendingIn(relDir, true)])].sort();
  }

  list(relDir: string, suffix: string): string[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.path(relDir));
    } catch {
      // no such folder (yet)
    }
    return [...new Set([...names, ...this.pendingIn(relDir, false)])]
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => relative(this.root, join(this.path(relDir), f)));
  }
}
