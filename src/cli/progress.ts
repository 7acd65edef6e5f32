/**
 * What a build shows while it runs. On a terminal: one line that updates in place
 * (documents done/total, the last one finished), shown only once a build has run
 * for a second, and erased before the summary. Elsewhere (CI logs, pipes): one
 * line per document as it finishes. `--quiet`: nothing.
 */
import type { DocumentProgress } from '../pipeline/build.js';

export interface Progress {
  readonly onDocument: (p: DocumentProgress) => void;
  /** Erases the updating line, if one is shown; call before printing anything else. */
  readonly end: () => void;
}

const QUIET_FOR_MS = 1000;

export function createProgress(
  mode: 'tty' | 'lines' | 'quiet',
  write: (s: string) => void,
  columns = 80,
  now: () => number = Date.now,
): Progress {
  if (mode === 'quiet') return { onDocument: () => undefined, end: () => undefined };
  if (mode === 'lines') {
    return {
      onDocument: (p) => write(`[${p.done}/${p.total}] ${p.path}${p.failed ? ' failed' : ''}\n`),
      end: () => undefined,
    };
  }
  const started = now();
  let shown = false;
  return {
    onDocument: (p) => {
      if (now() - started < QUIET_FOR_MS) return;
      const line = `[${p.done}/${p.total}] ${p.path}`.slice(0, Math.max(10, columns - 1));
      // \r to the line's start, \x1b[K erases what a longer previous line left.
      write(`\r${line}\x1b[K`);
      shown = true;
    },
    end: () => {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
