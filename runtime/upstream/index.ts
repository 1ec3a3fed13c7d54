// One upstream interface: a tool's request kind picks the upstream that turns validated arguments into a response.
import type { ResolvedApp } from "../config/secrets.js";
import type { Tool, ToolRequest } from "../contract.js";
import { send, type SendOptions, type UpstreamResponse } from "./http.js";
import { graphqlRequestFor } from "./graphql.js";
import { requestFor } from "./request.js";

export interface Upstream<Request extends ToolRequest = ToolRequest> {
  /**
   * One call with arguments that passed the tool's inputSchema. Throws `ArgumentError` (an argument the wire
   * cannot carry) or `UpstreamError` (no answer), both with messages safe for a client; any answer is returned.
   */
  call(tool: Tool<Record<string, unknown>, Request>, args: Record<string, unknown>, app: ResolvedApp, options: SendOptions): Promise<UpstreamResponse>;
}

const http: Upstream<Extract<ToolRequest, { kind: "http" }>> = {
  // No async function around it: a request built synchronously goes out in the same turn, and the call's
  // promise is the one `send` returns.
  call(tool, args, app, options) {
    try {
      const request = requestFor(tool, args, app);
      return request instanceof Promise ? request.then((built) => send(built, options)) : send(request, options);
    } catch (err) {
      return Promise.reject(err);
    }
  },
};

/** Every request kind and its upstream: a new kind of source adds its line here. */
const UPSTREAMS: { [Kind in ToolRequest["kind"]]: Upstream<Extract<ToolRequest, { kind: Kind }>> } = {
  http,
  graphql: {
    call(tool, args, app, options) {
      try {
        return send(graphqlRequestFor(tool, args, app), options);
      } catch (err) {
        return Promise.reject(err);
      }
    },
  },
};

export function upstreamOf(tool: Tool): Upstream {
  return UPSTREAMS[tool.request.kind] as Upstream;
}
