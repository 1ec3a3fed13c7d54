// The HTTP fast path of the 2026-07-28 era: which stateless POSTs modern/http.ts may answer without the SDK's
// per-request entry (createMcpHandler + toNodeHandler).
//
// Per tools/call that entry converts the node request into a web Request, classifies it, builds and connects a
// Server, validates the envelope, the request and the result against zod schemas, answers through a web Response
// and closes the Server: more CPU than the call itself. The fast path serves only a request the entry would
// dispatch straight to our tools/call handler and answer as the handler returns it; everything else goes to the
// entry unchanged. What it takes, all of it checked here, beyond what the router and serve() checked before
// (Origin, auth, rate limit, body size, grant, URL parameters, Accept of both media types):
// - Content-Type application/json; MCP-Protocol-Version 2026-07-28, Mcp-Method tools/call and an Mcp-Name equal to
//   the tool's name (a plain name: no Base64 sentinel, nothing to trim) — the entry's header cross-checks;
// - one request (no batch): jsonrpc, an integer or string id, method tools/call, params — nothing else;
// - params of `name`, `_meta` and optionally `arguments` (a JSON object without an own "__proto__", which the
//   Server's schema would drop);
// - a `_meta` holding only the envelope: protocolVersion 2026-07-28, clientCapabilities of bare declarations
//   (`{}` or `{ roots: {}, … }`), optionally clientInfo of a name and version (and title) — no progress token,
//   log level, trace context or anything else the Server would treat or check further;
// Such a request is one the SDK's classifier (classifyInboundRequest) routes to the modern path — a JSON-RPC
// request, not initialize, with a valid envelope claim (the envelope schema accepts exactly these shapes) whose
// version and method the headers repeat — so the router asks this before the classifier, not after.
// The answer is the entry's for such a call: 200, application/json, `{ result, jsonrpc, id }` with the result
// stamped as the 2026 codec stamps a tools/call result (resultType "complete"; serverInfo in `_meta`).
// `GATEWAY_FAST_PATH=off` turns it off, for the tests and benchmarks that compare both paths.

import type { IncomingMessage } from "node:http";
import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY, SERVER_INFO_META_KEY, isJsonContentType, type CallToolResult, type RequestId } from "@modelcontextprotocol/server";
import { isPlainObject, isRequestId } from "../transport/fast-call.js";
import type { RequestEnvelope } from "./server.js";

/** The only revision the fast path answers. */
const REVISION = "2026-07-28";
const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);
/** Capabilities a client declares as `{}`: each is an object of optional members in the 2026 schema. */
const BARE_CAPABILITIES = new Set(["roots", "sampling", "elicitation", "experimental"]);
const CLIENT_INFO_KEYS = new Set(["name", "version", "title"]);
/** A tool name the Mcp-Name header carries verbatim: no Base64 sentinel ("=?base64?"), no white space to trim. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export interface FastModernCall {
  id: RequestId;
  /** The params as the Server's handler gets them: the envelope lifted out of `_meta` (and `_meta` then gone). */
  params: { name: string; arguments?: Record<string, unknown> };
  envelope: RequestEnvelope;
}

/** The call the fast path may answer, or undefined for anything the SDK's entry must see. */
export function fastModernCall(req: IncomingMessage, body: unknown): FastModernCall | undefined {
  if (req.method !== "POST" || !isJsonContentType(req.headers["content-type"] ?? null)) return undefined;
  if (req.headers["mcp-protocol-version"] !== REVISION || req.headers["mcp-method"] !== "tools/call") return undefined;
  if (!isPlainObject(body) || body.jsonrpc !== "2.0" || body.method !== "tools/call" || !isRequestId(body.id)) return undefined;
  for (const key in body) if (!REQUEST_KEYS.has(key)) return undefined;
  const params = body.params;
  if (!isPlainObject(params)) return undefined;
  for (const key in params) if (key !== "name" && key !== "arguments" && key !== "_meta") return undefined;
  const name = params.name;
  if (typeof name !== "string" || !PLAIN_NAME.test(name) || req.headers["mcp-name"] !== name) return undefined;
  const args = params.arguments;
  if (args !== undefined && (!isPlainObject(args) || Object.hasOwn(args, "__proto__"))) return undefined;
  const envelope = envelopeOf(params._meta);
  if (!envelope) return undefined;
  return { id: body.id, params: args === undefined ? { name } : { name, arguments: args }, envelope };
}

/** The 2026 codec's encoding of a tools/call result: resultType "complete", serverInfo in `_meta` (stampServerInfoMeta). */
export function encodeModernResult(result: CallToolResult, serverInfo: { name: string; version: string }): Record<string, unknown> {
  const stamped: Record<string, unknown> = result.resultType === undefined ? { ...result, resultType: "complete" } : { ...result };
  const meta = stamped._meta;
  if (meta === undefined) stamped._meta = { [SERVER_INFO_META_KEY]: serverInfo };
  else if (isPlainObject(meta) && meta[SERVER_INFO_META_KEY] === undefined) stamped._meta = { ...meta, [SERVER_INFO_META_KEY]: serverInfo };
  return stamped;
}

function envelopeOf(meta: unknown): RequestEnvelope | undefined {
  if (!isPlainObject(meta) || meta[PROTOCOL_VERSION_META_KEY] !== REVISION) return undefined;
  for (const key in meta) if (key !== PROTOCOL_VERSION_META_KEY && key !== CLIENT_CAPABILITIES_META_KEY && key !== CLIENT_INFO_META_KEY) return undefined;
  const capabilities = meta[CLIENT_CAPABILITIES_META_KEY];
  if (!isPlainObject(capabilities)) return undefined;
  for (const key in capabilities) {
    const declared = capabilities[key];
    if (!BARE_CAPABILITIES.has(key) || !isPlainObject(declared) || Object.keys(declared).length > 0) return undefined;
  }
  const client = meta[CLIENT_INFO_META_KEY];
  if (client !== undefined) {
    if (!isPlainObject(client) || typeof client.name !== "string" || typeof client.version !== "string") return undefined;
    for (const key in client) if (!CLIENT_INFO_KEYS.has(key) || typeof client[key] !== "string") return undefined;
  }
  return meta as RequestEnvelope;
}
