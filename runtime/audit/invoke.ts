// The audit hook: wraps the call path's invoke so every tools/call that reaches a tool (by name, or through the
// dynamic mode's call-tool, in either protocol era, over any transport) leaves one audit line, and so every
// error text of a call is redacted of the call's sensitive argument values too.

import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Tool } from "../contract.js";
import type { Invoke } from "../modes/mode.js";
import type { RequestContext } from "../context.js";
import type { Redactor } from "../redact.js";
import { callRedactor, sensitiveValues } from "../sensitive.js";
import { ANONYMOUS } from "../auth/caller.js";
import { outcomeOf, type AuditLog, type CallReport } from "./audit-log.js";
import { jsonBytes } from "./refusal.js";
import { metrics } from "../metrics.js";
import { currentRequestId } from "../log.js";

/** The call path with what the hook adds per call: a redactor and a report to fill in. */
export type CallWith = (
  tool: Tool,
  args: unknown,
  signal: AbortSignal,
  extra?: { redactor: Redactor; report: CallReport },
  /** The request: its caller and inbound headers reach an app's `forward` auth. */
  request?: RequestContext,
) => Promise<CallToolResult>;

export interface AuditedOptions {
  /** Absent: no audit file, only the per-call redaction of sensitive fields. */
  log?: AuditLog;
  redactor: Redactor;
  sensitive: ReadonlySet<string> | undefined;
  now?: () => number;
}

export function auditedInvoke(call: CallWith, options: AuditedOptions): Invoke {
  const now = options.now ?? Date.now;
  return async (tool, args, signal, request) => {
    const start = now();
    const requestId = currentRequestId();
    const began = performance.now();
    const report: CallReport = {};
    const redactor = callRedactor(options.redactor, sensitiveValues(args, options.sensitive));
    const result = await call(tool, args, signal, { redactor, report }, request);
    const durationMs = performance.now() - began;
    const outcome = outcomeOf(report, result);
    metrics.call(tool.app, tool.name, outcome, durationMs / 1000);
    options.log?.record({
      start,
      durationMs,
      caller: request?.caller ?? ANONYMOUS,
      ...(request?.session && { session: request.session.id }),
      ...(requestId !== undefined && { requestId }),
      app: tool.app,
      tool: tool.name,
      args,
      bytesIn: jsonBytes(args),
      bytesOut: contentBytes(result),
      report: { ...report, outcome },
    });
    return result;
  };
}

/** UTF-8 bytes of the result's text and base64 payloads (structured content repeats the text, so it is not counted). */
function contentBytes(result: CallToolResult): number {
  let bytes = 0;
  for (const item of result.content ?? []) {
    if ("text" in item && typeof item.text === "string") bytes += Buffer.byteLength(item.text);
    else if ("data" in item && typeof item.data === "string") bytes += item.data.length;
  }
  return bytes;
}
