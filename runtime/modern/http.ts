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
import { sendJsonError } from "../transport/http-guard.js";
import { createModernServer } from "./server.js";

export interface ModernHttp {
  /** Answers one modern request; `body` was read (and size-checked) by the guard. */
  serve(req: IncomingMessage, res: ServerResponse, body: unknown, caller: Caller): Promise<void>;
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
  return {
    serve(req, res, body, caller) {
      // The entry answers whatever the client accepts; the spec has every POST accept both (as the 2025 path checks).
      const accept = req.headers.accept ?? "";
      if (!accept.includes("application/json") || !accept.includes("text/event-stream")) {
        return Promise.resolve(sendJsonError(res, 406, -32000, "Not Acceptable: the client must accept both application/json and text/event-stream", {}, requestIdOf(body)));
      }
      // The adapter hands `req.auth` to the factory as `authInfo`: the caller the guard authenticated.
      (req as IncomingMessage & { auth?: AuthInfo }).auth = withInbound(authInfoOf(caller), req.headers, ctx.forwardHeaders ?? []);
      return node(req, res, body);
    },
    close: () => handler.close(),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function requestIdOf(body: unknown): string | number | null {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}
