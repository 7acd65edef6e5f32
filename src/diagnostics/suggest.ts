/** "Did you mean …?" for a near-miss id: the closest known id within a small edit distance. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The letters of `a` that differ from `b`: without the start and the end they share. */
function differing(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return a.length - start - end;
}

/**
 * `; did you mean \`x\`?`, or '' when nothing is close: two edits, or a third of the
 * letters that differ, so `findings/nothing.md` does not suggest `findings/tolls.md`
 * for sharing its folder and extension.
 */
export function didYouMean(id: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    if (k === id) continue;
    const limit = Math.max(2, Math.floor(differing(id, k) / 3));
    if (Math.abs(k.length - id.length) > limit) continue;
    const d = distance(id, k);
    if (d <= limit && d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best ? `; did you mean \`${best}\`?` : '';
}
