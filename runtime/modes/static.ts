// Static mode: tools/list is every tool of the request's view; tools/call looks the name up and invokes it.
// Keeps no state, so it serves requests with or without a session alike.

import type { Catalog } from "../catalog.js";
import { errorResult, type Invoke, type ToolMode } from "./mode.js";
import { unknownToolMessage } from "./unknown.js";

export function createStaticMode(catalog: Catalog, invoke: Invoke): ToolMode {
  return {
    list: (request) => catalog.listJson(request.view),
    async call(request, name, args, extras) {
      const tool = catalog.lookup(name, request.view);
      if (!tool) return errorResult(unknownToolMessage(catalog, request, name));
      return invoke(tool, args ?? {}, extras.signal);
    },
  };
}
