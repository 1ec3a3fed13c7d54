// Summary statistics over timing samples: best, median, percentiles (nearest rank), mean.

/** A summary of one series of samples, in the samples' unit. */
export interface Summary {
  /** Samples taken. */
  n: number;
  /** Smallest sample. */
  best: number;
  /** 50th percentile (nearest rank). */
  p50: number;
  /** 99th percentile (nearest rank). */
  p99: number;
  /** Largest sample. */
  worst: number;
  mean: number;
}

/** Nearest-rank percentile of ascending `sorted`; `p` in 0..100. NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    best: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    worst: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.length > 0 ? sum / sorted.length : NaN,
  };
}
