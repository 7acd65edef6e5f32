/**
 * Renders content Markdown (mdast with directives) to the document's inline and
 * block content (sanitized hast): remark → rehype, directives resolved for the
 * document's locale, then rehype-sanitize, so content can never inject markup or script.
 */
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Root as MdastRoot, Heading, Parent } from 'mdast';
import type { Root as HastRoot, Element, ElementContent } from 'hast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
import { claimOf } from '../load/claims.js';
import { withDefault, type Claim } from '../model/figure-use.js';
import rfdc from 'rfdc';
import { directiveValue, parseMarkdown, textOfHtml, writtenAt } from '../load/markdown.js';
import type { Position } from '../diagnostics/diagnostic.js';

export interface DirectiveRenderer {
  /** The figure's text and the number compose gave this use (to find it in the tree again). */
  fig(
    id: string,
    attributes: Record<string, string>,
    claim: Claim | undefined,
    /** Whether the figure opens a sentence (house style then writes its number in words). */
    sentenceStart?: boolean,
  ): { text: string; use: number };
  date(iso: string, attributes: Record<string, string>): string;
  time(iso: string): string;
  /** A quotation as this document prints it; `claim` is what its sentence cites. */
  quote(id: string, claim: Claim | undefined): ShownQuotation | undefined;
  /**
   * A reference to a chart ("(see Figure 2)"): the text it reads as until the document is
   * complete and its figures numbered, and the number compose gave it (see compose/chart-refs.ts).
   */
  chartref(id: string, at: Position | undefined): { text: string; ref: number };
}

/** A quotation's approved rendering for one document, with what must be printed around it. */
export interface ShownQuotation {
  /** Markdown (may hold :fig, :date, :time), without quotation marks of its own. */
  readonly text: string;
  /** False for reported speech: no quotation marks, no note. */
  readonly quoted: boolean;
  readonly marks: { open: string; close: string; innerOpen: string; innerClose: string };
  /** The note a translation carries ("translated from Russian"); absent for the speaker's own words. */
  readonly note: string | undefined;
  /** The attribution under a block quotation ("Letta Tayler, Human Rights Watch"). */
  speaker(): string | undefined;
  /** The source to cite after it; absent when its sentence already cites it. */
  readonly cite: string | undefined;
  /** What the figures inside it claim: the quotation's own source and date. */
  readonly claim: Claim;
  /** Set when the rendering is another language's (this one has none). */
  readonly lang: string | undefined;
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [
    'p',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'blockquote',
    'h3',
    'h4',
    'h5',
    'br',
    'sup',
    'span',
    'time',
    'a',
  ],
  attributes: {
    span: [['className', 'fig', 'untranslated'], 'dataFigure', 'dataUse', 'lang'],
    sup: [['className', 'cite'], 'dataSource'],
    time: ['dateTime', 'dataTo'],
    a: ['href', ['className', 'chartref'], 'dataChart', 'dataRef'],
  },
  // Links keep their target only when it is https: (no javascript:, no file:, no tracking http:).
  protocols: { href: ['https'] },
  clobber: [],
};

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/**
 * A figure whose value is a word ("thousands", "сотни", or a number house style writes
 * in words) may open a sentence; it comes in lower case, so the sentence capitalizes it here.
 */
