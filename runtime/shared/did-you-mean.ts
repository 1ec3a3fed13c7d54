// "did you mean …?": the candidates closest to a misspelt word. The generator suggests gateway.yaml keys and
// values, operations, tags and spec files with it; the server suggests tool names for an unknown tool or a search
// that found nothing.

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions each cost 1
 * (`timeuot` → `timeout` is one edit). With a `budget`, gives up as soon as the distance must exceed it and
 * returns `budget + 1`, so ranking a long candidate list costs little more than the close ones.
 */
export function editDistance(a: string, b: string, budget = Infinity): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    // A cell reads the row above, or (transposition) the one above that plus 1: once two rows in a row
    // exceed the budget, every later row does too.
    if (rowMin > budget && prevMin > budget) return budget + 1;
    [before, prev, prevMin] = [prev, row, rowMin];
  }
  return Math.min(prev[b.length]!, budget + 1);
}

/** Case and separator blind form, so `timeoutMs`, `timeout-ms` and `TIMEOUT_MS` all meet `timeout_ms`. */
function fold(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, "");
}

/** The largest distance still worth suggesting: about one edit per three characters, at least one. */
function budgetFor(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/** A substring shorter than this says too little to suggest the word around it. */
const MIN_CONTAINED = 3;

/**
 * How far `candidate` is from the folded input, or undefined when it is not close. 0: the same word up to case
 * and separators. Below 1 (with `substrings`): one contains the other, the fewer extra characters the lower.
 * From 1: the edit distance, within `budget`.
 */
function score(folded: string, candidate: string, budget: number, substrings: boolean): number | undefined {
  const other = fold(candidate);
  if (other === folded) return 0;
  const [shorter, longer] = folded.length <= other.length ? [folded, other] : [other, folded];
  if (substrings && shorter.length >= MIN_CONTAINED && longer.includes(shorter)) {
    const extra = longer.length - shorter.length;
    return extra / (extra + 1);
  }
  const distance = editDistance(folded, other, budget);
  return distance <= budget ? distance : undefined;
}

/** Close candidates, best first; ties keep the candidates' order. */
function rank(input: string, candidates: readonly string[], limit: number, substrings: boolean): string[] {
  const folded = fold(input);
  const budget = budgetFor(input);
  const scored: { candidate: string; score: number; index: number }[] = [];
  candidates.forEach((candidate, index) => {
    const s = score(folded, candidate, budget, substrings);
    if (s !== undefined) scored.push({ candidate, score: s, index });
  });
  scored.sort((x, y) => x.score - y.score || x.index - y.index);
  return scored.slice(0, limit).map((s) => s.candidate);
}

/**
 * Up to `limit` candidates worth listing for `input`, best first; ties keep the candidates' order. Close means
 * the same word up to case and `_`/`-`/spaces; or one containing the other (at least 3 characters), fewer extra
 * characters first (`list_for` → `repos_list_for_org`); or within about one edit per three characters of
 * `input`, a transposition counting as one edit. A candidate equal to `input` is the closest of all.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  return rank(input, candidates, limit, true);
}

/**
 * The one suggestion for a word that is not valid, or `undefined` when nothing is close; never `input` itself.
 * Stricter than `closestMatches`: containing the word is not enough (`ver` is in `server`, but the user more
 * likely meant `version`), because a single suggestion takes the place of a list of every valid word.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  return rank(input, candidates.filter((candidate) => candidate !== input), 1, false)[0];
}

/** `did you mean "x"?`, or `undefined` when nothing is close. */
export function didYouMeanHelp(input: string, candidates: readonly string[]): string | undefined {
  const best = didYouMean(input, candidates);
  return best === undefined ? undefined : `did you mean "${best}"?`;
}
