// enable-tools and disable-tools: change a session's enabled set and say exactly what happened to each name.

import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Catalog } from "../catalog.js";
import type { SessionContext } from "../context.js";
import { CALL } from "./meta-tools.js";
import { clip, type ToolChange } from "./mode.js";
import { unknownToolMessage } from "./unknown.js";

/** The answer to show, and whether the enabled set changed (then the caller saves and notifies once). */
export interface EnableOutcome {
  result: CallToolResult;
  changed: boolean;
  /** What changed, for the store (which applies it atomically rather than overwriting the set). */
  change: ToolChange;
}

/** Longest tool description carried in the enable-tools result. */
const DESCRIPTION_CHARS = 1_500;

/**
 * Adds `names` to `session.enabled` (or, with `replace`, makes it exactly those), keeping only names
 * visible to the request's view. Unknown and out-of-view names are reported, never enabled.
 */
export function enableTools(catalog: Catalog, request: SessionContext, names: readonly string[], replace: boolean): EnableOutcome {
  const { session, view } = request;
  const before = new Set(session.enabled);
  const wanted = new Set<string>();
  const refused: string[] = [];
  for (const name of new Set(names)) {
    if (catalog.lookup(name, view)) wanted.add(name);
    else refused.push(unknownToolMessage(catalog, request, name));
  }
  const next = replace ? new Set(wanted) : new Set([...before, ...wanted]);
  // replace with no valid name would silently empty the session: keep what is there instead.
  if (replace && wanted.size === 0) for (const name of before) next.add(name);
  const added = [...wanted].filter((n) => !before.has(n)).sort();
  const already = [...wanted].filter((n) => before.has(n)).sort();
  const removed = [...before].filter((n) => !next.has(n)).sort();
  session.enabled = [...next].sort();

  const lines: string[] = [];
  if (added.length > 0) lines.push(`enabled: ${added.join(", ")}`);
  if (already.length > 0) lines.push(`already enabled: ${already.join(", ")}`);
  if (removed.length > 0) lines.push(`disabled (replace): ${removed.join(", ")}`);
  lines.push(...refused);
  if (wanted.size > 0) {
    const tools = [...wanted].sort().map((name) => {
      const tool = catalog.lookup(name, view)!;
      return { name, description: clip(tool.description, DESCRIPTION_CHARS), inputSchema: catalog.fullInputSchema(tool, view) };
    });
    lines.push(`Call them directly, or with ${CALL} {"name": "<tool>", "arguments": {...}} if they are not in your tool list yet:`);
    lines.push(JSON.stringify(tools));
  }
  const result: CallToolResult = { content: [{ type: "text", text: lines.join("\n") }] };
  if (wanted.size === 0) result.isError = true;
  return { result, changed: added.length > 0 || removed.length > 0, change: { added, removed } };
}

/** Removes `names` from `session.enabled`; reports names that were not enabled or do not exist. */
export function disableTools(catalog: Catalog, request: SessionContext, names: readonly string[]): EnableOutcome {
  const { session, view } = request;
  const enabled = new Set(session.enabled);
  const removed: string[] = [];
  const notEnabled: string[] = [];
  const lines: string[] = [];
  for (const name of new Set(names)) {
    if (enabled.delete(name)) removed.push(name);
    else if (catalog.lookup(name, view)) notEnabled.push(name);
    else lines.push(unknownToolMessage(catalog, request, name));
  }
  session.enabled = [...enabled].sort();
  if (notEnabled.length > 0) lines.unshift(`not enabled: ${notEnabled.sort().join(", ")}`);
  if (removed.length > 0) lines.unshift(`disabled: ${removed.sort().join(", ")}`);
  const result: CallToolResult = { content: [{ type: "text", text: lines.join("\n") }] };
  if (removed.length === 0 && notEnabled.length === 0) result.isError = true;
  return { result, changed: removed.length > 0, change: { added: [], removed: removed.sort() } };
}