function atSentenceStart(node: TextDirective, parent: Parent | undefined): boolean {
  if (!parent) return false;
  const i = parent.children.indexOf(node as never);
  // A citation after a full stop closes the sentence before it ("… peaceful. :cite[x]
  // :fig[y] remain"): looked past, with the spaces around it.
  let gap = '';
  let j = i - 1;
  for (; j >= 0; j--) {
    const b = parent.children[j] as { type: string; name?: string; value?: string };
    if (b.type === 'textDirective' && b.name === 'cite') continue;
    if (b.type === 'text' && /^\s*$/.test(b.value ?? '')) gap = `${b.value ?? ''}${gap}`;
    else break;
  }
  // A quotation inside a sentence continues that sentence: its first word keeps its case.
  if (j < 0) return pass?.quoting !== 'inline';
  const before = parent.children[j] as { type: string; value?: string };
  return before.type === 'text' && /[.!?…]["»”']?\s+$/.test(`${before.value ?? ''}${gap}`);
}

const capitalize = (s: string): string => {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + s.slice(head.length);
};

interface Pass {
  readonly r: DirectiveRenderer;
  readonly claim: Claim | undefined;
  /** Inside a quotation's words (in a sentence, or set apart), where no quotation may open. */
  readonly quoting?: 'inline' | 'block';
}

/** The renderer and claim of the one `runSync` in progress (it is synchronous, so never two). */
let pass: Pass | undefined;

function directive(
  _state: unknown,
  node: TextDirective,
  parent?: Parent,
): Element | ElementContent | ElementContent[] {
  if (!pass) throw new Error('a directive rendered outside renderMarkdown');
  const { r, claim } = pass;
  const value = directiveValue(node);
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attributes ?? {})) if (typeof v === 'string') attrs[k] = v;
  switch (node.name) {
    case 'fig': {
      const start = atSentenceStart(node, parent);
      const shown = r.fig(value, attrs, withDefault(claimOf(node), claim), start);
      return {
        type: 'element',
        tagName: 'span',
        properties: { className: ['fig'], dataFigure: value, dataUse: String(shown.use) },
        children: [text(start ? capitalize(shown.text) : shown.text)],
      };
    }
    case 'cite':
      return {
        type: 'element',
        tagName: 'sup',
        properties: { className: ['cite'], dataSource: value.replace(/\s+/g, '') },
        children: [],
      };
    case 'date': {
      // A range said whole opens a sentence with a word: "Between 4 and 6 January, …", «С 4 по 6 января…».
      const shown = r.date(value, attrs);
      return {
        type: 'element',
        tagName: 'time',
        // A range has no datetime of its own in HTML: its first day, and its last beside it.
        properties: { dateTime: value, ...(attrs.to === undefined ? {} : { dataTo: attrs.to }) },
        children: [text(atSentenceStart(node, parent) ? capitalize(shown) : shown)],
      };
    }
    case 'time':
      return {
        type: 'element',
        tagName: 'time',
        properties: { dateTime: value },
        children: [text(r.time(value))],
      };
    case 'chartref': {
      const shown = r.chartref(value, writtenAt(node));
      return {
        type: 'element',
        tagName: 'a',
        properties: {
          className: ['chartref'],
          href: `#chart-${value}`,
          dataChart: value,
          dataRef: String(shown.ref),
        },
        children: [text(shown.text)],
      };
    }
    case 'quote':
      if (pass.quoting) return text('');
      return quotation(r.quote(value, withDefault(claimOf(node), claim)), value, false, node, parent);
    default:
      return text('');
  }
}

/** The text node that follows a directive in its paragraph, if one does. */
function textAfter(node: TextDirective, parent: Parent | undefined): { value: string } | undefined {
  const next = parent?.children[parent.children.indexOf(node as never) + 1];
  return next?.type === 'text' ? next : undefined;
}

const cite = (source: string): Element => ({
  type: 'element',
  tagName: 'sup',
  properties: { className: ['cite'], dataSource: source },
  children: [],
});

/** Inside a quotation its quotation marks become the inner pair (« » → „ “). */
function innerMarks(nodes: ElementContent[], m: ShownQuotation['marks']): ElementContent[] {
  for (const n of nodes) {
    if (n.type === 'text')
      n.value = n.value.split(m.open).join(m.innerOpen).split(m.close).join(m.innerClose);
    else if (n.type === 'element') innerMarks(n.children, m);
  }
  return nodes;
}

/**
 * A quotation from the registry: in a sentence, its words in the language's quotation marks,
 * the note a translation carries and, unless the sentence cites its source, a reference; as a
 * block (`::quote`), the words as they stand, then the speaker, the note and the reference.
 * A full stop ending the words gives way to the punctuation the sentence puts after them
 * («…расследование». in Russian, not «…расследование.».).
 */
