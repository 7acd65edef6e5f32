/**
 * The supervisor sets ICU up while the command's thread loads its code (src/cli/warm-intl.ts):
 * for the commands that load a workspace only, and never at the cost of an error.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { warmIntl, warmsIntl } from '../src/cli/warm-intl.js';

describe('ICU set up by the supervisor', () => {
  afterEach(() => vi.restoreAllMocks());

  test('for the commands that load a workspace, not for help or a usage error', () => {
    for (const argv of [
      ['build'],
      ['build', '--force'],
      ['--quiet', 'check'],
      ['i18n', 'status'],
      ['watch'],
      ['figures'],
    ])
      expect(warmsIntl(argv)).toBe(true);
    for (const argv of [[], ['--help'], ['build', '--help'], ['-h'], ['--version'], ['frobnicate']])
      expect(warmsIntl(argv)).toBe(false);
  });

  test('never throws, even where ICU lacks a service (the command then meets it and reports it)', () => {
    const made: string[] = [];
    for (const name of ['NumberFormat', 'DateTimeFormat', 'PluralRules', 'Segmenter'] as const)
      vi.spyOn(Intl, name).mockImplementation(function () {
        made.push(name);
        throw new RangeError(`no ${name} data`);
      } as never);
    expect(() => warmIntl()).not.toThrow();
    // The first that fails ends it.
    expect(made).toEqual(['NumberFormat']);
    vi.restoreAllMocks();
    expect(() => warmIntl()).not.toThrow();
  });
});
