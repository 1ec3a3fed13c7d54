// Dynamic mode: tools/list shows three meta tools plus the tools this session enabled (search, enable, call).

import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { Catalog } from "../catalog.js";
import { closeNames } from "../catalog.js";
import type { Session } from "../session/store.js";
import type { HttpTool } from "../tool.js";
import { errorResult, type Invoke, type ToolMode } from "./mode.js";
import { unknownToolMessage } from "./static.js";

const SEARCH = "search-tools";
const ENABLE = "enable-tools";
const CALL = "call-tool";
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The meta tools, defined once. */
export const META_TOOLS: Tool[] = [
  {
    name: SEARCH,
    title: "Search tools",
    description: "Find tools by keywords in their names, titles, tags and descriptions. Returns names to pass to enable-tools or call-tool.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "Keywords, e.g. \"list issues repository\"." },
        limit: { type: "integer", minimum: 1, maximum: 50, description: "Most results to return (default 10)." },
      },
      required: ["query"],
    },
    annotations: READ_ONLY,
  },
  {
    name: ENABLE,
    title: "Enable tools",
    description: "Add tools to this session's tool list (additive). The server then sends notifications/tools/list_changed.",
    inputSchema: {
      type: "object",
      properties: { names: { type: "array", items: { type: "string" }, minItems: 1, description: "Tool names from search-tools." } },
      required: ["names"],
    },
    annotations: { ...READ_ONLY, idempotentHint: true },
  },
  {
    name: CALL,
    title: "Call a tool",
    description: "Call any tool found with search-tools by name, for clients that do not refresh their tool list.",
    inputSchema: {
      type: "object",
      properties: {
        name: { type: "string", description: "The tool name." },
        arguments: { type: "object", description: "The tool's arguments, as its inputSchema describes." },
      },
      required: ["name"],
    },
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
];
const META_NAMES = new Set(META_TOOLS.map((t) => t.name));

export function createDynamicMode(catalog: Catalog, invoke: Invoke): ToolMode {
  let index: Array<{ tool: HttpTool; name: string; title: string; tags: string; text: string }> | undefined;
  const search = (session: Session, query: string, limit: number) => {
    // Lowercased text built once per process, on the first search, not at start-up.
    index ??= catalog.tools.map((tool) => ({
      tool,
      name: tool.name.toLowerCase(),
      title: (tool.title ?? "").toLowerCase(),
      tags: (tool.tags ?? []).join(" ").toLowerCase(),
      text: tool.description.toLowerCase(),
    }));
    const terms = query.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    const scored: Array<{ tool: HttpTool; score: number }> = [];
    for (const entry of index) {
      if (session.apps && !session.apps.includes(entry.tool.app)) continue;
      let score = 0;
      for (const term of terms) {
        score += (entry.name.includes(term) ? 4 : 0) + (entry.title.includes(term) ? 2 : 0) + (entry.tags.includes(term) ? 2 : 0) + (entry.text.includes(term) ? 1 : 0);
      }
      if (score > 0) scored.push({ tool: entry.tool, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.tool.name < b.tool.name ? -1 : 1));
    return scored.slice(0, limit).map(({ tool }) => ({ name: tool.name, app: tool.app, title: tool.title, description: trim(tool.description, 200) }));
  };

  return {
    list(session) {
      if (session.enabled.size === 0) return META_TOOLS;
      const enabled = [...session.enabled].sort().map((name) => catalog.descriptor(catalog.lookup(name, session.apps)!));
      return [...META_TOOLS, ...enabled];
    },
    async call(session, name, args, extras): Promise<CallToolResult> {
      const input = (args ?? {}) as Record<string, unknown>;
      if (name === SEARCH) {
        if (typeof input.query !== "string") return errorResult(`argument "query": must be a string`);
        const limit = typeof input.limit === "number" && input.limit >= 1 ? Math.min(50, Math.floor(input.limit)) : 10;
        const found = search(session, input.query, limit);
        return { content: [{ type: "text", text: found.length > 0 ? JSON.stringify(found) : `no tools match "${input.query}"` }] };
      }
      if (name === ENABLE) return enable(catalog, session, input.names, extras.toolsChanged);
      if (name === CALL) {
        if (typeof input.name !== "string") return errorResult(`argument "name": must be a string`);
        if (META_NAMES.has(input.name)) return errorResult(`call-tool calls API tools, not "${input.name}"; call it directly`);
        const tool = catalog.lookup(input.name, session.apps);
        if (!tool) return errorResult(unknownToolMessage(catalog, session, input.name));
        return invoke(tool, input.arguments ?? {}, extras.signal);
      }
      const tool = catalog.lookup(name, session.apps);
      if (tool && session.enabled.has(name)) return invoke(tool, args ?? {}, extras.signal);
      if (tool) return errorResult(`tool "${name}" is not enabled in this session; call enable-tools with {"names":["${name}"]} first, or use call-tool`);
      return errorResult(unknownToolMessage(catalog, session, name));
    },
  };
}

async function enable(catalog: Catalog, session: Session, names: unknown, toolsChanged: () => Promise<void>): Promise<CallToolResult> {
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string")) {
    return errorResult(`argument "names": must be a non-empty array of tool names`);
  }
  const added: string[] = [];
  const already: string[] = [];
  const unknown: string[] = [];
  for (const name of new Set(names as string[])) {
    if (!catalog.lookup(name, session.apps)) unknown.push(name);
    else if (session.enabled.has(name)) already.push(name);
    else {
      session.enabled.add(name);
      added.push(name);
    }
  }
  // One notification per change, however many tools it added.
  if (added.length > 0) await toolsChanged();
  const lines: string[] = [];
  if (added.length > 0) lines.push(`enabled: ${added.join(", ")}`);
  if (already.length > 0) lines.push(`already enabled: ${already.join(", ")}`);
  for (const name of unknown) {
    const close = closeNames(name, catalog.names(session.apps));
    lines.push(`unknown tool "${name}"${close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(", ")}?` : ""}`);
  }
  return { content: [{ type: "text", text: lines.join("\n") }], ...(added.length === 0 && already.length === 0 && { isError: true }) };
}

function trim(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
