// budgets.cut: depth end to end: a tool over its token budget is listed by the static tools/list with its deep
// object schemas as bare objects that name their fields, while calls are validated against the full schema and
// dynamic mode's enable-tools and search-tools return it whole. Real SDK Clients, over stdio and HTTP, against a bundled server.
import { afterAll, beforeAll, expect, test } from "vitest";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { buildProject, type Project } from "../support/project.js";
import { connectHttp, connectStdio, startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const address = {
  type: "object",
  required: ["city"],
  properties: { street: { type: "string", description: "Street and number." }, city: { type: "string", description: "City name." }, zip: { type: "string", pattern: "^[0-9]{5}$" } },
};
const SPEC = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/orders": {
      post: {
        operationId: "createOrder",
        summary: "Create an order",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["customer"],
                properties: {
                  customer: { type: "object", required: ["name"], properties: { name: { type: "string" }, billing: address, shipping: address } },
                  note: { type: "string", description: "Free text for the shop." },
                },
              },
            },
          },
        },
        responses: { "200": { description: "ok" } },
      },
    },
    "/ping": { get: { operationId: "ping", summary: "Check the shop is up", responses: { "200": { description: "ok" } } } },
  },
});

const CONFIG = `name: e2e-cut
budgets: { tool_tokens: 180, cut: depth }
apps:
  shop:
    openapi: specs/shop.json
`;

let project: Project;
let upstream: Upstream;
let server: HttpServer;
const clients: Client[] = [];

beforeAll(async () => {
  project = await buildProject({ "gateway.yaml": CONFIG, "specs/shop.json": SPEC });
  upstream = await startUpstream();
  server = await startHttpServer(project.server, { GATEWAY_SHOP_BASE_URL: upstream.url });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await server?.close();
  await upstream?.close();
});

async function open(connect: () => Promise<Client>): Promise<Client> {
  const client = await connect();
  clients.push(client);
  return client;
}

const customerOf = (schema: unknown) => (schema as { properties: { customer: Record<string, unknown> } }).properties.customer;

test("the build cut the tool to fit and says so", () => {
  const tool = project.result.values!.tools.find((t) => t.name === "create_order")!;
  expect(tool.listedInputSchema).toBeDefined();
  expect(project.result.values!.manifest.tools.find((t) => t.name === "create_order")!.tokens).toBeLessThanOrEqual(180);
  expect(project.result.diagnostics.filter((d) => d.code === "GW405").map((d) => d.message)).toEqual([
    expect.stringMatching(/^tool shop\/create_order: tools\/list shows its inputSchema with 2 levels of object fields, deeper ones named only \(\d+ → \d+ tokens, budget 180\)/),
  ]);
  expect(project.result.diagnostics.filter((d) => d.code === "GW403")).toEqual([]);
});

test("static tools/list (stdio) shows the cut schema; a call with deep arguments is validated against the full one", async () => {
  const client = await open(() => connectStdio(project.server, { GATEWAY_SHOP_BASE_URL: upstream.url }));
  const { tools } = await client.listTools();
  const listed = tools.find((t) => t.name === "create_order")!;
  // The deepest level went first: customer keeps its own fields, the addresses under it are named only.
  const bare = { type: "object", description: "(fields omitted to fit the token budget: city, street, zip; enable-tools or search-tools returns them in full)" };
  expect(customerOf(listed.inputSchema)).toEqual({ type: "object", required: ["name"], properties: { name: { type: "string" }, billing: bare, shipping: bare } });
  expect(tools.find((t) => t.name === "ping")!.inputSchema).toEqual({ type: "object", properties: {}, additionalProperties: false });

  const customer = { name: "Ada", billing: { street: "1 Main St", city: "Springfield", zip: "12345" } };
  const ok = await client.callTool({ name: "create_order", arguments: { customer, note: "ring twice" } });
  expect(ok.isError, textOf(ok)).toBeFalsy();
  expect(JSON.parse(upstream.last().body)).toEqual({ customer, note: "ring twice" });

  // A deep field the listed schema does not show is still checked: zip must be five digits, city is required.
  const before = upstream.requests.length;
  const bad = await client.callTool({ name: "create_order", arguments: { customer: { name: "Ada", billing: { zip: "1" } } } });
  expect(bad.isError).toBe(true);
  expect(textOf(bad)).toMatch(/city/);
  expect(textOf(bad)).toMatch(/zip/);
  expect(upstream.requests.length).toBe(before);
});

test("static tools/list over HTTP is the same; dynamic mode's enable-tools returns the full schema", async () => {
  const listed = (await (await open(() => connectHttp(server.url))).listTools()).tools.find((t) => t.name === "create_order")!;
  expect((customerOf(listed.inputSchema).properties as { billing: unknown }).billing).not.toHaveProperty("properties");

  const dynamic = await open(() => connectHttp(`${server.url}?mode=dynamic`));
  const enabled = textOf(await dynamic.callTool({ name: "enable-tools", arguments: { tools: ["create_order"] } }));
  const [full] = JSON.parse(enabled.split("\n").at(-1)!) as { inputSchema: unknown }[];
  expect(customerOf(full!.inputSchema)).toMatchObject({ properties: { billing: address, shipping: address } });
  expect(full!.inputSchema).toEqual(project.result.values!.tools.find((t) => t.name === "create_order")!.inputSchema);
});

test("a 2026-07-28 client's search-tools (stateless dynamic mode) returns the full schema", async () => {
  const client = new Client({ name: "cut-e2e", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}?mode=dynamic`)));
  clients.push(client);
  const text = textOf(await client.callTool({ name: "search-tools", arguments: { query: "create an order", limit: 1 } }));
  const [match] = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { name: string; inputSchema: unknown }[];
  expect(match!.name).toBe("create_order");
  expect(customerOf(match!.inputSchema)).toMatchObject({ properties: { billing: address, shipping: address } });
});
