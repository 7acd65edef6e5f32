/**
 * A Markdown file as a translator sees it: a title and a list of blocks
 * (paragraphs, quotations), separated by blank lines. Editing puts new text into
 * the same places and leaves every other byte of the file as it was.
 */
import { isMap, parseDocument, Scalar } from 'yaml';
import { QUIET } from '../load/yaml.js';

export interface ProseText {
  readonly title: string;
  readonly blocks: readonly string[];
}

interface Layout {
  readonly frontMatter: string;
  readonly body: string;
}

function layout(text: string): Layout {
  const m = /^---\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { frontMatter: '', body: text };
  return { frontMatter: m[1] ?? '', body: text.slice(m[0].length) };
}

const splitBlocks = (body: string): string[] =>
  body
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.replace(/^\n+|\s+$/g, ''))
    .filter((b) => b.length > 0);

/**
 * Split texts, by text: the translation checks split every English text once for each
 * language, and `watch` all of them again on each save (its YAML front matter parsed each
 * time: 11 ms of a save). Frozen, since they are shared.
 */
const split = new Map<string, ProseText>();
let splitChars = 0;
/** Texts kept at most, and their characters (a text and its blocks are about twice that). */
const SPLIT_KEPT = 512;
const SPLIT_CHARS = 4 * 1024 * 1024;

export function splitProse(text: string): ProseText {
  let found = split.get(text);
  if (!found) {
    if (split.size >= SPLIT_KEPT || splitChars + text.length > SPLIT_CHARS) {
      split.clear();
      splitChars = 0;
    }
    found = splitFresh(text);
    Object.freeze(found.blocks);
    split.set(text, Object.freeze(found));
    splitChars += text.length;
  }
  return found;
}

function splitFresh(text: string): ProseText {
  const { frontMatter, body } = layout(text);
  let title = '';
  try {
    // Quiet: `yaml` would print a key that is a list or a mapping as a Node warning; the loader reports it.
    const fm: unknown = parseDocument(frontMatter, { logLevel: QUIET }).toJS();
    if (fm && typeof fm === 'object' && 'title' in fm && typeof fm.title === 'string') title = fm.title;
  } catch {
    // A broken front matter is the loader's to report; here the title is just unknown.
  }
  return { title, blocks: splitBlocks(body) };
}

/** The file with a new title and new blocks (same count), or a new file if there was none. */
export function joinProse(previous: string | undefined, next: ProseText): string {
  if (previous === undefined) {
    const fm = parseDocument('title: x\n');
    fm.set('title', next.title);
    return `---\n${fm.toString({ lineWidth: 0 })}---\n${next.blocks.join('\n\n')}\n`;
  }
  const { frontMatter, body } = layout(previous);
  const old = splitProse(previous);
  let fmText = frontMatter;
  const doc = old.title !== next.title ? parseDocument(frontMatter, { logLevel: QUIET }) : undefined;
  // A front matter that does not read as a mapping is left as it was: the import's check
  // then refuses the file as broken before the import (pipeline/import-check.ts).
  if (doc && !doc.errors.length && (doc.contents === null || isMap(doc.contents))) {
    const node = doc.get('title', true);
    if (node instanceof Scalar) node.value = next.title;
    else doc.set('title', next.title);
    fmText = doc.toString({ lineWidth: 0 });
  }
  let newBody = body;
  if (old.blocks.length === next.blocks.length) {
    // Replace block by block in place, so blank lines and the file's end stay as they were.
    newBody = '';
    let pos = 0;
    old.blocks.forEach((b, i) => {
      const at = body.indexOf(b, pos);
      newBody += body.slice(pos, at) + (next.blocks[i] ?? b);
      pos = at + b.length;
    });
    newBody += body.slice(pos);
  } else {
    newBody = `${next.blocks.join('\n\n')}\n`;
  }
  return `---\n${fmText}---\n${newBody}`;
}
