// Tracing costs nothing when off: a server started without an OTLP endpoint serves tools/call over HTTP (with an
// inbound traceparent) without a single OpenTelemetry SDK module in Node's module cache; started with
// one, the SDK and its exporter are there (so the check can see them). A bad endpoint stops the start.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { start } from "../../../runtime/main.js";
import { startCollector, type Collector } from "../../support/otlp-collector.js";
import { captureIo, envFor, makeBundle, MCP_HEADERS, startGateway, startUpstream, type Upstream } from "./fixtures.js";

const cache = createRequire(import.meta.url).cache;
/** The OpenTelemetry SDK modules in the cache; not the API, which prom-client (/metrics, on by default) loads for its exemplars. */
const loaded = () => Object.keys(cache).filter((path) => /[\\/]@opentelemetry[\\/](?!api[\\/])/.test(path));

const MODERN = "2026-07-28";
const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "lazy", version: "0" },
};

let upstream: Upstream;
let collector: Collector;

beforeAll(async () => {
  [upstream, collector] = await Promise.all([startUpstream(), startCollector()]);
});

afterAll(async () => {
  await Promise.all([upstream?.close(), collector?.close()]);
});

async function callOverHttp(url: string): Promise<void> {
  const headers = { ...MCP_HEADERS, "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": "get_item", traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" };
  const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_item", arguments: { id: "7" }, _meta: ENVELOPE } };
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  expect(JSON.parse(await res.text()).result.isError).toBeFalsy();
}

describe("tracing off", () => {
  test("an HTTP call loads no OpenTelemetry SDK module and sends no traceparent", async () => {
    const gateway = await startGateway(makeBundle(), envFor(upstream));
    try {
      await callOverHttp(gateway.url);
    } finally {
      await gateway.close();
    }
    expect(upstream.last().headers.traceparent).toBeUndefined();
    expect(loaded()).toEqual([]);
    expect(collector.posts).toEqual([]);
  });
});

describe("tracing on", () => {
  test("an unusable endpoint stops the start with one line naming the variables", async () => {
    const cap = captureIo();
    const started = await start(makeBundle(), ["--port", "0"], envFor(upstream, { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }), cap.io);
    expect(started).toEqual({ kind: "exit", code: 1 });
    expect(cap.stderr.join("")).toMatch(/^gateway: OpenTelemetry traces endpoint "collector:4318\/v1\/traces" \(from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT\) is not an http\(s\) URL/);
    expect(loaded()).toEqual([]);
  });

  test("an endpoint loads the SDK and the exporter, and the spans reach the collector when the server closes", async () => {
    const gateway = await startGateway(makeBundle(), envFor(upstream, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces` }));
    try {
      await callOverHttp(gateway.url);
    } finally {
      await gateway.close();
    }
    expect(loaded().some((path) => path.includes("exporter-trace-otlp-http"))).toBe(true);
    expect(collector.spans().map((s) => s.name).sort()).toEqual(["GET /items/{id}", "POST /mcp", "tools/call get_item"]);
    expect(upstream.last().headers.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-/);
  });
});
