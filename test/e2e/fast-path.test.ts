// The HTTP fast path for tools/call (runtime/transport/fast-call.ts) answers exactly as the SDK's Server does:
// the same bundled server runs twice, with the fast path and with GATEWAY_FAST_PATH=off, against one recording
// upstream; every request goes to both over real HTTP and must get the same status, content type and JSON body,
// send the same upstream request, write the same audit line and move the same metrics. Requests the fast path
// does not take (batches, _meta, bad params, other methods) are compared too, to show they are still answered
// the same. Then the real SDK Clients (v2 and v1) call tools through it.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fastCallParams } from "../../runtime/transport/fast-call.js";
import { fastModernCall } from "../../runtime/modern/fast-call.js";
import { buildProject, type Project } from "../support/project.js";
import { startHttpServer, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const ITEM = { type: "object", properties: { id: { type: "string", description: "The item's id." }, name: { type: "string" } } };
const SHOP = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: ITEM } } } },
      },
    },
    "/items": {
      post: {
        operationId: "createItem",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, note: { type: "string" }, labels: { type: "object", additionalProperties: { type: "string" } } } } } },
        },
        responses: { "201": { description: "created", content: { "application/json": { schema: ITEM } } } },
      },
    },
  },
});

const TOKEN = "fast-path-token-0123456789abcdef";
const auditDir = mkdtempSync(join(tmpdir(), "gw-e2e-fast-audit-"));
const CONFIG = `name: e2e-fast
version: 1.0.0
server:
  auth: { bearer: { tokens: ["\${TOKEN}"] } }
audit: { dir: ${JSON.stringify(auditDir)}, include_values: true }
dialects:
  openai-strict:
apps:
  shop:
    openapi: specs/shop.json
    output_schema: full
`;

let project: Project;
let upstream: Upstream;
let fast: HttpServer;
let slow: HttpServer;
const clients: { close(): Promise<unknown> }[] = [];
/** What GET /items/slow waits for. */
let release = () => {};
const held = new Promise<void>((resolve) => (release = resolve));

beforeAll(async () => {
  project = await buildProject({ "gateway.yaml": CONFIG, "specs/shop.json": SHOP });
  upstream = await startUpstream();
  upstream.route("GET", /^\/items\/missing$/, (_r, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"message":"no such item"}');
  });
  upstream.route("GET", /^\/items\/slow$/, async (_r, res) => {
    await held;
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"id":"slow"}');
  });
  upstream.route("GET", /^\/items\/[^/]+$/, (r, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: r.url.split("/").pop(), name: "pen" }));
  });
  const env = { TOKEN, GATEWAY_SHOP_BASE_URL: upstream.url };
  [fast, slow] = await Promise.all([startHttpServer(project.server, env), startHttpServer(project.server, { ...env, GATEWAY_FAST_PATH: "off" })]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await Promise.allSettled([fast?.close(), slow?.close()]);
  await upstream?.close();
});

