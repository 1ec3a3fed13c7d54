// search-tools: BM25 over the build-time index, limited to the request's view, one line per match.

import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Catalog } from "../catalog.js";
import { closestMatches } from "../shared/did-you-mean.js";
import type { ToolSearch } from "../search/index.js";
import type { RequestContext } from "../context.js";
import { CALL, ENABLE } from "./meta-tools.js";
import { errorResult, textResult } from "./mode.js";

/** One match as the model sees it. */
export interface SearchLine {
  name: string;
  app: string;
  /** The tool's title, else its description's first sentence. */
  summary: string;
  /** Already in this session's enabled set (never, for a request without a session). */
  enabled: boolean;
}

/** The best matches for `query`; never a tool outside the request's view. */
export function searchTools(search: ToolSearch, catalog: Catalog, request: RequestContext, query: string, limit: number): SearchLine[] {
  const enabled = new Set(request.session?.enabled);
  const hits = search.search(query, { limit, allowed: (name) => catalog.lookup(name, request.view) !== undefined });
  return hits.map((hit) => ({ name: hit.name, app: hit.app, summary: hit.summary, enabled: enabled.has(hit.name) }));
}

/** The answer when nothing matches: a query that is really a misspelt tool name still gets somewhere. */
export function noMatchResult(query: string, catalog: Catalog, request: RequestContext): CallToolResult {
  const close = closestMatches(query.trim(), catalog.names(request.view));
  const hint = close.length > 0 ? `; tools with close names: ${close.join(", ")}` : "; try other or fewer words";
  return errorResult(`no tools match "${query}"${hint}`);
}

/** One line per match: `name — summary [app]`, `(enabled)` on tools already on; then what to do next. */
export function searchResult(lines: readonly SearchLine[], query: string, catalog: Catalog, request: RequestContext): CallToolResult {
  if (lines.length === 0) return noMatchResult(query, catalog, request);
  const rows = lines.map((l) => `${l.name} — ${l.summary} [${l.app}]${l.enabled ? " (enabled)" : ""}`);
  return textResult(`${rows.join("\n")}\nNext: ${ENABLE} {"tools": [names]} to get their input schemas, then call them (or use ${CALL}).`);
}
