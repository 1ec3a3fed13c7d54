// Refused calls leave an audit line, end to end over the bundled server: the router's 403 insufficient_scope (a
// tools/call and a call-tool, both eras, with the session in the 2025 one), the router's 403 for `?apps=` naming an
// app the token may not use, the modes' isError scope refusal, a tool of an app the caller may not use, an unknown
// tool, a tool dynamic mode has not enabled, and a 429 (in a session and without one). Each line says `refused`
// with its reason, or `rate_limited`; none holds a token or a sensitive value; the outcomes are the README's.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OUTCOMES, REFUSAL_REASONS } from "../../runtime/audit/audit-log.js";
import { buildProject } from "../support/project.js";
import { startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const SHOP = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items/{id}": {
      get: { operationId: "getItem", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } },
      delete: { operationId: "deleteItem", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } },
    },
  },
});
const CRM = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "CRM", version: "1.0.0" },
  paths: { "/contacts": { get: { operationId: "listContacts", responses: { "200": { description: "ok" } } } } },
});

const READER = "refusals-reader-token-0123456789";
const SHOP_ONLY = "refusals-shop-only-token-987654";
const RATED = "refusals-rated-token-5555555555";
const PIN = "s3cr3t-pin-424242";

const MODERN = "2026-07-28";
const ENVELOPE = { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "refusals", version: "1" } };
const INIT = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "refusals", version: "1" } } };
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

const auditDir = mkdtempSync(join(tmpdir(), "gw-e2e-refusals-"));
let upstream: Upstream;
let server: HttpServer;
const clients: Client[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
  const project = await buildProject({
    "gateway.yaml": `name: e2e-refusals
server:
  rate_limit: { requests_per_minute: 1, burst: 200 }
  auth:
    bearer:
      tokens:
        - { token: "\${READER}", scopes: [mcp:read] }
        - { token: "\${SHOP_ONLY}", apps: [shop] }
        - "\${RATED}"
audit: { dir: ${JSON.stringify(auditDir)}, include_values: true }
redact: { fields: [pin] }
apps:
  shop: { openapi: specs/shop.json }
  crm: { openapi: specs/crm.json }
`,
    "specs/shop.json": SHOP,
    "specs/crm.json": CRM,
  });
  server = await startHttpServer(project.server, { READER, SHOP_ONLY, RATED, GATEWAY_SHOP_BASE_URL: upstream.url, GATEWAY_CRM_BASE_URL: upstream.url });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await server?.close();
  await upstream?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function connect(token: string, era: "2025" | "2026", query = ""): Promise<Client> {
  const client = new Client({ name: "refusals", version: "1.0.0" }, era === "2026" ? { versionNegotiation: { mode: { pin: MODERN } } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url + query), { requestInit: { headers: bearer(token) } }));
  clients.push(client);
  return client;
}

function post(body: object, headers: Record<string, string>, query = ""): Promise<Response> {
  return fetch(server.url + query, { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });
}

const modernCall = (name: string, args: object) => ({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name, arguments: args, _meta: ENVELOPE } });
const modernHeaders = (token: string, name: string) => ({ ...bearer(token), "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": name });

/** Every audit line so far. */
function lines(): Record<string, unknown>[] {
  return readdirSync(auditDir).flatMap((name) => readFileSync(join(auditDir, name), "utf8").split("\n").filter(Boolean)).map((line) => JSON.parse(line));
}

