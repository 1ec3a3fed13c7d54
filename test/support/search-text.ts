// Reads the text search-tools answers (`name — summary [app]`, `(enabled)` on tools already on) back into names.
// Tests only: the server never parses its own output.

/** The hits of one search-tools result, in order. */
export function parseSearchText(text: string): Array<{ name: string; enabled: boolean }> {
  const out: Array<{ name: string; enabled: boolean }> = [];
  for (const line of text.split("\n")) {
    const match = /^(\S+) — .* \[[^\]]+\]( \(enabled\))?$/.exec(line);
    if (match) out.push({ name: match[1]!, enabled: match[2] !== undefined });
  }
  return out;
}