function quotation(
  shown: ShownQuotation | undefined,
  id: string,
  block: boolean,
  node?: TextDirective,
  parent?: Parent,
): ElementContent[] {
  if (!shown || !pass) return [text(id)];
  const next = node ? textAfter(node, parent) : undefined;
  const following = next?.value ?? '';
  const source = !block && /^[.,;:]/.test(following) ? shown.text.replace(/(?<![.…])\.\s*$/, '') : shown.text;
  // A case ending written onto reported speech (Kazakh «…бандылар»+«ға») belongs to its last
  // word: it joins the words, before any reference mark (this tree is compose's own copy).
  const ending = !shown.quoted && next ? (/^[\p{L}\p{M}]+/u.exec(following)?.[0] ?? '') : '';
  if (next && ending) next.value = following.slice(ending.length);
  const outer = pass;
  pass = { r: outer.r, claim: shown.claim, quoting: block ? 'block' : 'inline' };
  let words: ElementContent[];
  try {
    const hast = processor.runSync(copyTree(parsedText(source)) as never) as HastRoot;
    words = hast.children.flatMap((c) =>
      c.type === 'element' && c.tagName === 'p' ? c.children : c.type === 'text' ? [] : [c as ElementContent],
    );
  } finally {
    pass = outer;
  }
  const note = shown.note && (shown.quoted || block) ? [text(` (${shown.note})`)] : [];
  const mark = shown.cite ? [cite(shown.cite)] : [];
  let body: ElementContent[] =
    shown.quoted && !block
      ? [text(shown.marks.open), ...innerMarks(words, shown.marks), text(shown.marks.close)]
      : [...words, ...(ending ? [text(ending)] : [])];
  if (shown.lang)
    body = [
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['untranslated'], lang: shown.lang },
        children: body,
      },
    ];
  if (!block) return [...body, ...note, ...mark];
  const speaker = shown.speaker();
  return [...body, text(speaker ? `\u00a0— ${speaker}` : ''), ...note, ...mark];
}

/**
 * Compose's own copy of a parsed text, which it edits (heading depths, a case ending moved
 * into a quotation). A syntax tree is plain objects, arrays and strings: copied field by
 * field it takes a fraction of what structuredClone's serialize-and-read takes (composing
 * the Kazakhstan project's 12 documents, warm: see the commit that brought it).
 */
const copyTree = rfdc({ proto: false, circles: false });

/** Built once: a unified pipeline costs more to assemble than most texts cost to render. */
const processor = unified()
  .use(remarkRehype, {
    handlers: {
      textDirective: directive,
      // `::quote[id]` on a line of its own: a block quotation from the registry.
      leafDirective(_state: unknown, node: LeafDirective): Element | ElementContent {
        if (node.name !== 'quote' || !pass || pass.quoting) return text('');
        const id = directiveValue(node);
        return {
          type: 'element',
          tagName: 'blockquote',
          properties: {},
          children: [
            {
              type: 'element',
              tagName: 'p',
              properties: {},
              children: quotation(pass.r.quote(id, undefined), id, true),
            },
          ],
        };
      },
      // Images are dropped (a document requests nothing from other hosts); their text stays.
      image(_state: unknown, node: { alt?: string | null }): ElementContent {
        return text(node.alt ?? '');
      },
      // Raw HTML is dropped, the text inside it kept, so a stray tag never swallows a paragraph.
      html(_state: unknown, node: { value: string }, parent?: Parent): ElementContent | Element {
        const kept = textOfHtml(node.value);
        if (parent?.type === 'root' || parent?.type === 'blockquote' || parent?.type === 'listItem')
          return kept ? { type: 'element', tagName: 'p', properties: {}, children: [text(kept)] } : text('');
        return text(kept);
      },
    } as never,
  })
  .use(rehypeSanitize, schema)
  .use(() => (tree: HastRoot) => {
    authorLinks(tree);
  })
  .freeze();

