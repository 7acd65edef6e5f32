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

/** `; did you mean \`x\`?`, or '' when nothing is close (two edits, or a third of the letters of a long id). */
export function didYouMean(id: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const k of known) {
    if (Math.abs(k.length - id.length) >= bestD) continue;
    const d = distance(id, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best ? `; did you mean \`${best}\`?` : '';
}
