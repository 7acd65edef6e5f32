/**
 * What a document was made from, recorded in the manifest so the next build can
 * tell whether it is still up to date and, if not, say why in plain words.
 *
 * Shared registries are tracked by entry, not by file: a new value for one figure
 * (or a new source) in figures.yaml touches only the documents that show it.
 */
import { sha256 } from '../text/hash.js';
import { memo } from '../text/memo.js';
import type { Block, SemanticDocument } from '../model/document.js';
import type { Figure, ResolvedValue } from '../model/figures.js';
import { rendererVersions } from './renderers.js';
import { textLeaves, unitKey } from '../load/text-keys.js';
import { projectCovers, type Project } from '../model/project.js';
import { parseUseKey, selectValue } from '../model/figure-use.js';
import type { WorkspaceContent } from './workspace.js';
import { editionTextKeys, languageName } from './page-links.js';
import { PSEUDO_LOCALE } from '../translation/pseudo.js';

export interface DocumentInputs {
  readonly tool: string;
  /** Files read, relative to the workspace root, with their sha256. */
  readonly files: Record<string, string>;
  /**
   * Figure uses shown: use key (`id@current`, `id@date@sources`) → hash of the value it
   * showed. A new value changes current uses only; statements keep their value.
   */
  readonly figures: Record<string, string>;
  /** Versions of what renders (libraries, fonts, Node's ICU data): an upgrade may change any output. */
  readonly renderers?: Record<string, string>;
  /** Sources cited: id → hash of the entry. */
  readonly sources: Record<string, string>;
  /**
   * Texts shown, by unit of `<locale>/texts.yaml`: `ru:chronology.x` → hash of its forms.
   * An edited chronology entry rebuilds the documents that show it, not every document.
   */
  readonly texts?: Record<string, string>;
}

const NAME_SUFFIX = '#meta.name';
/** The input that stands for a language's name, as the pages show it. */
const languageNameKey = (locale: string): string => `locales/${locale}/common.json${NAME_SUFFIX}`;

/** Files tracked by entry instead (see figureHash, sourceHash, textHash), or never shown (source copies). */
const byEntry = new Set(['figures.yaml', 'sources.yaml', 'glossary.yaml', 'quotations.yaml']);
const textsFile = /^[^/]+\/texts\.yaml$/;

/** The hash of one unit of a locale's texts (all its plural and case forms); absent units hash too. */
export function textHash(project: Project, locale: string, unit: string): string {
  return unitHashes(project, locale).get(unit) ?? absentUnit;
}

const hashForms = (forms: readonly [string, string][]): string => sha256(JSON.stringify(forms)).slice(0, 16);
const absentUnit = hashForms([]);
const unitCache = new WeakMap<Project, Map<string, Map<string, string>>>();

/**
 * Every unit of a locale's texts with its hash, computed once per loaded project, and kept
 * by the files they come from: a rebuild hashed the 295 units of each language again (4 ms).
 */
function unitHashes(project: Project, locale: string): Map<string, string> {
  const byLocale = unitCache.get(project) ?? new Map<string, Map<string, string>>();
  unitCache.set(project, byLocale);
  let hashes = byLocale.get(locale);
  if (!hashes) {
    // The pseudo-locale's texts come from no file of their own, whatever its folder holds.
    const file = locale === PSEUDO_LOCALE ? undefined : project.inputs.get(`${locale}/texts.yaml`)?.sha256;
    const from = [
      file,
      project.inputs.get('quotations.yaml')?.sha256 ?? null,
      project.config.sourceLocale,
      locale,
    ];
    // Cheap to compute again: not worth writing the store for (text/memo.ts).
    hashes = file
      ? memo('unit-hashes', from, () => hashUnits(project, locale), false)
      : hashUnits(project, locale);
    byLocale.set(locale, hashes);
  }
  return hashes;
}

