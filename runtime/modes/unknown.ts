// Why a tool name is not usable in a request: a tool the caller's scopes do not cover, another app's tool, or
// unknown (with close matches).

import type { CallToolResult } from "@modelcontextprotocol/server";
import type { RefusalReason } from "../audit/audit-log.js";
import { missingScopes, missingScopesMessage } from "../auth/scopes.js";
import type { Catalog } from "../catalog.js";
import { closestMatches } from "../shared/did-you-mean.js";
import type { RequestContext } from "../context.js";
import { errorResult, type CallExtras } from "./mode.js";

/** Why a name cannot be called in a request: the sentence for the model, the reason for the audit log. */
interface Unusable {
  message: string;
  reason: RefusalReason;
  /** The app of the tool of that name, when there is one (the audit log may name it; the message may not). */
  app?: string;
}

/**
 * One sentence for a name the request's view cannot see: the scopes it lacks when the tool is of an app the
 * caller may use (what an HTTP caller would get as a 403 step-up), the app to select when the caller may see
 * that tool through another `?apps=`, else the closest names in view. Never reveals tools of apps the caller
 * may not use.
 */
export function unknownToolMessage(catalog: Catalog, request: Pick<RequestContext, "caller" | "view">, name: string): string {
  return unusable(catalog, request, name).message;
}

/** Answers a call of a name the request's view cannot see, and reports it to the audit log (`extras.refused`). */
export function refuseUnknown(catalog: Catalog, request: RequestContext, name: string, args: unknown, extras: CallExtras): CallToolResult {
  const { message, reason, app } = unusable(catalog, request, name);
  return refuseCall(request, extras, { tool: name, ...(app && { app }), args, reason }, message);
}

/** An isError result for a call the mode will not run, after the audit line that says why. */
export function refuseCall(request: RequestContext, extras: CallExtras, call: { tool: string; app?: string; args: unknown; reason: RefusalReason }, message: string): CallToolResult {
  extras.refused?.({ caller: request.caller, ...(request.session && { session: request.session.id }), ...call, outcome: "refused" });
  return errorResult(message);
}

function unusable(catalog: Catalog, request: Pick<RequestContext, "caller" | "view">, name: string): Unusable {
  const ofAllowedApp = catalog.lookup(name, catalog.view(null, { apps: request.caller.apps, scopes: null }));
  const missing = ofAllowedApp ? missingScopes(request.caller, ofAllowedApp) : [];
  if (ofAllowedApp && missing.length > 0) return { message: missingScopesMessage(ofAllowedApp, missing), reason: "missing_scopes", app: ofAllowedApp.app };
  const hidden = catalog.lookup(name, catalog.view(null, request.caller));
  if (hidden && request.view.apps) {
    // Visible to the caller but not in this view, so the view was narrowed by ?apps= and has apps.
    const message = `tool "${name}" belongs to app "${hidden.app}", which this session did not select (apps: ${request.view.apps!.join(", ")}); reconnect with ?apps=${hidden.app} to use it`;
    return { message, reason: "app_not_allowed", app: hidden.app };
  }
  const close = closestMatches(name, catalog.names(request.view));
  const hint = close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(", ")}?` : "; search-tools or tools/list show the available tools";
  // A tool of an app the caller may not use stays unknown to the model; the audit log, for operators, says so.
  const elsewhere = ofAllowedApp ?? catalog.lookup(name, catalog.view(null));
  return { message: `unknown tool "${name}"${hint}`, reason: elsewhere ? "app_not_allowed" : "unknown_tool", ...(elsewhere && { app: elsewhere.app }) };
}
