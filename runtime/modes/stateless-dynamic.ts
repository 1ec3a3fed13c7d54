// Dynamic mode for requests that carry no session (protocol 2026-07-28): a fixed tools/list of two meta tools.
// Nothing is kept between requests, so there is nothing to enable: search-tools answers with each match's input
// schema, and call-tool runs any tool the request's view shows. (With sessions, see dynamic.ts.)

import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import type { Catalog } from "../catalog.js";
import type { RequestContext } from "../context.js";
import type { ToolSearch } from "../search/index.js";
import { CALL, checkMetaArgs, DEFAULT_SEARCH_LIMIT, META_TOOLS, SEARCH } from "./meta-tools.js";
import { clip, errorResult, textResult, type Invoke, type StatelessToolMode } from "./mode.js";
import { noMatchResult, searchTools } from "./search.js";
import { refuseUnknown } from "./unknown.js";

/** Longest description carried per match: the lead says what a tool does; the schema says how to call it. */
const DESCRIPTION_CHARS = 600;

const [searchTool, , , callTool] = META_TOOLS as [Tool, Tool, Tool, Tool];

/** The whole stateless dynamic tools/list: the same for every request of a view, whatever happened before. */
export const STATELESS_META_TOOLS: Tool[] = [
  {
    ...searchTool,
    description:
      "Step 1. Search this server's API tools by keywords (names, titles, tags, descriptions). Returns the best matches with their descriptions and input schemas.",
  },
  {
    ...callTool,
    description: "Step 2. Run a tool found with search-tools: its name, and arguments as its input schema says.",
    inputSchema: {
      ...callTool.inputSchema,
      properties: {
        name: { type: "string", minLength: 1, description: "The tool's name, from search-tools." },
        arguments: { type: "object", description: "That tool's arguments, as its input schema says.", additionalProperties: true },
      },
    },
  },
];

const NAMES: ReadonlySet<string> = new Set(STATELESS_META_TOOLS.map((tool) => tool.name));

export function createStatelessDynamicMode(catalog: Catalog, invoke: Invoke, search: ToolSearch): StatelessToolMode {
  return {
    list: () => STATELESS_META_TOOLS,
    async call(request, name, args, extras) {
      if (!NAMES.has(name)) {
        // An API tool called by name: the model learnt it from search-tools; run it if the view shows it.
        const tool = catalog.lookup(name, request.view);
        return tool ? invoke(tool, args ?? {}, extras.signal, request) : refuseUnknown(catalog, request, name, args, extras);
      }
      const input = (args ?? {}) as Record<string, unknown>;
      const problem = checkMetaArgs(name, input);
      if (problem) return errorResult(problem);
      if (name === SEARCH) return searchWithSchemas(search, catalog, request, input.query as string, (input.limit as number | undefined) ?? DEFAULT_SEARCH_LIMIT);
      const target = input.name as string;
      if (NAMES.has(target)) return errorResult(`${CALL} runs API tools; call "${target}" directly`);
      const tool = catalog.lookup(target, request.view);
      if (!tool) return refuseUnknown(catalog, request, target, input.arguments, extras);
      return invoke(tool, input.arguments ?? {}, extras.signal, request);
    },
  };
}

/** The best matches, each with what a model needs to call it at once: name, app, description, input schema. */
function searchWithSchemas(search: ToolSearch, catalog: Catalog, request: RequestContext, query: string, limit: number): CallToolResult {
  const hits = searchTools(search, catalog, request, query, limit);
  if (hits.length === 0) return noMatchResult(query, catalog, request);
  const tools = hits.map((hit) => {
    const tool = catalog.lookup(hit.name, request.view)!;
    return { name: tool.name, app: tool.app, description: clip(tool.description, DESCRIPTION_CHARS), inputSchema: catalog.fullInputSchema(tool, request.view) };
  });
  return textResult(`${tools.length} matching tools. Call one with ${CALL} {"name": "<tool>", "arguments": {...}}:\n${JSON.stringify(tools)}`);
}
