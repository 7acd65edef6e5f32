/** Removes `--debug` from the arguments; true when it was there or BRIEFING_DEBUG is set. */
export function takeDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const rest = argv.filter((a) => a !== '--debug');
  return { argv: rest, debug: rest.length !== argv.length || process.env.BRIEFING_DEBUG === '1' };
}
