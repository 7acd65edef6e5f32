/**
 * The last line of defence: anything unexpected becomes one line saying it is
 * an internal error and how to report it (exit 3), never a stack trace. The
 * stack is shown only with --debug (or BRIEFING_DEBUG=1), for the report.
 */
import { catalog } from '../diagnostics/catalog.js';

export const internalErrorExit = 3;

export { takeDebugFlag } from './debug-flag.js';

export function describeInternalError(e: unknown, debug: boolean): string {
  const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const firstLine = (reason.split('\n')[0] ?? '').slice(0, 300);
  const line = `briefing: internal error (${firstLine}) (internal/error)\n  hint: ${catalog['internal/error'].hint}\n`;
  const stack = debug && e instanceof Error && e.stack ? `${e.stack}\n` : '';
  return line + stack;
}

export function reportInternalError(e: unknown, debug: boolean): number {
  process.stderr.write(describeInternalError(e, debug));
  return internalErrorExit;
}

/**
 * Errors thrown outside the command's promise chain (timers, stray rejections) end the same
 * way. `exit` ends the process (the supervisor's, which first stops its threads safely).
 */
export function installCrashHandlers(debug: boolean, exit: (code: number) => void): void {
  const crash = (e: unknown): void => {
    reportInternalError(e, debug);
    exit(internalErrorExit);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
