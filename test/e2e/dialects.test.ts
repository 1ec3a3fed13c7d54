// Schema dialects end to end: a gateway built with `dialects:` serves each tool's schema in the dialect a
// connection asks for (?dialect= on HTTP in both protocol eras, --dialect / GATEWAY_DIALECT on stdio) or that its
// client's name matches, with the real SDK Client; a call with dialect-shaped arguments (OpenAI strict's nulls for
// "absent", maps as JSON text) reaches the recording upstream exactly as the portable call does.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject, type Project } from "../support/project.js";
import { startHttpServer, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const SHOP = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items": {
      post: {
        operationId: "createItem",
        summary: "Create an item",
        parameters: [{ name: "dry_run", in: "query", schema: { type: "boolean" } }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name"],
                properties: {
                  name: { type: "string" },
                  price: { type: "number" },
                  tags: { type: "array", items: { type: "string" } },
                  metadata: { type: "object", additionalProperties: { type: "string" }, description: "Free-form labels." },
                  shipping: { type: "object", required: ["city"], properties: { city: { type: "string" }, note: { type: "string" } } },
                },
              },
            },
          },
        },
        responses: { "201": { description: "created" } },
      },
    },
  },
});

const CONFIG = `name: e2e-dialects
version: 1.0.0
dialects:
  openai-strict:
  gemini:
    clients: ["gemini-cli*"]
apps:
  shop:
    openapi: specs/shop.json
`;

const MODERN = { versionNegotiation: { mode: { pin: "2026-07-28" } } } as const;
const TEST_CLIENT = { name: "dialects-e2e", version: "1.0.0" };

/** The portable call and what the upstream must receive for it, in every dialect. */
const PORTABLE_ARGS = { name: "pen", metadata: { color: "red" }, shipping: { city: "Oslo" } };
const EXPECTED = { method: "POST", url: "/items", body: { name: "pen", metadata: { color: "red" }, shipping: { city: "Oslo" } } };
/** The same call as a model in OpenAI strict mode makes it: every property sent, null for "absent", the map as JSON text. */
const STRICT_ARGS = { name: "pen", price: null, tags: null, dry_run: null, metadata: '{"color":"red"}', shipping: { city: "Oslo", note: null } };
/** And as a Gemini model makes it: the map as JSON text. */
const GEMINI_ARGS = { name: "pen", metadata: '{"color":"red"}', shipping: { city: "Oslo" } };

let project: Project;
let upstream: Upstream;
let server: HttpServer;
let env: Record<string, string>;
const clients: Client[] = [];

beforeAll(async () => {
  project = await buildProject({ "gateway.yaml": CONFIG, "specs/shop.json": SHOP });
  upstream = await startUpstream();
  env = { GATEWAY_SHOP_BASE_URL: upstream.url };
  server = await startHttpServer(project.server, env);
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await server?.close();
  await upstream?.close();
});

async function http(query: string, options: { modern?: boolean; name?: string } = {}): Promise<Client> {
  const client = new Client({ ...TEST_CLIENT, name: options.name ?? TEST_CLIENT.name }, options.modern ? MODERN : {});
  clients.push(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url + query)));
  return client;
}

async function stdio(args: string[], options: { modern?: boolean; name?: string; env?: Record<string, string> } = {}): Promise<Client> {
  const client = new Client({ ...TEST_CLIENT, name: options.name ?? TEST_CLIENT.name }, options.modern ? MODERN : {});
  clients.push(client);
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [project.server, "--stdio", ...args], env: { PATH: process.env.PATH ?? "", ...env, ...options.env }, stderr: "pipe" }));
  return client;
}

async function schemaOf(client: Client): Promise<Record<string, unknown>> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(["create_item"]);
  return tools[0]!.inputSchema as Record<string, unknown>;
}

