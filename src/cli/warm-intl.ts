/**
 * ICU's first use in a process costs 20–100 ms on this machine (its data read in, its
 * services set up), and the thread that comes first pays for every thread: in a scratch
 * script, a worker thread's first number, date, plural rule, word segments and comparison
 * took 26–98 ms, and 0.5–1.5 ms once the main thread had made the same in English. The
 * supervisor's thread has nothing to do while the command's thread loads its code, so it
 * pays instead, off the path of the command, whose first use (checking the locale tags, as
 * the workspace loads) comes a few hundred milliseconds later. Against the commit before,
 * alternated pairs: a no-op build 25 of 30 faster (medians 0.68 → 0.65 s), one Kazakh text
 * 12 of 16 (1.365 → 1.345 s), `check` 7 of 12 (1.045 → 1.035 s: within the noise); the same
 * CPU time.
 */

/**
 * Commands that load a workspace: all of them use Intl. Help does not wait for it (a usage
 * error in such a command's options does, for well under 0.1 s).
 */
const LOADING = new Set(['build', 'watch', 'serve', 'check', 'figures', 'i18n']);

export function warmsIntl(argv: readonly string[]): boolean {
  const command = argv.find((a) => !a.startsWith('-'));
  return command !== undefined && LOADING.has(command) && !argv.some((a) => a === '--help' || a === '-h');
}

/** The services the commands use, each once; never fails (only time is at stake). */
export function warmIntl(): void {
  try {
    new Intl.NumberFormat('en').format(1234.5);
    // Any named zone: it reads ICU's zone data, which the projects' own zones then find loaded.
    new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'Asia/Almaty' }).format(0);
    new Intl.PluralRules('en').select(2);
    for (const s of new Intl.Segmenter('en', { granularity: 'word' }).segment('a b')) void s;
    void 'b'.localeCompare('a');
  } catch {
    // An ICU without some of this data: the command finds out, and says so, itself.
  }
}
