// Builds the upstream request of a GraphQL tool: one POST of the document compiled at build time, the
// arguments as its variables, the app's auth. The arguments never reach the query text.
import type { ResolvedApp } from "../config/secrets.js";
import type { GraphqlTool } from "../contract.js";
import { prepareAuth } from "./auth.js";
import { ACCEPT_ENCODING, USER_AGENT, targetOf, type UpstreamRequest } from "./request.js";

const endpointPaths = new WeakMap<ResolvedApp, string>();

/** Path and query string of the app's endpoint URL, parsed once. */
function endpointPathOf(app: ResolvedApp): string {
  let path = endpointPaths.get(app);
  if (path === undefined) {
    const url = new URL(app.baseUrl);
    endpointPaths.set(app, (path = url.pathname + url.search));
  }
  return path;
}

/** GraphQL over HTTP: the newer media type first, plain JSON for servers that predate it. */
const ACCEPT = "application/graphql-response+json, application/json;q=0.9";

export function graphqlRequestFor(tool: GraphqlTool, args: Record<string, unknown>, app: ResolvedApp): UpstreamRequest {
  const auth = prepareAuth(app);
  const target = targetOf(app);
  // The endpoint exactly as configured: `/graphql/` and `?tenant=` matter to the servers that have them.
  let path = endpointPathOf(app);
  if (auth.query) path += `${path.includes("?") ? "&" : "?"}${auth.query}`;
  const headers: Record<string, string> = {
    accept: ACCEPT,
    "accept-encoding": ACCEPT_ENCODING,
    "user-agent": USER_AGENT,
    "content-type": "application/json",
    ...auth.headers,
  };
  if (auth.cookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${auth.cookie}` : auth.cookie;
  const variables: Record<string, unknown> = {};
  for (const [arg, variable] of Object.entries(tool.request.variables)) {
    if (args[arg] !== undefined) variables[variable] = args[arg];
  }
  const { document, operationName } = tool.request;
  return { method: "POST", target, path, headers, body: JSON.stringify({ query: document, variables, operationName }) };
}
