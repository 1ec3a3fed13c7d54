// Upstream faults through callTool against loopback servers that misbehave on purpose: each fault is one
// isError naming what happened, within the deadline; retries counted on the server; the per-app breaker.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import v8 from "node:v8";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { type CallContext, callTool } from "../../../runtime/call.js";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool, RetryConfig } from "../../../runtime/contract.js";
import { createRedactor } from "../../../runtime/redact.js";
import { breakerOf, breakerStates, resetBreakers, setBreakerClock } from "../../../runtime/upstream/breaker.js";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let handler: Handler = (_req, res) => res.end();
/** Requests the server saw since the test began, with the time each arrived. */
let hits: { method: string; at: number }[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? "", at: performance.now() });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  hits = [];
  setBreakerClock();
  resetBreakers();
});

/** Bytes of array buffers still reachable after a full collection (gc exposed at run time for this file). */
async function retainedArrayBuffers(): Promise<number> {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  // Backing stores are freed after the collection, off the main thread: collect, yield, collect.
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc();
  return process.memoryUsage().arrayBuffers;
}

/** A fresh app (so a fresh breaker) on `at`, with `retry` when given. */
function app(retry?: RetryConfig | false, at = port): ResolvedApp {
  return { name: "demo", baseUrl: `http://127.0.0.1:${at}`, auth: { type: "none" }, headers: {}, ...(retry !== undefined && { retry }) };
}

function context(demo: ResolvedApp, timeoutMs = 1000, maxResponseBytes = 100_000): CallContext {
  return { apps: new Map([["demo", demo]]), limits: { timeoutMs, maxResponseBytes }, redactor: createRedactor([]) };
}

function tool(method: HttpTool["request"]["method"] = "GET", over: Partial<HttpTool> = {}): HttpTool {
  return {
    name: "get_item",
    app: "demo",
    description: "",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    inputSchema: { type: "object", properties: {}, additionalProperties: false },
    scopes: [],
    request: { kind: "http", method, path: "/item", params: {} },
    ...over,
  };
}

function text(result: Awaited<ReturnType<typeof callTool>>): string {
  const first = result.content[0];
  return first?.type === "text" ? first.text : "";
}

/** Calls once and returns the result's text, whether it is an error and how long it took. */
async function call(demo: ResolvedApp, t = tool(), timeoutMs = 1000, maxBytes = 100_000) {
  const started = performance.now();
  const result = await callTool(t, {}, context(demo, timeoutMs, maxBytes));
  return { text: text(result), isError: Boolean(result.isError), ms: performance.now() - started };
}

const NO_RETRY = false as const;

