/**
 * Who writes each document a PDF worker holds (pool.ts), in memory both threads see: the
 * worker claims a document when it starts it, and the pool's thread can claim one the
 * worker has not started yet when it has nothing else to do. A worker holding two
 * documents at the end of a build then no longer leaves the other thread idle for the
 * second. A document's claim is slot `id % CLAIM_SLOTS`.
 */
export const CLAIM_SLOTS = 1024;

export const Claim = { Open: 0, Worker: 1, Here: 2 } as const;

export const newClaims = (): Int32Array => new Int32Array(new SharedArrayBuffer(CLAIM_SLOTS * 4));

/** Claims document `id` for `who` if no one has: whether it is now theirs. */
export const claim = (
  claims: Int32Array,
  id: number,
  who: typeof Claim.Worker | typeof Claim.Here,
): boolean => Atomics.compareExchange(claims, id % CLAIM_SLOTS, Claim.Open, who) === Claim.Open;

/** Document `id` given out, no one's yet. */
export const open = (claims: Int32Array, id: number): void => {
  Atomics.store(claims, id % CLAIM_SLOTS, Claim.Open);
};
