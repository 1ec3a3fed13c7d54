// Hostile protocol input over Streamable HTTP, both eras, against the bundled server in a child process: each
// case gets its HTTP status and JSON-RPC error code, never a hang, a crash or a stack trace, and the server
// still answers a normal tools/call afterwards. Batches: the 2025 session path still takes them (2025-03-26
// clients may send them; 2025-06-18 dropped them), the 2026-07-28 path takes one message per POST.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHttpServer, type HttpServer } from "../../support/server.js";
import { buildBundledServer } from "./bundled.js";
import { envFor, INITIALIZE, MCP_HEADERS, startUpstream, type Upstream } from "./fixtures.js";

const MODERN = "2026-07-28";
const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "hostile", version: "0" },
};

let bundled: Awaited<ReturnType<typeof buildBundledServer>>;
let upstream: Upstream;
let server: HttpServer;
let session: string;

beforeAll(async () => {
  bundled = await buildBundledServer();
  upstream = await startUpstream();
  // A slow item, so that requests are still in flight when the next ones arrive.
  upstream.route("GET", /\/slow$/, (_request, res) => void setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"), 300));
  server = await startHttpServer(bundled.entry, envFor(upstream) as Record<string, string>);
  session = await openSession();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  bundled?.remove();
});

async function openSession(): Promise<string> {
  const res = await fetch(server.url, { method: "POST", headers: MCP_HEADERS, body: JSON.stringify({ ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion: "2025-11-25" } }) });
  await res.text();
  const id = res.headers.get("mcp-session-id")!;
  await fetch(server.url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": id }, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
  return id;
}

let nextId = 1000;
const call = (id: string | number, args: Record<string, unknown> = { id: "7" }, name = "get_item") => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
const modernCall = (id: string | number, args: Record<string, unknown> = { id: "7" }, name = "get_item") => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args, _meta: ENVELOPE } });
const sessionHeaders = () => ({ ...MCP_HEADERS, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" });
const modernHeaders = (name = "get_item") => ({ ...MCP_HEADERS, "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": name });

interface Answer {
  status: number;
  text: string;
  /** The JSON-RPC messages of the body (JSON, a JSON array, or SSE events). */
  messages: { id?: unknown; result?: { isError?: boolean; content?: { text: string }[] }; error?: { code: number; message: string } }[];
}

async function post(body: string | object, headers: Record<string, string | undefined>): Promise<Answer> {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) all[name] = value;
  const res = await fetch(server.url, { method: "POST", headers: all, body: typeof body === "string" ? body : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, text, messages: parse(text) };
}

function parse(text: string): Answer["messages"] {
  if (text === "") return [];
  if (text.startsWith("event:") || text.startsWith("data:")) return text.split("\n").filter((l) => l.startsWith("data: ")).map((l) => JSON.parse(l.slice(6)));
  const value = JSON.parse(text);
  return Array.isArray(value) ? value : [value];
}

/** A normal call still works on both eras, and the process is alive and has printed no stack. */
async function expectHealthy(): Promise<void> {
  const legacy = await post(call(nextId++), sessionHeaders());
  expect(legacy.status).toBe(200);
  expect(legacy.messages[0]?.result?.isError).toBeFalsy();
  const modern = await post(modernCall(nextId++), modernHeaders());
  expect(modern.status).toBe(200);
  expect(modern.messages[0]?.result?.isError).toBeFalsy();
  expect(server.process.exitCode).toBeNull();
}

const STACK = /\n\s+at .+\(|\bat .+\.(m?js|ts):\d+/;
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

type Case = [name: string, status: number, code: number | undefined, body: string | object, headers: () => Record<string, string | undefined>];

const cases: Case[] = [
  // Bodies that are not JSON-RPC.
  ["2025 session: invalid JSON", 400, -32700, "{\"jsonrpc\":", sessionHeaders],
  ["2026: invalid JSON", 400, -32700, "{\"jsonrpc\":", modernHeaders],
  ["no session: invalid JSON", 400, -32700, "not json at all", () => MCP_HEADERS],
  ["2025 session: a JSON string", 400, -32600, '"hello"', sessionHeaders],
  ["2025 session: null", 400, -32600, "null", sessionHeaders],
  ["2025 session: an empty batch", 400, -32600, "[]", sessionHeaders],
  ["2025 session: a batch with a non-message", 400, -32600, [call(1), 42], sessionHeaders],
  ["2026: a batch", 400, -32600, [modernCall(1), modernCall(2)], modernHeaders],
  ["2026: a JSON string", 400, -32600, '"hello"', modernHeaders],
  ["2025 session: jsonrpc 1.0", 400, -32600, { jsonrpc: "1.0", id: 1, method: "tools/list" }, sessionHeaders],
  // Methods.
  ["2025 session: unknown method", 200, -32601, { jsonrpc: "2.0", id: 5, method: "tools/explode", params: {} }, sessionHeaders],
  ["2026: unknown method", 404, -32601, { jsonrpc: "2.0", id: 5, method: "tools/explode", params: { _meta: ENVELOPE } }, () => ({ ...modernHeaders(), "mcp-method": "tools/explode", "mcp-name": undefined })],
  ["2025 session: a response sent as a request", 202, undefined, { jsonrpc: "2.0", id: 77, result: { tools: [] } }, sessionHeaders],
  ["2025 session: an error response sent as a request", 202, undefined, { jsonrpc: "2.0", id: 78, error: { code: 1, message: "x" } }, sessionHeaders],
  ["no session: a response sent as a request", 400, -32000, { jsonrpc: "2.0", id: 77, result: {} }, () => MCP_HEADERS],
  ["no session: tools/call without initialize", 400, -32000, call(1), () => MCP_HEADERS],
  // Sizes and depth.
  ["2025 session: body over max_body_bytes", 413, -32600, { ...call(1), pad: "x".repeat(1_100_000) }, sessionHeaders],
  ["2026: body over max_body_bytes", 413, -32600, { ...modernCall(1), pad: "x".repeat(1_100_000) }, modernHeaders],
  ["2025 session: arguments nested 100,000 deep", 400, -32600, `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","x":${deep(100_000)}}}}`, sessionHeaders],
  ["2025 session: arguments nested 200 deep (under the limit)", 200, undefined, `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","x":${deep(200)}}}}`, sessionHeaders],
  ["2026: arguments nested 200 deep (under the limit)", 200, undefined, `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_item","_meta":${JSON.stringify(ENVELOPE)},"arguments":{"id":"1","x":${deep(200)}}}}`, modernHeaders],
  ["2026: arguments nested 100,000 deep", 400, -32600, `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_item","_meta":${JSON.stringify(ENVELOPE)},"arguments":{"id":"1","x":${deep(100_000)}}}}`, modernHeaders],
  ["2025 session: params nested 100,000 deep", 400, -32600, `{"jsonrpc":"2.0","id":9,"method":"tools/list","params":{"x":${deep(100_000)}}}`, sessionHeaders],
  ["2025 session: 100,000 brackets inside a string (not nesting)", 200, undefined, call(9, { id: "[".repeat(100_000) }), sessionHeaders],
  // Headers.
  ["2025 session: text/plain body", 415, -32000, JSON.stringify(call(1)), () => ({ ...sessionHeaders(), "content-type": "text/plain" })],
  ["2026: no content type", 415, -32000, JSON.stringify(modernCall(1)), () => ({ ...modernHeaders(), "content-type": undefined })],
  ["2025 session: Accept without text/event-stream", 406, -32000, call(1), () => ({ ...sessionHeaders(), accept: "application/json" })],
  ["2025 session: no Accept", 406, -32000, call(1), () => ({ ...sessionHeaders(), accept: undefined })],
  ["2026: Accept text/html", 406, -32000, modernCall(1), () => ({ ...modernHeaders(), accept: "text/html" })],
  ["2025 session: unknown MCP-Protocol-Version", 400, -32000, call(1), () => ({ ...sessionHeaders(), "mcp-protocol-version": "1999-01-01" })],
  // Session ids.
  ["garbage session id", 404, -32001, call(1), () => ({ ...sessionHeaders(), "mcp-session-id": "../../etc/passwd' OR 1=1 --<script>" })],
  ["foreign session id (never issued)", 404, -32001, call(1), () => ({ ...sessionHeaders(), "mcp-session-id": "0b0e5a8e-3c1f-4a57-9a43-1c1f0e0a9b77" })],
  ["a session id of 4 KiB", 404, -32001, call(1), () => ({ ...sessionHeaders(), "mcp-session-id": "a".repeat(4096) })],
  // Prototype keys in arguments: refused by the input schema (additionalProperties: false), nothing polluted.
  ["2025 session: __proto__ in arguments", 200, undefined, '{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","__proto__":{"polluted":true}}}}', sessionHeaders],
  ["2025 session: constructor.prototype in arguments", 200, undefined, call(12, { id: "1", constructor: { prototype: { polluted: true } } }), sessionHeaders],
  ["2026: __proto__ in arguments", 200, undefined, `{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"create_item","_meta":${JSON.stringify(ENVELOPE)},"arguments":{"name":"x","__proto__":{"polluted":true}}}}`, () => modernHeaders("create_item")],
  ["2025 session: __proto__ as the tool name", 200, undefined, call(14, {}, "__proto__"), sessionHeaders],
  ["2025 session: __proto__ in params", 200, undefined, '{"jsonrpc":"2.0","id":15,"method":"tools/list","params":{"__proto__":{"polluted":true}}}', sessionHeaders],
];

describe("hostile input over HTTP", () => {
  test.each(cases)("%s → %i %s", async (_name, status, code, body, headers) => {
    const answer = await post(body, headers());
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    if (code !== undefined) expect(answer.messages[0]?.error?.code, answer.text.slice(0, 300)).toBe(code);
    expect(answer.text).not.toMatch(STACK);
    await expectHealthy();
  });

  test("prototype keys in arguments: dropped before the tool, never used, nothing polluted", async () => {
    const answer = await post('{"jsonrpc":"2.0","id":21,"method":"tools/call","params":{"name":"get_item","arguments":{"id":"1","__proto__":{"polluted":true}}}}', sessionHeaders());
    // JSON.parse keeps "__proto__" as an own key; the SDK's params schema copies arguments by assignment, which
    // drops it (it sets that one object's prototype), so the tool never sees it and it goes nowhere.
    expect(answer.messages[0]?.result?.isError).toBeFalsy();
    expect(upstream.last().url).toBe("/alpha/items/1");
    // An inherited value never stands in for a missing argument.
    const inherited = await post('{"jsonrpc":"2.0","id":22,"method":"tools/call","params":{"name":"get_item","arguments":{"__proto__":{"id":"evil"}}}}', sessionHeaders());
    expect(inherited.messages[0]?.result).toMatchObject({ isError: true, content: [{ text: expect.stringContaining('missing required argument "id"') }] });
    expect(upstream.requests.some((r) => /polluted|evil/.test(r.url + r.body))).toBe(false);
  });

  test("16 concurrent tools/call on one 2025 session with one id: the first is answered, the 15 others get -32600 at once", async () => {
    const before = upstream.requests.length;
    const answers = await Promise.all(Array.from({ length: 16 }, () => post(call(424242, { id: "slow" }), sessionHeaders())));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.messages[0]).toMatchObject({ id: 424242, result: { content: expect.any(Array) } });
    expect(refused).toHaveLength(15);
    for (const answer of refused) {
      expect(answer.status).toBe(400);
      expect(answer.messages[0]).toEqual({ jsonrpc: "2.0", id: 424242, error: { code: -32600, message: "Invalid Request: request id already in use" } });
    }
    expect(upstream.requests.length - before).toBe(1);
    // The id is free again once answered.
    expect((await post(call(424242), sessionHeaders())).status).toBe(200);
    await expectHealthy();
  });

  test("a batch that repeats one id is refused whole", async () => {
    const answer = await post([call(31), call(31)], sessionHeaders());
    expect(answer.status).toBe(400);
    expect(answer.messages[0]).toMatchObject({ id: 31, error: { code: -32600 } });
    await expectHealthy();
  });

  test("16 concurrent 2026 tools/call with one id: each stands alone and is answered", async () => {
    const answers = await Promise.all(Array.from({ length: 16 }, () => post(modernCall(424243, { id: "slow" }), modernHeaders())));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.messages[0]).toMatchObject({ id: 424243, result: { content: expect.any(Array) } });
    }
  });

  test("Object.prototype of the server is untouched and nothing reached the log as a stack", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(server.stderr()).not.toMatch(/polluted/);
    expect(server.process.exitCode).toBeNull();
  });
});
