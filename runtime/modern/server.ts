// The 2026-07-28 (stateless) era: a low-level Server built for one request (HTTP) or one connection (stdio)
// from the shared context. Nothing carries over between requests: the caller comes with the request, the mode
// and apps with its URL or the command line, and the tool list of a view is the same for every request.

import { Server, type CallToolResult, type CacheHint } from "@modelcontextprotocol/server";
import type { Caller } from "../auth/caller.js";
import { requestContext, type Connection } from "../context.js";
import { errorResult } from "../modes/mode.js";
import type { ServerContext } from "../server.js";

/**
 * How long a client or cache may keep a list or a discover result. The tools, prompts and capabilities of a
 * URL change only when a new build is deployed, which a client notices at its next fetch after this long.
 */
export const LIST_TTL_MS = 300_000;

/**
 * No `listChanged`: in this era a view's tool list never changes while the process runs (dynamic mode is a
 * fixed pair of meta tools here), so there is nothing to subscribe to.
 */
const CAPABILITIES = { tools: {}, prompts: {} };

/** A Server for the modern era serving `connection` to `caller`. Cheap: a few handlers over shared data. */
export function createModernServer(ctx: ServerContext, connection: Connection, caller: Caller): Server {
  // A list depends on the caller only when the caller's own app grant narrows it (OAuth-scoped callers, later);
  // static tokens and unauthenticated callers all see the URL's view, which shared caches may then keep.
  const scope = caller.apps === null ? "public" : "private";
  const hint: CacheHint = { ttlMs: LIST_TTL_MS, cacheScope: scope };
  const server = new Server(ctx.info, {
    capabilities: CAPABILITIES,
    instructions: ctx.instructions(connection, "modern"),
    cacheHints: { "tools/list": hint, "prompts/list": hint, "server/discover": { ttlMs: LIST_TTL_MS, cacheScope: "public" } },
    jsonSchemaValidator: noValidator,
  });
  const mode = ctx.statelessModes[connection.mode];
  const request = () => requestContext(ctx.catalog, connection, caller);
  // A plain array, not the precomputed RawJson of the session era: this era's wire codec reads the result.
  server.setRequestHandler("tools/list", () => ({ tools: mode.list(request()) }));
  server.setRequestHandler("tools/call", async (call, mcp): Promise<CallToolResult> => {
    const { name, arguments: args } = call.params;
    try {
      // Nothing to save or announce: stateless modes never change a list.
      return await mode.call(request(), name, args, { signal: mcp.mcpReq.signal, toolsChanged: async () => {} });
    } catch (error) {
      ctx.log.error("tools/call failed", { tool: name, caller: caller.subject, error });
      return errorResult(`internal error while calling "${name}"; the gateway log has details`);
    }
  });
  server.setRequestHandler("prompts/list", () => ({ prompts: ctx.prompts.list }));
  server.setRequestHandler("prompts/get", (get) => ctx.prompts.get(get.params.name, get.params.arguments));
  return server;
}

// The SDK would build an Ajv instance per Server for elicitation, which the gateway never sends.
const noValidator = {
  getValidator: () => (input: unknown) => ({ valid: true as const, data: input as never, errorMessage: undefined }),
};
