/** A composed document as its HTML writer draws it, as a tree to select from. */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { loadToolkit } from '../../src/load/toolkit.js';
import type { SemanticDocument } from '../../src/model/document.js';
import { renderBlocks, type BlockTemplates } from '../../src/write/html-blocks.js';
import { compileTemplates } from '../../src/write/templates.js';
import { repoRoot } from './workspace.js';

let templates: BlockTemplates | undefined;

export function treeOf(doc: SemanticDocument): Root {
  templates ??= compileTemplates(loadToolkit(repoRoot).toolkit);
  return fromHtml(renderBlocks(doc.body, templates), { fragment: true });
}
