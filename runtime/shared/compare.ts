// String order that build time and run time share: one comparator for every sort whose result is written out or shown.

/**
 * UTF-16 code-unit order: what `<` does on strings, and what `Array.prototype.sort` does without a comparator.
 * Unlike `localeCompare` it does not depend on the machine's locale or ICU data, so sorted output is the same
 * bytes everywhere. Not code-point order: a character above U+FFFF sorts by its surrogate pair.
 * @example ["b", "B", "a", "_"].sort(compareCodeUnits) → ["B", "_", "a", "b"]
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
