// The structural JSON-RPC 2.0 check both transports apply; the SDK's Protocol validates each request's params.
import type { JSONRPCMessage } from "@modelcontextprotocol/server";

export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const m = value as Record<string, unknown>;
  if (m.jsonrpc !== "2.0") return false;
  if (typeof m.method === "string") return true;
  return (typeof m.id === "string" || typeof m.id === "number") && ("result" in m || "error" in m);
}

/**
 * Deepest nesting of objects and arrays a message may have. JSON.parse takes any depth, but what reads a message
 * afterwards (the SDK's schemas, serialisers) recurses, and 10,000 levels overflow its stack; real arguments
 * nest a dozen levels at most.
 */
export const MAX_JSON_DEPTH = 256;

/** True when the JSON text nests objects and arrays deeper than `max`: one pass over the text, strings skipped. */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  // Each level takes a bracket: shorter texts cannot exceed the limit.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
