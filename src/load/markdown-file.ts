/** Splits a Markdown file into YAML front matter and body, keeping line numbers. */
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export interface MarkdownFile {
  readonly file: string;
  readonly frontMatter: ParsedYaml;
  readonly body: string;
  /** Line (1-based) of the file on which the body starts. */
  readonly bodyLine: number;
}

export function splitMarkdown(
  source: string,
  file: string,
): { ok: true; value: MarkdownFile } | { ok: false; errors: Diagnostic[] } {
  const lines = source.split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    return {
      ok: false,
      errors: [diagnose('markdown/front-matter', file, { kind: 'no-start' }, { line: 1, column: 1 })],
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (end < 0) {
    return {
      ok: false,
      errors: [diagnose('markdown/front-matter', file, { kind: 'not-closed' }, { line: 1, column: 1 })],
    };
  }
  const frontMatter = parseYaml(lines.slice(1, end).join('\n'), file, 1);
  return { ok: true, value: { file, frontMatter, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 } };
}
