// Static mode: tools/list is every tool of the request's view; tools/call looks the name up and invokes it.
// Keeps no state, so it serves requests with or without a session alike.

import type { Catalog } from "../catalog.js";
import type { Invoke, StatelessToolMode, ToolMode } from "./mode.js";
import { refuseUnknown } from "./unknown.js";

export function createStaticMode(catalog: Catalog, invoke: Invoke): ToolMode {
  // The session era's transports splice the precomputed list in as JSON text.
  return { ...createStatelessStaticMode(catalog, invoke), list: (request) => catalog.listJson(request.view) };
}

/** The same mode for the 2026-07-28 era, whose wire codec reads the list: the cached descriptor array. */
export function createStatelessStaticMode(catalog: Catalog, invoke: Invoke): StatelessToolMode {
  return {
    list: (request) => catalog.list(request.view),
    // Not async: the call's promise is the invoke's own, with no second one resolving to it.
    call(request, name, args, extras) {
      const tool = catalog.lookup(name, request.view);
      if (!tool) return Promise.resolve(refuseUnknown(catalog, request, name, args, extras));
      return invoke(tool, args ?? {}, extras.signal, request);
    },
  };
}