/** The lines matching `pattern`, once `count` of them are on disk (the log is written through a stream). */
async function linesLike(pattern: Record<string, unknown>, count = 1): Promise<Record<string, unknown>[]> {
  const matches = () => lines().filter((line) => Object.entries(pattern).every(([key, value]) => JSON.stringify(line[key]) === JSON.stringify(value)));
  for (let i = 0; i < 100 && matches().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return matches();
}

describe.each(["2025", "2026"] as const)("refused calls leave an audit line, %s era", (era) => {
  test("403 insufficient_scope from the router: refused, missing_scopes, the tool, its app and argument keys", async () => {
    const client = await connect(READER, era);
    await expect(client.callTool({ name: "delete_item", arguments: { id: `scope-${era}`, pin: PIN } })).rejects.toThrow();
    const [line] = await linesLike({ tool: "delete_item", args: { id: `scope-${era}`, pin: "[redacted]" } });
    expect(line).toMatchObject({ subject: `bearer:${line!.fingerprint}`, app: "shop", arg_keys: ["id", "pin"], outcome: "refused", reason: "missing_scopes", bytes_out: 0 });
    expect(line).not.toHaveProperty("upstream_status");
    if (era === "2025") expect(line!.session).toBe((client.transport as StreamableHTTPClientTransport).sessionId);
    else expect(line).not.toHaveProperty("session");
  });

  test("an unknown tool: refused, unknown_tool, no app", async () => {
    const client = await connect(READER, era);
    const result = await client.callTool({ name: `no_such_tool_${era}`, arguments: {} });
    expect(result.isError).toBe(true);
    const [line] = await linesLike({ tool: `no_such_tool_${era}` });
    expect(line).toMatchObject({ outcome: "refused", reason: "unknown_tool", arg_keys: [] });
    expect(line).not.toHaveProperty("app");
  });

  test("a tool of an app the caller may not use: unknown to the model, app_not_allowed in the audit log", async () => {
    const client = await connect(SHOP_ONLY, era);
    const result = await client.callTool({ name: "list_contacts", arguments: { era } });
    expect(textOf(result)).toMatch(/unknown tool "list_contacts"/);
    expect(await linesLike({ tool: "list_contacts", args: { era } })).toEqual([expect.objectContaining({ app: "crm", outcome: "refused", reason: "app_not_allowed" })]);
  });

  test("the modes' isError scope refusal (a tool outside the connection's ?apps=): refused, missing_scopes", async () => {
    const client = await connect(READER, era, "?apps=crm");
    const result = await client.callTool({ name: "delete_item", arguments: { id: `outside-${era}` } });
    expect(textOf(result)).toMatch(/needs the scope mcp:write/);
    expect(await linesLike({ tool: "delete_item", args: { id: `outside-${era}` } })).toEqual([expect.objectContaining({ app: "shop", outcome: "refused", reason: "missing_scopes" })]);
  });
});

describe("refusals the router and dynamic mode decide", () => {
  test("call-tool of a tool out of scope: the line names the tool it called, with that tool's arguments", async () => {
    const client = await connect(READER, "2025", "?mode=dynamic");
    await expect(client.callTool({ name: "call-tool", arguments: { name: "delete_item", arguments: { id: "via-call-tool" } } })).rejects.toThrow();
    expect(await linesLike({ tool: "delete_item", args: { id: "via-call-tool" } })).toEqual([expect.objectContaining({ outcome: "refused", reason: "missing_scopes" })]);
  });

  test("a tool dynamic mode has not enabled: refused, tool_not_enabled; enabled, the same call is ok", async () => {
    const client = await connect(READER, "2025", "?mode=dynamic");
    expect((await client.callTool({ name: "call-tool", arguments: { name: "get_item", arguments: { id: "not-enabled" } } })).isError).toBe(true);
    await client.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
    expect((await client.callTool({ name: "get_item", arguments: { id: "not-enabled" } })).isError).toBeFalsy();
    const [refused, ok] = await linesLike({ tool: "get_item", args: { id: "not-enabled" } }, 2);
    expect(refused).toMatchObject({ app: "shop", outcome: "refused", reason: "tool_not_enabled", session: (client.transport as StreamableHTTPClientTransport).sessionId });
    expect(ok).toMatchObject({ outcome: "ok", upstream_status: 200 });
  });

  test("?apps= naming an app the token may not use, on a 2026-07-28 tools/call: 403 and app_not_allowed", async () => {
    const res = await post(modernCall("list_contacts", { asked: "crm" }), modernHeaders(SHOP_ONLY, "list_contacts"), "?apps=crm");
    expect(res.status).toBe(403);
    expect(await linesLike({ tool: "list_contacts", args: { asked: "crm" } })).toEqual([expect.objectContaining({ app: "crm", outcome: "refused", reason: "app_not_allowed" })]);
  });

  test("429: rate_limited, in a session (named) and without one; initialize and lists leave no line", async () => {
    const init = await post(INIT, bearer(RATED));
    await init.text();
    const session = init.headers.get("mcp-session-id")!;
    const inSession = { ...bearer(RATED), "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
    await (await post({ jsonrpc: "2.0", method: "notifications/initialized" }, inSession)).text();
    const list = { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: ENVELOPE } };
    let status = 0;
    for (let i = 0; i < 300 && status !== 429; i++) {
      const res = await post(list, { ...bearer(RATED), "mcp-protocol-version": MODERN, "mcp-method": "tools/list" });
      status = res.status;
      await res.text();
    }
    expect(status).toBe(429);
    const call = { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_item", arguments: { id: "limited-1" } } };
    expect((await post(call, inSession)).status).toBe(429);
    expect((await post(modernCall("get_item", { id: "limited-2" }), modernHeaders(RATED, "get_item"))).status).toBe(429);
    const [first] = await linesLike({ args: { id: "limited-1" } });
    const [second] = await linesLike({ args: { id: "limited-2" } });
    expect(first).toMatchObject({ tool: "get_item", app: "shop", outcome: "rate_limited", session });
    expect(first).not.toHaveProperty("reason");
    expect(second).toMatchObject({ tool: "get_item", outcome: "rate_limited" });
    expect(second).not.toHaveProperty("session");
    expect(lines().filter((line) => line.subject === first!.subject)).toHaveLength(2);
  });

  test("no token or sensitive value in any line; every outcome and reason is one the README lists", async () => {
    const text = JSON.stringify(lines());
    for (const secret of [READER, SHOP_ONLY, RATED, PIN]) expect(text).not.toContain(secret);
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("**Audit log.**"), readme.indexOf("**What is never written**"));
    for (const word of [...OUTCOMES, ...REFUSAL_REASONS]) expect(section, word).toContain(`\`${word}\``);
    for (const line of lines()) {
      expect(OUTCOMES).toContain(line.outcome);
      if (line.reason !== undefined) expect(REFUSAL_REASONS).toContain(line.reason);
    }
  });
});
