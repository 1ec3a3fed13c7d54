// Okapi BM25 over field-weighted term frequencies: the score of each tool for a set of query terms.

/** Term-frequency saturation. */
const K1 = 1.2;
/** Length normalisation: 0 ignores tool length, 1 divides by it fully. */
const B = 0.75;

/** What scoring needs from an index: counts and the decoded postings of one term. */
export interface Bm25Stats {
  /** Number of tools in the index. */
  count: number;
  /** Field-weighted length of each tool, by tool id. */
  lens: ArrayLike<number>;
  avg: number;
}

/** Inverse document frequency, Lucene's non-negative form. */
function idf(count: number, df: number): number {
  return Math.log(1 + (count - df + 0.5) / (df + 0.5));
}

/**
 * Adds `weight × idf × saturated tf` of one term to `scores` for every tool in its postings
 * (flat `[gap, tf, …]`, tool ids gap-coded).
 */
export function addTermScores(stats: Bm25Stats, postings: readonly number[], weight: number, scores: Float64Array): void {
  const df = postings.length / 2;
  if (df === 0) return;
  const termIdf = idf(stats.count, df) * weight;
  const avg = stats.avg > 0 ? stats.avg : 1;
  for (let i = 0, id = 0; i < postings.length; i += 2) {
    id += postings[i]!;
    const tf = postings[i + 1]!;
    const norm = K1 * (1 - B + (B * stats.lens[id]) / avg);
    scores[id] += (termIdf * tf * (K1 + 1)) / (tf + norm);
  }
}
