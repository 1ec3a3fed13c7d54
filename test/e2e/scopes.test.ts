// Scopes per tool and per-caller app allowlists end to end, over the bundled server with static tokens configured
// with scopes and apps, in both MCP eras: a write tool with only mcp:read is absent from the caller's tools/list
// and search, and calling it is a 403 insufficient_scope step-up naming mcp:write (tools/call and call-tool); a
// read tool works; `?apps=` naming an app the token may not use is a 403 naming it; without `?apps=` a token sees
// its apps only; /mcp/sessions shows a token its own sessions only.
// @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject } from "../support/project.js";
import { startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const SHOP = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items/{id}": {
      get: { operationId: "getItem", summary: "Get an item", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } },
      delete: { operationId: "deleteItem", summary: "Delete an item", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } },
    },
    "/items": {
      post: { operationId: "createItem", summary: "Create an item", requestBody: { content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } } } } }, responses: { "200": { description: "ok" } } },
    },
  },
});
const CRM = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "CRM", version: "1.0.0" },
  paths: { "/contacts": { get: { operationId: "listContacts", summary: "List contacts", responses: { "200": { description: "ok" } } } } },
});

const READER = "scopes-reader-token-0123456789";
const WRITER = "scopes-writer-token-9876543210";
const SHOP_ONLY = "scopes-shop-only-token-55555";
const GATEWAY = `name: e2e-scopes
server:
  auth:
    bearer:
      tokens:
        - { token: "\${READER}", scopes: [mcp:read] }
        - { token: "\${WRITER}", scopes: [mcp:read, mcp:write] }
        - { token: "\${SHOP_ONLY}", apps: [shop] }
apps:
  shop:
    openapi: specs/shop.json
    tools:
      deleteItem: { scopes: [mcp:write, shop:admin] }
  crm:
    openapi: specs/crm.json
`;

const MODERN = "2026-07-28";
const ENVELOPE = { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "scopes-e2e", version: "1.0.0" } };
const INIT = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "scopes-e2e", version: "1" } } };
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

let upstream: Upstream;
let server: HttpServer;
const clients: Client[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
  const project = await buildProject({ "gateway.yaml": GATEWAY, "specs/shop.json": SHOP, "specs/crm.json": CRM });
  server = await startHttpServer(project.server, { READER, WRITER, SHOP_ONLY, GATEWAY_SHOP_BASE_URL: upstream.url, GATEWAY_CRM_BASE_URL: upstream.url });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await server?.close();
  await upstream?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function connect(token: string, era: "2025" | "2026", query = ""): Promise<Client> {
  const client = new Client({ name: "scopes-e2e", version: "1.0.0" }, era === "2026" ? { versionNegotiation: { mode: { pin: MODERN } } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url + query), { requestInit: { headers: bearer(token) } }));
  clients.push(client);
  return client;
}

async function names(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name).sort();
}

