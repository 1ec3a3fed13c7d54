// How a tool without a title in its spec gets one: the sources that name an operation themselves (GraphQL)
// and the describe pass (any source) make it the same way.

/**
 * A readable title from an operation's name: words split at `/`, `-`, `_`, `.` and camelCase humps, the first
 * capitalised. "repos/list-for-org" → "Repos list for org", "createIssue" → "Create issue", "Query.viewer" →
 * "Viewer" (a GraphQL coordinate's type is dropped). A `METHOD /path` key is kept as written.
 */
export function titleFromName(name: string): string {
  if (/^[A-Z]+ \//.test(name)) return name;
  const bare = /^(Query|Mutation|Subscription)\./.test(name) ? name.slice(name.indexOf(".") + 1) : name;
  const words = bare
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s/_.-]+/)
    .filter(Boolean);
  if (words.length === 0) return name;
  const lower = words.map((word, i) => (i > 0 && /^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word));
  const first = lower[0]!;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...lower.slice(1)].join(" ");
}
