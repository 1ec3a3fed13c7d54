// Why a tool name is not usable in a session: another app's tool, or unknown (with close matches).

import type { Catalog } from "../catalog.js";
import { closeNames } from "../catalog.js";
import type { Session } from "../session/store.js";

/** One sentence for a name the session cannot see; names the app to select, or the closest known names. */
export function unknownToolMessage(catalog: Catalog, session: Pick<Session, "apps">, name: string): string {
  const hidden = catalog.lookup(name, null);
  if (hidden) {
    return `tool "${name}" belongs to app "${hidden.app}", which this session did not select (apps: ${session.apps!.join(", ")}); reconnect with ?apps=${hidden.app} to use it`;
  }
  const close = closeNames(name, catalog.names(session.apps));
  const hint = close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(", ")}?` : "; search-tools or tools/list show the available tools";
  return `unknown tool "${name}"${hint}`;
}
