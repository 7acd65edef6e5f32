/**
 * The `briefing` command line. Exit codes: 0 success, 1 content or template
 * error (every problem printed), 2 wrong usage, 3 internal error (a bug; the
 * stack only with --debug).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { AcceptOptions, ExportOptions, ImportOptions, StatusOptions } from './i18n-command.js';
import type { WatchOptions } from './watch-command.js';
import type { ReviewOptions, SignOffOptions } from './review-command.js';
import { describeInternalError, internalErrorExit, takeDebugFlag } from './internal-error.js';
import { startBuildWorkersEarly } from './early-workers.js';
import { DEBOUNCE_MS } from './watch-debounce.js';
import { IDLE_MINUTES } from './server-protocol.js';
import type { BuildOptions, CommandIo } from './build-command.js';
import type { ServeOptions } from './serve-command.js';
import { settleWorkspace } from '../pipeline/output.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { consolePrint } from './print.js';

// Each command's modules are imported when it runs: `--help` or `figures` does not load
// Vega or the writers, and a build starts its render workers before importing them.
const build = () => import('./build-command.js');
const i18nCommands = () => import('./i18n-command.js');
const reviewCommands = () => import('./review-command.js');

/**
 * `--locale en,ru` and `--locale en --locale ru` alike: a flag given again adds to the list.
 * An empty one (`--locale ''`, `--locale ,`) is wrong usage: it had selected nothing, and a
 * build of nothing said nothing and succeeded.
 */
const list = (value: string, previous: string[] = []): string[] => {
  const given = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!given.length)
    throw new InvalidArgumentError('it names nothing: give at least one value (several with commas)');
  return [...new Set([...previous, ...given])];
};

/** The flags that choose documents and the output folder, shared by build and watch. */
const selection = (cmd: Command): Command =>
  cmd
    .option('--project <ids>', 'only these projects (comma-separated)', list)
    .option('--locale <locales>', 'only these locales, e.g. en,ru', list)
    .option('--audience <audiences>', 'only these audiences (as declared in project.yaml), or release', list)
    .addOption(new Option('--format <formats>', 'only these formats: html, pdf').argParser(list))
    .option('--out <dir>', 'output folder', 'output')
    .option(
      '--jobs <n>',
      'threads that write documents: this one and n−1 PDF workers (default, and at most: number of cores)',
    )
    .option('--shard <i/n>', 'build only the i-th of n deterministic slices of the documents (CI matrix)')
    .option('--quiet', 'print only problems');

export async function main(
  rawArgv: readonly string[],
  cwd = process.cwd(),
  io: CommandIo = { print: consolePrint },
): Promise<number> {
  const { argv, debug } = takeDebugFlag(rawArgv);
  // Every text, chart labels included, is the same on every machine (Vega formats some in local time).
  process.env.TZ = 'UTC';
  try {
    // A translation import killed midway is finished or undone before anything reads the content.
    await settleWorkspace(cwd);
    return await runCommand(argv, cwd, { ...io, debug });
  } catch (e) {
    // Problems that could only be thrown (a lock held too long) are still problems, not crashes.
    if (!(e instanceof DiagnosticError)) {
      io.print.err(describeInternalError(e, debug));
      return internalErrorExit;
    }
    io.print.err(formatDiagnostics(e.diagnostics, cwd) + '\nnothing was written\n');
    return 1;
  }
}

/** What each command's action needs: where it runs, how it prints, and where its exit code goes. */
interface Wiring {
  readonly cwd: string;
  readonly io: CommandIo;
  readonly argv: readonly string[];
  readonly done: (code: number) => void;
}

/** build, watch and serve: the commands that make documents. */
function buildingCommands(program: Command, w: Wiring): void {
  selection(program.command('build'))
    .description('build the selected documents into the output folder')
    .option('--strict', 'fail on warnings (missing translations, unused figures)')
    .option('--force', 'rebuild every selected document, even those up to date')
    .option(
      '--pseudo',
      'also build the pseudo-locale en-XA (accented, 30% longer) to find untranslated text and overflow',
    )
    .action(async (opts: BuildOptions) => {
      if (w.io.served)
        w.done(await (await build()).runServedBuild(w.cwd, opts, w.io.print, w.io.served, w.argv));
      else w.done(await (await build()).runBuild(w.cwd, opts, startBuildWorkersEarly(w.cwd, opts), w.argv));
    });

  selection(program.command('watch'))
    .description('build, then rebuild the documents a save affects, until Ctrl-C')
    .option('--debounce <ms>', 'quiet time after a save before building', String(DEBOUNCE_MS))
    .action(async (opts: WatchOptions) => {
      w.done(await (await import('./watch-command.js')).runWatch(w.cwd, opts));
    });

  selection(program.command('serve'))
    .description(
      'build, then keep a build server for this workspace: `briefing build` run meanwhile is handed to it, warm',
    )
    .option('--idle <minutes>', 'stop after this long without a build', String(IDLE_MINUTES))
    .action(async (opts: ServeOptions) => {
      w.done(
        await (
          await import('./serve-command.js')
        ).runServe(w.cwd, opts, (args, served) => main(args, w.cwd, served), w.io.debug === true),
      );
    });
}

