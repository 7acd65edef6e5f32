/** A template's mistakes are reported where they are written, whatever their kind. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, removeWorkspace, runCli } from './helpers/workspace.js';

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

  test('is a template/runtime error at its line and column, naming the missing field', () => {
    const r = runCli(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /templates\/key-figures\.hbs:6:\d+ error `nonexistent` is not a field of this block \(template\/runtime\)/,
    );
    expect(r.stderr).not.toMatch(/Cannot read properties/);
  });
});

describe('a tool template that links out of the workspace', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace();
    const outside = join(root, '..', `${root.split('/').pop()}-outside.hbs`);
    writeFileSync(outside, '<p>secret</p>');
    rmSync(join(root, 'templates', 'cover.hbs'));
    symlinkSync(outside, join(root, 'templates', 'cover.hbs'));
  });
  afterAll(() => removeWorkspace(root));

  test('is one error, at the link: not also a missing template', () => {
    const r = runCli(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/templates\/cover\.hbs:1:1 error .* \(file\/outside-project\)/);
    expect(r.stderr).not.toMatch(/file\/missing/);
    expect(r.stderr).toMatch(/^1 error/m);
  });
});
