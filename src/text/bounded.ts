/**
 * Bytes kept by key within a bound on their total size, the oldest dropped first: what a
 * long session (`watch`, the build server) keeps between documents without growing
 * (write/pdfkit-streams.ts: deflated streams; pipeline/made-ahead.ts: PDFs written ahead).
 */
export class BoundedBytes<V extends { readonly byteLength: number }> {
  private readonly kept = new Map<string, V>();
  private size = 0;

  constructor(private readonly limit: number) {}

  has(key: string): boolean {
    return this.kept.has(key);
  }

  get count(): number {
    return this.kept.size;
  }

  /** The value kept for `key`; `fresh`: made the newest, the last to be dropped. */
  get(key: string, fresh = false): V | undefined {
    const value = this.kept.get(key);
    if (value && fresh) {
      this.kept.delete(key);
      this.kept.set(key, value);
    }
    return value;
  }

  /** Keeps `value` unless one is kept for `key` already or it alone exceeds the bound. */
  keep(key: string, value: V): void {
    if (this.kept.has(key) || value.byteLength > this.limit) return;
    this.kept.set(key, value);
    this.size += value.byteLength;
    for (const [oldest, old] of this.kept) {
      if (this.size <= this.limit) break;
      this.kept.delete(oldest);
      this.size -= old.byteLength;
    }
  }
}
