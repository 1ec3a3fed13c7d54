// search-tools: BM25 over the build-time index, limited to the session's apps, one line per match.

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Catalog } from "../catalog.js";
import { closeNames } from "../catalog.js";
import type { ToolSearch } from "../search/index.js";
import type { Session } from "../session/store.js";
import { CALL, ENABLE } from "./meta-tools.js";
import { errorResult, textResult } from "./mode.js";

/** One match as the model sees it. */
export interface SearchLine {
  name: string;
  app: string;
  /** The tool's title, else its description's first sentence. */
  summary: string;
  /** Already in this session's enabled set. */
  enabled: boolean;
}

/** The session's best matches for `query`; never a tool outside the session's apps. */
export function searchTools(search: ToolSearch, catalog: Catalog, session: Session, query: string, limit: number): SearchLine[] {
  const enabled = new Set(session.enabled);
  const hits = search.search(query, { limit, allowed: (name) => catalog.lookup(name, session.apps) !== undefined });
  return hits.map((hit) => ({ name: hit.name, app: hit.app, summary: hit.summary, enabled: enabled.has(hit.name) }));
}

/** One line per match: `name — summary [app]`, `(enabled)` on tools already on; then what to do next. */
export function searchResult(lines: readonly SearchLine[], query: string, catalog: Catalog, session: Session): CallToolResult {
  if (lines.length === 0) {
    // A query that is really a misspelt tool name still gets somewhere.
    const close = closeNames(query.trim(), catalog.names(session.apps));
    const hint = close.length > 0 ? `; tools with close names: ${close.join(", ")}` : "; try other or fewer words";
    return errorResult(`no tools match "${query}"${hint}`);
  }
  const rows = lines.map((l) => `${l.name} — ${l.summary} [${l.app}]${l.enabled ? " (enabled)" : ""}`);
  return textResult(`${rows.join("\n")}\nNext: ${ENABLE} {"tools": [names]} to get their input schemas, then call them (or use ${CALL}).`);
}

/** Parses the lines `searchResult` writes back into names; for tests and clients that want structure. */
export function parseSearchText(text: string): Array<{ name: string; enabled: boolean }> {
  const out: Array<{ name: string; enabled: boolean }> = [];
  for (const line of text.split("\n")) {
    const match = /^(\S+) — .* \[[^\]]+\]( \(enabled\))?$/.exec(line);
    if (match) out.push({ name: match[1]!, enabled: match[2] !== undefined });
  }
  return out;
}
