// What the caller's grant refuses before a request reaches the SDK, answered with a status the client can act on:
// 403 for `?apps=` naming an app the caller may not use, and 403 insufficient_scope (step-up) for a tool call the
// caller's scopes do not cover. Without a status to send (stdio), the modes answer with an isError result instead.
// @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling

import type { ServerResponse } from "node:http";
import type { Caller } from "../auth/caller.js";
import { calledToolName, forbiddenApps, insufficientScopeChallenge, missingScopes, missingScopesMessage } from "../auth/scopes.js";
import type { Catalog } from "../catalog.js";
import type { AppSet } from "../session/store.js";
import { sendJsonError } from "./http-guard.js";

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
}

/** Answers the request and returns true when the caller's grant refuses it; false lets it through. */
export function refuseByGrant(res: ServerResponse, check: GrantCheck): boolean {
  const { caller, catalog } = check;
  const asked = check.url ? askedApps(check.url) : undefined;
  if (asked) {
    const forbidden = forbiddenApps(caller, asked);
    if (forbidden.length > 0) {
      const names = forbidden.map((app) => `"${app}"`).join(", ");
      const allowed = caller.apps!.length > 0 ? caller.apps!.join(", ") : "none";
      sendJsonError(res, 403, -32003, `Forbidden: this credential may not use app${forbidden.length > 1 ? "s" : ""} ${names} (?apps=); apps it may use: ${allowed}`, {}, idOf(check.body));
      return true;
    }
  }
  for (const message of Array.isArray(check.body) ? check.body : [check.body]) {
    const name = calledToolName(message);
    if (name === undefined) continue;
    // Among the tools the caller's apps and the connection's allow, whatever its scopes: a tool of another app
    // stays unknown (the mode says so), so a 403 never reveals one.
    const tool = catalog.lookup(name, catalog.view(asked ?? check.apps, { apps: caller.apps, scopes: null }));
    const missing = tool ? missingScopes(caller, tool) : [];
    if (!tool || missing.length === 0) continue;
    const challenge = insufficientScopeChallenge(tool.scopes, check.resourceMetadataUrl);
    sendJsonError(res, 403, -32003, `Forbidden: insufficient_scope: ${missingScopesMessage(tool, missing)}`, { "www-authenticate": challenge }, idOf(message));
    return true;
  }
  return false;
}

/** `?apps=` as written (trimmed, no empty entries), or undefined when the URL does not ask. */
function askedApps(url: URL): string[] | undefined {
  const value = url.searchParams.get("apps");
  if (value === null) return undefined;
  return [...new Set(value.split(",").map((s) => s.trim()).filter(Boolean))].sort();
}

function idOf(message: unknown): string | number | null {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}
