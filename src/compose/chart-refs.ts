/**
 * References to charts (`:chartref[id]`), filled in once the document is complete: each
 * reads as "(see Figure 2)" in the document's language, with the number the chart's
 * caption has in this document, and links to it. A reference to a chart this document
 * does not show is left out, with a warning: a number it cannot know is never printed.
 */
import type { Element, ElementContent, Parents } from 'hast';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block } from '../model/document.js';
import { classList } from '../model/vocabulary.js';
import type { DocumentContext } from './context.js';
import { eachElement, runs } from './walk.js';

/** Parentheses around the words stay outside the link: "(<a>see Figure 2</a>)". */
function linked(phrase: string, node: Element): ElementContent[] {
  const [, open = '', words = phrase, close = ''] = /^([([]?)([\s\S]*?)([)\]]?)$/.exec(phrase) ?? [];
  node.children = [{ type: 'text', value: words }];
  return [
    ...(open ? [{ type: 'text' as const, value: open }] : []),
    node,
    ...(close ? [{ type: 'text' as const, value: close }] : []),
  ];
}

/** Drops the space a left-out reference leaves before it ("rose (see …)." → "rose."). */
function trimBefore(parent: Parents, index: number): void {
  const before = parent.children[index - 1];
  if (before?.type === 'text') before.value = before.value.replace(/[ \t\u00a0]+$/, '');
}

/**
 * Fills in every chart reference of `body` from `numbers` (chart id → its figure number
 * in this document); returns a warning for each reference to a chart it does not show.
 */
export function resolveChartRefs(
  body: readonly Block[],
  numbers: ReadonlyMap<string, number>,
  ctx: DocumentContext,
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const run of runs(body))
    eachElement(run, (node, index, parent) => {
      if (node.tagName !== 'a' || !classList(node).includes('chartref')) return undefined;
      const ref = ctx.chartRefs[Number(node.properties.dataRef)];
      const id = String(node.properties.dataChart ?? '');
      delete node.properties.dataRef;
      delete node.properties.dataChart;
      const n = numbers.get(id);
      if (n !== undefined) {
        const nodes = linked(ctx.t.t('chart.see', { n }), node);
        parent.children.splice(index, 1, ...nodes);
        return index + nodes.length;
      }
      trimBefore(parent, index);
      parent.children.splice(index, 1);
      if (ref)
        warnings.push(
          diagnose(
            'ref/chart-not-shown',
            ref.file,
            { id, document: ctx.kind, locale: ctx.locale, ...(ref.key ? { key: ref.key } : {}) },
            ref.at,
          ),
        );
      return index;
    });
  return warnings;
}
