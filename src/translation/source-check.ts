/**
 * Whether an entry's <source> is still the one the export wrote. The import never reads
 * the source from the file (it checks a target against the workspace's own source), so a
 * CAT tool that lets sources be edited, or a hand edit of a `:fig[…]` in one, had gone
 * unnoticed: the file then no longer shows what its translation answers.
 */
import { codes, protect } from './placeholders.js';
import type { TargetPart } from './xliff.js';

type Ref = Extract<TargetPart, { kind: 'ref' }>;

/** What differs between the source the export wrote (`exported`) and the file's, or undefined. */
export function sourceEdit(exported: string, parts: readonly TargetPart[]): string | undefined {
  const expected = new Map(codes(protect(exported)).map((c) => [c.id, c.code]));
  const refs = parts.filter((p): p is Ref => p.kind === 'ref');
  return placeholderEdit(expected, refs) ?? textEdit(exported, parts, expected);
}

/** The first placeholder of the export removed, altered or repeated, or one it did not write. */
function placeholderEdit(expected: ReadonlyMap<string, string>, refs: readonly Ref[]): string | undefined {
  for (const [id, code] of expected) {
    const found = refs.filter((r) => r.id === id);
    if (found.length === 0) return `placeholder {${id}} (\`${code}\`) was removed from the source`;
    if (found.length > 1)
      return `placeholder {${id}} (\`${code}\`) appears ${found.length} times in the source`;
    // <x/> may carry no copy of its code (equiv-text is optional): only its id says which it is.
    const equiv = found[0]?.equiv ?? null;
    if (equiv !== null && equiv !== code)
      return `the source's placeholder {${id}} was altered: \`${equiv}\` instead of \`${code}\``;
  }
  const added = refs.find((r) => !expected.has(r.id));
  return added
    ? `the source has a placeholder {${added.id}}${added.equiv ? ` (\`${added.equiv}\`)` : ''} the export did not write`
    : undefined;
}

/**
 * Words edited in the source. Runs of white space count as one: a tool that does not keep
 * `xml:space="preserve"` reflows the source it shows, and the words are still the same.
 */
function textEdit(
  exported: string,
  parts: readonly TargetPart[],
  expected: ReadonlyMap<string, string>,
): string | undefined {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const text = parts
    .map((p) => (p.kind === 'text' ? p.text : (p.equiv ?? expected.get(p.id) ?? '')))
    .join('');
  const [was, is] = [norm(exported), norm(text)];
  if (was === is) return undefined;
  let at = 0;
  while (at < was.length && was[at] === is[at]) at += 1;
  const around = (s: string): string =>
    `${at > 20 ? '…' : ''}${s.slice(Math.max(0, at - 20), at + 20)}${at + 20 < s.length ? '…' : ''}`;
  return `the source text was edited: “${around(is)}” where the export has “${around(was)}”`;
}
