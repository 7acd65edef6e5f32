/**
 * How `briefing build` talks to a build server (`briefing serve`, cli/serve-command.ts):
 * one Unix socket in the workspace's cache, reachable by its owner only. The client sends
 * one line of JSON (a `ServerRequest`); the server answers in lines of JSON (`ServerReply`):
 * what the build prints, as it prints it, then its exit code, or that it declines, and
 * the client then builds in its own process as it would without a server.
 *
 * Light on purpose: the client imports this before any of the tool's code.
 */
import { join, relative, resolve } from 'node:path';

/**
 * Where the socket lives, relative to the workspace (bin/briefing.js looks for it there): in
 * a folder of its own that only its owner may enter, so that nobody else can connect even in
 * the moment between its creation and its own permissions being set.
 */
export const SERVER_DIR = join('.cache', 'briefing', 'server');
export const SOCKET_IN_WORKSPACE = join(SERVER_DIR, 'socket');

/** How long a server waits for a build before it stops (`briefing serve --idle`). */
export const IDLE_MINUTES = 30;

/** Longer requests are not the client's: a command line is a few hundred bytes. */
export const MAX_LINE = 64 * 1024;

/**
 * The path to listen on or connect to. Relative when the workspace is the process's folder,
 * as it is for the command line: a socket's address holds at most 107 bytes, which a deep
 * workspace's absolute path could exceed.
 */
export function socketPath(cwd: string): string {
  const absolute = resolve(cwd, SOCKET_IN_WORKSPACE);
  return resolve(cwd) === process.cwd() ? relative(process.cwd(), absolute) : absolute;
}

export interface ServerRequest {
  /** The command line, `build` first. */
  readonly argv: readonly string[];
  /** The workspace, as the client's real path: a server builds only its own. */
  readonly cwd: string;
  /** Node's version: the PDFs' compressed streams come from its zlib. */
  readonly node: string;
  /** The client's standard output is a terminal this wide (the progress line), or not one. */
  readonly terminal?: { readonly columns: number };
}

export type ServerReply =
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

/** A request read from the wire, or undefined when it is not one. */
export function parseRequest(line: string): ServerRequest | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const argv = r.argv;
  const terminal = r.terminal as { columns?: unknown } | undefined;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return undefined;
  if (typeof r.cwd !== 'string' || typeof r.node !== 'string') return undefined;
  if (terminal !== undefined && (typeof terminal !== 'object' || typeof terminal?.columns !== 'number'))
    return undefined;
  return {
    argv: argv as string[],
    cwd: r.cwd,
    node: r.node,
    ...(terminal
      ? { terminal: { columns: Math.max(10, Math.min(1000, Number(terminal.columns) || 80)) } }
      : {}),
  };
}

/** A reply read from the wire, or undefined when it is not one. */
export function parseReply(line: string): ServerReply | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (typeof r.out === 'string') return { out: r.out };
  if (typeof r.err === 'string') return { err: r.err };
  if (typeof r.decline === 'string') return { decline: r.decline };
  if (typeof r.exit === 'number' && Number.isInteger(r.exit) && r.exit >= 0 && r.exit < 256)
    return { exit: r.exit };
  return undefined;
}