describe("each fault is one isError naming it, within the deadline", () => {
  test("connection refused", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const at = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // A 10 s deadline: answering well inside it shows the refusal is reported, not waited out (CI may be slow).
    const out = await call(app(NO_RETRY, at), tool(), 10_000);
    expect(out.isError).toBe(true);
    expect(out.text).toBe(`upstream request failed (ECONNREFUSED): connection refused by http://127.0.0.1:${at}`);
    expect(out.ms).toBeLessThan(5_000);
  });

  test("reset before the answer", async () => {
    handler = (req) => req.socket.destroy();
    const out = await call(app(NO_RETRY));
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^upstream request failed \(ECONNRESET\): the upstream closed the connection before answering/);
    expect(out.ms).toBeLessThan(500);
  });

  test("reset in the middle of the body", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"a":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const out = await call(app(NO_RETRY));
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^upstream request failed \(ECONNRESET\): the upstream closed the connection in the middle of the body, after 5 bytes/);
    expect(out.ms).toBeLessThan(500);
  });

  test("no answer: the timeout", async () => {
    handler = () => {};
    const out = await call(app(NO_RETRY), tool(), 150);
    expect(out).toMatchObject({ isError: true, text: "upstream timed out after 150 ms" });
    expect(out.ms).toBeGreaterThanOrEqual(140);
    expect(out.ms).toBeLessThan(600);
  });

  test("a slow drip: the deadline covers the whole body", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    };
    const out = await call(app(NO_RETRY), tool(), 300);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^upstream timed out after 300 ms while the body was still arriving \(\d+ bytes received; the deadline covers the whole body\)$/);
    expect(out.ms).toBeLessThan(800);
  });

  test("5xx", async () => {
    handler = (_req, res) => res.writeHead(500, { "content-type": "application/json" }).end('{"message":"boom"}');
    const out = await call(app(NO_RETRY));
    expect(out).toMatchObject({ isError: true, text: 'upstream returned 500 Internal Server Error: {"message":"boom"}' });
  });

  test("429 with a Retry-After longer than max_ms is not waited for, and says so", async () => {
    handler = (_req, res) => res.writeHead(429, { "retry-after": "60" }).end("slow down");
    const out = await call(app({ maxMs: 1000 }));
    expect(out.isError).toBe(true);
    expect(out.text).toBe("upstream returned 429 Too Many Requests (1 attempt; not retried: Retry-After asks for 60 s, more than retry.max_ms 1000 ms): slow down");
    expect(hits).toHaveLength(1);
    expect(out.ms).toBeLessThan(500);
  });

  test("a JSON content type with a body that is not JSON", async () => {
    handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(`<html>\n  <body>${"oops ".repeat(100)}</body></html>`);
    const out = await call(app(NO_RETRY));
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^upstream answered 200 OK but sent invalid JSON \(content type application\/json, 529 bytes\): "<html> <body>oops oops /);
    // The excerpt is trimmed.
    expect(out.text.length).toBeLessThan(320);
    expect(out.text).toMatch(/…"$/);
  });

  test("a 60 MB body is capped and counted, not kept", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "a");
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const more = (): void => {
        while (sent < 60 && res.write(chunk)) sent++;
        if (sent >= 60) res.end();
        else res.once("drain", () => (sent++, more()));
      };
      more();
    };
    // Socket chunks are garbage until a collection runs, so only what survives a full GC says "kept".
    const before = await retainedArrayBuffers();
    const out = await call(app(NO_RETRY), tool(), 10_000, 10_000);
    expect(out.isError).toBe(false);
    expect(out.text).toMatch(/\[truncated: .* of (more than )?6\d,\d{3},\d{3} bytes cut\]$/);
    expect(Buffer.byteLength(out.text)).toBeLessThanOrEqual(10_000);
    expect((await retainedArrayBuffers()) - before).toBeLessThan(8 * 1024 * 1024);
  });

  test("a gzip bomb: decompression is capped and the call says so", async () => {
    const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024));
    handler = (_req, res) => res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
    const out = await call(app(NO_RETRY), tool(), 5000);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^the upstream sent a gzip-compressed body that inflates past the response limit of 100000 bytes more than 100-fold \(\d+ bytes from \d+\): decompression stopped, nothing returned$/);
    expect(out.ms).toBeLessThan(2000);
  });

  test("the server stays healthy: a good call after every fault", async () => {
    handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    const out = await call(app(NO_RETRY));
    expect(out).toMatchObject({ isError: false, text: '{"ok":true}' });
  });
});

