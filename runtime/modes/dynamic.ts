// Dynamic mode: tools/list is the meta tools plus the session's enabled tools; the meta tools change that set.
// The enabled set lives in the session: a request without one can search, but not enable or call API tools.

import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import type { Catalog } from "../catalog.js";
import { hasSession, type RequestContext } from "../context.js";
import type { ToolSearch } from "../search/index.js";
import { disableTools, enableTools, type EnableOutcome } from "./enable.js";
import { CALL, checkMetaArgs, DEFAULT_SEARCH_LIMIT, DISABLE, ENABLE, META_NAMES, META_TOOLS, SEARCH } from "./meta-tools.js";
import { errorResult, type CallExtras, type Invoke, type ToolMode } from "./mode.js";
import { searchResult, searchTools } from "./search.js";
import { refuseCall, refuseUnknown } from "./unknown.js";

export { META_TOOLS } from "./meta-tools.js";

/** Why a request without a session cannot enable tools, and what works instead. */
function sessionlessMessage(what: string): string {
  return `${what} needs a session to keep the enabled tools in, and this request has none; connect with a session (initialize first), or use static mode (?mode=static), which lists and calls every tool without one`;
}

export function createDynamicMode(catalog: Catalog, invoke: Invoke, search: ToolSearch): ToolMode {
  /** Runs an API tool the session enabled; anything else is an error naming the way forward. */
  const run = (request: RequestContext, name: string, args: unknown, extras: CallExtras): Promise<CallToolResult> => {
    const tool = catalog.lookup(name, request.view);
    if (!tool) return Promise.resolve(refuseUnknown(catalog, request, name, args, extras));
    const notEnabled = { tool: name, app: tool.app, args, reason: "tool_not_enabled" } as const;
    if (!request.session) return Promise.resolve(refuseCall(request, extras, notEnabled, sessionlessMessage(`calling "${name}" in dynamic mode`)));
    const session = request.session;
    const refuse = () => refuseCall(request, extras, notEnabled, `tool "${name}" is not enabled in this session; call ${ENABLE} with {"tools": ["${name}"]} first`);
    if (session.enabled.includes(name)) return invoke(tool, args ?? {}, extras.signal, request);
    if (!request.rereadSession) return Promise.resolve(refuse());
    // Another replica may have enabled it a moment ago; the store has the last word (unreachable: the copy's).
    return request.rereadSession().then(
      () => (session.enabled.includes(name) ? invoke(tool, args ?? {}, extras.signal, request) : refuse()),
      () => refuse(),
    );
  };
  const apply = async (outcome: EnableOutcome, extras: CallExtras): Promise<CallToolResult> => {
    // One notification per call that changed the set, however many tools it touched.
    if (outcome.changed) await extras.toolsChanged(outcome.change);
    return outcome.result;
  };

  return {
    list(request) {
      const enabledNames = request.session?.enabled ?? [];
      if (enabledNames.length === 0) return META_TOOLS;
      const enabled: Tool[] = [];
      for (const name of enabledNames) {
        const tool = catalog.lookup(name, request.view);
        if (tool) enabled.push(catalog.descriptor(tool, request.view));
      }
      return [...META_TOOLS, ...enabled];
    },
    async call(request, name, args, extras) {
      if (!META_NAMES.has(name)) return run(request, name, args, extras);
      const input = (args ?? {}) as Record<string, unknown>;
      const problem = checkMetaArgs(name, input);
      if (problem) return errorResult(problem);
      switch (name) {
        case SEARCH: {
          const query = input.query as string;
          const found = searchTools(search, catalog, request, query, (input.limit as number | undefined) ?? DEFAULT_SEARCH_LIMIT);
          return searchResult(found, query, catalog, request);
        }
        case ENABLE:
          if (!hasSession(request)) return errorResult(sessionlessMessage(ENABLE));
          return apply(enableTools(catalog, request, input.tools as string[], input.replace === true), extras);
        case DISABLE:
          if (!hasSession(request)) return errorResult(sessionlessMessage(DISABLE));
          return apply(disableTools(catalog, request, input.tools as string[]), extras);
        case CALL: {
          const target = input.name as string;
          if (META_NAMES.has(target)) return errorResult(`${CALL} runs API tools; call "${target}" directly`);
          return run(request, target, input.arguments ?? {}, extras);
        }
      }
      return errorResult(`unknown tool "${name}"`);
    },
  };
}
