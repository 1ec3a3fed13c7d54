// Why a tool name is not usable in a request: a tool the caller's scopes do not cover, another app's tool, or
// unknown (with close matches).

import { missingScopes, missingScopesMessage } from "../auth/scopes.js";
import type { Catalog } from "../catalog.js";
import { closestMatches } from "../shared/did-you-mean.js";
import type { RequestContext } from "../context.js";

/**
 * One sentence for a name the request's view cannot see: the scopes it lacks when the tool is of an app the
 * caller may use (what an HTTP caller would get as a 403 step-up), the app to select when the caller may see
 * that tool through another `?apps=`, else the closest names in view. Never reveals tools of apps the caller
 * may not use.
 */
export function unknownToolMessage(catalog: Catalog, request: Pick<RequestContext, "caller" | "view">, name: string): string {
  const ofAllowedApp = catalog.lookup(name, catalog.view(null, { apps: request.caller.apps, scopes: null }));
  const missing = ofAllowedApp ? missingScopes(request.caller, ofAllowedApp) : [];
  if (ofAllowedApp && missing.length > 0) return missingScopesMessage(ofAllowedApp, missing);
  const hidden = catalog.lookup(name, catalog.view(null, request.caller));
  if (hidden && request.view.apps) {
    // Visible to the caller but not in this view, so the view was narrowed by ?apps= and has apps.
    return `tool "${name}" belongs to app "${hidden.app}", which this session did not select (apps: ${request.view.apps!.join(", ")}); reconnect with ?apps=${hidden.app} to use it`;
  }
  const close = closestMatches(name, catalog.names(request.view));
  const hint = close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(", ")}?` : "; search-tools or tools/list show the available tools";
  return `unknown tool "${name}"${hint}`;
}
