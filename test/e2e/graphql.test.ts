// GraphQL apps end to end: `gateway build` of a three-app gateway (the shop schema as root-field tools, the same
// schema through its operation documents, and a small OpenAPI app), the bundled server driven by the SDK's Clients
// over HTTP (2025-11-25 with a session: v2 and v1 Client; 2026-07-28 stateless: v2 pinned) and stdio, against the
// loopback GraphQL upstream (graphql-js over the shop schema) and the recording HTTP upstream. What reached the
// upstream is checked on the wire: one POST of { query, variables, operationName } whose query is the generated
// module's document byte for byte, whatever the arguments, and nothing at all when the arguments are refused.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GraphqlTool } from "../../runtime/contract.js";
import { SHOP_OPERATIONS_DIR, SHOP_SCHEMA_PATH, startGraphqlUpstream, type GraphqlUpstream, type RecordedGraphqlRequest } from "../support/graphql-upstream.js";
import { buildProject, FIXTURES, type Project } from "../support/project.js";
import { parseSearchText } from "../support/search-text.js";
import { SDK_CLIENTS, startHttpServer, textOf, type CallResult, type HttpServer, type SdkClient } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";
import { fullAnnotations, listedAnnotations } from "../../runtime/shared/listed-annotations.js";

// ─── The gateway under test ─────────────────────────────────────────────────────────────────────────────────────

/** Small on purpose: the hang test waits this long, and no other call comes near it on loopback. */
const TIMEOUT_MS = 500;
/** Far above any answer of the shop upstream, far below the oversized one the size-cap test has it send. */
const MAX_RESPONSE_BYTES = 16_000;

/**
 * `shop` reaches its upstream through GATEWAY_SHOP_ENDPOINT (the configured endpoint is a closed port), `shopops`
 * through `endpoint:` itself, on a path other than the default. Operation names that would collide with shop's
 * root-field tools (create_product, delete_product) get explicit names.
 */
const config = (opsEndpoint: string) => `name: e2e-graphql
limits: { timeout_ms: ${TIMEOUT_MS}, max_response_bytes: ${MAX_RESPONSE_BYTES} }
apps:
  shop:
    graphql: graphql/schema.graphql
    endpoint: http://127.0.0.1:9/graphql
    auth: { type: bearer, token: "\${SHOP_TOKEN}" }
    scalars: { DateTime: { type: string, format: date-time } }
    output_schema: full
  shopops:
    graphql: graphql/schema.graphql
    endpoint: ${opsEndpoint}
    operations: graphql/operations/*.graphql
    scalars: { DateTime: { type: string, format: date-time } }
    output_schema: full
    tools:
      CreateProduct: { name: add_product }
      DeleteProduct: { name: remove_product }
  pets:
    openapi: specs/petstore.json
`;

const SHOP_TOKEN = "shop-token-7f3c9a1e5b";
const SHOP_TOOLS = ["create_product", "delete_product", "node", "product", "products", "sales_report", "search"];
const OPS_TOOLS = ["add_product", "get_product", "get_product_stock", "get_sales_report", "list_products", "remove_product", "search_catalog"];
const MODERN = "2026-07-28";
const INFO = { name: "graphql-e2e", version: "1.0.0" };

// ─── Shared state; everything started here is stopped in afterAll ───────────────────────────────────────────────

let project: Project;
/** shop's upstream (env override) and shopops' (config endpoint, path /api/graphql): one store each. */
let shopUp: GraphqlUpstream;
let opsUp: GraphqlUpstream;
let petsUp: Upstream;
let server: HttpServer;
let env: Record<string, string>;
/** A v2 Client in the 2025-11-25 era (its default), on the static view of every app: most tests drive this one. */
let client: SdkClient;
let petTools: string[];
const opened: { close(): Promise<unknown> }[] = [];
/** Every tools/call result any client got, to check that the upstream token never shows. */
const results: CallResult[] = [];

