// Static mode: tools/list is every tool of the session's apps; tools/call looks the name up and invokes it.

import type { Catalog } from "../catalog.js";
import { errorResult, type Invoke, type ToolMode } from "./mode.js";
import { unknownToolMessage } from "./unknown.js";

export { unknownToolMessage } from "./unknown.js";

export function createStaticMode(catalog: Catalog, invoke: Invoke): ToolMode {
  return {
    list: (session) => catalog.listJson(session.apps),
    async call(session, name, args, extras) {
      const tool = catalog.lookup(name, session.apps);
      if (!tool) return errorResult(unknownToolMessage(catalog, session, name));
      return invoke(tool, args ?? {}, extras.signal);
    },
  };
}
