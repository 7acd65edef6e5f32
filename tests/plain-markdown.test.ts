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
import { splitMarkdown } from '../src/load/markdown-file.js';
import { repoRoot } from './helpers/workspace.js';

const parser = unified().use(remarkParse).use(remarkDirective);
const parsed = (text: string): unknown => parser.parse(text);

/** Every string value of every YAML file under `dir`, and the body of every Markdown file. */
function contentStrings(dir = join(repoRoot, 'content')): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  for (const f of files) {
    const source = (): string => readFileSync(join(dir, f), 'utf8');
    if (f.endsWith('.yaml')) {
      try {
        walk(parse(source()));
      } catch {
        // A fixture of broken YAML.
      }
    }
    if (f.endsWith('.md')) {
      const split = splitMarkdown(source(), f);
      if (split.ok) out.push(split.value.body);
    }
  }
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
      expect(JSON.stringify(tree)).toBe(JSON.stringify(parsed(text)));
    }
    // The shortcut is worth having only if it takes the common case: plain texts, and lines
    // whose only syntax is directives.
    expect(taken).toBeGreaterThan(texts.length / 2);
    const withDirectives = texts.filter((t) => /(?<!:):[a-z]+\[/.test(t) && !t.includes('\n'));
    expect(withDirectives.length).toBeGreaterThan(100);
    expect(withDirectives.filter((t) => plainTree(t)).length).toBeGreaterThan(withDirectives.length * 0.9);
    // And the prose of the Markdown files, paragraphs of one line each.
    const prose = texts.filter((t) => t.includes('\n\n'));
    expect(prose.length).toBeGreaterThan(50);
    expect(prose.filter((t) => plainTree(t)).length).toBeGreaterThan(prose.length * 0.9);
  });

  test("the test fixtures' texts, broken ones among them: each one taken gets the parser's tree", () => {
    let taken = 0;
    for (const text of contentStrings(join(repoRoot, 'tests', 'fixtures'))) {
      const tree = plainTree(text);
      if (!tree) continue;
      taken++;
      expect(JSON.stringify(tree)).toBe(JSON.stringify(parsed(text)));
    }
    expect(taken).toBeGreaterThan(100);
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
      'Kazakhstan: the January events',
      'Leave, we will shoot!',
      'an !image',
      'a :fig[directive]',
      ':cite[hrw-2022-01-07]',
      'Killed: :fig[protesters_killed]{noun=protesters case=gen}, by :date[2022-01-05]{style=long}.',
      'Quoted :fig[x]{noun="two words" asOf=2022-01-07}:',
      ':fig[a]:cite[b]',
      'At :time[2022-01-05T02:53+06:00] on :date[2022-01-05]{style=day}',
      // Blocks of one line, a blank line between two, a file's line break at the end.
      '::quote[leaf]',
      'First :fig[a].\n\n::quote[banner]\n\nSecond, :cite[b]\n',
      'One.\n\nTwo.',
      'One.\n',
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
      'html <b>bold</b>',
      'entity &amp;',
      'escape \\*',
      'two\nlines',
      'two\n\n\nblank lines',
      'one\n\n',
      '\nfirst',
      'blank\n \nwith a space',
      'one\n\n# heading',
      'one\n\n- list',
      '::quote[leaf] text',
      ':::quote[container]',
      'tab\there',
      'braces {{x}}',
      'strike ~~x~~',
      'carriage\rreturn',
      // A colon before anything but a space may open a directive: `10:30` is one named "30".
      '10:30',
      'at 10:30',
      'a:b',
      'x ::fig[a]',
      ':fig[a](link)',
      ':fig[a][ref]',
      ':fig[]',
      ':fig[_a_]',
      ':fig[a]{id=b}',
      ':fig[a]{class=b}',
      ':fig[a]{k=b k=c}',
      ':fig[a]{.b}',
      ':fig[a]{k=b',
      // The parser reads a NUL as U+FFFD (a YAML escape can put one in a value).
      ':fig[a]{k="x\u0000y"}',
      ':fig[a]{k="x\ty"}',
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
        if (tree) expect(JSON.stringify(tree)).toBe(JSON.stringify(parsed(text)));
      }),
      { numRuns: 3000 },
    );
  });

  test('any text with directives the shortcut takes parses to the same tree, key order included', () => {
    const attribute = fc.tuple(
      fc.constantFrom('noun', 'case', 'asOf', 'style', 'a', 'id', 'class'),
      fc.constantFrom(
        'x',
        'gen',
        '2022-01-07',
        '"two words"',
        '"a=b c"',
        '""',
        '"x',
        '_x',
        '"a\u0000b"',
        '"a\tb"',
      ),
    );
    const directive = fc
      .tuple(
        fc.constantFrom(':fig', ':cite', ':date', ':x1', '::quote', ':'),
        fc.constantFrom(
          '[id]',
          '[a_b-2.c]',
          '[2022-01-05]',
          '[_a]',
          '[a b]',
          '[]',
          '',
          '[2022-01-05T02:53+06:00]',
          '[a:b]',
          '[a:b:c]',
          '[a:-b]',
          '[:a]',
          '[a:]',
          '[a:b+1]',
          '[a:b+]',
          '[a:b-c]',
          '[a::b]',
          '[a:b_c]',
        ),
        fc.oneof(
          fc.constant(''),
          fc
            .array(attribute, { minLength: 1, maxLength: 3 })
            .map((a) => `{${a.map((p) => p.join('=')).join(' ')}}`),
          fc.constantFrom('{.x}', '{a=1  b=2}', '{a=1'),
        ),
      )
      .map((d) => d.join(''));
    const piece = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          'a',
          'Әке',
          ' ',
          ' ',
          ', ',
          '.',
          '(',
          ')',
          '1',
          '"',
          '-',
          ': ',
          '!',
          '\u00a0',
          '+',
        ),
      },
      { weight: 3, arbitrary: directive },
      { weight: 1, arbitrary: fc.constantFrom(':', '_', '[', ']', '{', '}', '=', '*', '\\') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('\n', '\n\n', '\n\nB', '\n\n::quote[x]', '\n\n::quote[x]\n\nC'),
      },
    );
    let taken = 0;
    fc.assert(
      // Half of them after a letter: a text that starts with a space is never taken.
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 12 }), (letter, parts) => {
        const text = (letter ? 'A' : '') + parts.join('');
        const tree = plainTree(text);
        if (!tree) return;
        taken++;
        expect(JSON.stringify(tree)).toBe(JSON.stringify(parsed(text)));
      }),
      { numRuns: 4000 },
    );
    // The property is about the texts taken: enough of them to mean something.
    expect(taken).toBeGreaterThan(150);
  });
});