beforeAll(async () => {
  [shopUp, opsUp, petsUp] = await Promise.all([startGraphqlUpstream(), startGraphqlUpstream({ path: "/api/graphql" }), startUpstream()]);
  const operations = readdirSync(SHOP_OPERATIONS_DIR).filter((f) => f.endsWith(".graphql"));
  project = await buildProject({
    "gateway.yaml": config(opsUp.url),
    "graphql/schema.graphql": readFileSync(SHOP_SCHEMA_PATH, "utf8"),
    ...Object.fromEntries(operations.map((f) => [`graphql/operations/${f}`, readFileSync(join(SHOP_OPERATIONS_DIR, f), "utf8")])),
    "specs/petstore.json": readFileSync(join(FIXTURES, "specs", "small", "petstore-2.0.json"), "utf8"),
  });
  const toolsOf = (app: string) => project.result.plans.filter((p) => p.app === app).map((p) => p.name).sort();
  // Names as chosen: no hash suffix anywhere.
  expect([toolsOf("shop"), toolsOf("shopops")]).toEqual([SHOP_TOOLS, OPS_TOOLS]);
  petTools = toolsOf("pets");
  expect(petTools).toContain("get_pet_by_id");
  env = { SHOP_TOKEN, GATEWAY_SHOP_ENDPOINT: shopUp.url, GATEWAY_PETS_BASE_URL: petsUp.url };
  server = await startHttpServer(project.server, env);
  client = await connect(server.url);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(opened.map((c) => c.close()));
  await server?.close();
  await Promise.allSettled([shopUp?.close(), opsUp?.close(), petsUp?.close()]);
});

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A 2025-11-25 client over HTTP (v2 by default, or the v1 SDK's), closed in afterAll. */
async function connect(url: string, sdk: "v2" | "v1" = "v2"): Promise<SdkClient> {
  const connected = await SDK_CLIENTS[sdk].http(url);
  opened.push(connected);
  return connected;
}

/** A v2 Client pinned to the 2026-07-28 era over HTTP, closed in afterAll. */
async function connectModern(url: string): Promise<Client> {
  const pinned = new Client(INFO, { versionNegotiation: { mode: { pin: MODERN } } });
  await pinned.connect(new StreamableHTTPClientTransport(new URL(url)));
  opened.push(pinned);
  return pinned;
}

interface Caller {
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
}

async function call(caller: Caller, name: string, args: Record<string, unknown>): Promise<CallResult> {
  const result = (await caller.callTool({ name, arguments: args })) as CallResult;
  results.push(result);
  return result;
}

/** The text of a refused call: an isError result's text, or the message of the MCP error it threw. */
async function refusal(caller: Caller, name: string, args: Record<string, unknown>): Promise<string> {
  let result: CallResult;
  try {
    result = await call(caller, name, args);
  } catch (err) {
    return (err as Error).message;
  }
  expect(result.isError, `${name} ${JSON.stringify(args)} is refused: ${textOf(result)}`).toBe(true);
  return textOf(result);
}

/** The requests `upstream` received while `action` ran. */
async function during<T>(upstream: { requests: readonly RecordedGraphqlRequest[] }, action: () => Promise<T>): Promise<[T, RecordedGraphqlRequest[]]> {
  const mark = upstream.requests.length;
  const value = await action();
  return [value, upstream.requests.slice(mark)];
}

/** Every upstream's request count, to prove a refused call reached none of them. */
const counts = () => [shopUp.requests.length, opsUp.requests.length, petsUp.requests.length];

/** The `tool` export of a generated module, imported from the built project. */
async function generated(app: string, name: string): Promise<GraphqlTool> {
  const module = (await import(pathToFileURL(join(project.root, "generated", app, `${name}.ts`)).href)) as { tool: GraphqlTool };
  return module.tool;
}

/** One GraphQL-over-HTTP POST carrying exactly the generated document, its operation name and `variables`. */
function expectPost(request: RecordedGraphqlRequest, tool: GraphqlTool, variables: Record<string, unknown>, path: string): void {
  expect(request.method).toBe("POST");
  expect(request.path).toBe(path);
  expect(request.headers["content-type"]).toBe("application/json");
  const body = request.json as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(["query", "variables", "operationName"]);
  // Byte for byte: a string comparison, not a parse-and-compare.
  expect(body.query === tool.request.document, `query sent for ${tool.name} is the generated document`).toBe(true);
  expect(body).toEqual({ query: tool.request.document, variables, operationName: tool.request.operationName });
}

/** A successful result: not isError, `data` as structuredContent, and the same JSON as the first text. */
function expectData(result: CallResult, data: Record<string, unknown>): void {
  expect(result.isError, textOf(result)).toBeFalsy();
  expect(result.structuredContent).toEqual(data);
  const content = result.content as { type: string; text: string }[];
  expect(JSON.parse(content[0]!.text)).toEqual(data);
}

const DUNE = { id: "p1", sku: "BK-001", name: "Dune", category: "BOOKS", price: 9.99, tags: ["scifi", "paperback"] };

// ─── tools/list ─────────────────────────────────────────────────────────────────────────────────────────────────

describe("tools/list", () => {
  test("every GraphQL tool is listed as generated: annotations, input and output schemas", async () => {
    const { tools } = (await client.listTools()) as { tools: (GraphqlTool & { outputSchema?: Record<string, unknown> })[] };
    expect(tools.map((t) => t.name).sort()).toEqual([...SHOP_TOOLS, ...OPS_TOOLS, ...petTools].sort());
    for (const [app, names] of [["shop", SHOP_TOOLS], ["shopops", OPS_TOOLS]] as const) {
      for (const name of names) {
        const listed = tools.find((t) => t.name === name)!;
        const module = await generated(app, name);
        expect(listed, `${app}/${name} is listed`).toBeDefined();
        expect({ description: listed.description, annotations: listed.annotations }, `${app}/${name}`).toEqual({ description: module.description, annotations: listedAnnotations(module.annotations) });
        expect(listed.inputSchema, `${app}/${name}`).toEqual(module.inputSchema);
        expect(listed.outputSchema, `${app}/${name}`).toEqual(module.outputSchema);
      }
    }
    const byName = (name: string) => tools.find((t) => t.name === name)!;
    const QUERY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
    for (const name of ["node", "product", "products", "sales_report", "search", "get_product", "get_product_stock", "get_sales_report", "list_products", "search_catalog"]) {
      expect(fullAnnotations(byName(name).annotations), name).toEqual(QUERY);
    }
    for (const name of ["create_product", "add_product"]) {
      expect(fullAnnotations(byName(name).annotations), name).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    }
    for (const name of ["delete_product", "remove_product"]) {
      expect(fullAnnotations(byName(name).annotations), name).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    }

    // Nested input objects (ProductFilter holding PriceRange), enums, a list, defaults; nothing else accepted.
    expect(byName("products").inputSchema).toMatchObject({
      type: "object",
      additionalProperties: false,
      properties: {
        first: { type: "integer", default: 10 },
        after: { type: "string" },
        sort: { type: "string", enum: ["NAME", "PRICE", "NEWEST"], default: "NAME" },
        filter: {
          type: "object",
          additionalProperties: false,
          properties: {
            category: { type: "string", enum: ["BOOKS", "GAMES", "TOOLS"] },
            price: { type: "object", additionalProperties: false, properties: { min: { type: "number" }, max: { type: "number" } } },
            tags: { type: "array", items: { type: "string" } },
          },
        },
      },
    });
    expect(byName("products").inputSchema.required).toBeUndefined();
    // @oneOf: exactly one of its fields.
    expect(byName("product").inputSchema).toMatchObject({
      required: ["key"],
      properties: { key: { type: "object", additionalProperties: false, minProperties: 1, maxProperties: 1, properties: { id: { type: "string" }, sku: { type: "string" } } } },
    });
    expect(byName("add_product").inputSchema).toMatchObject({
      required: ["input"],
      properties: { input: { required: ["category", "name", "price", "sku"], properties: { tags: { type: "array", default: [] }, category: { enum: ["BOOKS", "GAMES", "TOOLS"] } } } },
    });
    // The DateTime scalar as gateway.yaml describes it.
    for (const name of ["sales_report", "get_sales_report"]) {
      expect(byName(name).inputSchema.properties, name).toMatchObject({ since: { type: "string", format: "date-time" } });
    }
    expect(byName("products").outputSchema).toMatchObject({ type: "object", properties: { products: {} } });
    expect(byName("add_product").outputSchema).toMatchObject({ type: "object", properties: { createProduct: {} } });
  });
});

// ─── tools/call: the 2025-11-25 era over HTTP ───────────────────────────────────────────────────────────────────

describe("tools/call", () => {
  test("a query with a nested input object, an enum and a list: one POST of the compiled document, data as the result", async () => {
    const args = { first: 5, filter: { category: "BOOKS", price: { min: 5, max: 20 }, tags: ["paperback"] } };
    const [result, requests] = await during(shopUp, () => call(client, "products", args));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shop", "products"), args, "/graphql");
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${SHOP_TOKEN}`);
    expectData(result, {
      products: {
        totalCount: 1,
        pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
        nodes: [{ ...DUNE, description: "Desert planet, spice and politics.", createdAt: "2024-01-10T09:00:00.000Z", stock: 12 }],
      },
    });
  });

  test("a mutation from the operation documents (nested input), then the product read back by its @oneOf key", async () => {
    const input = { sku: "TL-002", name: "Chisel", category: "TOOLS", price: 7.5, tags: ["steel", "small"] };
    const [created, posts] = await during(opsUp, () => call(client, "add_product", { input }));
    expect(posts).toHaveLength(1);
    expectPost(posts[0]!, await generated("shopops", "add_product"), { input }, "/api/graphql");
    // shopops has no upstream auth.
    expect(posts[0]!.headers.authorization).toBeUndefined();
    expect((posts[0]!.json as { query: string }).query).toContain("fragment ProductCard on Product");
    expectData(created, { createProduct: { id: "p7", ...input, createdAt: "2025-01-01T00:00:00.000Z" } });

    const [read, gets] = await during(opsUp, () => call(client, "get_product", { key: { sku: "TL-002" } }));
    expectPost(gets[0]!, await generated("shopops", "get_product"), { key: { sku: "TL-002" } }, "/api/graphql");
    expectData(read, { product: { id: "p7", ...input, description: null, createdAt: "2025-01-01T00:00:00.000Z", reviews: [] } });
  });

  test("@oneOf product(key: {sku}) on the root-field app", async () => {
    const [result, requests] = await during(shopUp, () => call(client, "product", { key: { sku: "BK-001" } }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shop", "product"), { key: { sku: "BK-001" } }, "/graphql");
    expect(result.isError, textOf(result)).toBeFalsy();
    const product = (result.structuredContent as { product: Record<string, unknown> }).product;
    expect(product).toMatchObject({ ...DUNE, createdAt: "2024-01-10T09:00:00.000Z", stock: 12 });
    expect((product.reviews as { author: string }[]).map((r) => r.author)).toEqual(["ben", "ana"]);
  });

  test("partial success: data with errors is not isError; the error's message and path are named", async () => {
    for (const [app, name] of [["shop", "product"], ["shopops", "get_product_stock"]] as const) {
      const upstream = app === "shop" ? shopUp : opsUp;
      const [result, requests] = await during(upstream, () => call(client, name, { key: { sku: "X-900" } }));
      expect(requests).toHaveLength(1);
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ product: { sku: "X-900", stock: null } });
      const content = result.content as { type: string; text: string }[];
      expect(content).toHaveLength(2);
      expect(JSON.parse(content[0]!.text)).toEqual(result.structuredContent);
      expect(content[1]!.text).toContain('"warehouse has no record of sku X-900" at product.stock');
    }
  });

  test("errors only: isError, the message and path named", async () => {
    for (const name of ["sales_report", "get_sales_report"]) {
      const result = await call(client, name, { since: "2024-01-01T00:00:00Z" });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      expect(textOf(result)).toContain('"reporting backend unavailable" at salesReport');
    }
  });

  test("HTTP 500: isError with the status and the trimmed body; a 503 with GraphQL errors names them", async () => {
    shopUp.setMode({ kind: "fail", body: "  upstream\n    exploded  \n", times: 1 });
    const [failed, requests] = await during(shopUp, () => call(client, "products", { first: 1 }));
    expect(requests).toHaveLength(1);
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/\b500\b/);
    expect(textOf(failed)).toContain("upstream exploded");

    // A query is retried on a 503 (twice by default): the upstream fails all three.
    shopUp.setMode({ kind: "fail", status: 503, body: { errors: [{ message: "maintenance window", path: ["products"] }] }, times: 3 });
    const unavailable = await call(client, "products", { first: 1 });
    expect(unavailable.isError).toBe(true);
    expect(textOf(unavailable)).toMatch(/\b503\b.*\(after 3 attempts\)/);
    expect(textOf(unavailable)).toContain('"maintenance window" at products');
    // A 200 that is no GraphQL response (a proxy's page) is a failure too, not data.
    shopUp.setMode({ kind: "fail", status: 200, body: "<html><body>Service temporarily moved</body></html>", times: 1 });
    const proxied = await call(client, "products", { first: 1 });
    expect(proxied.isError).toBe(true);
    expect(textOf(proxied)).toMatch(/200.*not a GraphQL response.*Service temporarily moved/);
    // The mode was for one request each: the upstream answers again.
    expect((await call(client, "products", { first: 1 })).isError).toBeFalsy();
  });

  test("an upstream slower than limits.timeout_ms: isError naming the timeout, promptly", async () => {
    opsUp.setMode({ kind: "hang", ms: 10_000, times: 1 });
    const started = Date.now();
    const [result, requests] = await during(opsUp, () => call(client, "get_product", { key: { id: "p1" } }));
    const elapsed = Date.now() - started;
    expect(requests).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`timed out after ${TIMEOUT_MS} ms`));
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_500);
  });

  test("a response over limits.max_response_bytes: cut and said to be, as for an OpenAPI tool; an error body over it still an error", async () => {
    const nodes = Array.from({ length: 400 }, (_, i) => ({ ...DUNE, id: `p${i}`, sku: `BK-${i}` }));
    shopUp.setMode({ kind: "fail", status: 200, body: { data: { products: { totalCount: 400, nodes } } }, times: 1 });
    const cut = await call(client, "products", { first: 100 });
    expect(cut.isError, textOf(cut)).toBeFalsy();
    expect(Buffer.byteLength(textOf(cut))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(textOf(cut)).toMatch(/^\{"data":\{"products":\{"totalCount":400,"nodes":\[\{"id":"p0"/);
    expect(textOf(cut)).toMatch(/… \[truncated: [\d,]+ of [\d,]+ bytes cut\]$/);
    // No data could be read from a cut body: the declared outputSchema is met by an empty object, the text holds what came.
    expect(cut.structuredContent).toEqual({});

    // A 4xx, which no policy retries.
    shopUp.setMode({ kind: "fail", status: 400, body: "x".repeat(3 * MAX_RESPONSE_BYTES), times: 1 });
    const failed = await call(client, "product", { key: { id: "p1" } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/^upstream returned 400\b.*x…$/);
    expect(textOf(failed).length, "a quote of the body, not the body").toBeLessThan(4_000);
  });

  test("bad arguments are refused naming the argument, and nothing reaches any upstream", async () => {
    const before = counts();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["products", { filter: { category: "EBOOKS" } }, /filter\.category.*"BOOKS", "GAMES", "TOOLS".*EBOOKS/],
      ["products", { filter: { price: { min: "cheap" } } }, /filter\.price\.min.*number/],
      ["products", { filter: { tags: "scifi" } }, /filter\.tags.*array/],
      ["products", { first: "ten" }, /"first".*integer/],
      ["products", { colour: "red" }, /unknown argument "colour"/],
      ["sales_report", {}, /missing required argument "since"/],
      ["sales_report", { since: "last tuesday" }, /"since".*date-time/],
      ["add_product", { input: { sku: "TL-009", name: "Saw", price: 3 } }, /missing required argument "input\.category"/],
      ["product", { key: { id: "p1", sku: "BK-001" } }, /"key".*1/],
      ["product", { key: {} }, /"key".*1/],
      ["product", {}, /missing required argument "key"/],
    ];
    for (const [name, args, message] of cases) {
      expect(await refusal(client, name, args), `${name} ${JSON.stringify(args)}`).toMatch(message);
    }
    expect(counts()).toEqual(before);
  });

  test("no query injection: query, operationName, variables or extra nested keys are refused; text in a variable stays a variable", async () => {
    const before = counts();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["products", { query: "{ __schema { types { name } } }" }, /unknown argument "query"/],
      ["products", { first: 1, operationName: "Evil" }, /unknown argument "operationName"/],
      ["products", { variables: { first: 50 } }, /unknown argument "variables"/],
      ["products", { filter: { category: "BOOKS", query: "{ salesReport }" } }, /unknown argument "filter\.query"/],
      ["add_product", { input: { sku: "Z-1", name: "z", category: "TOOLS", price: 1, __typename: "Product" } }, /unknown argument "input\.__typename"/],
      ["list_products", { first: 1, document: "mutation { deleteProduct(id: \"p1\") }" }, /unknown argument "document"/],
    ];
    for (const [name, args, message] of cases) {
      expect(await refusal(client, name, args), `${name} ${JSON.stringify(args)}`).toMatch(message);
    }
    expect(counts()).toEqual(before);

    // GraphQL text inside a string argument is a variable's value, nothing more.
    const text = '") { __typename } } mutation Evil { deleteProduct(id: "p1") } #';
    const [result, requests] = await during(shopUp, () => call(client, "search", { text, limit: 2 }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shop", "search"), { text, limit: 2 }, "/graphql");
    expectData(result, { search: [] });
    expectData(await call(client, "product", { key: { id: "p1" } }), expect.objectContaining({ product: expect.objectContaining({ sku: "BK-001" }) }));
  });
});

// ─── A mixed gateway over HTTP: ?apps= and dynamic mode ─────────────────────────────────────────────────────────

describe("mixed gateway over HTTP", () => {
  test("?apps=shop lists only shop's tools and refuses the others without reaching their upstreams", async () => {
    const scoped = await connect(`${server.url}?apps=shop`);
    expect((await scoped.listTools()).tools.map((t) => t.name).sort()).toEqual(SHOP_TOOLS);
    const before = counts();
    expect(await refusal(scoped, "get_pet_by_id", { petId: 1 })).toMatch(/"get_pet_by_id" belongs to app "pets"/);
    expect(await refusal(scoped, "list_products", { first: 1 })).toMatch(/"list_products" belongs to app "shopops"/);
    expect(counts()).toEqual(before);
    const [result, requests] = await during(shopUp, () => call(scoped, "products", { first: 1, sort: "PRICE" }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shop", "products"), { first: 1, sort: "PRICE" }, "/graphql");
    expect(result.structuredContent).toMatchObject({ products: { totalCount: 6, nodes: [{ sku: "X-900" }] } });
  });

  test("?apps=pets lists only the OpenAPI tools; a GraphQL tool is refused, a pets call reaches its upstream", async () => {
    const scoped = await connect(`${server.url}?apps=pets`);
    expect((await scoped.listTools()).tools.map((t) => t.name).sort()).toEqual(petTools);
    const before = counts();
    expect(await refusal(scoped, "products", { first: 1 })).toMatch(/"products" belongs to app "shop"/);
    expect(counts()).toEqual(before);
    const result = await call(scoped, "get_pet_by_id", { petId: 7 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(petsUp.requests).toHaveLength(before[2]! + 1);
    expect(petsUp.last()).toMatchObject({ method: "GET" });
    expect(new URL(petsUp.last().url, petsUp.url).pathname).toMatch(/\/pet\/7$/);
    expect(petsUp.last().headers.authorization).toBeUndefined();
  });

  test("dynamic mode, 2025-11-25: search finds a GraphQL tool by its description; enable, then call-tool reaches the upstream", async () => {
    const dynamic = await connect(`${server.url}?mode=dynamic`);
    expect((await dynamic.listTools()).tools.map((t) => t.name)).not.toContain("products");
    const found = parseSearchText(textOf(await call(dynamic, "search-tools", { query: "products matching a filter, a page at a time", limit: 5 })));
    expect(found.slice(0, 3).map((f) => f.name)).toContain("products");
    expect((await call(dynamic, "enable-tools", { tools: ["products"] })).isError).toBeFalsy();
    const args = { first: 2, filter: { category: "GAMES", tags: ["family"] } };
    const [result, requests] = await during(shopUp, () => call(dynamic, "call-tool", { name: "products", arguments: args }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shop", "products"), args, "/graphql");
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(JSON.parse(textOf(result).split("\n")[0]!)).toMatchObject({ products: { totalCount: 3 } });
  });

  test("dynamic mode, 2026-07-28: search-tools then call-tool, no enable step", async () => {
    const dynamic = await connectModern(`${server.url}?mode=dynamic`);
    const found = await call(dynamic, "search-tools", { query: "sales figures since a date", limit: 3 });
    const text = textOf(found);
    const matches = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { name: string; app: string }[];
    expect(matches.map((m) => m.name)).toEqual(expect.arrayContaining(["sales_report", "get_sales_report"]));
    const [result, requests] = await during(opsUp, () => call(dynamic, "call-tool", { name: "get_sales_report", arguments: { since: "2024-01-01T00:00:00Z" } }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shopops", "get_sales_report"), { since: "2024-01-01T00:00:00Z" }, "/api/graphql");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('"reporting backend unavailable" at salesReport');
  });
});

// ─── Protocol eras and transports ───────────────────────────────────────────────────────────────────────────────

describe("protocol eras and transports", () => {
  test("2025-11-25 over HTTP with a session: the v2 Client and the v1 Client", async () => {
    expect(client.sessionId()).toEqual(expect.any(String));
    const v1 = await connect(server.url, "v1");
    expect(v1.sessionId()).toEqual(expect.any(String));
    const [result, requests] = await during(opsUp, () => call(v1, "list_products", { first: 1, sort: "NAME" }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shopops", "list_products"), { first: 1, sort: "NAME" }, "/api/graphql");
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ products: { edges: [{ node: { sku: "GM-001", name: "Catan" } }] } });
  });

  test("2026-07-28 over HTTP, stateless: the pinned v2 Client", async () => {
    const modern = await connectModern(server.url);
    expect(modern.getProtocolEra()).toBe("modern");
    expect(modern.getNegotiatedProtocolVersion()).toBe(MODERN);
    expect((modern.transport as StreamableHTTPClientTransport).sessionId).toBeUndefined();
    const args = { first: 3, filter: { price: { max: 11 } }, sort: "PRICE" };
    const [result, requests] = await during(shopUp, () => call(modern, "products", args));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shop", "products"), args, "/graphql");
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${SHOP_TOKEN}`);
    expect(result.isError, textOf(result)).toBeFalsy();
    const nodes = (result.structuredContent as { products: { nodes: { sku: string }[] } }).products.nodes;
    expect(nodes.map((n) => n.sku)).toEqual(["X-900", "BK-001", "GM-002"]);
    // `stock` of X-900 failed: partial success in this era too.
    expect(textOf(result)).toContain('"warehouse has no record of sku X-900" at products.nodes.0.stock');
  });

  test("stdio", async () => {
    const stdio = await SDK_CLIENTS.v2.stdio(project.server, env);
    opened.push(stdio);
    const [result, requests] = await during(opsUp, () => call(stdio, "get_product", { key: { id: "p3" } }));
    expect(requests).toHaveLength(1);
    expectPost(requests[0]!, await generated("shopops", "get_product"), { key: { id: "p3" } }, "/api/graphql");
    expect(result.structuredContent).toMatchObject({ product: { sku: "GM-001", name: "Catan", reviews: [{ author: "cleo" }] } });
  });
});

