// One low-level MCP Server per connection: tools from the connection's mode, prompts from gateway.prompts.
// Each request's caller comes from the SDK's `ctx.http.authInfo`; the session, when there is one, is state beside it.

import { ProtocolError, Server, type AuthInfo, type CallToolResult, type ListToolsResult } from "@modelcontextprotocol/server";
import type { RecordRefusal } from "./audit/refusal.js";
import { callerOf, type Caller } from "./auth/caller.js";
import { inboundOf } from "./auth/inbound.js";
import type { Catalog } from "./catalog.js";
import { requestContext, type Connection, type RequestContext } from "./context.js";
import type { Logger } from "./log.js";
import type { CallExtras, StatelessToolMode, ToolChange, ToolMode } from "./modes/mode.js";
import { errorResult } from "./modes/mode.js";
import type { Instructions } from "./instructions.js";
import type { Prompts } from "./prompts.js";
import type { Dialects } from "./dialects.js";
import { StoreUnavailableError, type Mode, type Session } from "./session/store.js";
import { tracer } from "./tracing.js";

/** Everything connections share, built once at start-up. */
export interface ServerContext {
  /** `serverInfo` sent at initialize. */
  info: { name: string; version: string };
  /** Every tool, with lookups and lists cached per view. */
  catalog: Catalog;
  /** Modes of the 2025 era, where a connection may keep a session. */
  modes: Record<Mode, ToolMode>;
  /** Modes of the 2026-07-28 era: no session, a fixed list per view. */
  statelessModes: Record<Mode, StatelessToolMode>;
  /** What `server/discover` and `initialize` tell a model about this server, for one connection. */
  instructions: Instructions;
  prompts: Prompts;
  log: Logger;
  /**
   * Inbound headers (lower case) some app's `forward` auth sends upstream: the HTTP transports capture these,
   * and only these, from each request. Absent or empty: none.
   */
  forwardHeaders?: readonly string[];
  /** Leaves an audit line for a tools/call refused before it reached a tool; absent without an audit log. */
  refused?: RecordRefusal;
  /** Schema dialects offered besides the portable schemas; absent: none. */
  dialects?: Dialects;
}

// The SDK would build one Ajv instance per Server for elicitation, which the gateway never sends (and the bundle
// carries no default validator to build it from: generator/bundle.ts).
export const noValidator = {
  getValidator: () => (input: unknown) => ({ valid: true as const, data: input as never, errorMessage: undefined }),
};

/**
 * Writes a change of a session's enabled tools to its store and brings `session` (the working copy) up to date
 * with what the store then holds; a no-op for stdio, whose one session lives in memory.
 */
export type SaveSession = (session: Session, change: ToolChange) => void | Promise<void>;

/**
 * A Server bound to one connection. Cheap: four handlers closing over shared, precomputed data. Every
 * request gets its own context (caller, view, mode, session if any); `connection.session` is the
 * connection's working copy, read on every request, and saved to its store after each change.
 * `fixedCaller`: the one caller of a connection that carries no per-request auth (stdio).
 */
export function createMcpServer(ctx: ServerContext, connection: Connection, save: SaveSession = () => {}, fixedCaller?: Caller): Server {
  const server = new Server(ctx.info, {
    capabilities: { tools: { listChanged: true }, prompts: {} },
    instructions: ctx.instructions(connection, "legacy"),
    jsonSchemaValidator: noValidator,
  });
  const mode = ctx.modes[connection.mode];
  // A connection that did not ask for a dialect gets the one its client's name matches, once it has said it.
  const dialects = ctx.dialects;
  if (connection.dialect === undefined && dialects?.byClient) server.oninitialized = () => void (connection.dialect = dialects.forClient(server.getClientVersion()?.name));
  // A precomputed list is a RawJson, not a Tool[]: the 2025-era wire codec passes a result through as it is
  // (its one rewrite, for non-object outputSchema roots, only looks into a real array), and the transports
  // splice the JSON text in when they serialise the response.
  server.setRequestHandler("tools/list", (_request, mcp) => ({ tools: mode.list(requestContext(ctx.catalog, connection, fixedCaller ?? callerOf(mcp.http))) }) as ListToolsResult);
  const call = sessionToolCall(ctx, connection, save, fixedCaller);
  server.setRequestHandler("tools/call", (request, mcp) => call(request.params, { http: mcp.http, signal: mcp.mcpReq.signal, notify: mcp.mcpReq.notify }));
  server.setRequestHandler("prompts/list", () => ({ prompts: ctx.prompts.list }));
  server.setRequestHandler("prompts/get", (request) => ctx.prompts.get(request.params.name, request.params.arguments));
  return server;
}

/** What a session-era tools/call handler is given besides its params: what the SDK's handler context holds of it. */
export interface ToolCallExtra {
  http: { authInfo?: AuthInfo } | undefined;
  signal: AbortSignal;
  /** Sends a notification related to this request (on HTTP: on its response stream, ahead of the result). */
  notify(notification: { method: "notifications/tools/list_changed" }): Promise<void>;
}

/** A tools/call request's params as both eras' handlers read them. */
export type ToolCallParams = { name: string; arguments?: Record<string, unknown>; _meta?: Record<string, unknown> };

export type SessionToolCall = (params: ToolCallParams, extra: ToolCallExtra) => Promise<CallToolResult>;

/**
 * The tools/call handler of a session-era connection: the SDK's Server calls it, and so does the HTTP fast path
 * (transport/fast-call.ts) for the calls it answers itself, so both run the same code for a call.
 */
export function sessionToolCall(ctx: ServerContext, connection: Connection, save: SaveSession, fixedCaller?: Caller): SessionToolCall {
  const mode = ctx.modes[connection.mode];
  return async (params, extra) => {
    const context = requestContext(ctx.catalog, connection, fixedCaller ?? callerOf(extra.http), fixedCaller ? undefined : inboundOf(extra.http));
    const toolsChanged = async (change: ToolChange) => {
      if (context.session) await save(context.session, change);
      // Related to this request: on HTTP it travels on this call's response stream, which every client reads,
      // ahead of the result; clients with no standalone GET stream would otherwise never see it.
      await extra.notify({ method: "notifications/tools/list_changed" });
    };
    return runToolCall(ctx, mode, context, params, { signal: extra.signal, toolsChanged });
  };
}

/**
 * One tools/call in `mode`, for both eras' handlers: the request's trace context when tracing is on, the audit
 * log's refusal hook, and the last guard that turns a throw into an isError result.
 */
export async function runToolCall(ctx: ServerContext, mode: ToolMode, context: RequestContext, params: ToolCallParams, extras: Omit<CallExtras, "refused">): Promise<CallToolResult> {
  const { name, arguments: args } = params;
  if (tracer && params._meta) context.trace = params._meta;
  try {
    return await mode.call(context, name, args, { ...extras, ...(ctx.refused && { refused: ctx.refused }) });
  } catch (error) {
    // A tool change the session store could not save: the store's outage, answered as a JSON-RPC error (the Server
    // owns this response, so no 503 can be sent) the client may retry, not a failure of the tool.
    if (error instanceof StoreUnavailableError) {
      throw new ProtocolError(-32000, `Service Unavailable: the session store cannot be reached, so the tool change was not saved; retry after ${error.retryAfterS} s`, { retryAfterS: error.retryAfterS });
    }
    // callTool never throws by contract; this is the last guard so no stack ever reaches a client.
    ctx.log.error("tools/call failed", { tool: name, session: context.session?.id, caller: context.caller.subject, error });
    return errorResult(`internal error while calling "${name}"; the gateway log has details`);
  }
}
