// Static mode: tools/list is every tool of the session's apps; tools/call looks the name up and invokes it.

import type { Catalog } from "../catalog.js";
import { closeNames } from "../catalog.js";
import type { Session } from "../session/store.js";
import { errorResult, type Invoke, type ToolMode } from "./mode.js";

export function createStaticMode(catalog: Catalog, invoke: Invoke): ToolMode {
  return {
    list: (session) => catalog.list(session.apps),
    async call(session, name, args, extras) {
      const tool = catalog.lookup(name, session.apps);
      if (!tool) return errorResult(unknownToolMessage(catalog, session, name));
      return invoke(tool, args ?? {}, extras.signal);
    },
  };
}

/** "unknown tool" with close names, or which app a hidden tool belongs to. Shared with dynamic mode. */
export function unknownToolMessage(catalog: Catalog, session: Pick<Session, "apps">, name: string): string {
  const hidden = catalog.lookup(name, null);
  if (hidden) {
    return `tool "${name}" belongs to app "${hidden.app}", which this session did not select (apps: ${session.apps!.join(", ")}); reconnect with ?apps=${hidden.app} to use it`;
  }
  const close = closeNames(name, catalog.names(session.apps));
  const hint = close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(", ")}?` : "; call tools/list to see the available tools";
  return `unknown tool "${name}"${hint}`;
}