// ─── The endpoint URL ───────────────────────────────────────────────────────────────────────────────────────────

describe("the endpoint URL", () => {
  test("is POSTed to as given: a trailing slash and a query string are kept", async () => {
    // A server mounted at /graphql/ (Django's graphene, many framework routes) and one that needs a query parameter.
    const [slashed, tenant] = await Promise.all([startGraphqlUpstream({ path: "/graphql/" }), startGraphqlUpstream()]);
    opened.push(slashed, tenant);
    const stdio = await SDK_CLIENTS.v2.stdio(project.server, { ...env, GATEWAY_SHOP_ENDPOINT: slashed.url, GATEWAY_SHOPOPS_ENDPOINT: `${tenant.url}?tenant=t1` });
    opened.push(stdio);
    const [bySlash, slashRequests] = await during(slashed, () => call(stdio, "product", { key: { id: "p1" } }));
    const [byTenant, tenantRequests] = await during(tenant, () => call(stdio, "get_product", { key: { id: "p1" } }));
    expect.soft(slashRequests.map((r) => r.path), "endpoint with a trailing slash").toEqual(["/graphql/"]);
    expect.soft(bySlash.isError, textOf(bySlash)).toBeFalsy();
    expect.soft(tenantRequests.map((r) => r.path), "endpoint with a query string").toEqual(["/graphql?tenant=t1"]);
    expect.soft(byTenant.isError, textOf(byTenant)).toBeFalsy();
  });
});