const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${TOKEN}` };

/** A raw 2025-11-25 session on `server`: initialize + initialized, as any client sends them. */
async function openSession(server: HttpServer, query = ""): Promise<string> {
  const init = { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "fast-e2e", version: "1" } } };
  const res = await fetch(server.url + query, { method: "POST", headers: HEADERS, body: JSON.stringify(init) });
  expect(res.status).toBe(200);
  await res.text();
  const session = res.headers.get("mcp-session-id")!;
  const sent = await fetch(server.url, { method: "POST", headers: { ...HEADERS, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" }, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
  expect(sent.status).toBe(202);
  return session;
}

/** The audit line's fields that are the same for the same call on any server (not its time, request or session). */
function auditFields(line: Record<string, unknown>): Record<string, unknown> {
  const { time: _t, duration_ms: _d, request_id: _r, session, ...rest } = line;
  return { ...rest, session: typeof session === "string" };
}

function auditCount(): number {
  return readdirSync(auditDir).flatMap((n) => readFileSync(join(auditDir, n), "utf8").split("\n").filter(Boolean)).length;
}

async function auditAfter(count: number, expected: number): Promise<Record<string, unknown>[]> {
  for (let i = 0; ; i++) {
    const lines = readdirSync(auditDir).flatMap((n) => readFileSync(join(auditDir, n), "utf8").split("\n").filter(Boolean));
    if (lines.length >= count + expected || i > 50) return lines.slice(count).map((l) => auditFields(JSON.parse(l)));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The tool-call series of /metrics: `series -> value`. */
async function toolMetrics(server: HttpServer): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^(gateway_tool_calls_total\{[^}]*\}|gateway_tool_call_duration_seconds_count\{[^}]*\}|gateway_upstream_request_duration_seconds_count\{[^}]*\}) (\S+)$/.exec(line);
    if (match) out.set(match[1]!, Number(match[2]));
  }
  return out;
}

function delta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [series, value] of after) if (value !== (before.get(series) ?? 0)) out[series] = value - (before.get(series) ?? 0);
  return out;
}

/** Everything one POST does, as far as it is the same on any server. */
interface Effects {
  status: number;
  contentType: string | null;
  body: unknown;
  upstream: { method: string; url: string; body: string; authorization: unknown }[];
  audit: Record<string, unknown>[];
  metrics: Record<string, number>;
}

async function post(server: HttpServer, session: string, body: unknown, headers: Record<string, string> = {}, audited = 1): Promise<Effects> {
  return send(server, "", body, { "mcp-session-id": session, "mcp-protocol-version": "2025-11-25", ...headers }, audited);
}

async function send(server: HttpServer, query: string, body: unknown, headers: Record<string, string | undefined>, audited: number): Promise<Effects> {
  const [sent, lines, metrics] = [upstream.requests.length, auditCount(), await toolMetrics(server)];
  const all = Object.fromEntries(Object.entries({ ...HEADERS, ...headers }).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(server.url + query, { method: "POST", headers: all, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  const contentType = res.headers.get("content-type");
  const parsed = contentType === "application/json" ? (JSON.parse(text) as unknown) : text.replace(/^id: .*$/gm, "");
  return {
    status: res.status,
    contentType,
    body: parsed,
    upstream: upstream.requests.slice(sent).map((r) => ({ method: r.method, url: r.url, body: r.body, authorization: r.headers.authorization })),
    audit: await auditAfter(lines, audited),
    metrics: delta(metrics, await toolMetrics(server)),
  };
}

const call = (id: number | string, name: string, args?: unknown) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, ...(args !== undefined && { arguments: args }) } });

describe("2025-11-25 session: the fast path answers as the Server does", () => {
  const cases: [string, unknown, { audited?: number; unmetered?: boolean; query?: string; headers?: Record<string, string> }?][] = [
    ["success, with structuredContent (output_schema: full)", call(1, "get_item", { id: "7" })],
    ["a string id", call("req-2", "get_item", { id: "8" })],
    ["an upstream 404: isError", call(3, "get_item", { id: "missing" })],
    ["bad arguments: the argument validation error", call(4, "get_item", { id: 5 })],
    ["no arguments at all", call(5, "get_item")],
    ["an unknown tool", call(6, "no_such_tool", {}), { unmetered: true }],
    ["a dialect connection: strict-mode nulls are undone before the upstream call", call(7, "create_item", { name: "pen", note: null, labels: '{"a":"b"}' }), { query: "?dialect=openai-strict" }],
    // Not taken by the fast path: still the same answers.
    ["(Server) a progress token in _meta", { ...call(8, "get_item", { id: "9" }), params: { name: "get_item", arguments: { id: "9" }, _meta: { progressToken: "p" } } }],
    ["(Server) params the schema refuses", { jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: 5 } }, { audited: 0 }],
    ["(Server) arguments that are not an object", { jsonrpc: "2.0", id: 10, method: "tools/call", params: { name: "get_item", arguments: [1] } }, { audited: 0 }],
    ["(Server) a batch of one", [call(11, "get_item", { id: "10" })]],
    ["(Server) an extra param", { ...call(12, "get_item", { id: "11" }), params: { name: "get_item", arguments: { id: "11" }, extra: true } }],
    ["(Server) another method", { jsonrpc: "2.0", id: 13, method: "tools/list" }, { audited: 0 }],
    ["(Server) a float id", call(14.5, "get_item", { id: "12" }), { audited: 0 }],
  ];

  for (const [name, body, options = {}] of cases) {
    test(name, async () => {
      // The cases named "(Server)" are those the fast path leaves to the Server; every other one it takes.
      expect(fastCallParams(body as JSONRPCMessage) !== undefined).toBe(!name.startsWith("(Server)"));
      const query = options.query ?? "";
      const [fastSession, slowSession] = [await openSession(fast, query), await openSession(slow, query)];
      const audited = options.audited ?? 1;
      if (name.startsWith("(Server) a float id")) {
        // The SDK does not take it for a request and never answers it: neither may the fast path. Both POSTs hang.
        for (const [server, session] of [[fast, fastSession], [slow, slowSession]] as const) {
          const aborted = await fetch(server.url, { method: "POST", headers: { ...HEADERS, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" }, body: JSON.stringify(body), signal: AbortSignal.timeout(300) }).then(
            () => "answered",
            () => "no answer",
          );
          expect(aborted).toBe("no answer");
        }
        return;
      }
      const viaFast = await post(fast, fastSession, body, options.headers, audited);
      const viaServer = await post(slow, slowSession, body, options.headers, audited);
      expect(viaFast).toEqual(viaServer);
      expect(viaFast.audit).toHaveLength(audited);
      if (audited && !options.unmetered) expect(Object.keys(viaFast.metrics).length).toBeGreaterThan(0);
    });
  }

  test("the cases above really differ in what they return", async () => {
    const session = await openSession(fast);
    const ok = await post(fast, session, call(20, "get_item", { id: "7" }));
    expect(ok.body).toMatchObject({ id: 20, result: { structuredContent: { id: "7", name: "pen" } } });
    expect((ok.body as { result: { isError?: boolean } }).result.isError).toBeUndefined();
    expect(ok.upstream).toEqual([{ method: "GET", url: "/items/7", body: "", authorization: undefined }]);
    expect(ok.audit[0]).toMatchObject({ tool: "get_item", outcome: "ok", session: true });
    const missing = await post(fast, session, call(21, "get_item", { id: "missing" }));
    expect(missing.body).toMatchObject({ result: { isError: true } });
    expect(missing.audit[0]).toMatchObject({ outcome: "tool_error", upstream_status: 404 });
    const invalid = await post(fast, session, call(22, "get_item", { id: 5 }));
    expect(invalid.body).toMatchObject({ result: { isError: true } });
    expect(invalid.audit[0]).toMatchObject({ outcome: "invalid_arguments" });
    const strict = await openSession(fast, "?dialect=openai-strict");
    const created = await post(fast, strict, call(23, "create_item", { name: "pen", note: null, labels: '{"a":"b"}' }));
    expect(JSON.parse(created.upstream[0]!.body)).toEqual({ name: "pen", labels: { a: "b" } });
  });

  test("a request id still in flight is refused, and a cancelled fast call is never answered", async () => {
    const session = await openSession(fast);
    const headers = { ...HEADERS, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
    const first = fetch(fast.url, { method: "POST", headers, body: JSON.stringify(call(30, "get_item", { id: "slow" })), signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status,
      () => "no answer",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await fetch(fast.url, { method: "POST", headers, body: JSON.stringify(call(30, "get_item", { id: "1" })) });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ id: 30, error: { message: expect.stringMatching(/already in use/) } });
    const cancel = await fetch(fast.url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 30, reason: "user" } }) });
    expect(cancel.status).toBe(202);
    release();
    expect(await first).toBe("no answer");
  });
});

const ENVELOPE = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
const modernCall = (id: number | string, name: string, args?: unknown, meta: Record<string, unknown> = ENVELOPE) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, ...(args !== undefined && { arguments: args }), _meta: meta },
});
const modernHeaders = (name: string) => ({ "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": name });

describe("2026-07-28 stateless: the fast path answers as the SDK's entry does", () => {
  type Case = [string, unknown, { audited?: number; unmetered?: boolean; query?: string; headers?: Record<string, string | undefined> }?];
  const cases: Case[] = [
    ["success, with structuredContent (output_schema: full)", modernCall(1, "get_item", { id: "7" })],
    ["a string id, clientInfo and bare capabilities", modernCall("m-2", "get_item", { id: "8" }, { ...ENVELOPE, "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" }, "io.modelcontextprotocol/clientCapabilities": { roots: {} } })],
    ["every bare capability declaration", modernCall("m-2b", "get_item", { id: "8b" }, { ...ENVELOPE, "io.modelcontextprotocol/clientCapabilities": { roots: {}, sampling: {}, elicitation: {}, experimental: {} } })],
    ["clientInfo with a title", modernCall("m-2c", "get_item", { id: "8c" }, { ...ENVELOPE, "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1", title: "Raw" } })],
    ["an upstream 404: isError", modernCall(3, "get_item", { id: "missing" })],
    ["bad arguments: the argument validation error", modernCall(4, "get_item", { id: 5 })],
    ["no arguments at all", modernCall(5, "get_item")],
    ["an unknown tool", modernCall(6, "no_such_tool", {}), { unmetered: true, headers: modernHeaders("no_such_tool") }],
    ["a dialect URL: strict-mode nulls are undone before the upstream call", modernCall(7, "create_item", { name: "pen", note: null, labels: '{"a":"b"}' }), { query: "?dialect=openai-strict", headers: modernHeaders("create_item") }],
    // Not taken by the fast path: still the same answers.
    ["(Server) a progress token in _meta", modernCall(8, "get_item", { id: "9" }, { ...ENVELOPE, progressToken: "p" })],
    ["(Server) declared capabilities with members", modernCall(9, "get_item", { id: "10" }, { ...ENVELOPE, "io.modelcontextprotocol/clientCapabilities": { roots: { listChanged: true } } })],
    ["(Server) an Mcp-Name that is not the tool", modernCall(10, "get_item", { id: "11" }), { audited: 0, headers: modernHeaders("create_item") }],
    ["(Server) no Mcp-Name", modernCall(11, "get_item", { id: "12" }), { audited: 0, headers: { ...modernHeaders("get_item"), "mcp-name": undefined } }],
    ["(Server) an unsupported revision in the envelope", modernCall(12, "get_item", { id: "13" }, { ...ENVELOPE, "io.modelcontextprotocol/protocolVersion": "2099-01-01" }), { audited: 0 }],
    ["(Server) no clientCapabilities", modernCall(13, "get_item", { id: "14" }, { "io.modelcontextprotocol/protocolVersion": "2026-07-28" }), { audited: 0 }],
    ["(Server) an extra param", { ...modernCall(14, "get_item", { id: "15" }), params: { ...modernCall(14, "get_item", { id: "15" }).params, extra: 1 } }],
    ["(Server) params the schema refuses", { jsonrpc: "2.0", id: 15, method: "tools/call", params: { name: "get_item", arguments: [1], _meta: ENVELOPE } }, { audited: 0 }],
    ["a content type with a charset (the SDK's isJsonContentType takes it)", modernCall(16, "get_item", { id: "16" }), { headers: { ...modernHeaders("get_item"), "content-type": "application/json; charset=utf-8" } }],
    ["(Server) a float id", modernCall(17.5, "get_item", { id: "17" }), { audited: 0 }],
    ["(Server) tools/list", { jsonrpc: "2.0", id: 18, method: "tools/list", params: { _meta: ENVELOPE } }, { audited: 0, headers: { ...modernHeaders("x"), "mcp-method": "tools/list", "mcp-name": undefined } }],
  ];

  for (const [name, body, options = {}] of cases) {
    test(name, async () => {
      const headers = options.headers ?? modernHeaders((body as { params: { name: string } }).params.name);
      const req = { method: "POST", headers: Object.fromEntries(Object.entries({ ...HEADERS, ...headers }).map(([k, v]) => [k.toLowerCase(), v])) };
      // The cases named "(Server)" are those the fast path leaves to the SDK's entry; every other one it takes.
      expect(fastModernCall(req as never, body) !== undefined).toBe(!name.startsWith("(Server)"));
      const audited = options.audited ?? 1;
      const viaFast = await send(fast, options.query ?? "", body, headers, audited);
      const viaServer = await send(slow, options.query ?? "", body, headers, audited);
      expect(viaFast).toEqual(viaServer);
      expect(viaFast.audit).toHaveLength(audited);
      if (audited && !options.unmetered) expect(Object.keys(viaFast.metrics).length).toBeGreaterThan(0);
    });
  }

  test("the cases above really differ in what they return", async () => {
    const ok = await send(fast, "", modernCall(20, "get_item", { id: "7" }), modernHeaders("get_item"), 1);
    expect(ok.body).toMatchObject({ id: 20, result: { structuredContent: { id: "7", name: "pen" }, resultType: "complete", _meta: { "io.modelcontextprotocol/serverInfo": { name: "e2e-fast" } } } });
    expect(ok.audit[0]).toMatchObject({ tool: "get_item", outcome: "ok", session: false });
    const missing = await send(fast, "", modernCall(21, "get_item", { id: "missing" }), modernHeaders("get_item"), 1);
    expect(missing.body).toMatchObject({ result: { isError: true } });
    const created = await send(fast, "?dialect=openai-strict", modernCall(23, "create_item", { name: "pen", note: null, labels: '{"a":"b"}' }), modernHeaders("create_item"), 1);
    expect(JSON.parse(created.upstream[0]!.body)).toEqual({ name: "pen", labels: { a: "b" } });
  });
});

describe("the SDK Clients call tools through the fast path", () => {
  test("v2 Client pinned to 2026-07-28", async () => {
    const client = new Client({ name: "fast-e2e", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
    clients.push(client);
    // What the Client sends for each tools/call: the fast path must take every one of them.
    const taken: boolean[] = [];
    const watch = async (url: string | URL, init?: RequestInit) => {
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { method?: string }) : undefined;
      if (body?.method === "tools/call") taken.push(fastModernCall({ method: "POST", headers } as never, body) !== undefined);
      return fetch(url, init);
    };
    await client.connect(new StreamableHTTPClientTransport(new URL(fast.url), { fetch: watch, requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    const lines = auditCount();
    const ok = await client.callTool({ name: "get_item", arguments: { id: "50" } });
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toEqual({ id: "50", name: "pen" });
    const missing = await client.callTool({ name: "get_item", arguments: { id: "missing" } });
    expect(missing.isError).toBe(true);
    const all = await Promise.all([1, 2, 3, 4].map((i) => client.callTool({ name: "get_item", arguments: { id: `m${i}` } })));
    expect(all.map((r) => r.structuredContent)).toEqual([1, 2, 3, 4].map((i) => ({ id: `m${i}`, name: "pen" })));
    expect(await auditAfter(lines, 6)).toHaveLength(6);
    expect(taken).toEqual([true, true, true, true, true, true]);
  });

  test("v2 Client (@modelcontextprotocol/client), 2025-11-25 session", async () => {
    const client = new Client({ name: "fast-e2e", version: "1.0.0" });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(fast.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    const lines = auditCount();
    const ok = await client.callTool({ name: "get_item", arguments: { id: "40" } });
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toEqual({ id: "40", name: "pen" });
    const missing = await client.callTool({ name: "get_item", arguments: { id: "missing" } });
    expect(missing.isError).toBe(true);
    const both = await Promise.all([1, 2, 3, 4].map((i) => client.callTool({ name: "get_item", arguments: { id: `c${i}` } })));
    expect(both.map((r) => r.structuredContent)).toEqual([1, 2, 3, 4].map((i) => ({ id: `c${i}`, name: "pen" })));
    expect(await auditAfter(lines, 6)).toHaveLength(6);
  });

  test("v1 Client (@modelcontextprotocol/sdk)", async () => {
    const client = new ClientV1({ name: "fast-e2e-v1", version: "1.0.0" });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransportV1(new URL(fast.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    const ok = await client.callTool({ name: "get_item", arguments: { id: "41" } });
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toEqual({ id: "41", name: "pen" });
  });
});