/** Calls create_item and returns what the upstream received. */
async function upstreamRequestFor(client: Client, args: Record<string, unknown>) {
  const before = upstream.requests.length;
  const result = await client.callTool({ name: "create_item", arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(upstream.requests.length).toBe(before + 1);
  const { method, url, body } = upstream.last();
  return { method, url, body: JSON.parse(body) as unknown };
}

/** The dialect's marks on create_item's schema. */
function expectStrict(schema: Record<string, unknown>) {
  expect(schema.additionalProperties).toBe(false);
  expect([...(schema.required as string[])].sort()).toEqual(["dry_run", "metadata", "name", "price", "shipping", "tags"]);
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  expect(properties.price).toEqual({ type: ["number", "null"] });
  expect(properties.metadata).toEqual({ type: ["string", "null"], description: "Free-form labels. (A JSON object, as a string.)" });
  expect(properties.shipping!.type).toEqual(["object", "null"]);
  expect(properties.shipping!.required).toEqual(["city", "note"]);
}

function expectGemini(schema: Record<string, unknown>) {
  expect(schema).not.toHaveProperty("additionalProperties");
  expect(schema.required).toEqual(["name"]);
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  expect(properties.metadata).toEqual({ type: "string", description: "Free-form labels. (A JSON object, as a string.)" });
  expect(properties.shipping).toEqual({ type: "object", properties: { city: { type: "string" }, note: { type: "string" } }, required: ["city"] });
}

function expectPortable(schema: Record<string, unknown>) {
  expect(schema.required).toEqual(["name"]);
  expect((schema.properties as Record<string, unknown>).metadata).toEqual({ type: "object", additionalProperties: { type: "string" }, description: "Free-form labels." });
}

describe.each([
  ["2025-11-25", false],
  ["2026-07-28", true],
] as const)("HTTP, protocol %s", (_era, modern) => {
  test("no dialect: the portable schema, and the call that every dialect's call must match", async () => {
    const client = await http("", { modern });
    expectPortable(await schemaOf(client));
    expect(await upstreamRequestFor(client, PORTABLE_ARGS)).toEqual(EXPECTED);
  });

  test("?dialect=openai-strict: the strict schema; nulls for absent and JSON text for the map make the portable request", async () => {
    const client = await http("?dialect=openai-strict", { modern });
    expectStrict(await schemaOf(client));
    expect(await upstreamRequestFor(client, STRICT_ARGS)).toEqual(EXPECTED);
  });

  test("?dialect=gemini: the Gemini schema; the map as JSON text makes the portable request", async () => {
    const client = await http("?dialect=gemini", { modern });
    expectGemini(await schemaOf(client));
    expect(await upstreamRequestFor(client, GEMINI_ARGS)).toEqual(EXPECTED);
  });

  test("a client named gemini-cli… gets gemini without asking; ?dialect=portable overrides the match", async () => {
    expectGemini(await schemaOf(await http("", { modern, name: "gemini-cli-e2e" })));
    expectPortable(await schemaOf(await http("?dialect=portable", { modern, name: "gemini-cli-e2e" })));
  });

  test("strict mode's null is dropped only where the portable schema makes the property optional", async () => {
    const client = await http("?dialect=openai-strict", { modern });
    const result = await client.callTool({ name: "create_item", arguments: { ...STRICT_ARGS, name: null } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("name");
  });
});

describe("dynamic mode shows and calls tools in the dialect", () => {
  test("2025-11-25: enable-tools answers and tools/list show the strict schema; a strict call runs", async () => {
    const client = await http("?mode=dynamic&dialect=openai-strict");
    const enabled = await client.callTool({ name: "enable-tools", arguments: { tools: ["create_item"] } });
    const shown = JSON.parse((enabled.content as { text: string }[])[0]!.text.split("\n").at(-1)!) as { inputSchema: Record<string, unknown> }[];
    expectStrict(shown[0]!.inputSchema);
    const { tools } = await client.listTools();
    expectStrict(tools.find((t) => t.name === "create_item")!.inputSchema as Record<string, unknown>);
    expect(await upstreamRequestFor(client, STRICT_ARGS)).toEqual(EXPECTED);
  });

  test("2026-07-28: search-tools returns the strict schema; call-tool with strict arguments runs", async () => {
    const client = await http("?mode=dynamic&dialect=openai-strict", { modern: true });
    const found = await client.callTool({ name: "search-tools", arguments: { query: "create item" } });
    const text = (found.content as { text: string }[])[0]!.text;
    const shown = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { name: string; inputSchema: Record<string, unknown> }[];
    expectStrict(shown.find((t) => t.name === "create_item")!.inputSchema);
    const before = upstream.requests.length;
    const result = await client.callTool({ name: "call-tool", arguments: { name: "create_item", arguments: STRICT_ARGS } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(upstream.requests.length).toBe(before + 1);
    const { method, url, body } = upstream.last();
    expect({ method, url, body: JSON.parse(body) }).toEqual(EXPECTED);
  });
});

test("2025-11-25: a resumed chat keeps its dialect unless the URL or the client's name chooses one", async () => {
  const chat = `dialect-chat-${Date.now()}`;
  expectStrict(await schemaOf(await http(`?dialect=openai-strict&chat=${chat}`)));
  expectStrict(await schemaOf(await http(`?chat=${chat}`)));
  expectGemini(await schemaOf(await http(`?chat=${chat}`, { name: "gemini-cli-e2e" })));
  expectPortable(await schemaOf(await http(`?dialect=portable&chat=${chat}`)));
  expectPortable(await schemaOf(await http(`?chat=${chat}`)));
});

test("an unknown ?dialect= is a 400 naming the known dialects", async () => {
  const response = await fetch(`${server.url}?dialect=openai`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: TEST_CLIENT } }),
  });
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { message: string } };
  expect(body.error.message).toBe('?dialect: unknown dialect "openai"; known dialects: gemini, openai-strict, portable');
});

describe("stdio", () => {
  test("--dialect openai-strict (2025 era): strict schema, portable upstream request", async () => {
    const client = await stdio(["--dialect", "openai-strict"]);
    expectStrict(await schemaOf(client));
    expect(await upstreamRequestFor(client, STRICT_ARGS)).toEqual(EXPECTED);
  });

  test("GATEWAY_DIALECT=openai-strict (2026-07-28 era)", async () => {
    const client = await stdio([], { modern: true, env: { GATEWAY_DIALECT: "openai-strict" } });
    expectStrict(await schemaOf(client));
    expect(await upstreamRequestFor(client, STRICT_ARGS)).toEqual(EXPECTED);
  });

  test("by the client's name, in both eras", async () => {
    const legacy = await stdio([], { name: "gemini-cli" });
    expectGemini(await schemaOf(legacy));
    expect(await upstreamRequestFor(legacy, GEMINI_ARGS)).toEqual(EXPECTED);
    expectGemini(await schemaOf(await stdio([], { modern: true, name: "gemini-cli" })));
    expectPortable(await schemaOf(await stdio([], { name: "claude-code" })));
  });

  test("--dialect with an unknown name exits 2 naming the known ones", async () => {
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync(process.execPath, [project.server, "--stdio", "--dialect", "gemnii"], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--dialect: unknown dialect "gemnii"; known dialects: gemini, openai-strict, portable');
  });
});