/** check and figures: the commands that only read. */
function readingCommands(program: Command, w: Wiring): void {
  program
    .command('check')
    .description('validate content, templates and translations; writes nothing')
    .option('--strict', 'fail on warnings too')
    .action(async (opts: { strict?: boolean }) => {
      w.done(await (await import('./check-command.js')).runCheck(w.cwd, opts));
    });

  program
    .command('figures')
    .description('every figure: value, date, source, and the documents that show it')
    .option('--project <ids>', 'only these projects', list)
    .option('--json', 'print JSON')
    .action(async (opts: { project?: string[]; json?: boolean }) => {
      w.done(await (await import('./figures-command.js')).runFigures(w.cwd, opts));
    });
}

/** i18n status, export, import and accept: a translator's commands. */
function translatorCommands(i18n: Command, w: Wiring): void {
  i18n
    .command('status')
    .description('per project and language: units translated, missing and stale, and which')
    .option('--project <ids>', 'only these projects', list)
    .option('--locale <locales>', 'only these languages, e.g. kk', list)
    .option('--json', 'print JSON')
    .option('--strict', 'exit 1 if anything is missing or stale')
    .action(async (opts: StatusOptions) => {
      w.done((await i18nCommands()).runStatus(w.cwd, opts));
    });
  i18n
    .command('export')
    .description('write an XLIFF 1.2 file for translators')
    .option('--locale <locale>', 'the language to translate into, e.g. kk')
    .option('--project <ids>', 'only these projects', list)
    .option('--only <states>', 'only units in these states: missing, stale, translated', list)
    .option('--out <file>', 'the XLIFF file to write (- for standard output); default <locale>.xlf')
    .option('--tbx', 'also write the glossary terms these units use as a TBX termbase beside it')
    .action(async (opts: ExportOptions) => {
      w.done(await (await i18nCommands()).runExport(w.cwd, opts));
    });
  i18n
    .command('import')
    .description('write the translations of an XLIFF file back; refuses the whole file on any problem')
    .argument('<file>', 'the XLIFF file')
    .option('--dry-run', 'check and report, write nothing')
    .option('--locale <locale>', 'the language, for a file that names none (one made by po2xliff)')
    .action(async (file: string, opts: ImportOptions) => {
      w.done(await (await i18nCommands()).runImport(w.cwd, file, opts));
    });
  i18n
    .command('accept')
    .description('record stale translations as checked against the current source text')
    .option('--locale <locale>', 'the language, e.g. kk')
    .option('--project <ids>', 'only these projects', list)
    .option('--unit <ids>', 'these units (ids as `i18n status` lists them)', list)
    .option('--all', 'every stale unit of the language')
    .action(async (opts: AcceptOptions) => {
      w.done(await (await i18nCommands()).runAccept(w.cwd, opts));
    });
}

/** i18n review and signoff: a reviewer's commands. */
function reviewerCommands(i18n: Command, w: Wiring): void {
  i18n
    .command('review')
    .description(
      'bilingual review copies (HTML and PDF) per document: source text and translation side by side',
    )
    .option('--locale <locale>', 'the language to review, e.g. kk')
    .option('--project <ids>', 'only these projects', list)
    .option('--out <dir>', 'output folder', 'output/review')
    .addOption(new Option('--format <formats>', 'only these formats: html, pdf').argParser(list))
    .action(async (opts: ReviewOptions) => {
      w.done(await (await reviewCommands()).runReview(w.cwd, opts));
    });
  i18n
    .command('signoff')
    .description(
      "record a reviewer's sign-off of translated units; it lapses when the source text or the translation changes",
    )
    .option('--locale <locale>', 'the language, e.g. kk')
    .option('--project <ids>', 'only these projects', list)
    .option('--unit <ids>', 'these units (ids as `i18n status` and the review copy list them)', list)
    .option('--by <name>', 'the reviewer')
    .action(async (opts: SignOffOptions) => {
      w.done(await (await reviewCommands()).runSignOff(w.cwd, opts));
    });
}

async function runCommand(argv: readonly string[], cwd: string, io: CommandIo): Promise<number> {
  let code = 0;
  const program = new Command('briefing')
    .description('Localized PDF and HTML briefings with charts, from structured content.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.print.out(s), writeErr: (s) => io.print.err(s) })
    .addHelpText(
      'after',
      '\nAny command takes --debug: on an internal error (exit 3), print its stack for a bug report.',
    );

  const w: Wiring = { cwd, io, argv, done: (c) => (code = c) };
  buildingCommands(program, w);
  readingCommands(program, w);
  const i18n = program
    .command('i18n')
    .description('translation status, XLIFF export and import')
    .exitOverride();
  translatorCommands(i18n, w);
  reviewerCommands(i18n, w);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    throw e;
  }
  return code;
}
