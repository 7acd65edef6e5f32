// Issue 17's targets, read against a bench's figures (scripts/bench.mjs): each target with
// what was measured and whether it was met. A target whose figure the run did not make
// (BENCH_SKIP, no pandoc) says so instead of passing or failing.

const MB_PER_MIB = 1.048576;

/**
 * What each target reads: the figure's key in `results.figures`, the bound and its side,
 * and how the figure prints. `beside`: another figure printed with it, as context, never
 * as the verdict (the build server's time beside the one-process time, what two
 * independent processes get beside `--jobs 2`).
 */
export const TARGETS = [
  // The verdict is the build with nothing kept. Beside it, the build as issue 17 first
  // timed it (`build --force`, median of runs after a warm-up, so the warm-up's cache of
  // the workspace is there): every document written again, as after a figure change.
  {
    key: 'cold',
    label: 'cold build, 12 documents',
    at: 'most',
    bound: 2.5,
    unit: 's',
    beside: { key: 'forced', label: '`build --force`, cache kept, as the issue timed it', unit: 's' },
  },
  { key: 'peerRatio', label: 'against the peer, same run', at: 'most', bound: 0.3, unit: '×' },
  {
    key: 'kazakh',
    label: 'one Kazakh text, one document',
    at: 'most',
    bound: 0.5,
    unit: 's',
    beside: { key: 'kazakhServed', label: 'with `briefing serve`', unit: 's' },
  },
  {
    key: 'watch',
    label: 'watch, save → last file',
    at: 'most',
    bound: 0.3,
    unit: 's',
    beside: { key: 'watchAfterPause', label: 'after a pause', unit: 's' },
  },
  {
    key: 'peakMemory',
    label: 'peak memory, cold build',
    at: 'most',
    bound: 400,
    unit: 'MB',
    scale: MB_PER_MIB,
  },
  // Linear: a document of the 480-file run takes no longer than one of the 24-file build.
  { key: 'linearity', label: 'time per document, 480 / 24 files', at: 'most', bound: 1, unit: '×' },
  {
    key: 'scaleSpeedup',
    label: '--jobs 2 over --jobs 1',
    at: 'least',
    bound: 1.7,
    unit: '×',
    beside: { key: 'scaleCeiling', label: 'two processes at once', unit: '×' },
  },
];

const shown = (value, unit) =>
  unit === 'MB' ? `${Math.round(value)} MB` : unit === '×' ? `${value.toFixed(2)}×` : `${value.toFixed(2)} s`;

/** Each target's verdict: 'met', 'not met', or 'not measured' when its figure is absent. */
export function readTargets(figures) {
  return TARGETS.map(({ key, label, at, bound, unit, scale = 1, beside }) => {
    const raw = figures[key]?.median;
    const target = `${at === 'most' ? '≤' : '≥'} ${shown(bound, unit)}`;
    const extra = beside && figures[beside.key]?.median;
    const context = typeof extra === 'number' ? `${beside.label}: ${shown(extra, beside.unit)}` : undefined;
    if (typeof raw !== 'number' || !Number.isFinite(raw))
      return { key, label, target, verdict: 'not measured', ...(context ? { context } : {}) };
    const value = raw * scale;
    const met = at === 'most' ? value <= bound : value >= bound;
    return {
      key,
      label,
      target,
      measured: shown(value, unit),
      value,
      verdict: met ? 'met' : 'not met',
      ...(context ? { context } : {}),
    };
  });
}

/** The rows as the bench prints them, one a target. */
export function targetLines(rows) {
  return rows.map(({ label, target, measured, verdict, context }) =>
    [
      `${label} ${target}`.padEnd(48),
      (measured ?? '—').padStart(8),
      `  ${verdict}`,
      context ? `  (${context})` : '',
    ].join(''),
  );
}
