// "did you mean …?": the closest candidate to a misspelt word, by Damerau-Levenshtein distance.

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions
 * each cost 1. Bounded by the longer length; O(a·b) time, which is fine for keys and names.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Case and separator blind form, so `timeoutMs`, `timeout-ms` and `TIMEOUT_MS` all meet `timeout_ms`. */
function fold(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, "");
}

/** The largest distance still worth suggesting: about one edit per three characters, at least one. */
function budget(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * Candidates close to `input`, best first (ties keep the candidates' order). A candidate equal to `input`
 * is never suggested. Spelling variants that differ only in case or `_`/`-` rank first.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const folded = fold(input);
  const scored: { candidate: string; score: number; index: number }[] = [];
  candidates.forEach((candidate, index) => {
    if (candidate === input) return;
    const exact = fold(candidate) === folded;
    const distance = exact ? 0 : Math.min(editDistance(input, candidate), editDistance(folded, fold(candidate)));
    if (exact || distance <= budget(input)) scored.push({ candidate, score: distance, index });
  });
  scored.sort((x, y) => x.score - y.score || x.index - y.index);
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** The single best candidate, or `undefined` when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  return closestMatches(input, candidates, 1)[0];
}

/** `did you mean "x"?`, or `undefined` when nothing is close. */
export function didYouMeanHelp(input: string, candidates: readonly string[]): string | undefined {
  const best = didYouMean(input, candidates);
  return best === undefined ? undefined : `did you mean "${best}"?`;
}