/** A handler that fails the first `failures` requests with `fail`, then answers 200. */
function failing(failures: number, fail: Handler): Handler {
  let n = 0;
  return (req, res) => (++n <= failures ? fail(req, res) : res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
}

// The request body is read first: a server that answers without reading it closes the connection.
const unavailable: Handler = (req, res) => req.resume().on("end", () => res.writeHead(503).end("down"));

describe("retries", () => {
  test.each([["GET"], ["HEAD"], ["PUT"], ["DELETE"], ["OPTIONS"]] as const)("%s is retried on a 503 and succeeds", async (method) => {
    handler = failing(2, unavailable);
    const out = await call(app({ baseMs: 20, maxMs: 50 }), tool(method));
    expect(out.isError).toBe(false);
    expect(hits).toHaveLength(3);
  });

  test("a final failure says how many attempts were made; backoff is bounded", async () => {
    handler = unavailable;
    const out = await call(app({ attempts: 3, baseMs: 20, maxMs: 40 }));
    expect(out).toMatchObject({ isError: true, text: "upstream returned 503 Service Unavailable (after 4 attempts): down" });
    expect(hits).toHaveLength(4);
    // Full jitter under a 20, 40, 40 ms ceiling.
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.at - hits[i - 1]!.at).toBeLessThan(40 + 60);
  });

  test.each([[502], [504], [429]])("%i is retried", async (status) => {
    handler = failing(1, (_req, res) => res.writeHead(status).end());
    const out = await call(app({ baseMs: 10, maxMs: 20 }));
    expect(out.isError).toBe(false);
    expect(hits).toHaveLength(2);
  });

  test("500 is not retried", async () => {
    handler = (_req, res) => res.writeHead(500).end();
    await call(app({ baseMs: 10 }));
    expect(hits).toHaveLength(1);
  });

  test("connection errors are retried", async () => {
    handler = failing(2, (req) => req.socket.destroy());
    const out = await call(app({ baseMs: 10, maxMs: 20 }));
    expect(out.isError).toBe(false);
    expect(hits).toHaveLength(3);
  });

  test("Retry-After is honoured", async () => {
    handler = failing(1, (_req, res) => res.writeHead(429, { "retry-after": "1" }).end());
    const out = await call(app({ baseMs: 10, maxMs: 1500 }), tool(), 3000);
    expect(out.isError).toBe(false);
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
  });

  test("never past the call's overall timeout", async () => {
    handler = (_req, res) => setTimeout(() => res.writeHead(503).end(), 80);
    const out = await call(app({ attempts: 10, baseMs: 50, maxMs: 100 }), tool(), 400);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^upstream (returned 503 Service Unavailable \(after \d attempts; another would pass the 400 ms timeout\)|timed out after 400 ms \(\d attempts\))/);
    expect(out.ms).toBeLessThan(550);
  });

  test.each([["POST"], ["PATCH"]] as const)("%s is never retried by default", async (method) => {
    handler = unavailable;
    const out = await call(app({ baseMs: 10 }), tool(method));
    expect(out).toMatchObject({ isError: true, text: "upstream returned 503 Service Unavailable: down" });
    expect(hits).toHaveLength(1);
  });

  test("POST is retried when the app lists it", async () => {
    handler = failing(1, unavailable);
    const out = await call(app({ baseMs: 10, methods: ["POST"] }), tool("POST"));
    expect(out.isError).toBe(false);
    expect(hits).toHaveLength(2);
  });

  test("a tool's retry: false wins over the app's", async () => {
    handler = unavailable;
    await call(app({ baseMs: 10 }), tool("GET", { retry: false }));
    expect(hits).toHaveLength(1);
  });

  test("a tool's retry overrides the app's attempts", async () => {
    handler = unavailable;
    const out = await call(app({ baseMs: 10, maxMs: 10 }), tool("GET", { retry: { attempts: 1 } }));
    expect(out.text).toContain("(after 2 attempts)");
    expect(hits).toHaveLength(2);
  });

  test("GraphQL queries are retried, mutations are not", async () => {
    handler = unavailable;
    const gql = (operation: "query" | "mutation") =>
      ({ ...tool("POST"), request: { kind: "graphql", operation, operationName: "Op", document: `${operation} Op { x }`, variables: {} } }) as unknown as HttpTool;
    const out = await call(app({ baseMs: 10, maxMs: 10 }), gql("query"));
    expect(out.text).toBe("upstream returned 503 Service Unavailable (after 3 attempts): down");
    expect(hits).toHaveLength(3);
    hits = [];
    await call(app({ baseMs: 10, maxMs: 10 }), gql("mutation"));
    expect(hits).toHaveLength(1);
  });
});

