/**
 * The translation catalogs of a loaded workspace: one per translation language,
 * covering the interface strings and every selected project.
 */
import { join, relative } from 'node:path';
import type { Toolkit } from '../load/toolkit.js';
import type { Project } from '../model/project.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Overlay } from '../load/read.js';
import { readTranslationFiles } from './read-files.js';
import { buildCatalog, INTERFACE_SOURCE, type Catalog } from './catalog.js';
import type { FileSet } from './files.js';
import { GLOSSARY_SOURCE, loadGlossary, type Glossary } from './glossary.js';
import { parseSignOffs, signoffFile } from './signoff.js';
import { parseState, type ParsedState, type RecordedHashes } from './state.js';
import { stalePlace } from './stale-place.js';
import { exceptionDiagnostics, termDiagnostics, termProblems, type TermProblem } from './term-check.js';

/**
 * There is no workspace-wide source language: the interface strings are translated from
 * INTERFACE_SOURCE, each project from its own `sourceLocale`; each unit says which.
 */
export interface Translations {
  readonly catalogs: ReadonlyMap<string, Catalog>;
  readonly files: FileSet;
  readonly diagnostics: Diagnostic[];
  /**
   * Each project's glossary, by project id: projects without one are absent, and so are
   * projects not written in GLOSSARY_SOURCE (their glossary cannot be checked; see loadTranslations).
   */
  readonly glossaries: ReadonlyMap<string, Glossary>;
  /** Translated entries lacking an agreed glossary term, by language. */
  readonly terms: ReadonlyMap<string, readonly TermProblem[]>;
  /**
   * Files that cannot be read (workspace-relative): translation records and content files,
   * each reported once. Their units are not called stale: the cause is the file, not the
   * translations.
   */
  readonly unreadable: ReadonlySet<string>;
}

/** What translation state is read from: the tool's strings and the projects. */
interface Loaded {
  readonly root: string;
  readonly toolkit: Toolkit;
  readonly projects: readonly Project[];
  /** Files as a write would leave them (see load/read.ts). */
  readonly overlay?: Overlay | undefined;
}

/**
 * Every language something is translated into: the interface's (every toolkit language
 * but English, its source) and each project's (its languages but its own source).
 */
function translationLocales(ws: Loaded): string[] {
  const all = new Set<string>([...ws.toolkit.locales.keys()].filter((l) => l !== INTERFACE_SOURCE));
  for (const p of ws.projects) for (const l of p.config.locales) if (l !== p.config.sourceLocale) all.add(l);
  return [...all].sort();
}

export function loadTranslations(ws: Loaded): Translations {
  const locales = translationLocales(ws);
  const { files, namespaces, refused, problems } = readTranslationFiles(
    ws.root,
    ws.projects,
    locales,
    ws.overlay,
  );
  const records = new Records(files);
  const catalogs = new Map<string, Catalog>();
  for (const locale of locales)
    catalogs.set(
      locale,
      buildCatalog(
        { projects: ws.projects, interfaceNamespaces: namespaces, files, recorded: records.recorded },
        locale,
      ),
    );
  const glossaries = projectGlossaries(ws);
  const unread = unreadTexts(ws);
  const terms = termsOf(catalogs, glossaries.found, files, unread);
  const diagnostics: Diagnostic[] = [
    ...problems,
    ...records.diagnostics(ws.root, catalogs),
    ...signOffDiagnostics(ws, locales, files),
    ...glossaries.diagnostics,
    ...exceptionsOf(ws, glossaries.found, catalogs),
    ...[...terms.values()].flatMap((found) => termDiagnostics(ws.root, found)),
  ];
  return {
    catalogs,
    files,
    diagnostics,
    glossaries: glossaries.found,
    terms,
    unreadable: new Set([...records.unreadable.keys(), ...refused, ...unread]),
  };
}

/** The translation records, each read once; those that cannot be read are kept to be reported. */
class Records {
  private readonly cache = new Map<string, RecordedHashes>();
  readonly unreadable = new Map<string, Extract<ParsedState, { ok: false }>>();

  constructor(private readonly files: FileSet) {}

  readonly recorded = (stateFile: string): RecordedHashes => {
    const hit = this.cache.get(stateFile);
    if (hit) return hit;
    const parsed = parseState(stateFile, this.files.get(stateFile));
    if (!parsed.ok) this.unreadable.set(stateFile, parsed);
    const hashes = parsed.ok ? parsed.hashes : new Map<string, string>();
    this.cache.set(stateFile, hashes);
    return hashes;
  };

