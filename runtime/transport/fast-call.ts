// The HTTP fast path's test: which POSTed messages the session transport may answer without the SDK's Server.
//
// Per tools/call the SDK's Server validates the request and the result against its zod schemas, builds a
// handler context and dispatches through promise chains: a tenth of the request's CPU for a call whose params
// our own handler reads anyway. The fast path serves only the hot case the Server would answer exactly as the
// handler returns it, and leaves everything else to the Server:
// - one request (no batch) `tools/call` whose envelope the SDK accepts as a request (integer or string id) and
//   holds nothing else;
// - params of `name` (a string) and, optionally, `arguments` (a JSON object without an own "__proto__"), nothing more: `_meta` (progress
//   tokens, the 2026 envelope keys the SDK lifts, trace context), `task`, or the retry fields
//   (`inputResponses`, `requestState`) the Server treats specially all go to the Server, and so does anything
//   its schema would refuse or rewrite (the Server's error answers are its own);
// What the handler returns goes out as the Server sends it: `{ result, jsonrpc, id }` through the transport.
// The Server's result check cannot fail for what our handler returns (errorResult or the result codec).
// `GATEWAY_FAST_PATH=off` turns it off, for the tests and benchmarks that compare both paths.

import type { JSONRPCMessage, RequestId } from "@modelcontextprotocol/server";
import type { SessionToolCall } from "../server.js";

/** Read once: a switch for tests and benchmarks, not a setting. */
export const fastPathOn = process.env.GATEWAY_FAST_PATH !== "off";

export type FastCallParams = Parameters<SessionToolCall>[0];

const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);

/** The params of a tools/call request the fast path may answer; undefined for anything the Server must see. */
export function fastCallParams(message: JSONRPCMessage): FastCallParams | undefined {
  const m = message as Record<string, unknown>;
  if (m.method !== "tools/call" || !isRequestId(m.id)) return undefined;
  for (const key in m) if (!REQUEST_KEYS.has(key)) return undefined;
  const params = m.params;
  if (!isPlainObject(params)) return undefined;
  let keys = 0;
  for (const key in params) {
    if (key !== "name" && key !== "arguments") return undefined;
    keys++;
  }
  if (typeof params.name !== "string") return undefined;
  // The Server's schema copies `arguments` key by key, which drops an own "__proto__" key (JSON.parse makes one):
  // such a call goes to the Server, so the tool sees what it would have seen.
  if (keys === 2 && (!isPlainObject(params.arguments) || Object.hasOwn(params.arguments, "__proto__"))) return undefined;
  return params as FastCallParams;
}

/** The request id a `notifications/cancelled` names, if the message is one. */
export function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  const m = message as { method?: unknown; id?: unknown; params?: { requestId?: unknown } };
  if (m.method !== "notifications/cancelled" || "id" in m) return undefined;
  const id = m.params?.requestId;
  return isRequestId(id) ? id : undefined;
}

/**
 * The JSON-RPC error the SDK sends for what a request handler threw: its code when it names one, else -32603; the
 * codecs' encodeErrorCode sends -32002 (resource not found) as -32602. Both fast paths answer with it.
 */
export function thrownError(id: RequestId, error: unknown): JSONRPCMessage {
  const thrown = error as { code?: unknown; message?: string; data?: unknown };
  const code = Number.isSafeInteger(thrown.code) ? (thrown.code as number) : -32603;
  return { jsonrpc: "2.0", id, error: { code: code === -32002 ? -32602 : code, message: thrown.message ?? "Internal error", ...(thrown.data !== undefined && { data: thrown.data }) } };
}

/** The SDK's RequestIdSchema: a string or an integer. */
export function isRequestId(id: unknown): id is RequestId {
  return typeof id === "string" || Number.isInteger(id);
}

/** A JSON object as JSON.parse makes it (no array, no class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
