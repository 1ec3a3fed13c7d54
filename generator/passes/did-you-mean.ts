// "Did you mean …?" for config keys that match nothing: the closest known keys by edit distance.

/** Levenshtein distance, case-insensitive, giving up (returning `limit + 1`) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Up to `max` candidates tied for the fewest edits, within a third of `word`'s length (at least 2), by name. */
export function didYouMean(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const distance = editDistance(word, name, limit);
    if (distance <= limit) scored.push({ name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const best = scored[0]?.distance;
  return scored.filter((s) => s.distance === best).slice(0, max).map((s) => s.name);
}

/** The `help` text for an unmatched key, or undefined when nothing is close. */
export function suggestionHelp(word: string, candidates: Iterable<string>): string | undefined {
  const close = didYouMean(word, candidates);
  if (close.length === 0) return undefined;
  return `did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?`;
}