  /** One error per unreadable record, saying how many units it holds. */
  diagnostics(root: string, catalogs: ReadonlyMap<string, Catalog>): Diagnostic[] {
    return [...this.unreadable].map(([stateFile, p]) => {
      const units = new Set<string>();
      for (const c of catalogs.values())
        for (const u of c.units) if (u.stateFile === stateFile) units.add(u.id);
      return diagnose(
        'i18n/state',
        join(root, stateFile),
        { detail: p.message, units: units.size },
        { line: p.line, column: p.column },
      );
    });
  }
}

/** Sign-off records are read where they are used; a broken one is reported here once. */
function signOffDiagnostics(ws: Loaded, locales: readonly string[], files: FileSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of ws.projects)
    for (const locale of locales) {
      const rel = signoffFile(p.id, locale);
      const parsed = parseSignOffs(files.get(rel));
      if (!parsed.ok)
        out.push(
          diagnose(
            'i18n/signoff',
            join(ws.root, rel),
            { detail: parsed.message },
            { line: parsed.line, column: parsed.column },
          ),
        );
    }
  return out;
}

/** Each project's glossary that can be used, by project id, and what loading them found. */
function projectGlossaries(ws: Loaded): { found: Map<string, Glossary>; diagnostics: Diagnostic[] } {
  const found = new Map<string, Glossary>();
  const diagnostics: Diagnostic[] = [];
  for (const p of ws.projects) {
    const loaded = loadGlossary(p.id, p.dir, p.config.locales);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.glossary) continue;
    // Its source terms are English words: against another language's text they would
    // find nothing, and every term would be reported missing. Not used, and said so.
    if (p.config.sourceLocale !== GLOSSARY_SOURCE) {
      const first = loaded.glossary.terms[0];
      diagnostics.push(
        diagnose(
          'i18n/glossary-source',
          loaded.glossary.file,
          { sourceLocale: p.config.sourceLocale, glossarySource: GLOSSARY_SOURCE },
          { line: first?.line ?? 1, column: first?.column ?? 1 },
        ),
      );
      continue;
    }
    found.set(p.id, loaded.glossary);
  }
  return { found, diagnostics };
}

/** A project with a file that could not be read has units nobody can list: that file's error first. */
function exceptionsOf(
  ws: Loaded,
  glossaries: ReadonlyMap<string, Glossary>,
  catalogs: ReadonlyMap<string, Catalog>,
): Diagnostic[] {
  return [...glossaries.values()]
    .filter((g) => !ws.projects.find((p) => p.id === g.project)?.unreadable.size)
    .flatMap((g) => exceptionDiagnostics(g, catalogs.values()));
}

/** Texts that could not be read, source or translated (workspace-relative): they are not compared. */
function unreadTexts(ws: Loaded): Set<string> {
  return new Set(
    ws.projects.flatMap((p) => [...p.unreadable].map((rel) => relative(ws.root, join(p.dir, rel)))),
  );
}

/** Per language, the translated entries lacking an agreed glossary term. */
function termsOf(
  catalogs: ReadonlyMap<string, Catalog>,
  glossaries: ReadonlyMap<string, Glossary>,
  files: FileSet,
  unread: ReadonlySet<string>,
): Map<string, TermProblem[]> {
  const terms = new Map<string, TermProblem[]>();
  for (const [locale, catalog] of catalogs)
    terms.set(
      locale,
      termProblems(catalog, glossaries, files).filter(
        (p) => !unread.has(p.targetFile) && !unread.has(p.sourceFile),
      ),
    );
  return terms;
}

/**
 * One warning per stale translation, at the file a translator would open; none for
 * units whose record, source text or translation cannot be read (that file's one error says it).
 */
export function staleDiagnostics(
  root: string,
  catalogs: Iterable<Catalog>,
  unreadable: ReadonlySet<string> = new Set(),
  files: FileSet = new Map(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const readable = (u: Catalog['units'][number]): boolean =>
    ![u.stateFile, u.sourceFile, u.targetFile].some((f) => unreadable.has(f));
  for (const c of catalogs)
    for (const u of c.units)
      if (u.state === 'stale' && readable(u))
        out.push(
          diagnose(
            'i18n/stale',
            join(root, u.targetFile),
            {
              unit: u.id,
              locale: c.locale,
              sourceLocale: u.sourceLocale,
              recorded: u.recorded !== undefined,
              // quotations.yaml holds every language's rendering: say whose.
              quotation: u.kind === 'quotation',
            },
            stalePlace(files, u, c.locale, join(root, u.targetFile)),
          ),
        );
  return out;
}