function hashUnits(project: Project, locale: string): Map<string, string> {
  const forms = new Map<string, [string, string][]>();
  const texts = project.locales.get(locale)?.texts;
  for (const [key, value] of texts ? textLeaves(texts) : []) {
    const unit = unitKey(key);
    forms.set(unit, [...(forms.get(unit) ?? []), [key, value]]);
  }
  const hashes = new Map([...forms].map(([unit, f]) => [unit, hashForms(f)]));
  // A quotation as a document in this language prints it: its rendering, and where it comes from.
  const src = project.config.sourceLocale;
  for (const [id, q] of project.quotations)
    hashes.set(
      `quotations.${id}`,
      sha256(
        JSON.stringify([q.renderings[locale] ?? q.renderings[src] ?? null, q.source, q.language, q.speaker]),
      ).slice(0, 16),
    );
  return hashes;
}

export function figureHash(f: Figure): string {
  return sha256(
    JSON.stringify({
      unit: f.unit ?? null,
      formula: f.formula ?? null,
      history: f.history.map((h) => [h.value ?? null, h.qualifier, h.asOf, h.sources]),
    }),
  ).slice(0, 16);
}

export function valueHash(v: ResolvedValue): string {
  return sha256(JSON.stringify([v.value ?? null, v.qualifier, v.asOf, v.sources])).slice(0, 16);
}

/** The value a recorded use would show in today's registry, if it still names one. */
export function valueOfUse(project: Project, key: string): ResolvedValue | undefined {
  const { id, use, claim } = parseUseKey(key);
  const f = project.figures.get(id);
  if (!f) return undefined;
  const selected = selectValue(f, use, claim, projectCovers(project));
  return selected.ok ? selected.value : undefined;
}

/**
 * The hash of the value a use shows today, undefined when it names none; once per project
 * and use (the documents of a project share most of their uses).
 */
const useHashes = new WeakMap<Project, Map<string, string | undefined>>();
export function useHash(project: Project, key: string): string | undefined {
  let hashes = useHashes.get(project);
  if (!hashes) useHashes.set(project, (hashes = new Map()));
  if (!hashes.has(key)) {
    if (key.endsWith(HISTORY)) {
      const f = project.figures.get(key.slice(0, -HISTORY.length));
      hashes.set(key, f && sha256(JSON.stringify(f.history.map(valueHash))).slice(0, 16));
    } else {
      const v = valueOfUse(project, key);
      hashes.set(key, v ? valueHash(v) : undefined);
    }
  }
  return hashes.get(key);
}

/**
 * A key figure prints the figure's earlier values too ("earlier: 164 (9 January)"), so its
 * document depends on the whole history: a value dated before the newest changes the box
 * but no value the document otherwise uses.
 */
const HISTORY = '@history';

function keyFigureIds(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) =>
    b.kind === 'keyFigures' ? b.items.map((i) => i.id) : 'children' in b ? keyFigureIds(b.children) : [],
  );
}

export function sourceHash(project: Project, id: string): string | undefined {
  const entry = project.sources.find((s) => s.id === id);
  if (!entry) return undefined;
  const via = entry.via ? project.sources.find((s) => s.id === entry.via) : undefined;
  // Every language prints a source's own title as published: an input of each document citing it.
  const published = entry.titleLanguage
    ? (project.locales.get(entry.titleLanguage)?.texts.sources[id]?.title ?? null)
    : null;
  return sha256(JSON.stringify([entry, via ?? null, published])).slice(0, 16);
}

/** A folder's file list, so a translation file that appears or disappears is a change. */
export function listingHash(paths: readonly string[]): string {
  return sha256([...paths].sort().join('\n')).slice(0, 16);
}

/** Loaded projects never change, so each one's current hashes are computed once, not per document. */
const currentCache = new WeakMap<Project, Map<string, string>>();

