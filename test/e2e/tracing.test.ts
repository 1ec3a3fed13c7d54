// OpenTelemetry tracing end to end, through the server bundle `gateway build` makes: a loopback OTLP/HTTP
// collector records the JSON exports and a loopback upstream records the headers it got. One tools/call over HTTP
// with an inbound `traceparent` yields the spans HTTP request → tools/call → upstream attempt, each the child of
// the one before and the first the child of the caller's span; the upstream sees a `traceparent` of the caller's
// trace whose parent is the upstream span. Retries are sibling attempt spans; `_meta.traceparent` (SEP-414)
// parents a call too. Without an OTLP endpoint nothing reaches the collector and no traceparent is invented.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCollector, type CollectedSpan, type Collector } from "../support/otlp-collector.js";
import { buildProject, type Project } from "../support/project.js";
import { startHttpServer, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const SPEC = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok" } },
      },
    },
  },
});

const MODERN = "2026-07-28";
const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "tracing", version: "0" },
};
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": "get_item" };
/** The caller's trace: its span id is the parent of the gateway's first span. */
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";
const SHOP_TOKEN = "shop-user-token-9f8e7d";
/** An argument value: no span may quote it. */
const SECRET_ID = "item-value-Qx71";

let project: Project;
let upstream: Upstream;
let collector: Collector;
let traced: HttpServer;
let plain: HttpServer;
let flaky = 0;

