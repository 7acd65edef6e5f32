/**
 * A plain text's tree is built without the parser (src/load/plain-markdown.ts): it must be
 * the parser's own tree, for the project's texts and for any text the shortcut accepts.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import { parse } from 'yaml';
import { plainTree } from '../src/load/plain-markdown.js';
import { repoRoot } from './helpers/workspace.js';

const parser = unified().use(remarkParse).use(remarkDirective);
const parsed = (text: string): unknown => parser.parse(text);

/** Every string value of every YAML file under content/. */
function contentStrings(): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const files = readdirSync(join(repoRoot, 'content'), { recursive: true, encoding: 'utf8' });
  for (const f of files)
    if (f.endsWith('.yaml')) walk(parse(readFileSync(join(repoRoot, 'content', f), 'utf8')));
  return out;
}

describe('plain texts parsed without the parser', () => {
  test("the project's texts: each one taken gets the parser's tree, and most are taken", () => {
    const texts = contentStrings();
    let taken = 0;
    for (const text of texts) {
      const tree = plainTree(text);
      if (!tree) continue;
      taken++;
      expect(tree).toEqual(parsed(text));
    }
    // The shortcut is worth having only if it takes the common case.
    expect(taken).toBeGreaterThan(texts.length / 2);
  });

  test('texts in every script the project writes, with digits and typographic punctuation', () => {
    for (const text of [
      'Hello world.',
      'Қаңтардың басында «Құқық» (2022) — ұлттық; “quoted” ‘too’ …',
      'Январские события 2022 года, нет',
      'a  b',
      'Ә Ғ Қ Ң Ө Ұ Ү Һ І',
      'Math 𝒜 astral',
      '"Quoted" and \'single\'',
      '(parenthesis) 50% / 3-4 – 5',
    ]) {
      const tree = plainTree(text);
      expect(tree).toBeDefined();
      expect(tree).toEqual(parsed(text));
    }
  });

  test('anything Markdown could read as syntax goes to the parser', () => {
    for (const text of [
      '',
      ' leading space',
      'trailing space ',
      '- a list',
      '+ a list',
      '1. a list',
      '2) a list',
      '# heading',
      '> quote',
      '*emphasis*',
      'snake_case',
      'code `x`',
      'a [link](x)',
      'an ![image](x)',
      'a :fig[directive]',
      'html <b>bold</b>',
      'entity &amp;',
      'escape \\*',
      'two\nlines',
      'tab\there',
      'braces {{x}}',
      'strike ~~x~~',
      'carriage\rreturn',
    ])
      expect(plainTree(text)).toBeUndefined();
  });

  test('any text the shortcut takes parses to the same tree', () => {
    const plain = [...'aQәҚж1 9.,;\'"()?%/–—«»“”‘’„…-𝒜'];
    const syntax = [...':*_`[]!<>&\\{}~#+=|\t\n\r\u00a0'];
    // Half the texts from plain characters only, so that the shortcut takes many of them.
    const text = fc.oneof(
      fc.array(fc.constantFrom(...plain), { maxLength: 24 }),
      fc.array(fc.constantFrom(...plain, ...syntax), { maxLength: 24 }),
    );
    fc.assert(
      fc.property(text, (parts) => {
        const text = parts.join('');
        const tree = plainTree(text);
        if (tree) expect(tree).toEqual(parsed(text));
      }),
      { numRuns: 3000 },
    );
  });
});
