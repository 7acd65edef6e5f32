/**
 * A chart's SVG as the PDF writer reads it (svg-draw.ts): elements with their attributes
 * and text, from the markup the HTML serializer wrote. Only plain markup is read: a
 * comment, CDATA, a processing instruction, an unquoted attribute or an unknown entity
 * gives undefined, and the chart is left to pdfmake's own SVG renderer.
 */

export interface SvgElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly SvgNode[];
}

/** An element, or a run of text. */
export type SvgNode = SvgElement | string;

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s=/>"']+)(?:\s*=\s*"([^"]*)")?/y;
/** svg-to-pdfkit's character references: decimal, hex (either case of x) or a name, cut to 16 bits. */
const ENTITY = /&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([0-9A-Za-z]+));/g;
/** The names svg-to-pdfkit knows that are read here (its own table has more: those fall back). */
const NAMED: Readonly<Record<string, number>> = { quot: 34, amp: 38, lt: 60, gt: 62, apos: 39 };

/** The text with its character references replaced as svg-to-pdfkit replaces them; undefined for another name or a bare `&`. */
function decode(text: string): string | undefined {
  if (!text.includes('&')) return text;
  if (text.replace(ENTITY, '').includes('&')) return undefined;
  let known = true;
  const out = text.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) => {
    if (dec) return String.fromCharCode(parseInt(dec, 10));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    const code = Object.hasOwn(NAMED, name!) ? NAMED[name!] : undefined;
    known &&= code !== undefined;
    return String.fromCharCode(code ?? 0);
  });
  return known ? out : undefined;
}

function attributesOf(source: string): Map<string, string> | undefined {
  const attributes = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let a = ATTRIBUTE.exec(source); a; a = ATTRIBUTE.exec(source)) {
    const value = decode(a[2] ?? '');
    if (value === undefined || attributes.has(a[1]!)) return undefined;
    attributes.set(a[1]!, value);
  }
  return attributes;
}

interface Open {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: SvgNode[];
}

/** The root `<svg>` element of the markup, or undefined if it is not plain markup. */
export function parseSvg(markup: string): SvgElement | undefined {
  const stack: Open[] = [];
  let root: Open | undefined;
  let at = 0;
  while (at < markup.length) {
    const lt = markup.indexOf('<', at);
    const end = lt === -1 ? markup.length : lt;
    if (end > at) {
      const text = decode(markup.slice(at, end));
      if (text === undefined) return undefined;
      const parent = stack.at(-1);
      if (parent) parent.children.push(text);
      else if (text.trim()) return undefined;
    }
    if (lt === -1) break;
    TAG.lastIndex = lt;
    const tag = TAG.exec(markup);
    if (!tag) return undefined;
    at = TAG.lastIndex;
    const [, closing, name, source, selfClosing] = tag;
    if (closing) {
      if (stack.pop()?.name !== name || source || selfClosing) return undefined;
      continue;
    }
    const attributes = attributesOf(source!);
    if (!attributes) return undefined;
    const element: Open = { name: name!, attributes, children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) return undefined;
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  return stack.length === 0 && root?.name === 'svg' ? root : undefined;
}
