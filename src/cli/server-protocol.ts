/**
 * How `briefing build` talks to a build server (`briefing serve`, cli/serve-command.ts):
 * one Unix socket in the workspace's cache, reachable by its owner only. The client sends
 * one line of JSON (a `ServerRequest`); the server answers in lines of JSON (`ServerReply`):
 * what the build prints, as it prints it, then its exit code, or that it declines, and
 * the client then builds in its own process as it would without a server.
 *
 * Light on purpose: the client imports this before any of the tool's code.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFile } from '../pipeline/cache-dir.js';

/**
 * Where the socket lives, relative to the workspace (bin/briefing.js looks for it there): in
 * a folder of its own that only its owner may enter, so that nobody else can connect even in
 * the moment between its creation and its own permissions being set.
 */
export const SERVER_DIR = cacheFile('', 'server');
export const SOCKET_IN_WORKSPACE = join(SERVER_DIR, 'socket');

/** How long a server waits for a build before it stops (`briefing serve --idle`). */
export const IDLE_MINUTES = 30;

/** Longer lines are not the other side's: a command line is a few hundred bytes. */
export const MAX_LINE = 64 * 1024;

/** What is printed goes in pieces of at most this many characters (six bytes each escaped, at worst). */
export const PIECE = 8 * 1024;

/** Text in pieces that each fit in a line, never cut inside a character outside the BMP. */
export function pieces(s: string, size = PIECE): string[] {
  const out: string[] = [];
  for (let at = 0; at < s.length;) {
    let end = Math.min(s.length, at + size);
    const last = s.charCodeAt(end - 1);
    if (end < s.length && end - 1 > at && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(s.slice(at, end));
    at = end;
  }
  return out.length ? out : [s];
}

/**
 * The path to listen on or connect to. Relative when the workspace is the process's folder,
 * as it is for the command line: a socket's address holds at most 107 bytes, which a deep
 * workspace's absolute path could exceed.
 */
export function socketPath(cwd: string): string {
  const absolute = resolve(cwd, SOCKET_IN_WORKSPACE);
  return resolve(cwd) === process.cwd() ? relative(process.cwd(), absolute) : absolute;
}

/**
 * The installed tool, by the stat of what a server runs: the packages' lock and the compiled
 * bundles (`npm ci` or a compile changes them). A server declines a client whose tool is not
 * the one it started with, and stops once its own files have changed.
 */
export function codeStamp(): string {
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  const files = [
    join(dirname(code), 'node_modules', '.package-lock.json'),
    ...['cli/worker.bundle.cjs', 'pipeline/worker.bundle.cjs', 'charts/render.bundle.cjs'].map((f) =>
      join(code, f),
    ),
  ];
  return files
    .map((f) => {
      try {
        const s = statSync(f, { bigint: true });
        return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      } catch {
        return '-';
      }
    })
    .join(' ');
}

export interface ServerRequest {
  /** The command line, `build` first. */
  readonly argv: readonly string[];
  /** The client's tool (`codeStamp`). */
  readonly tool: string;
  /** The workspace, as the client's real path: a server builds only its own. */
  readonly cwd: string;
  /** Node's version: the PDFs' compressed streams come from its zlib. */
  readonly node: string;
  /** The client's standard output is a terminal this wide (the progress line), or not one. */
  readonly terminal?: { readonly columns: number };
}

export type ServerReply =
  /** The request is taken, behind this many builds. */
  | { readonly queued: number }
  | { readonly out: string }
  | { readonly err: string }
  | { readonly exit: number }
  | { readonly decline: string };

/** Calls `onLine` with each complete line read; false once a line grows beyond `MAX_LINE`. */
export function lineReader(onLine: (line: string) => void): (chunk: Buffer | string) => boolean {
  let rest = '';
  return (chunk) => {
    rest += String(chunk);
    for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n')) {
      onLine(rest.slice(0, end));
      rest = rest.slice(end + 1);
    }
    return rest.length <= MAX_LINE;
  };
}

/**
 * A line's JSON object, or undefined. Checked by hand, not with the schemas' library: the
 * client reads these before any of the tool's code, and loading zod would cost it more than
 * the build it hands over.
 */
function objectOf(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A request read from the wire, or undefined when it is not one. */
export function parseRequest(line: string): ServerRequest | undefined {
  const r = objectOf(line);
  if (!r) return undefined;
  const argv = r.argv;
  const terminal = r.terminal as { columns?: unknown } | undefined;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return undefined;
  if (typeof r.cwd !== 'string' || typeof r.node !== 'string' || typeof r.tool !== 'string') return undefined;
  if (terminal !== undefined && (typeof terminal !== 'object' || typeof terminal?.columns !== 'number'))
    return undefined;
  return {
    argv: argv as string[],
    tool: r.tool,
    cwd: r.cwd,
    node: r.node,
    ...(terminal
      ? { terminal: { columns: Math.max(10, Math.min(1000, Number(terminal.columns) || 80)) } }
      : {}),
  };
}

/** A reply read from the wire, or undefined when it is not one. */
export function parseReply(line: string): ServerReply | undefined {
  const r = objectOf(line);
  if (!r) return undefined;
  if (typeof r.queued === 'number' && Number.isInteger(r.queued) && r.queued >= 0)
    return { queued: r.queued };
  if (typeof r.out === 'string') return { out: r.out };
  if (typeof r.err === 'string') return { err: r.err };
  if (typeof r.decline === 'string') return { decline: r.decline };
  if (typeof r.exit === 'number' && Number.isInteger(r.exit) && r.exit >= 0 && r.exit < 256)
    return { exit: r.exit };
  return undefined;
}