/** The current hash of every input a workspace can name, keyed as in DocumentInputs.files. */
export function currentFiles(ws: WorkspaceContent, project: Project): Map<string, string> {
  const cached = currentCache.get(project);
  if (cached) return cached;
  const out = new Map<string, string>();
  for (const [rel, f] of ws.toolkit.inputs) out.set(rel, f.sha256);
  // A page names every language of its project in that language: each name is an input
  // of every document, the rest of another language's interface strings is not.
  for (const locale of ws.toolkit.locales.keys())
    out.set(languageNameKey(locale), sha256(languageName(ws, locale)).slice(0, 16));
  const prefix = `content/${project.id}/`;
  for (const [rel, f] of project.inputs) out.set(prefix + rel, f.sha256);
  for (const locale of project.config.locales)
    out.set(
      `${prefix}${locale}/`,
      listingHash([...project.inputs.keys()].filter((rel) => rel.startsWith(`${locale}/`))),
    );
  // A template added where there was none (the project's own for a block kind, a partial)
  // changes every document as surely as an edited one: the folders' lists are inputs too.
  out.set(
    `${prefix}templates/`,
    listingHash([...project.inputs.keys()].filter((rel) => rel.startsWith('templates/'))),
  );
  out.set(
    'templates/',
    listingHash([...ws.toolkit.inputs.keys()].filter((rel) => rel.startsWith('templates/'))),
  );
  currentCache.set(project, out);
  return out;
}

export function documentInputs(
  ws: WorkspaceContent,
  project: Project,
  doc: SemanticDocument,
  toolVersion: string,
): DocumentInputs {
  const { locale } = doc.meta;
  const src = project.config.sourceLocale;
  // The source language is an input only where it shows through a missing translation.
  // The pseudo-locale is made from the source language, so that is its input too.
  const languages = new Set([
    locale,
    ...(doc.meta.fallbacks.length || locale === PSEUDO_LOCALE ? [src] : []),
  ]);
  const current = currentFiles(ws, project);
  const prefix = `content/${project.id}/`;
  const wanted = (path: string): boolean => {
    if (path.endsWith(NAME_SUFFIX)) return project.config.locales.includes(path.split('/')[1] ?? '');
    if (path.startsWith('locales/')) return languages.has(path.split('/')[1] ?? '');
    // Every block kind's template and the stylesheet draw every document.
    if (path.startsWith('templates/')) return true;
    if (!path.startsWith(prefix)) return false;
    const rel = path.slice(prefix.length);
    const [first, second] = rel.split('/');
    if (byEntry.has(rel) || textsFile.test(rel) || first === 'sources') return false;
    if (first === 'charts') return doc.meta.charts.some((id) => rel === `charts/${id}.vl.json`);
    if (!project.config.locales.includes(first ?? '')) return true; // project.yaml, chronology, findings …
    if (!languages.has(first ?? '')) return false;
    // Prose files by what the document showed: a finding it leaves out is not an input.
    if (second === 'framing' || second === 'findings' || second === 'release.md')
      return doc.meta.prose.includes(rel.slice(`${first}/`.length));
    return true;
  };
  const files = Object.fromEntries(
    [...current].filter(([path]) => wanted(path)).sort(([a], [b]) => a.localeCompare(b)),
  );
  const figures: Record<string, string> = {};
  const keys = new Set([...doc.meta.uses, ...keyFigureIds(doc.body).map((id) => `${id}${HISTORY}`)]);
  for (const key of [...keys].sort()) {
    const h = useHash(project, key);
    if (h) figures[key] = h;
  }
  const sources: Record<string, string> = {};
  for (const id of [...doc.meta.sources].sort()) {
    const h = sourceHash(project, id);
    if (h) sources[id] = h;
  }
  const texts: Record<string, string> = {};
  // The page links to the other editions by their names (build/page-links.ts).
  const shown = [...doc.meta.texts, ...editionTextKeys(project)];
  for (const locale of [...new Set([...languages, src])].sort())
    if (project.locales.has(locale))
      for (const unit of shown)
        if (languages.has(locale) || unit.startsWith('audiences.'))
          texts[`${locale}:${unit}`] = textHash(project, locale, unit);
  return { tool: toolVersion, files, figures, sources, texts, renderers: rendererVersions() };
}