describe("the per-app circuit breaker", () => {
  test("opens after 5 consecutive failures, fails fast, lets one probe through after the cool-down", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    setBreakerClock(() => now);
    handler = unavailable;
    const demo = app(NO_RETRY);
    for (let i = 0; i < 5; i++) await call(demo);
    expect(hits).toHaveLength(5);
    expect(breakerOf(demo).state).toBe("open");
    expect(breakerStates()).toEqual([{ app: "demo", state: "open", failures: 5, retryAt: now + 30_000 }]);

    const fast = await call(demo);
    expect(fast.isError).toBe(true);
    expect(fast.text).toBe(
      'upstream of app "demo" is unavailable: 5 consecutive failures opened its circuit breaker (last: upstream returned 503); ' +
        "calls fail fast and it will be retried in 30 s (at 2026-01-01T00:00:30.000Z)",
    );
    expect(hits).toHaveLength(5);

    // Half-open: one probe; it fails, so the breaker opens again.
    now += 30_000;
    expect(breakerOf(demo).state).toBe("half_open");
    await call(demo);
    expect(hits).toHaveLength(6);
    expect(breakerOf(demo).state).toBe("open");
    expect((await call(demo)).text).toContain("it will be retried in 30 s");
    expect(hits).toHaveLength(6);

    // The next probe succeeds: closed again.
    now += 30_000;
    handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
    expect((await call(demo)).isError).toBe(false);
    expect(breakerOf(demo).state).toBe("closed");
    expect((await call(demo)).isError).toBe(false);
  });

  test("half-open lets only one probe through at a time", async () => {
    let now = 0;
    setBreakerClock(() => now);
    handler = unavailable;
    const demo = app(NO_RETRY);
    for (let i = 0; i < 5; i++) await call(demo);
    now += 30_000;
    hits = [];
    handler = (_req, res) => setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"), 50);
    const [probe, other] = await Promise.all([call(demo), call(demo)]);
    expect(probe.isError).toBe(false);
    expect(other.text).toMatch(/is unavailable: .* a probe call is testing it now/);
    expect(hits).toHaveLength(1);
  });

  test("4xx answers are not failures; a success resets the count", async () => {
    const demo = app(NO_RETRY);
    handler = unavailable;
    for (let i = 0; i < 4; i++) await call(demo);
    handler = (_req, res) => res.writeHead(404).end();
    await call(demo);
    handler = unavailable;
    for (let i = 0; i < 4; i++) await call(demo);
    expect(breakerOf(demo).state).toBe("closed");
  });

  test("retries stop once the breaker opens", async () => {
    handler = unavailable;
    const demo = app({ attempts: 10, baseMs: 1, maxMs: 2 });
    const out = await call(demo);
    expect(hits).toHaveLength(5);
    expect(out.text).toBe("upstream returned 503 Service Unavailable (after 5 attempts; the circuit breaker opened): down");
  });

  test("the app's breaker: its failures and cool-down instead of 5 and 30 s", async () => {
    let now = 0;
    setBreakerClock(() => now);
    handler = unavailable;
    const demo = { ...app(NO_RETRY), breaker: { failures: 2, cooldownMs: 1_000 } };
    await call(demo);
    await call(demo);
    expect(breakerStates()).toEqual([{ app: "demo", state: "open", failures: 2, retryAt: 1_000 }]);
    expect((await call(demo)).text).toContain("2 consecutive failures opened its circuit breaker");
    expect(hits).toHaveLength(2);
    now += 1_000;
    expect(breakerOf(demo).state).toBe("half_open");
  });

  test("breaker: false never opens: every call goes out", async () => {
    handler = unavailable;
    const demo = { ...app(NO_RETRY), breaker: false as const };
    for (let i = 0; i < 8; i++) expect((await call(demo)).text).toContain("503");
    expect(hits).toHaveLength(8);
    expect(breakerOf(demo).state).toBe("closed");
  });
});
