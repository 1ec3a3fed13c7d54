// tools/call: validate → the upstream of the tool's request kind → shape the result. Never throws.
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Caller } from "./auth/caller.js";
import type { InboundHeaders } from "./auth/inbound.js";
import type { ResolvedApp } from "./config/secrets.js";
import type { CallReport, Outcome } from "./audit/audit-log.js";
import { withCallSecrets, type Redactor } from "./redact.js";
import { errorResult, redactResult, toResult } from "./result.js";
import type { GraphqlTool, HttpTool, Tool } from "./contract.js";
import { graphqlResult } from "./graphql-result.js";
import { UpstreamError } from "./upstream/http.js";
import { CredentialError, forwardedHeader } from "./upstream/credentials.js";
import { callUpstream } from "./upstream/index.js";
import { ArgumentError } from "./upstream/request.js";
import { loadValidator, validateArgs, validatorLoaded } from "./validate.js";
import { metrics } from "./metrics.js";

/** Everything a call needs besides the tool and its arguments; built once at start-up. */
export interface CallContext {
  /** Resolved apps by name (from `resolveRuntime`). */
  apps: Map<string, ResolvedApp>;
  limits: {
    /** Deadline for the whole upstream exchange, body included. */
    timeoutMs: number;
    /** Cap on the result text (or base64 payload) in bytes. @default 900000 in gateway.yaml */
    maxResponseBytes: number;
  };
  redactor: Redactor;
  /** Cancels the upstream request (the client sent notifications/cancelled). */
  signal?: AbortSignal;
  /** Who called; an app's `forward: { from: claim }` auth reads its claims. */
  caller?: Caller;
  /** The request's captured inbound headers for `forward: { from: header }`; absent on stdio. */
  inbound?: InboundHeaders;
  /** Every upstream token fetched at run time, before it is sent: the process redactor's `add`. */
  onToken?: (token: string) => void;
  /** Filled in with how the call ended, for the audit log. */
  report?: CallReport;
}

/** Calls `tool` with `args`: every failure is an `isError` result with a redacted message, never a throw. */
export async function callTool(tool: Tool, args: unknown, ctx: CallContext): Promise<CallToolResult> {
  try {
    if (!validatorLoaded()) await loadValidator();
    const invalid = validateArgs(tool, args);
    if (invalid) return reported(ctx, "invalid_arguments", errorResult(invalid, ctx.redactor));
    const app = ctx.apps.get(tool.app);
    if (!app) return reported(ctx, "refused", errorResult(`tool ${tool.name}: app "${tool.app}" is not configured on this server`, ctx.redactor));
    // A forwarded value is a credential of this caller: redacted from everything this call answers.
    const forwarded = app.auth.type === "forward" ? forwardedHeader(app.name, app.auth, ctx.caller, ctx.inbound) : undefined;
    if (forwarded) ctx = { ...ctx, redactor: withCallSecrets(ctx.redactor, [forwarded.secret, forwarded.value]) };
    const options = {
      timeoutMs: ctx.limits.timeoutMs,
      maxBytes: ctx.limits.maxResponseBytes,
      signal: ctx.signal,
      ...(app.redirectOrigins && { redirectOrigins: app.redirectOrigins }),
      ...(forwarded && { forwarded }),
      ...(ctx.onToken && { onToken: ctx.onToken }),
    };
    const began = performance.now();
    const response = await callUpstream(tool, (args ?? {}) as Record<string, unknown>, app, options).finally(() => metrics.upstream(app.name, (performance.now() - began) / 1000));
    const result = tool.request.kind === "graphql"
      ? graphqlResult(tool as GraphqlTool, response, ctx.limits.maxResponseBytes, ctx.redactor)
      : toResult(tool as HttpTool, response, ctx.limits.maxResponseBytes, ctx.redactor);
    if (ctx.report) ctx.report.status = response.status;
    return reported(ctx, !result.isError ? "ok" : response.status >= 500 ? "upstream_error" : "tool_error", redactResult(result, ctx.redactor));
  } catch (err) {
    if (err instanceof ArgumentError) return reported(ctx, "refused", errorResult(err.message, ctx.redactor));
    // A redirect to an origin the app does not allow was not followed: the gateway refused, the upstream did not fail.
    const outcome = err instanceof UpstreamError && err.kind === "redirect" ? "refused" : "upstream_error";
    if (err instanceof UpstreamError || err instanceof CredentialError) return reported(ctx, outcome, errorResult(err.message, ctx.redactor));
    // A bug of ours: say so without a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    return reported(ctx, "tool_error", errorResult(`internal error while calling ${tool.name}: ${message.split("\n")[0]}`, ctx.redactor));
  }
}

function reported(ctx: CallContext, outcome: Outcome, result: CallToolResult): CallToolResult {
  if (ctx.report) ctx.report.outcome = outcome;
  return result;
}
