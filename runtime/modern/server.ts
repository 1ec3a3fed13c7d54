// The 2026-07-28 (stateless) era: a low-level Server built for one request (HTTP) or one connection (stdio)
// from the shared context. Nothing carries over between requests: the caller comes with the request, the mode
// and apps with its URL or the command line, and the tool list of a view is the same for every request.

import { CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY, Server, UnsupportedProtocolVersionError, type CallToolResult, type CacheHint } from "@modelcontextprotocol/server";
import type { Caller } from "../auth/caller.js";
import type { InboundHeaders } from "../auth/inbound.js";
import { requestContext, type Connection } from "../context.js";
import { noValidator, runToolCall, type ServerContext, type ToolCallParams } from "../server.js";

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
  const request = (mcp: Envelope) => contextOf(ctx, connection, caller, inbound, mcp.mcpReq.envelope);
  // Each request names its own version. The HTTP entry checks it before a Server exists; the stdio entry checks
  // only a connection's first message, so every handler checks again.
  server.setRequestHandler("tools/list", (_list, mcp) => {
    checkVersion(mcp.mcpReq.envelope);
    // A plain array, not the precomputed RawJson of the session era: this era's wire codec reads the result.
    return { tools: mode.list(request(mcp)) };
  });
  const call = modernToolCall(ctx, connection, caller, inbound);
  server.setRequestHandler("tools/call", (request, mcp) => call(request.params, mcp.mcpReq.envelope, mcp.mcpReq.signal));
  server.setRequestHandler("prompts/list", (_list, mcp) => {
    checkVersion(mcp.mcpReq.envelope);
    return { prompts: ctx.prompts.list };
  });
  server.setRequestHandler("prompts/get", (get, mcp) => {
    checkVersion(mcp.mcpReq.envelope);
    return ctx.prompts.get(get.params.name, get.params.arguments);
  });
  return server;
}

/** What a handler reads of a request's `_meta` envelope (the SDK lifts it out of `params._meta`). */
export type RequestEnvelope = Partial<Record<typeof PROTOCOL_VERSION_META_KEY | typeof CLIENT_INFO_META_KEY, unknown>>;
type Envelope = { mcpReq: { envelope?: RequestEnvelope } };

export type ModernToolCall = (params: ToolCallParams, envelope: RequestEnvelope | undefined, signal: AbortSignal) => Promise<CallToolResult>;

/**
 * The tools/call handler of a modern request: the per-request Server calls it, and so does the HTTP fast path
 * (modern/fast-call.ts) for the calls it answers itself, so both run the same code for a call.
 */
export function modernToolCall(ctx: ServerContext, connection: Connection, caller: Caller, inbound?: InboundHeaders): ModernToolCall {
  const mode = ctx.statelessModes[connection.mode];
  return async (params, envelope, signal) => {
    checkVersion(envelope);
    // Nothing to save or announce: stateless modes never change a list.
    return runToolCall(ctx, mode, contextOf(ctx, connection, caller, inbound, envelope), params, { signal, toolsChanged: async () => {} });
  };
}

/** Each request names its client (`_meta`): one that did not ask for a dialect gets the one its name matches. */
function contextOf(ctx: ServerContext, connection: Connection, caller: Caller, inbound: InboundHeaders | undefined, envelope: RequestEnvelope | undefined) {
  if (connection.dialect !== undefined || !ctx.dialects?.byClient) return requestContext(ctx.catalog, connection, caller, inbound);
  const client = envelope?.[CLIENT_INFO_META_KEY] as { name?: unknown } | undefined;
  const dialect = ctx.dialects.forClient(typeof client?.name === "string" ? client.name : undefined);
  return requestContext(ctx.catalog, { ...connection, dialect }, caller, inbound);
}

/** Refuses a request whose `_meta` names a revision this path does not serve (-32022, listing the ones it does). */
function checkVersion(envelope: RequestEnvelope | undefined): void {
  const requested = envelope?.[PROTOCOL_VERSION_META_KEY];
  if (typeof requested === "string" && !MODERN_VERSIONS.includes(requested)) {
    throw new UnsupportedProtocolVersionError({ supported: MODERN_VERSIONS, requested });
  }
}
