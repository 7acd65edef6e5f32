/**
 * Vega names the clip paths and gradients of an SVG from counters of its thread
 * (`clip7`, `gradient_3`), so the same chart drawn after another one came out with
 * other bytes: a build of some documents differed from a build of all of them, and a
 * chart could not be kept between runs. Here each chart's ids are its own: numbered
 * in the order they first appear, and prefixed with a digest of the chart, so that two
 * charts inlined in one HTML page never share an id.
 */
import { sha256 } from '../text/hash.js';

/**
 * Where Vega writes these ids: as an element's `id`, and in the attributes that point
 * at one. Attribute values never hold a raw `"` (Vega escapes it), so a match cannot
 * begin inside another attribute's text, and text content never holds a tag.
 */
const REFERENCE = /(\s(?:id|clip-path|fill|stroke)=")(url\(#)?(p_)?((?:clip|gradient_)\d+)(?=[")])/g;

const HAS_REFERENCE = new RegExp(REFERENCE.source);

function renamed(svg: string, prefix: string): string {
  const own = new Map<string, string>();
  return svg.replace(REFERENCE, (_match, attr: string, url = '', pattern = '', id: string) => {
    let next = own.get(id);
    if (next === undefined) {
      next = `${id.startsWith('clip') ? 'clip' : 'gradient'}${own.size + 1}`;
      own.set(id, next);
    }
    return `${attr}${url}${pattern}${prefix}${next}`;
  });
}

/** The SVG with ids that depend on nothing but the chart itself. */
export function ownIds(svg: string): string {
  if (!HAS_REFERENCE.test(svg)) return svg;
  const digest = sha256(renamed(svg, '')).slice(0, 10);
  return renamed(svg, `chart-${digest}-`);
}
