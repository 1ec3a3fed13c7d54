// The 2026-07-28 (stateless) era: a low-level Server built for one request (HTTP) or one connection (stdio)
// from the shared context. Nothing carries over between requests: the caller comes with the request, the mode
// and apps with its URL or the command line, and the tool list of a view is the same for every request.

import { CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY, Server, UnsupportedProtocolVersionError, type CallToolResult, type CacheHint } from "@modelcontextprotocol/server";
import type { Caller } from "../auth/caller.js";
import type { InboundHeaders } from "../auth/inbound.js";
import { requestContext, type Connection } from "../context.js";
import { errorResult } from "../modes/mode.js";
import { noValidator, type ServerContext } from "../server.js";
import { tracer } from "../tracing.js";

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

/** The revisions this era's path serves. */
export const MODERN_VERSIONS = ["2026-07-28"];

/** A Server for the modern era serving `connection` to `caller`. Cheap: a few handlers over shared data. */
export function createModernServer(ctx: ServerContext, connection: Connection, caller: Caller, inbound?: InboundHeaders): Server {
  // A list depends on the caller only when the caller's own grant narrows it (its apps or its scopes); callers
  // with neither limit all see the URL's view, which shared caches may then keep.
  // So does a list whose dialect follows the client's name.
  const byClient = connection.dialect === undefined && ctx.dialects?.byClient === true;
  const scope = caller.apps === null && caller.scopes === null && !byClient ? "public" : "private";
  const hint: CacheHint = { ttlMs: LIST_TTL_MS, cacheScope: scope };
  const server = new Server(ctx.info, {
    capabilities: CAPABILITIES,
    // The apps named to the model are only those this caller may use.
    instructions: ctx.instructions({ mode: connection.mode, apps: ctx.catalog.view(connection.apps, caller).apps }, "modern"),
    cacheHints: { "tools/list": hint, "prompts/list": hint, "server/discover": { ttlMs: LIST_TTL_MS, cacheScope: "public" } },
    jsonSchemaValidator: noValidator,
  });
  const mode = ctx.statelessModes[connection.mode];
  // Each request names its client (`_meta`): one that did not ask for a dialect gets the one its name matches.
  const request = (mcp: Envelope) => {
    if (!byClient) return requestContext(ctx.catalog, connection, caller, inbound);
    const client = mcp.mcpReq.envelope?.[CLIENT_INFO_META_KEY] as { name?: unknown } | undefined;
    const dialect = ctx.dialects!.forClient(typeof client?.name === "string" ? client.name : undefined);
    return requestContext(ctx.catalog, { ...connection, dialect }, caller, inbound);
  };
  // Each request names its own version. The HTTP entry checks it before a Server exists; the stdio entry checks
  // only a connection's first message, so every handler checks again.
  server.setRequestHandler("tools/list", (_list, mcp) => {
    checkVersion(mcp);
    // A plain array, not the precomputed RawJson of the session era: this era's wire codec reads the result.
    return { tools: mode.list(request(mcp)) };
  });
  server.setRequestHandler("tools/call", async (call, mcp): Promise<CallToolResult> => {
    checkVersion(mcp);
    const { name, arguments: args } = call.params;
    try {
      // Nothing to save or announce: stateless modes never change a list.
      const context = request(mcp);
      if (tracer && call.params._meta) context.trace = call.params._meta;
      return await mode.call(context, name, args, { signal: mcp.mcpReq.signal, toolsChanged: async () => {}, ...(ctx.refused && { refused: ctx.refused }) });
    } catch (error) {
      ctx.log.error("tools/call failed", { tool: name, caller: caller.subject, error });
      return errorResult(`internal error while calling "${name}"; the gateway log has details`);
    }
  });
  server.setRequestHandler("prompts/list", (_list, mcp) => {
    checkVersion(mcp);
    return { prompts: ctx.prompts.list };
  });
  server.setRequestHandler("prompts/get", (get, mcp) => {
    checkVersion(mcp);
    return ctx.prompts.get(get.params.name, get.params.arguments);
  });
  return server;
}

/** What a handler reads of a request's `_meta` envelope. */
type Envelope = { mcpReq: { envelope?: Partial<Record<typeof PROTOCOL_VERSION_META_KEY | typeof CLIENT_INFO_META_KEY, unknown>> } };

/** Refuses a request whose `_meta` names a revision this path does not serve (-32022, listing the ones it does). */
function checkVersion(mcp: Envelope): void {
  const requested = mcp.mcpReq.envelope?.[PROTOCOL_VERSION_META_KEY];
  if (typeof requested === "string" && !MODERN_VERSIONS.includes(requested)) {
    throw new UnsupportedProtocolVersionError({ supported: MODERN_VERSIONS, requested });
  }
}
