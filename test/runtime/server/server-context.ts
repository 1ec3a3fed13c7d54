// A ServerContext over the fixture bundle whose tools answer without an upstream, and ways to serve it:
// in-process HTTP on a store the test holds, or an in-memory MCP connection with a chosen caller.

import { Client, InMemoryTransport, type JSONRPCMessage } from "@modelcontextprotocol/client";
import { authInfoOf, type Caller } from "../../../runtime/auth/caller.js";
import { createCatalog } from "../../../runtime/catalog.js";
import { NO_DIALECTS, type Dialects } from "../../../runtime/dialects.js";
import type { Connection, RequestContext } from "../../../runtime/context.js";
import { createLogger } from "../../../runtime/log.js";
import { createDynamicMode } from "../../../runtime/modes/dynamic.js";
import { textResult, type Invoke, type ToolMode } from "../../../runtime/modes/mode.js";
import { createStatelessDynamicMode } from "../../../runtime/modes/stateless-dynamic.js";
import { createStatelessStaticMode, createStaticMode } from "../../../runtime/modes/static.js";
import { createInstructions } from "../../../runtime/instructions.js";
import { createPrompts } from "../../../runtime/prompts.js";
import { serializeMessage } from "../../../runtime/raw-json.js";
import { ToolSearch } from "../../../runtime/search/index.js";
import { createMcpServer, type ServerContext } from "../../../runtime/server.js";
import type { Mode, SessionStore } from "../../../runtime/session/store.js";
import { startHttp, type HttpOptions } from "../../../runtime/transport/http.js";
import { makeBundle, TOOLS } from "./fixtures.js";

/** The context main builds, with tools that answer `called <name>`, and every request context the modes saw. */
export function serverContext(dialects: Dialects = NO_DIALECTS): ServerContext & { seen: RequestContext[] } {
  const bundle = makeBundle();
  const catalog = createCatalog(bundle.tools, ["alpha", "beta"], dialects);
  const invoke: Invoke = async (tool) => textResult(`called ${tool.name}`);
  const seen: RequestContext[] = [];
  const search = new ToolSearch(bundle.searchIndex);
  const spy = (mode: ToolMode): ToolMode => ({
    list: (request) => (seen.push(request), mode.list(request)),
    call: (request, ...rest) => (seen.push(request), mode.call(request, ...rest)),
  });
  return {
    info: { name: "test-gateway", version: "0" },
    catalog,
    modes: { static: spy(createStaticMode(catalog, invoke)), dynamic: spy(createDynamicMode(catalog, invoke, search)) },
    statelessModes: { static: createStatelessStaticMode(catalog, invoke), dynamic: createStatelessDynamicMode(catalog, invoke, search) },
    instructions: createInstructions(bundle.gateway, catalog),
    prompts: createPrompts(bundle.gateway.prompts),
    log: createLogger({ level: "error", write: () => {} }),
    ...(dialects.names.length > 0 && { dialects }),
    seen,
  };
}

/** Serves `ctx` over HTTP on a loopback port with the given store (and options). */
export function serveHttp(ctx: ServerContext, store: SessionStore, options: Partial<HttpOptions> & { defaultMode?: Mode } = {}) {
  return startHttp(ctx, {
    host: "127.0.0.1",
    port: 0,
    path: "/mcp",
    allowedOrigins: [],
    sessions: { idleTimeoutMs: 60_000, maxSessions: 100 },
    defaultMode: "static",
    apps: ["alpha", "beta"],
    defaultApps: null,
    toolCount: TOOLS.length,
    store,
    ...options,
  });
}

/**
 * An SDK client on an in-memory connection to a Server for `connection`; every message reaches the Server
 * with `caller` as its authInfo, as the gateway's transports send it (none: no authInfo at all).
 */
export async function connectInMemory(ctx: ServerContext, connection: Connection, caller: Caller | undefined): Promise<Client> {
  const server = createMcpServer(ctx, connection);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  // Through the wire format, as the real transports send it (a precomputed list is spliced in as JSON text).
  const send = serverSide.send.bind(serverSide);
  serverSide.send = (message, options) => send(JSON.parse(serializeMessage(message)) as JSONRPCMessage, options);
  await server.connect(serverSide);
  if (caller) {
    const deliver = serverSide.onmessage!;
    serverSide.onmessage = (message, extra) => deliver(message, { ...extra, authInfo: authInfoOf(caller) });
  }
  const client = new Client({ name: "in-memory", version: "0" });
  await client.connect(clientSide);
  return client;
}
