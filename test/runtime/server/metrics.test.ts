// /metrics scraped from the bundled server in a child process after a few tools/call over HTTP in both protocol
// eras (ok, a 4xx tool error, a 5xx upstream error) against a loopback upstream: every series and its labels.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHttpServer, type HttpServer } from "../../support/server.js";
import { buildBundledServer } from "./bundled.js";
import { envFor, INITIALIZE, makeBundle, MCP_HEADERS, startGateway, startUpstream, type Upstream } from "./fixtures.js";

const MODERN = "2026-07-28";
const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "metrics", version: "0" },
};

let bundled: Awaited<ReturnType<typeof buildBundledServer>>;
let upstream: Upstream;
let server: HttpServer;
let session: string;

beforeAll(async () => {
  bundled = await buildBundledServer();
  upstream = await startUpstream();
  upstream.route("GET", /\/items\/missing$/, (_request, res) => void res.writeHead(404, { "content-type": "application/json" }).end('{"message":"no such item"}'));
  upstream.route("GET", /\/items\/broken$/, (_request, res) => void res.writeHead(500, { "content-type": "application/json" }).end('{"message":"boom"}'));
  server = await startHttpServer(bundled.entry, envFor(upstream) as Record<string, string>);
  const res = await fetch(server.url, { method: "POST", headers: MCP_HEADERS, body: JSON.stringify({ ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion: "2025-11-25" } }) });
  await res.text();
  session = res.headers.get("mcp-session-id")!;
  await fetch(server.url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": session }, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  bundled?.remove();
});

let nextId = 1;
async function callTool(era: "2025" | "2026", id: string): Promise<{ isError?: boolean }> {
  const params = { name: "get_item", arguments: { id }, ...(era === "2026" && { _meta: ENVELOPE }) };
  const headers = era === "2025"
    ? { ...MCP_HEADERS, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" }
    : { ...MCP_HEADERS, "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": "get_item" };
  const res = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method: "tools/call", params }) });
  const text = await res.text();
  const line = text.startsWith("{") ? text : text.split("\n").find((l) => l.startsWith("data: "))!.slice(6);
  return JSON.parse(line).result;
}

async function scrape(): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${server.origin}/metrics`);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The value of the one sample `name{labels}` (labels in prom-client's order), or undefined. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("/metrics after calls in both eras", () => {
  test("counts calls by app, tool and outcome, latency of gateway and upstream, and sessions", async () => {
    for (const era of ["2025", "2026"] as const) {
      expect((await callTool(era, "7")).isError).toBeFalsy();
      expect((await callTool(era, "missing")).isError).toBe(true);
      expect((await callTool(era, "broken")).isError).toBe(true);
    }
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const outcome of ["ok", "tool_error", "upstream_error"]) {
      expect(sample(text, "gateway_tool_calls_total", `app="alpha",tool="get_item",outcome="${outcome}"`), outcome).toBe(2);
    }
    expect(sample(text, "gateway_tool_call_duration_seconds_count", 'app="alpha"')).toBe(6);
    expect(sample(text, "gateway_tool_call_duration_seconds_bucket", 'le="+Inf",app="alpha"')).toBe(6);
    expect(sample(text, "gateway_upstream_request_duration_seconds_count", 'app="alpha"')).toBe(6);
    expect(sample(text, "gateway_upstream_request_duration_seconds_sum", 'app="alpha"')).toBeGreaterThan(0);
    expect(sample(text, "gateway_sessions_open")).toBe(1);
    expect(sample(text, "gateway_session_store_errors_total")).toBe(0);
    // Reported by the upstream code (retries, breaker) through `metrics`; declared with HELP and TYPE from the start.
    expect(text).toContain("# TYPE gateway_upstream_retries_total counter");
    expect(text).toContain("# TYPE gateway_circuit_breaker_state gauge");
    expect(sample(text, "gateway_circuit_breaker_state", 'app="alpha",state="closed"')).toBe(1);
    expect(sample(text, "gateway_circuit_breaker_state", 'app="alpha",state="open"')).toBe(0);
  });

  test("HEAD answers without a body; POST is refused", async () => {
    const head = await fetch(`${server.origin}/metrics`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await fetch(`${server.origin}/metrics`, { method: "POST" })).status).toBe(405);
  });
});

describe("/metrics and inbound auth", () => {
  test("asks for the same bearer token as the MCP endpoint when auth is configured", async () => {
    const gateway = await startGateway(makeBundle({ tokens: ["${GATEWAY_TOKEN}"] }), envFor(upstream, { GATEWAY_TOKEN: "metrics-test-token" }));
    try {
      const at = new URL("/metrics", gateway.url);
      expect((await fetch(at)).status).toBe(401);
      expect((await fetch(at, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      const res = await fetch(at, { headers: { authorization: "Bearer metrics-test-token" } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("# TYPE gateway_tool_calls_total counter");
    } finally {
      await gateway.close();
    }
  });

  test("GATEWAY_METRICS=off serves none; GATEWAY_METRICS_PATH moves it", async () => {
    const off = await startGateway(makeBundle(), envFor(upstream, { GATEWAY_METRICS: "off" }));
    const moved = await startGateway(makeBundle(), envFor(upstream, { GATEWAY_METRICS_PATH: "/internal/metrics" }));
    try {
      expect((await fetch(new URL("/metrics", off.url))).status).toBe(404);
      expect((await fetch(new URL("/metrics", moved.url))).status).toBe(404);
      expect((await fetch(new URL("/internal/metrics", moved.url))).status).toBe(200);
    } finally {
      await Promise.all([off.close(), moved.close()]);
    }
  });
});

describe("request ids", () => {
  test("a sane inbound x-request-id is echoed, anything else replaced by a UUID, on every route", async () => {
    const sane = await fetch(`${server.origin}/healthz`, { headers: { "x-request-id": "trace-42.abc" } });
    expect(sane.headers.get("x-request-id")).toBe("trace-42.abc");
    for (const bad of ["has space", "x".repeat(129), "quote\"d"]) {
      const res = await fetch(`${server.origin}/nowhere`, { headers: { "x-request-id": bad } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const a = (await fetch(`${server.origin}/healthz`)).headers.get("x-request-id");
    const b = (await fetch(`${server.origin}/healthz`)).headers.get("x-request-id");
    expect(a).not.toBe(b);
  });

  test("the log lines of a request are JSON and carry its id", async () => {
    const gateway = await startGateway(makeBundle({ maxSessions: 0 }), envFor(upstream));
    try {
      const res = await fetch(gateway.url, { method: "POST", headers: { ...MCP_HEADERS, "x-request-id": "req-full-1" }, body: JSON.stringify(INITIALIZE) });
      expect(res.status).toBe(503);
      const lines = gateway.stderr.join("").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
      expect(lines).toContainEqual(expect.objectContaining({ level: "warn", msg: "session cap reached", maxSessions: 0, request_id: "req-full-1" }));
      expect(lines.every((l) => typeof l.time === "string")).toBe(true);
    } finally {
      await gateway.close();
    }
  });
});
