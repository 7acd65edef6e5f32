/**
 * House style for numbers, per project and per language (project.yaml `style.numbers`):
 * by default the language's own (one to nine in words, a number opening a sentence in
 * words); a project may write every number in digits, move the threshold, or set a
 * language apart. Key figures, tables and charts keep digits whatever the setting.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { composeDocument } from '../src/pipeline/document.js';
import { loadWorkspace } from '../src/pipeline/workspace.js';
import { treeOf } from './helpers/document.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';

const NBSP = '\u00a0';
const roots: string[] = [];
afterAll(() => roots.forEach(removeWorkspace));

/** The figures of a briefing's prose, as printed, from a copy of the project with `style` set. */
function figuresWith(style: string | undefined, locale = 'en'): { all: string[]; has(s: string): boolean } {
  const root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
  roots.push(root);
  const file = join(root, 'content', 'kazakhstan-2022', 'project.yaml');
  if (style) writeFileSync(file, `${readFileSync(file, 'utf8')}${style}\n`);
  const ws = loadWorkspace(root);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const html = toHtml(treeOf(composeDocument(ws, ws.projects[0]!, locale, 'briefing-osce')));
  const all = [...html.matchAll(/<span class="fig"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1] ?? '');
  return { all, has: (s) => all.includes(s) };
}

describe('house style for numbers', () => {
  test('by default: one to nine in words, a number opening a sentence in words', () => {
    const f = figuresWith(undefined);
    expect(f.has(`four${NBSP}incidents`)).toBe(true);
    expect(f.has(`seven${NBSP}transport trucks`)).toBe(true);
    expect(f.has(`Fifteen${NBSP}minutes`)).toBe(true);
    expect(f.has(`Two${NBSP}videos`)).toBe(true);
    expect(f.has(`over 80${NBSP}videos`)).toBe(true);
  });

  test('`spellOutBelow: 0` and `sentenceStart: digits`: every number in digits', () => {
    const f = figuresWith('style:\n  numbers: { spellOutBelow: 0, sentenceStart: digits }');
    expect(f.has(`4${NBSP}incidents`)).toBe(true);
    expect(f.has(`7${NBSP}transport trucks`)).toBe(true);
    expect(f.has(`15${NBSP}minutes`)).toBe(true);
    expect(f.has(`2${NBSP}videos`)).toBe(true);
    // No word for a number is left in the prose.
    expect(f.all.join(' ')).not.toMatch(/\b(one|two|three|four|five|six|seven|eight|nine|fifteen)\b/i);
  });

  test('`spellOutBelow: 0` alone keeps the words that open a sentence', () => {
    const f = figuresWith('style:\n  numbers: { spellOutBelow: 0 }');
    expect(f.has(`4${NBSP}incidents`)).toBe(true);
    expect(f.has(`Fifteen${NBSP}minutes`)).toBe(true);
  });

  test('a number opens a sentence in words after the citation that closes the sentence before', () => {
    const root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
    roots.push(root);
    const framing = join(root, 'content', 'kazakhstan-2022', 'en', 'framing', 'osce.md');
    writeFileSync(
      framing,
      `${readFileSync(framing, 'utf8')}\nHuman Rights Watch interviewed people in Almaty. :cite[hrw-almaty-2022-01] ` +
        ':fig[witnesses]{noun=witness} described the events of that day. :cite[hrw-almaty-2022-01]\n',
    );
    const ws = loadWorkspace(root);
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = toHtml(treeOf(composeDocument(ws, ws.projects[0]!, 'en', 'briefing-osce')));
    expect(html).toMatch(new RegExp(`<span class="fig"[^>]*>Three${NBSP}witnesses</span> described`));
  });

  test('a lower threshold: words below seven, digits from seven', () => {
    const f = figuresWith('style:\n  numbers: { spellOutBelow: 7 }');
    expect(f.has(`four${NBSP}incidents`)).toBe(true);
    expect(f.has(`six${NBSP}videos`)).toBe(true);
    expect(f.has(`7${NBSP}transport trucks`)).toBe(true);
  });

  test('a language set apart: Russian in digits, English as before', () => {
    const style = 'style:\n  numbers:\n    locales:\n      ru: { spellOutBelow: 0 }';
    expect(figuresWith(style, 'en').has(`four${NBSP}incidents`)).toBe(true);
    const ru = figuresWith(style, 'ru');
    expect(ru.has(`не\u00a0менее\u00a04${NBSP}случаев`)).toBe(true);
    expect(ru.all.join(' ')).not.toMatch(/четыре|семь|шесть/);
  });

  test('house style for a language the project does not publish in is a located error', () => {
    const root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
    roots.push(root);
    const file = join(root, 'content', 'kazakhstan-2022', 'project.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}style:\n  numbers:\n    locales:\n      kz: { spellOutBelow: 0 }\n`,
    );
    const found = loadWorkspace(root).diagnostics.filter((d) => d.rule === 'schema/unknown-key');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      /`kz` is not a language of this project \(en, ru, kk\).*did you mean `kk`/,
    );
    expect(found[0]?.line).toBeGreaterThan(30);
  });
});
