// The structural JSON-RPC 2.0 check both transports apply; the SDK's Protocol validates each request's params.
import type { JSONRPCMessage } from "@modelcontextprotocol/server";

export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const m = value as Record<string, unknown>;
  if (m.jsonrpc !== "2.0") return false;
  if (typeof m.method === "string") return true;
  return (typeof m.id === "string" || typeof m.id === "number") && ("result" in m || "error" in m);
}
