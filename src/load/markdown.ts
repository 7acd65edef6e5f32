/**
 * Markdown with directives (`:fig[id]`, `:cite[id]`, `:date[...]`, `:time[...]`)
 * parsed to mdast once; the loader checks it and compose renders it.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import { visit } from 'unist-util-visit';
import type { Root, Nodes } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics/diagnostic.js';
import type { Claim } from '../model/figure-use.js';
import { annotateClaims, claimOf } from './claims.js';

export const directiveNames = ['fig', 'cite', 'date', 'time'] as const;
export type DirectiveName = (typeof directiveNames)[number];

export interface DirectiveUse {
  readonly name: DirectiveName;
  readonly value: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly position: Position;
  /** For figures: what the sentence around the use claims (see load/claims.ts). */
  readonly claim?: Claim;
}

export interface ParsedMarkdown {
  readonly tree: Root;
  readonly uses: DirectiveUse[];
  readonly errors: Diagnostic[];
}

const processor = unified().use(remarkParse).use(remarkDirective);

/** `origin` maps positions of a snippet (e.g. a YAML string) onto its file. */
export function parseMarkdown(
  text: string,
  file: string,
  origin: Position = { line: 1, column: 1 },
): ParsedMarkdown {
  const tree = processor.parse(text) as Root;
  annotateClaims(tree);
  const uses: DirectiveUse[] = [];
  const errors: Diagnostic[] = [];
  const at = (node: Nodes): Position => {
    const p = node.position?.start ?? { line: 1, column: 1 };
    return { line: origin.line + p.line - 1, column: p.line === 1 ? origin.column + p.column - 1 : p.column };
  };
  visit(tree, (node, _index, parent) => {
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      errors.push(
        diagnostic(
          'markdown/unknown-directive',
          file,
          `block directive \`${node.name}\` is not supported`,
          at(node),
        ),
      );
      return;
    }
    if (node.type === 'textDirective') {
      const d = node as TextDirective;
      if (!(directiveNames as readonly string[]).includes(d.name)) {
        errors.push(
          diagnostic('markdown/unknown-directive', file, `unknown directive \`:${d.name}\``, at(node)),
        );
        return 'skip';
      }
      const value = directiveValue(d);
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.attributes ?? {})) if (typeof v === 'string') attributes[k] = v;
      const claim = claimOf(d);
      uses.push({
        name: d.name as DirectiveName,
        value,
        attributes,
        position: at(node),
        ...(claim ? { claim } : {}),
      });
      return 'skip';
    }
    if (
      (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') &&
      parent?.type !== 'textDirective'
    ) {
      const match = /\d/.exec(node.value);
      if (match) {
        // Point at the digit itself, not at the start of the text run.
        const start = at(node);
        const before = node.value.slice(0, match.index).split('\n');
        const line = start.line + before.length - 1;
        const column = before.length === 1 ? start.column + match.index : (before.at(-1)?.length ?? 0) + 1;
        errors.push(
          diagnostic(
            'markdown/digit-in-prose',
            file,
            `the number in “${excerpt(node.value, match.index)}” is typed into prose`,
            { line, column },
          ),
        );
      }
    }
    if (node.type === 'html') {
      // Raw HTML never reaches a document; say so rather than drop it silently.
      errors.push(
        diagnostic(
          'markdown/unknown-directive',
          file,
          'raw HTML is not allowed in content and is removed',
          at(node),
          'warning',
        ),
      );
    }
    return undefined;
  });
  return { tree, uses, errors };
}

function excerpt(text: string, index: number): string {
  const start = Math.max(0, index - 20);
  return (
    (start > 0 ? '…' : '') +
    text.slice(start, index + 20).replace(/\s+/g, ' ') +
    (index + 20 < text.length ? '…' : '')
  );
}

/**
 * The label of a directive as written. A label holding a time ("15:00") is parsed by
 * micromark as text plus a nested directive named "00", so it is rebuilt here.
 */
export function directiveValue(node: TextDirective): string {
  const text = (c: TextDirective['children'][number]): string =>
    c.type === 'textDirective' ? `:${c.name}${c.children.map(text).join('')}` : 'value' in c ? c.value : '';
  return node.children.map(text).join('').trim();
}