/**
 * An author's link keeps its target only when it is an https: address; any other (`evil.html`,
 * `//host/x`, `?a=b`, `#top`, or one sanitizing emptied) keeps its text and loses its link.
 * The sanitizer's protocol list lets relative addresses through; a chart reference is ours.
 * A link kept leaves the document: the reader's page is never told where they came from.
 */
function authorLinks(node: HastRoot | Element): void {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    authorLinks(c);
    if (c.tagName === 'a' && !isChartRef(c) && isHttps(c))
      c.properties = { ...c.properties, rel: ['noopener', 'noreferrer'] };
  }
  const children = node.children as ElementContent[];
  if (children.some(loses))
    node.children = children.flatMap((c) => (loses(c) ? (c as Element).children : [c]));
}

const isChartRef = (e: Element): boolean =>
  Array.isArray(e.properties.className) && e.properties.className.includes('chartref');
const isHttps = (e: Element): boolean => /^https:\/\/[^/]/i.test(String(e.properties.href ?? ''));
const loses = (c: ElementContent): boolean =>
  c.type === 'element' && c.tagName === 'a' && !isChartRef(c) && !isHttps(c);

export function renderMarkdown(
  tree: MdastRoot,
  r: DirectiveRenderer,
  options: { headingBase?: number; inline?: boolean; claim?: Claim } = {},
): ElementContent[] {
  const base = options.headingBase ?? 3;
  const copy = copyTree(tree);
  // Headings in prose sit below the heading of the unit that holds them: the text's
  // shallowest at `base`, deeper ones below it, down to h5 (the deepest a document has).
  // Shifted by their own depth, a finding's `###` had become an h6, which no page prints.
  let shallowest = 6;
  const find = (node: MdastRoot | MdastRoot['children'][number]): void => {
    if (node.type === 'heading') shallowest = Math.min(shallowest, (node as Heading).depth);
    if ('children' in node) for (const c of node.children) find(c as MdastRoot['children'][number]);
  };
  find(copy);
  const shift = (node: MdastRoot | MdastRoot['children'][number]): void => {
    if (node.type === 'heading')
      (node as Heading).depth = Math.min(5, base + (node as Heading).depth - shallowest) as Heading['depth'];
    if ('children' in node) for (const c of node.children) shift(c as MdastRoot['children'][number]);
  };
  shift(copy);
  const outer = pass;
  pass = { r, claim: options.claim };
  let hast: HastRoot;
  try {
    hast = processor.runSync(copy as never) as HastRoot;
  } finally {
    pass = outer;
  }
  const content = hast.children.filter((c): c is ElementContent => c.type !== 'doctype');
  if (options.inline && content.length === 1) {
    const only = content[0];
    if (only && only.type === 'element' && only.tagName === 'p') return only.children;
  }
  return content;
}

/**
 * Short texts parsed once per process, by their text: every document of every
 * language renders the same texts again (renderMarkdown copies the tree it gets).
 * Bounded, so a long watch session does not keep every text it ever saw.
 */
const parsedTexts = new Map<string, MdastRoot>();
const MAX_PARSED = 20_000;

function parsedText(value: string): MdastRoot {
  let tree = parsedTexts.get(value);
  if (!tree) {
    if (parsedTexts.size >= MAX_PARSED) parsedTexts.clear();
    tree = parseMarkdown(value, '').tree;
    parsedTexts.set(value, tree);
  }
  return tree;
}

/** Renders a short text (a recommendation, a chronology entry) that may hold directives. */
export function renderInline(textValue: string, r: DirectiveRenderer, claim?: Claim): ElementContent[] {
  return renderMarkdown(parsedText(textValue), r, { inline: true, ...(claim ? { claim } : {}) });
}

/** The same as HTML, for the review copies. */
export function renderInlineHtml(textValue: string, r: DirectiveRenderer, claim?: Claim): string {
  return toHtml(renderInline(textValue, r, claim));
}