beforeAll(async () => {
  [upstream, collector] = await Promise.all([startUpstream(), startCollector()]);
  // The first request for "flaky" gets a 503, the next a 200: one retry.
  upstream.route("GET", /^\/items\/flaky$/, (_request, res) => {
    res.writeHead(flaky++ === 0 ? 503 : 200, { "content-type": "application/json" }).end("{}");
  });
  project = await buildProject({
    "gateway.yaml": `name: traced-shop
apps:
  shop:
    openapi: specs/shop.json
    auth: { type: forward, from: header, name: X-Shop-Token, header: Authorization, prefix: "Bearer " }
    retry: { base_ms: 1, max_ms: 5 }
  open:
    openapi: specs/open.json
`,
    "specs/shop.json": SPEC,
    "specs/open.json": SPEC.replace('"Shop"', '"Open"').replace("/items/{id}", "/open/{id}").replace("getItem", "openItem"),
  });
  const env = { GATEWAY_SHOP_BASE_URL: upstream.url, GATEWAY_OPEN_BASE_URL: upstream.url };
  [traced, plain] = await Promise.all([
    startHttpServer(project.server, { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: "20" }),
    startHttpServer(project.server, env),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([traced?.close(), plain?.close()]);
  await Promise.allSettled([upstream?.close(), collector?.close()]);
});

async function call(server: HttpServer, id: string, headers: Record<string, string> = {}, meta: Record<string, string> = {}): Promise<{ isError?: boolean }> {
  const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_item", arguments: { id }, _meta: { ...ENVELOPE, ...meta } } };
  const res = await fetch(server.url, { method: "POST", headers: { ...HEADERS, "x-shop-token": SHOP_TOKEN, ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text).result;
}

/** The spans of one trace, by name. */
function byName(spans: CollectedSpan[], traceId: string): Record<string, CollectedSpan[]> {
  const out: Record<string, CollectedSpan[]> = {};
  for (const span of spans.filter((s) => s.traceId === traceId)) (out[span.name] ??= []).push(span);
  return out;
}

/** The `traceparent` parts the upstream received on its `n`th-last request. */
function upstreamParent(n = 1): { traceId: string; parentId: string; flags: string } {
  const header = upstream.requests[upstream.requests.length - n]!.headers.traceparent;
  expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  const [, traceId, parentId, flags] = String(header).split("-");
  return { traceId: traceId!, parentId: parentId!, flags: flags! };
}

describe("tracing on (OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  test("a call with an inbound traceparent: HTTP request → tools/call → upstream attempt, and the upstream joins the trace", async () => {
    expect((await call(traced, SECRET_ID, { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`, tracestate: "vendor=opaque" })).isError).toBeFalsy();
    const sent = upstream.last();
    // The forwarded credential and the trace context both went out: per-call headers are merged, not replaced.
    expect(sent.headers.authorization).toBe(`Bearer ${SHOP_TOKEN}`);
    expect(sent.headers.tracestate).toBe("vendor=opaque");
    const spans = byName(await collector.waitForSpans(3), TRACE_ID);
    const [inbound] = spans["POST /mcp"]!;
    const [toolCall] = spans["tools/call get_item"]!;
    const [attempt] = spans["GET /items/{id}"]!;
    expect(inbound).toMatchObject({ parentSpanId: CALLER_SPAN, kind: 2, service: "traced-shop" });
    expect(inbound!.attributes).toMatchObject({ "http.request.method": "POST", "http.route": "/mcp", "http.response.status_code": 200 });
    expect(toolCall).toMatchObject({ parentSpanId: inbound!.spanId, kind: 1, status: 0 });
    expect(toolCall!.attributes).toEqual({
      "mcp.method.name": "tools/call",
      "gen_ai.tool.name": "get_item",
      "gen_ai.operation.name": "execute_tool",
      "gateway.app": "shop",
      "gateway.outcome": "ok",
      "http.response.status_code": 200,
    });
    expect(attempt).toMatchObject({ parentSpanId: toolCall!.spanId, kind: 3, status: 0 });
    expect(attempt!.attributes).toEqual({ "http.request.method": "GET", "url.template": "/items/{id}", "gateway.app": "shop", "http.response.status_code": 200 });
    expect(upstreamParent()).toEqual({ traceId: TRACE_ID, parentId: attempt!.spanId, flags: "01" });
    // Neither the argument value nor the forwarded credential is in any span.
    const exported = collector.posts.map((p) => p.body).join("\n");
    expect(exported).not.toContain(SECRET_ID);
    expect(exported).not.toContain(SHOP_TOKEN);
  });

  test("each retried attempt is a span of its own, with its own traceparent upstream", async () => {
    const before = collector.spans().length;
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    expect((await call(traced, "flaky", { traceparent: `00-${traceId}-b7ad6b7169203331-01` })).isError).toBeFalsy();
    const spans = byName(await collector.waitForSpans(before + 4), traceId);
    const attempts = spans["GET /items/{id}"]!.sort((a, b) => Number(a.attributes["http.request.resend_count"] ?? 0) - Number(b.attributes["http.request.resend_count"] ?? 0));
    const [toolCall] = spans["tools/call get_item"]!;
    expect(attempts.map((a) => [a.parentSpanId, a.attributes["http.response.status_code"], a.attributes["http.request.resend_count"], a.status])).toEqual([
      [toolCall!.spanId, 503, undefined, 2],
      [toolCall!.spanId, 200, 1, 0],
    ]);
    expect(attempts[0]!.attributes["error.type"]).toBe("503");
    expect(toolCall!.attributes["gateway.upstream.retries"]).toBe(1);
    expect([upstreamParent(2).parentId, upstreamParent(1).parentId]).toEqual(attempts.map((a) => a.spanId));
  });

  test("_meta.traceparent (SEP-414) parents the tools/call span; the HTTP span keeps the header's parent", async () => {
    const before = collector.spans().length;
    const metaTrace = "11111111111111111111111111111111";
    await call(traced, "7", {}, { traceparent: `00-${metaTrace}-2222222222222222-01` });
    const spans = await collector.waitForSpans(before + 3);
    const [toolCall] = byName(spans, metaTrace)["tools/call get_item"]!;
    expect(toolCall!.parentSpanId).toBe("2222222222222222");
    expect(byName(spans, metaTrace)["GET /items/{id}"]![0]!.parentSpanId).toBe(toolCall!.spanId);
    expect(upstreamParent().traceId).toBe(metaTrace);
  });

  test("an upstream error: the attempt and the call say what failed, as a type", async () => {
    const before = collector.spans().length;
    upstream.route("GET", /^\/items\/gone$/, (_request, res) => void res.writeHead(404, { "content-type": "application/json" }).end("{}"));
    const traceId = "33333333333333333333333333333333";
    expect((await call(traced, "gone", { traceparent: `00-${traceId}-4444444444444444-01` })).isError).toBe(true);
    const spans = byName(await collector.waitForSpans(before + 3), traceId);
    expect(spans["tools/call get_item"]![0]).toMatchObject({ status: 2, attributes: expect.objectContaining({ "gateway.outcome": "tool_error", "error.type": "tool_error", "http.response.status_code": 404 }) });
    expect(spans["GET /items/{id}"]![0]).toMatchObject({ status: 2, attributes: expect.objectContaining({ "error.type": "404" }) });
  });
});

test("other requests are spans named by their route when it is one the gateway serves, by their method otherwise", async () => {
  const before = collector.spans().length;
  const traceId = "77777777777777777777777777777777";
  const traceparent = `00-${traceId}-8888888888888888-01`;
  await (await fetch(`${traced.origin}/healthz`, { headers: { traceparent } })).text();
  await (await fetch(`${traced.origin}/secret-looking/path-42`, { method: "POST", headers: { traceparent } })).text();
  const spans = (await collector.waitForSpans(before + 2)).filter((s) => s.traceId === traceId);
  expect(spans.map((s) => [s.name, s.attributes["http.route"], s.attributes["http.response.status_code"]]).sort()).toEqual([
    ["GET /healthz", "/healthz", 200],
    ["POST", undefined, 404],
  ]);
  expect(JSON.stringify(spans)).not.toContain("path-42");
});

/** One request over stdio to a fresh server process: its answer, once the process has exited (spans flushed). */
async function stdioCall(env: Record<string, string>, message: object): Promise<unknown> {
  const child = spawn(process.execPath, [project.server, "--stdio"], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const answered = new Promise<void>((resolve) =>
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes("\n")) resolve();
    }),
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin.write(`${JSON.stringify(message)}\n`);
  await Promise.race([answered, exited]);
  child.stdin.end();
  expect(await exited, stderr).toBe(0);
  return JSON.parse(stdout.split("\n")[0]!);
}

test("over stdio, the tools/call span is where the request enters (a server span), parented by _meta.traceparent", async () => {
  const before = collector.spans().length;
  const traceId = "55555555555555555555555555555555";
  const message = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "open_item", arguments: { id: "1" }, _meta: { ...ENVELOPE, traceparent: `00-${traceId}-6666666666666666-01` } } };
  const answer = (await stdioCall({ GATEWAY_OPEN_BASE_URL: upstream.url, GATEWAY_SHOP_BASE_URL: upstream.url, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }, message)) as { result: { isError?: boolean } };
  expect(answer.result.isError).toBeFalsy();
  const spans = byName(await collector.waitForSpans(before + 2), traceId);
  const [toolCall] = spans["tools/call open_item"]!;
  expect(toolCall).toMatchObject({ parentSpanId: "6666666666666666", kind: 2 });
  expect(spans["GET /open/{id}"]![0]!.parentSpanId).toBe(toolCall!.spanId);
  expect(upstreamParent()).toMatchObject({ traceId, parentId: spans["GET /open/{id}"]![0]!.spanId });
});

describe("tracing off (no OTLP endpoint)", () => {
  test("nothing is exported and an inbound traceparent is not passed on nor invented", async () => {
    const posts = collector.posts.length;
    expect((await call(plain, "7", { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` })).isError).toBeFalsy();
    expect((await call(plain, "8")).isError).toBeFalsy();
    for (const n of [1, 2]) {
      const sent = upstream.requests[upstream.requests.length - n]!;
      expect(sent.headers.authorization).toBe(`Bearer ${SHOP_TOKEN}`);
      expect(sent.headers.traceparent).toBeUndefined();
      expect(sent.headers.tracestate).toBeUndefined();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(collector.posts.length).toBe(posts);
  });
});
