// The seam between the MCP server and a tool mode (static: every tool; dynamic: meta tools + enabled ones).

import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import type { RawJson } from "../raw-json.js";
import type { Tool as GatewayTool } from "../contract.js";
import type { RequestContext } from "../context.js";
import type { RecordRefusal } from "../audit/refusal.js";

/**
 * Calls one upstream tool; wired to `callTool` from runtime/call.ts by main (through the audit log when one is
 * configured, which is what `request` is for: who called, in which session). Never throws.
 */
export type Invoke = (tool: GatewayTool, args: unknown, signal: AbortSignal, request?: RequestContext) => Promise<CallToolResult>;

/** What one request handler may do besides answering. */
export interface CallExtras {
  signal: AbortSignal;
  /**
   * The session's tool list changed by `change`: writes that change to its store (atomically, so a change
   * another replica made meanwhile is kept), then sends ONE
   * `notifications/tools/list_changed` on this request's stream. Call at most once per request.
   */
  toolsChanged(change: ToolChange): Promise<void>;
  /** Leaves an audit line for a call the mode refuses (unknown, not enabled, out of scope); absent without an audit log. */
  refused?: RecordRefusal;
}

export interface ToolMode {
  /** The `tools/list` answer for the request; precomputed or cached per view, never rebuilt per tool. */
  list(request: RequestContext): Tool[] | RawJson;
  /** Answer `tools/call`. Errors are results with `isError: true`; never throws for a bad name or argument. */
  call(request: RequestContext, name: string, args: unknown, extras: CallExtras): Promise<CallToolResult>;
}

/** Tool names one enable-tools or disable-tools call added to and removed from a session's enabled set. */
export interface ToolChange {
  added: readonly string[];
  removed: readonly string[];
}

/** A mode for requests without a session (protocol 2026-07-28): its lists are plain arrays the SDK encodes. */
export interface StatelessToolMode extends ToolMode {
  list(request: RequestContext): Tool[];
}

/** An error result a model can act on. */
export function errorResult(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

/** `text` cut to `max` characters, the cut marked with "…". */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A plain text result. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: "text", text }] };
}
