/**
 * Vega names the clip paths and gradients of an SVG from counters of its thread
 * (`clip7`, `gradient_3`), so the same chart drawn after another one came out with
 * other bytes: a build of some documents differed from a build of all of them, and a
 * chart could not be kept between runs. A spec may also name a gradient itself (`id`),
 * and two charts inlined in one HTML page would then share it. Here every id a chart
 * defines is its own: numbered in the order it first appears, and prefixed with a digest
 * of the chart.
 */
import { sha256 } from '../text/hash.js';

/**
 * One tag. Vega escapes `<`, `>` and `"` in attribute values, so a tag ends at the first
 * `>`; text between tags is left alone (a label may read `id="x"`: only `<` and `>` are
 * escaped there).
 */
const TAG = /<[^>]*>/g;
/** An id defined, or a reference to one (`fill`, `stroke` and `clip-path` hold `url(#…)`). */
const ID_OR_REFERENCE = /(\sid=")([^"]*)(?=")|(url\(#)([^)"]*)(?=\))/g;

/** Each id defined in a tag, in order. */
function definedIds(svg: string): Set<string> {
  const out = new Set<string>();
  for (const [tag] of svg.matchAll(TAG))
    for (const m of tag.matchAll(ID_OR_REFERENCE)) if (m[2] !== undefined) out.add(m[2]);
  return out;
}

function renamed(svg: string, defined: ReadonlySet<string>, prefix: string): string {
  const own = new Map<string, string>();
  const rename = (id: string): string => {
    if (!defined.has(id)) return id;
    let next = own.get(id);
    if (next === undefined) own.set(id, (next = `${prefix}${own.size + 1}`));
    return next;
  };
  return svg.replace(TAG, (tag) =>
    tag.replace(ID_OR_REFERENCE, (_m, idAttr?: string, id?: string, url?: string, ref?: string) =>
      idAttr !== undefined ? `${idAttr}${rename(id!)}` : `${url!}${rename(ref!)}`,
    ),
  );
}

/** The SVG with ids that depend on nothing but the chart itself. */
export function ownIds(svg: string): string {
  if (!svg.includes(' id="')) return svg;
  const defined = definedIds(svg);
  if (!defined.size) return svg;
  const digest = sha256(renamed(svg, defined, '')).slice(0, 10);
  return renamed(svg, defined, `chart-${digest}-`);
}