// ─── Upstream auth and what was sent, over everything above ─────────────────────────────────────────────────────

describe("upstream auth and the wire, over every request", () => {
  test("an upstream echoing the token in an error or a partial answer: the token is redacted", async () => {
    shopUp.setMode({ kind: "fail", status: 401, body: `token ${SHOP_TOKEN} is not valid here`, times: 1 });
    const unauthorized = await call(client, "products", { first: 1 });
    expect(unauthorized.isError).toBe(true);
    expect(textOf(unauthorized)).toMatch(/\b401\b/);
    shopUp.setMode({ kind: "fail", status: 200, body: { data: null, errors: [{ message: `bad token ${SHOP_TOKEN}`, path: ["product"] }] }, times: 1 });
    expect((await call(client, "product", { key: { id: "p1" } })).isError).toBe(true);
    shopUp.setMode({ kind: "fail", status: 200, body: { data: { product: null }, errors: [{ message: `token ${SHOP_TOKEN} expired`, path: ["product"] }] }, times: 1 });
    const partial = await call(client, "product", { key: { id: "p1" } });
    expect(partial.isError).toBeFalsy();
    expect(textOf(partial)).toContain("expired");
  });

  test("shop's requests carry the bearer token, shopops' none; the token appears in no result", () => {
    expect(shopUp.requests.length).toBeGreaterThan(0);
    for (const request of shopUp.requests) expect(request.headers.authorization).toBe(`Bearer ${SHOP_TOKEN}`);
    for (const request of opsUp.requests) expect(request.headers.authorization).toBeUndefined();
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(JSON.stringify(result)).not.toContain(SHOP_TOKEN);
  });

  test("every request either GraphQL upstream received holds a generated document, never text from arguments", async () => {
    for (const [app, upstream, names] of [["shop", shopUp, SHOP_TOOLS], ["shopops", opsUp, OPS_TOOLS]] as const) {
      const documents = new Map<string, string>();
      for (const name of names) {
        const tool = await generated(app, name);
        documents.set(tool.request.operationName, tool.request.document);
      }
      expect(upstream.requests.length).toBeGreaterThan(0);
      for (const request of upstream.requests) {
        const body = request.json as { query: string; operationName: string; variables: unknown };
        expect(Object.keys(body)).toEqual(["query", "variables", "operationName"]);
        expect(documents.get(body.operationName), `${app}: operation ${body.operationName}`).toBeDefined();
        expect(body.query === documents.get(body.operationName), `${app}: ${body.operationName} sent its generated document`).toBe(true);
      }
    }
  });
});
