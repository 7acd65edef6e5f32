/**
 * A chart's SVG is parsed by pdfmake twice a document (to measure it, then to write it
 * at its size), and every document of a language shows the same charts: both answers
 * are kept per thread, by SVG text (pure functions). The PDF bytes are the same.
 */
import { pdfmakeClass } from './pdfmake-layout.js';

interface SvgMeasure {
  measureSVG(svg: unknown): { width?: number; height?: number };
  writeDimensions(svg: unknown, size: { width: number; height: number }): unknown;
}

/** At most this many charts' answers are kept per thread (a watch session sees charts change). */
const keptSvgs = 64;

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (cache.size >= keptSvgs) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, value);
  return value;
}

function svgOnce(proto: SvgMeasure): void {
  const { measureSVG, writeDimensions } = proto;
  const sizes = new Map<string, { width?: number; height?: number }>();
  const resized = new Map<string, unknown>();
  proto.measureSVG = function (this: SvgMeasure, svg) {
    if (typeof svg !== 'string') return measureSVG.call(this, svg);
    return { ...remember(sizes, svg, () => measureSVG.call(this, svg)) };
  };
  proto.writeDimensions = function (this: SvgMeasure, svg, size) {
    if (typeof svg !== 'string') return writeDimensions.call(this, svg, size);
    return remember(resized, `${size.width} ${size.height} ${svg}`, () =>
      writeDimensions.call(this, svg, size),
    );
  };
}

/** Installs it in this thread. */
export function installMeasureOnce(): void {
  svgOnce(pdfmakeClass<SvgMeasure>('SVGMeasure').prototype);
}