/** A 2025-era session opened by raw initialize: its id, for raw requests that need the HTTP status. */
async function session(token: string, query = ""): Promise<string> {
  const res = await fetch(server.url + query, { method: "POST", headers: { ...JSON_HEADERS, ...bearer(token) }, body: JSON.stringify(INIT) });
  expect(res.status).toBe(200);
  await res.text();
  const id = res.headers.get("mcp-session-id")!;
  const done = await fetch(server.url, { method: "POST", headers: { ...JSON_HEADERS, ...bearer(token), "mcp-session-id": id, "mcp-protocol-version": "2025-11-25" }, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
  await done.text();
  return id;
}

function toolsCall(name: string, args: Record<string, unknown>, modern = false) {
  return { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name, arguments: args, ...(modern ? { _meta: ENVELOPE } : {}) } };
}

async function post(body: object, headers: Record<string, string>, query = ""): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(server.url + query, { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const modernHeaders = (token: string, name: string) => ({ ...bearer(token), "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": name });

function expectStepUp(answer: { status: number; headers: Headers; text: string }, scopes: string): void {
  expect(answer.status).toBe(403);
  expect(answer.headers.get("www-authenticate")).toBe(`Bearer error="insufficient_scope", scope="${scopes}", resource_metadata="${server.origin}/.well-known/oauth-protected-resource/mcp"`);
  expect(JSON.parse(answer.text)).toMatchObject({ jsonrpc: "2.0", id: 7, error: { message: expect.stringContaining("insufficient_scope") } });
}

describe.each(["2025", "2026"] as const)("scopes per tool, %s era", (era) => {
  test("a mcp:read token lists the read tools only; a write token lists the write tools it holds every scope of", async () => {
    expect(await names(await connect(READER, era))).toEqual(["get_item", "list_contacts"]);
    expect(await names(await connect(WRITER, era))).toEqual(["create_item", "get_item", "list_contacts"]);
  });

  test("a read tool works with mcp:read", async () => {
    const reader = await connect(READER, era);
    const result = await reader.callTool({ name: "get_item", arguments: { id: "42" } });
    expect(result.isError).toBeFalsy();
    expect(upstream.requests.some((r) => r.url === "/items/42")).toBe(true);
  });

  test("a write tool with only mcp:read → 403 insufficient_scope naming mcp:write; nothing reaches the upstream", async () => {
    const before = upstream.requests.length;
    const answer =
      era === "2025"
        ? await post(toolsCall("create_item", { name: "x" }), { ...bearer(READER), "mcp-session-id": await session(READER), "mcp-protocol-version": "2025-11-25" })
        : await post(toolsCall("create_item", { name: "x" }, true), modernHeaders(READER, "create_item"));
    expectStepUp(answer, "mcp:write");
    expect(JSON.parse(answer.text).error.message).toContain('"create_item" needs the scope mcp:write');
    expect(upstream.requests.length).toBe(before);
  });

  test("the challenge lists every scope the call needs, held or not", async () => {
    const answer =
      era === "2025"
        ? await post(toolsCall("delete_item", { id: "1" }), { ...bearer(WRITER), "mcp-session-id": await session(WRITER), "mcp-protocol-version": "2025-11-25" })
        : await post(toolsCall("delete_item", { id: "1" }, true), modernHeaders(WRITER, "delete_item"));
    expectStepUp(answer, "mcp:write shop:admin");
  });

  test("dynamic mode: search leaves the write tool out; call-tool of it is a 403 step-up", async () => {
    const reader = await connect(READER, era, "?mode=dynamic");
    const found = textOf(await reader.callTool({ name: "search-tools", arguments: { query: "item" } }));
    expect(found).toContain("get_item");
    expect(found).not.toContain("create_item");
    const call = { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "call-tool", arguments: { name: "create_item", arguments: {} }, ...(era === "2026" ? { _meta: ENVELOPE } : {}) } };
    const answer =
      era === "2025"
        ? await post(call, { ...bearer(READER), "mcp-session-id": await session(READER, "?mode=dynamic"), "mcp-protocol-version": "2025-11-25" })
        : await post(call, modernHeaders(READER, "call-tool"), "?mode=dynamic");
    expectStepUp(answer, "mcp:write");
  });
});

describe("enable-tools (2025 era, dynamic)", () => {
  test("a tool the caller can never call is not enabled, and the answer says which scope it lacks", async () => {
    const reader = await connect(READER, "2025", "?mode=dynamic");
    const result = await reader.callTool({ name: "enable-tools", arguments: { tools: ["create_item", "get_item"] } });
    const text = textOf(result);
    expect(text).toContain("enabled: get_item");
    expect(text).toContain('tool "create_item" needs the scope mcp:write');
    expect(await names(reader)).not.toContain("create_item");
  });
});

describe.each(["2025", "2026"] as const)("app allowlists, %s era", (era) => {
  test("without ?apps= a shop-only token sees shop tools only", async () => {
    const shop = await connect(SHOP_ONLY, era);
    expect(await names(shop)).toEqual(["create_item", "delete_item", "get_item"]);
    // The instructions name the APIs this connection reaches: not one the token may not use.
    expect(shop.getInstructions()).toContain("shop");
    expect(shop.getInstructions()).not.toContain("crm");
  });

  test("?apps=shop is allowed; ?apps=crm or ?apps=crm,shop → 403 naming crm", async () => {
    expect(await names(await connect(SHOP_ONLY, era, "?apps=shop"))).toEqual(["create_item", "delete_item", "get_item"]);
    for (const query of ["?apps=crm", "?apps=crm,shop"]) {
      const answer =
        era === "2025"
          ? await post(INIT, bearer(SHOP_ONLY), query)
          : await post({ jsonrpc: "2.0", id: 7, method: "tools/list", params: { _meta: ENVELOPE } }, { ...bearer(SHOP_ONLY), "mcp-protocol-version": MODERN, "mcp-method": "tools/list" }, query);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text).error.message).toMatch(/may not use app "crm".*apps it may use: shop/);
      expect(answer.text).not.toContain("list_contacts");
    }
  });

  test("a tool of a forbidden app is unknown, not a step-up", async () => {
    const shop = await connect(SHOP_ONLY, era);
    const result = await shop.callTool({ name: "list_contacts", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/unknown tool "list_contacts"/);
  });

  test("an unrestricted token may ask for any app", async () => {
    expect(await names(await connect(WRITER, era, "?apps=crm"))).toEqual(["list_contacts"]);
  });
});

describe("/mcp/sessions", () => {
  test("lists the calling token's chats only", async () => {
    const res = await fetch(server.url + "?chat=reader-chat", { method: "POST", headers: { ...JSON_HEADERS, ...bearer(READER) }, body: JSON.stringify(INIT) });
    await res.text();
    const mine = await (await fetch(`${server.url}/sessions`, { headers: bearer(READER) })).json();
    expect(mine).toMatchObject({ "reader-chat": res.headers.get("mcp-session-id") });
    const theirs = await (await fetch(`${server.url}/sessions`, { headers: bearer(SHOP_ONLY) })).json();
    expect(theirs).not.toHaveProperty("reader-chat");
  });
});