export type Reason =
  | { kind: 'forced' }
  | { kind: 'new' }
  | { kind: 'output'; state: 'missing' | 'modified' }
  | { kind: 'tool'; from: string; to: string }
  | { kind: 'renderer'; name: string; from: string; to: string }
  | { kind: 'text'; locale: string; unit: string }
  | { kind: 'file'; path: string; state: 'changed' | 'removed' | 'added' }
  | { kind: 'figure'; id: string; state: 'changed' | 'removed' }
  | { kind: 'source'; id: string; state: 'changed' | 'removed' };

/** Why a document recorded with `recorded` inputs is out of date now; empty when it is not. */
export function staleness(
  recorded: DocumentInputs,
  ws: WorkspaceContent,
  project: Project,
  toolVersion: string,
): Reason[] {
  const reasons: Reason[] = [];
  if (recorded.tool !== toolVersion) reasons.push({ kind: 'tool', from: recorded.tool, to: toolVersion });
  const current = currentFiles(ws, project);
  for (const [path, hash] of Object.entries(recorded.files ?? {})) {
    const now = current.get(path);
    if (now !== hash)
      reasons.push({
        kind: 'file',
        path,
        state: now === undefined ? 'removed' : path.endsWith('/') ? 'added' : 'changed',
      });
  }
  const figureStates = new Map<string, 'changed' | 'removed'>();
  for (const [key, hash] of Object.entries(recorded.figures ?? {})) {
    const id = key.split('@')[0] ?? key;
    const now = useHash(project, key);
    if (!now) figureStates.set(id, project.figures.has(id) ? 'changed' : 'removed');
    else if (now !== hash) figureStates.set(id, 'changed');
  }
  for (const [id, state] of figureStates) reasons.push({ kind: 'figure', id, state });
  for (const [key, hash] of Object.entries(recorded.texts ?? {})) {
    const [locale = '', unit = ''] = key.split(/:(.*)/s);
    if (textHash(project, locale, unit) !== hash) reasons.push({ kind: 'text', locale, unit });
  }
  const renderers = rendererVersions();
  for (const [name, version] of Object.entries(renderers))
    if (recorded.renderers?.[name] !== version)
      reasons.push({ kind: 'renderer', name, from: recorded.renderers?.[name] ?? 'unknown', to: version });
  for (const [id, hash] of Object.entries(recorded.sources ?? {})) {
    const now = sourceHash(project, id);
    if (now !== hash) reasons.push({ kind: 'source', id, state: now === undefined ? 'removed' : 'changed' });
  }
  return reasons;
}

export function describeReason(r: Reason): string {
  switch (r.kind) {
    case 'forced':
      return 'rebuild forced (--force)';
    case 'new':
      return 'new document';
    case 'output':
      return r.state === 'missing' ? 'output file missing' : 'output file was modified since the last build';
    case 'tool':
      return `tool updated (${r.from} → ${r.to})`;
    case 'renderer':
      return `${r.name} updated (${r.from} → ${r.to})`;
    case 'text':
      return r.unit.startsWith('quotations.')
        ? `quotation ${r.unit.slice('quotations.'.length)} changed in quotations.yaml (${r.locale})`
        : `text ${r.unit} changed in ${r.locale}/texts.yaml`;
    case 'file':
      return r.path.endsWith('/')
        ? `files added to or removed from ${r.path}`
        : `${r.path} ${r.state === 'removed' ? 'removed' : 'changed'}`;
    case 'figure':
      return `figure ${r.id} ${r.state}`;
    case 'source':
      return `source ${r.id} ${r.state}`;
  }
}
