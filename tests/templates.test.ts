/** A template's mistakes are reported where they are written, whatever their kind. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, removeWorkspace, runMain } from './helpers/workspace.js';
import { compileTemplates } from '../src/write/templates.js';

/** One template compiled as the writer compiles it, and what drawing it with `data` throws. */
function thrown(source: string, data: object): string {
  const { templates } = compileTemplates({
    templates: new Map([['t', { file: 't.hbs', source }]]),
    partials: new Map(),
  });
  try {
    templates.get('t')!(data);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'nothing thrown';
}

describe('runtime errors Handlebars gives without a place', () => {
  test('a path through a missing field inside a helper’s value is placed at the path', () => {
    // Inside {{#each}}, `entries` is the entry's field, which it does not have.
    const source = '<ol>{{#each entries}}\n<li>{{label}}{{#if entries.length}}!{{/if}}</li>{{/each}}</ol>';
    expect(thrown(source, { entries: [{ label: 'a' }] })).toBe(
      '"entries" not defined (in "entries.length") - 2:19',
    );
  });

  test('a path that repeats a name is placed too', () => {
    expect(thrown('<p>\n{{#if length.length}}x{{/if}}</p>', {})).toBe(
      '"length" not defined (in "length.length") - 2:6',
    );
  });

  test('a name looked up in a text (inside {{#each}} over texts) is placed at the name', () => {
    const source = '{{title}}<tr>{{#each row}}\n<td>{{title}}</td>{{/each}}</tr>';
    expect(thrown(source, { title: 't', row: ['a', 'b'] })).toBe(
      '"title" not defined (in a text, not a block) - 2:6',
    );
  });

  test('a built-in block helper given two values, or none, is placed at its tag', () => {
    expect(thrown('<p>\n  {{#if a b}}x{{/if}}</p>', { a: 1, b: 2 })).toBe(
      '{{#if}} takes exactly one value - 2:2',
    );
    expect(thrown('{{#with a}}{{/with}}{{#unless}}x{{/unless}}', { a: {} })).toBe(
      '{{#unless}} takes exactly one value - 1:20',
    );
    expect(thrown('<ul>{{#each}}<li>x</li>{{/each}}</ul>', {})).toBe(
      '{{#each}} takes exactly one value - 1:4',
    );
  });
});

describe('a path through a field the block does not have', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
    const file = join(root, 'templates', 'key-figures.hbs');
    // Handlebars' strict mode checks only a path's last name: three names deep, it used to
    // fail as a TypeError with no place.
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{value}}', '{{nonexistent.deep.field}}'));
  });
  afterAll(() => removeWorkspace(root));

  test('is a template/runtime error at its line and column, naming the missing field', async () => {
    const r = await runMain(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /templates\/key-figures\.hbs:6:\d+ error `nonexistent` is not a field of this block \(template\/runtime\)/,
    );
    expect(r.stderr).not.toMatch(/Cannot read properties/);
  });
});

describe('mistakes in two templates', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
    const edit = (name: string, from: string, to: string): void => {
      const file = join(root, 'templates', name);
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    };
    edit('section.hbs', '{{heading}}</h2>', '{{headnig}}</h2>');
    edit('key-figures.hbs', '{{label}}', '{{lable}}');
  });
  afterAll(() => removeWorkspace(root));

  test('are both reported by one check, each once', async () => {
    const r = await runMain(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr.match(/`headnig` is not a field/g)).toHaveLength(1);
    expect(r.stderr.match(/`lable` is not a field/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/^2 errors/m);
  });
});

describe('a tool template that links out of the workspace', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = makeWorkspace();
    outside = join(root, '..', `${root.split('/').pop()}-outside.hbs`);
    writeFileSync(outside, '<p>secret</p>');
    rmSync(join(root, 'templates', 'cover.hbs'));
    symlinkSync(outside, join(root, 'templates', 'cover.hbs'));
  });
  afterAll(() => {
    removeWorkspace(root);
    rmSync(outside, { force: true });
  });

  test('is one error, at the link: not also a missing template', async () => {
    const r = await runMain(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/templates\/cover\.hbs:1:1 error .* \(file\/outside-project\)/);
    expect(r.stderr).not.toMatch(/file\/missing/);
    expect(r.stderr).toMatch(/^1 error/m);
  });
});

describe('a project template cannot publish markup the vocabulary refuses', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
  });
  afterAll(() => removeWorkspace(root));

  test('markup inside an escaped mustache (\\{{…}}, printed as it is) is checked like the rest', async () => {
    const own = join(root, 'content', 'test', 'templates');
    rmSync(own, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'prose.hbs'), '<div>\\{{<script>alert(1)</script>}}{{body}}</div>\n');
    const r = await runMain(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/templates\/prose\.hbs:1:\d+ error .*script.*\(template\/vocabulary\)/);
    rmSync(own, { recursive: true, force: true });
  });

  test('a heading with quotes printed in an attribute stays inside it', async () => {
    const own = join(root, 'content', 'test', 'templates');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(own, { recursive: true });
    writeFileSync(
      join(own, 'section.hbs'),
      '<section id="{{id}}" title="{{heading}}"><h2>{{heading}}</h2>{{body}}</section>\n',
    );
    const finding = join(root, 'content', 'test', 'en', 'findings', 'tolls.md');
    const before = readFileSync(finding, 'utf8');
    writeFileSync(
      finding,
      before.replace(/^title: .*$/m, `title: 'The toll x" onmouseover="alert(1)" data-x="'`),
    );
    try {
      const r = await runMain(['build', '--locale', 'en', '--audience', 'osce', '--format', 'html'], root);
      expect(r.status).toBe(0);
      const html = readFileSync(join(root, 'output', 'test', 'en', 'briefing-osce.html'), 'utf8');
      expect(html).not.toMatch(/\sonmouseover="/);
      expect(html).toContain('title="The toll x&#34; onmouseover=&#34;alert(1)&#34; data-x=&#34;"');
    } finally {
      writeFileSync(finding, before);
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe('partials', () => {
  test('one that includes itself, round a cycle, or that is not there is an error at its tag', async () => {
    const root = makeWorkspace();
    try {
      const { mkdirSync } = await import('node:fs');
      const own = join(root, 'content', 'test', 'templates');
      mkdirSync(join(own, 'partials'), { recursive: true });
      writeFileSync(join(own, 'prose.hbs'), '<div>{{> loop}}{{> nowhere}}{{body}}</div>\n');
      writeFileSync(join(own, 'partials', 'loop.hbs'), '<span>\n{{> again}}</span>\n');
      writeFileSync(join(own, 'partials', 'again.hbs'), '{{> loop}}\n');
      const r = await runMain(['check'], root);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/templates\/prose\.hbs:1:\d+ error the partial `nowhere` is not there/);
      expect(r.stderr).toMatch(
        /partials\/loop\.hbs:2:1 error the partial `loop` includes itself, through `again`/,
      );
      expect(r.stderr).not.toMatch(/Maximum call stack/);
    } finally {
      removeWorkspace(root);
    }
  });
});

describe('helpers', () => {
  test('log and lookup are not available: a template draws its block’s fields only', () => {
    for (const source of ['<p>{{log "x"}}</p>', '<p>{{lookup this "a"}}</p>']) {
      const { diagnostics } = compileTemplates({
        templates: new Map([['t', { file: 't.hbs', source }]]),
        partials: new Map(),
      });
      expect(diagnostics.map((d) => d.rule)).toEqual(['template/syntax']);
      expect(diagnostics[0]!.message).toMatch(/is not available in a template/);
    }
  });
});
