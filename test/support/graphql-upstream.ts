// A loopback GraphQL upstream: graphql-js executes the shop schema over a fresh in-memory store; every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { graphql } from "graphql";
import { createShop, shopSchema } from "./shop.js";

export { SHOP_OPERATIONS_DIR, SHOP_SCHEMA_PATH, SHOP_SEED } from "./shop.js";

export interface RecordedGraphqlRequest {
  method: string;
  /** Raw path and query exactly as received on the wire. @example "/graphql" */
  path: string;
  /** As Node gives them: names lower-cased. */
  headers: IncomingMessage["headers"];
  /** The raw body. */
  body: string;
  /** `body` parsed as JSON; undefined when it is empty or not JSON. @example { query: "query Q { … }", variables: {}, operationName: "Q" } */
  json: unknown;
}

/**
 * How the upstream answers. `times` (default: every request until the next `setMode`) counts the requests the
 * mode applies to; after that the upstream goes back to `execute`.
 */
export type GraphqlUpstreamMode =
  /** Run the request through graphql-js (the default). */
  | { kind: "execute" }
  /** Answer `status` (default 500) with `body`: a string goes out as text/plain, anything else as JSON. Default body: "upstream failure". */
  | { kind: "fail"; status?: number; body?: unknown; times?: number }
  /** Wait `ms`, then execute as usual: a client with a shorter timeout gives up first. */
  | { kind: "hang"; ms: number; times?: number };

export interface GraphqlUpstreamOptions {
  /** Where the endpoint listens; other paths answer 404. @default "/graphql" */
  path?: string;
}

export interface GraphqlUpstream {
  /** The endpoint. @example "http://127.0.0.1:40123/graphql" */
  url: string;
  requests: RecordedGraphqlRequest[];
  setMode(mode: GraphqlUpstreamMode): void;
  last(): RecordedGraphqlRequest;
  close(): Promise<void>;
}

/** GraphQL over HTTP's media type; when the client accepts it, request errors answer 400 instead of 200. */
const GRAPHQL_RESPONSE = "application/graphql-response+json";

function send(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": `${contentType}; charset=utf-8` });
  res.end(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

interface GraphqlParams {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** The POST body as GraphQL-over-HTTP parameters, or what is wrong with it. */
function readParams(body: unknown): GraphqlParams | string {
  if (!isObject(body)) return "the body must be a JSON object { query, variables, operationName }";
  const { query, variables, operationName } = body;
  if (typeof query !== "string") return "query must be a string";
  if (variables != null && !isObject(variables)) return "variables must be an object";
  if (operationName != null && typeof operationName !== "string") return "operationName must be a string";
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

/** The GraphQL-over-HTTP part: path, method, body shape, execution, status and media type. */
async function execute(request: RecordedGraphqlRequest, res: ServerResponse, path: string, shop: ReturnType<typeof createShop>): Promise<void> {
  if (request.path.split("?")[0] !== path) return send(res, 404, `no GraphQL endpoint at ${request.path}; it is ${path}`, "text/plain");
  if (request.method !== "POST") {
    res.setHeader("allow", "POST");
    return send(res, 405, `${request.method} is not supported; POST a JSON body { query, variables, operationName }`, "text/plain");
  }
  const mediaType = String(request.headers.accept ?? "").includes(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : "application/json";
  const params = readParams(request.json);
  if (typeof params === "string") return send(res, 400, { errors: [{ message: params }] }, mediaType);
  const result = await graphql({
    schema: shopSchema,
    source: params.query,
    variableValues: params.variables,
    operationName: params.operationName,
    fieldResolver: shop.fieldResolver,
  });
  // No `data` means the request never executed (parse, validation or variable errors).
  send(res, mediaType === GRAPHQL_RESPONSE && !("data" in result) ? 400 : 200, result, mediaType);
}

export async function startGraphqlUpstream(options: GraphqlUpstreamOptions = {}): Promise<GraphqlUpstream> {
  const path = options.path ?? "/graphql";
  const shop = createShop();
  const requests: RecordedGraphqlRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let mode: GraphqlUpstreamMode = { kind: "execute" };
  let remaining = Infinity;

  /** The mode for the request just received, counting it against `times`. */
  const takeMode = (): GraphqlUpstreamMode => {
    const current = mode;
    if (current.kind !== "execute" && --remaining <= 0) mode = { kind: "execute" };
    return current;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const request: RecordedGraphqlRequest = { method: req.method!, path: req.url!, headers: req.headers, body, json: parseJson(body) };
      requests.push(request);
      const current = takeMode();
      if (current.kind === "fail") {
        const failBody = current.body ?? "upstream failure";
        return send(res, current.status ?? 500, failBody, typeof failBody === "string" ? "text/plain" : "application/json");
      }
      if (current.kind === "execute") return void execute(request, res, path, shop);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) void execute(request, res, path, shop);
      }, current.ms);
      timers.add(timer);
      res.on("close", () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    setMode: (next) => {
      mode = next;
      remaining = next.kind === "execute" ? Infinity : (next.times ?? Infinity);
    },
    last: () => {
      if (requests.length === 0) throw new Error("the GraphQL upstream received no request");
      return requests[requests.length - 1];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
