// What the caller's grant refuses before a request reaches the SDK, answered with a status the client can act on:
// 403 for `?apps=` naming an app the caller may not use, and 403 insufficient_scope (step-up) for a tool call the
// caller's scopes do not cover. Without a status to send (stdio), the modes answer with an isError result instead.
// @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling

import type { ServerResponse } from "node:http";
import type { RecordRefusal, Refusal } from "../audit/refusal.js";
import type { Caller } from "../auth/caller.js";
import { calledTool, forbiddenApps, insufficientScopeChallenge, missingScopes, missingScopesMessage } from "../auth/scopes.js";
import type { RefusalReason } from "../audit/audit-log.js";
import type { Catalog } from "../catalog.js";
import type { AppSet } from "../session/store.js";
import { requestIdOf, sendJsonError } from "./http-guard.js";

/** What one request asks for. `url`: given for requests outside a session, whose `?apps=` is checked. */
export interface GrantCheck {
  catalog: Catalog;
  caller: Caller;
  /** The parsed JSON-RPC body (a message or a batch); absent for GET and DELETE. */
  body: unknown;
  /** The apps of the connection: the session's, or the URL's (else the server's default). */
  apps: AppSet;
  url?: URL;
  /** The gateway's public URL, for `resource_metadata`. */
  resourceMetadataUrl: string;
  /** Leaves an audit line per refused tool call; absent without an audit log. */
  refused?: RecordRefusal;
  /** The request's session (its caller's own), for the audit line. */
  session?: string;
}

/** Answers the request and returns true when the caller's grant refuses it; false lets it through. */
export function refuseByGrant(res: ServerResponse, check: GrantCheck): boolean {
  const { caller, catalog } = check;
  const asked = check.url ? askedApps(check.url) : undefined;
  if (asked) {
    const forbidden = forbiddenApps(caller, asked);
    if (forbidden.length > 0) {
      audit(check, check.body, "app_not_allowed");
      const names = forbidden.map((app) => `"${app}"`).join(", ");
      const allowed = caller.apps!.length > 0 ? caller.apps!.join(", ") : "none";
      sendJsonError(res, 403, -32003, `Forbidden: this credential may not use app${forbidden.length > 1 ? "s" : ""} ${names} (?apps=); apps it may use: ${allowed}`, {}, requestIdOf(check.body));
      return true;
    }
  }
  // A caller without a scope limit lacks no scope: no tool call of its needs looking up.
  if (caller.scopes === null) return false;
  for (const message of messages(check.body)) {
    const name = calledTool(message)?.name;
    if (name === undefined) continue;
    // Among the tools the caller's apps and the connection's allow, whatever its scopes: a tool of another app
    // stays unknown (the mode says so), so a 403 never reveals one.
    const tool = catalog.lookup(name, catalog.view(asked ?? check.apps, { apps: caller.apps, scopes: null }));
    const missing = tool ? missingScopes(caller, tool) : [];
    if (!tool || missing.length === 0) continue;
    audit(check, message, "missing_scopes");
    const challenge = insufficientScopeChallenge(tool.scopes, check.resourceMetadataUrl);
    sendJsonError(res, 403, -32003, `Forbidden: insufficient_scope: ${missingScopesMessage(tool, missing)}`, { "www-authenticate": challenge }, requestIdOf(message));
    return true;
  }
  return false;
}

/** Reports the refused tool calls of `body` (a message or a batch) to the audit log. */
function audit(check: GrantCheck, body: unknown, reason: RefusalReason): void {
  auditCalls(check, body, "refused", reason);
}

/**
 * One audit line per tool call in `body` (a message or a batch) that is answered without running: with the
 * tool's app when a tool has that name. Also the router's for a 429.
 */
export function auditCalls(
  check: Pick<GrantCheck, "catalog" | "caller" | "refused" | "session">,
  body: unknown,
  outcome: Refusal["outcome"],
  reason?: RefusalReason,
): void {
  if (!check.refused) return;
  for (const message of messages(body)) {
    const call = calledTool(message);
    if (!call) continue;
    const app = check.catalog.lookup(call.name, check.catalog.view(null))?.app;
    const { session } = check;
    check.refused({ caller: check.caller, ...(session !== undefined && { session }), tool: call.name, ...(app && { app }), args: call.args, outcome, ...(reason && { reason }) });
  }
}

function messages(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

/** `?apps=` as written (trimmed, no empty entries), or undefined when the URL does not ask. */
function askedApps(url: URL): string[] | undefined {
  const value = url.searchParams.get("apps");
  if (value === null) return undefined;
  return [...new Set(value.split(",").map((s) => s.trim()).filter(Boolean))].sort();
}
