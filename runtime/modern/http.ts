// The 2026-07-28 era on HTTP: the SDK's per-request entry with 2025 traffic rejected (our sessions serve that),
// behind the gateway's own guard (Host/Origin, auth, body limit), which has already run. The entry validates the
// `_meta` envelope and the MCP headers, answers server/discover and subscriptions/listen, and stamps
// `resultType`, cache hints and serverInfo; our per-request Server answers tools and prompts.

import type { IncomingMessage, ServerResponse } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { classifyInboundRequest, createMcpHandler, type AuthInfo } from "@modelcontextprotocol/server";
import { authInfoOf, callerOf, type Caller } from "../auth/caller.js";
import { inboundOf, withInbound } from "../auth/inbound.js";
import type { Connection } from "../context.js";
import type { ServerContext } from "../server.js";
import { acceptsJsonAndSse, requestIdOf, sendJsonError } from "../transport/http-guard.js";
import { utf8 } from "../transport/utf8.js";
import { fastPathOn, thrownError } from "../transport/fast-call.js";
import { encodeModernResult, fastModernCall, type FastModernCall } from "./fast-call.js";
import { createModernServer, modernToolCall } from "./server.js";

export interface ModernHttp {
  /** Answers one modern request (one `isModernRequest` routes here); `body` was read (and size-checked) by the guard. */
  serve(req: IncomingMessage, res: ServerResponse, body: unknown, caller: Caller): Promise<void>;
  /**
   * Answers a session-less POST the fast path takes (fast-call.ts), in place of `isModernRequest` + `serve`: every
   * request it takes is one the SDK's classifier routes to the modern path. Undefined: not taken, nothing sent.
   */
  serveFast(req: IncomingMessage, res: ServerResponse, body: unknown, caller: Caller, connection: Connection): Promise<void> | undefined;
  close(): Promise<void>;
}

/**
 * True when the SDK's classifier sends this POST to the modern path: it carries the per-request envelope claim
 * (or a modern MCP-Protocol-Version header), valid or not. Everything else is 2025 traffic.
 */
export function isModernRequest(req: IncomingMessage, body: unknown): boolean {
  const route = classifyInboundRequest({
    httpMethod: req.method ?? "GET",
    protocolVersionHeader: header(req, "mcp-protocol-version"),
    mcpMethodHeader: header(req, "mcp-method"),
    mcpNameHeader: header(req, "mcp-name"),
    body,
  });
  return route.kind !== "legacy";
}

/** `connectionOf` reads the mode and apps a request's URL asks for; the router has already refused bad ones. */
export function createModernHttp(ctx: ServerContext, connectionOf: (url: URL) => Connection): ModernHttp {
  const handler = createMcpHandler(
    ({ authInfo, requestInfo }) => createModernServer(ctx, connectionOf(new URL(requestInfo!.url)), callerOf({ authInfo }), inboundOf({ authInfo })),
    { legacy: "reject", onerror: (error) => ctx.log.debug("modern request refused", { error: error.message }) },
  );
  const node = toNodeHandler(handler);
  /** Fast calls running, aborted at close as the entry aborts the Servers it has in flight. */
  const inflight = new Set<AbortController>();

  /**
   * Answers a call fast-call.ts took as the entry would: the same handler the per-request Server calls, its
   * result encoded by the 2026 codec's rules and sent as JSON; a client that goes away aborts it unanswered.
   */
  async function answerFast(res: ServerResponse, fast: FastModernCall, connection: Connection, authInfo: AuthInfo): Promise<void> {
    const controller = new AbortController();
    const abort = () => {
      if (!res.writableFinished) controller.abort(new Error("Connection closed"));
    };
    res.once("close", abort);
    inflight.add(controller);
    let response: object;
    try {
      const call = modernToolCall(ctx, connection, callerOf({ authInfo }), inboundOf({ authInfo }));
      const result = await call(fast.params, fast.envelope, controller.signal);
      response = { result: encodeModernResult(result, ctx.info), jsonrpc: "2.0", id: fast.id };
    } catch (error) {
      response = thrownError(fast.id, error);
    } finally {
      inflight.delete(controller);
    }
    if (controller.signal.aborted || res.destroyed) return;
    const json = utf8(JSON.stringify(response));
    res.writeHead(200, { "content-type": "application/json", "content-length": json.length });
    res.end(json);
  }
  return {
    serve(req, res, body, caller) {
      // The entry answers whatever the client accepts; the spec has every POST accept both (as the 2025 path checks).
      if (!acceptsJsonAndSse(req)) {
        return Promise.resolve(sendJsonError(res, 406, -32000, "Not Acceptable: the client must accept both application/json and text/event-stream", {}, requestIdOf(body)));
      }
      // The adapter hands `req.auth` to the factory as `authInfo`: the caller the guard authenticated.
      (req as IncomingMessage & { auth?: AuthInfo }).auth = withInbound(authInfoOf(caller), req.headers, ctx.forwardHeaders ?? []);
      return node(req, res, body);
    },
    serveFast(req, res, body, caller, connection) {
      if (!fastPathOn) return undefined;
      // A client that does not accept both gets serve()'s 406.
      if (!acceptsJsonAndSse(req)) return undefined;
      const fast = fastModernCall(req, body);
      return fast && answerFast(res, fast, connection, withInbound(authInfoOf(caller), req.headers, ctx.forwardHeaders ?? []));
    },
    async close() {
      for (const call of inflight) call.abort(new Error("Connection closed"));
      await handler.close();
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
