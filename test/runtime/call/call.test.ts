// callTool end to end against a loopback recording upstream: success shapes, errors, limits, redaction.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { type CallContext, callTool } from "../../../runtime/call.js";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import { createRedactor } from "../../../runtime/redact.js";
import type { HttpTool } from "../../../runtime/contract.js";
import { type RecordingUpstream, startUpstream } from "./recording-upstream.js";

const SECRET = "s3cr3t-token-value";
let upstream: RecordingUpstream;
let ctx: CallContext;

beforeAll(async () => {
  upstream = await startUpstream();
  const app: ResolvedApp = { name: "demo", baseUrl: `${upstream.baseUrl}/api`, auth: { type: "bearer", token: SECRET }, headers: {} };
  ctx = { apps: new Map([["demo", app]]), limits: { timeoutMs: 2000, maxResponseBytes: 900000 }, redactor: createRedactor([SECRET]) };
});
afterAll(() => upstream.close());

function tool(over: Partial<HttpTool> = {}): HttpTool {
  return {
    name: "get_item",
    app: "demo",
    description: "",
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    inputSchema: { type: "object", properties: { id: { type: "string" }, verbose: { type: "boolean" } }, required: ["id"], additionalProperties: false },
    scopes: [],
    request: { kind: "http", method: "GET", path: "/items/{id}", params: { id: "path", verbose: "query" } },
    ...over,
  };
}

function text(result: Awaited<ReturnType<typeof callTool>>): string {
  const first = result.content[0];
  return first?.type === "text" ? first.text : "";
}

const json = (body: unknown, status = 200) => () => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("callTool against a recording upstream", () => {
  test("2xx JSON: compact text as received; request carries path, query, auth, accept", async () => {
    const body = { id: "a/b", name: "x", tags: [1, 2] };
    upstream.reply = json(body);
    const result = await callTool(tool(), { id: "a/b", verbose: true }, ctx);
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toEqual(body);
    expect(result.structuredContent).toBeUndefined();
    const seen = upstream.requests.at(-1);
    expect(seen?.url).toBe("/api/items/a%2Fb?verbose=true");
    expect(seen?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen?.headers.accept).toBe("application/json, */*;q=0.5");
  });

  test("pretty-printed JSON is compacted; structuredContent when outputSchema exists", async () => {
    const body = { id: "1", nested: { a: [1, 2] } };
    upstream.reply = () => ({ headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body, null, 2) });
    const result = await callTool(tool({ outputSchema: { type: "object" } }), { id: "1" }, ctx);
    expect(text(result)).toBe(JSON.stringify(body));
    expect(result.structuredContent).toEqual(body);
  });

  test("a '..' path value reaches the upstream encoded, never traversing", async () => {
    upstream.reply = json({});
    await callTool(tool(), { id: ".." }, ctx);
    expect(upstream.requests.at(-1)?.url).toBe("/api/items/%2E%2E");
  });

  test("204 → no-content text", async () => {
    upstream.reply = () => ({ status: 204 });
    const result = await callTool(tool(), { id: "1" }, ctx);
    expect(result.isError).toBeFalsy();
    expect(text(result)).toBe("(no content, status 204)");
  });

  test.each([
    [404, "Not Found", { message: "Not Found", documentation_url: "https://docs.github.com/rest" }],
    [500, "Internal Server Error", { error: "boom" }],
    [422, "Unprocessable Entity", { message: "Validation Failed", errors: [{ field: "title", code: "missing" }] }],
  ])("%i → isError with status and the trimmed body", async (status, reason, body) => {
    upstream.reply = json(body, status);
    const result = await callTool(tool(), { id: "1" }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toBe(`upstream returned ${status} ${reason}: ${JSON.stringify(body)}`);
  });

  test("a long error body is cut to 2,000 characters", async () => {
    upstream.reply = () => ({ status: 400, headers: { "content-type": "text/plain" }, body: "e".repeat(10_000) });
    const result = await callTool(tool(), { id: "1" }, ctx);
    expect(text(result).length).toBeLessThanOrEqual("upstream returned 400 Bad Request: ".length + 2001);
    expect(text(result).endsWith("…")).toBe(true);
  });

  test("a secret echoed back in an upstream error body is redacted", async () => {
    upstream.reply = (req) => ({ status: 401, headers: { "content-type": "application/json" }, body: JSON.stringify({ message: `bad token ${SECRET}`, echo: req.headers }) });
    const result = await callTool(tool(), { id: "1" }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).not.toContain(SECRET);
    expect(text(result)).toContain("[redacted]");
    expect(text(result)).toMatch(/^upstream returned 401 Unauthorized: /);
  });

  test("timeout → isError naming the limit", async () => {
    upstream.reply = () => ({ delayMs: 1000, body: "{}" });
    const started = performance.now();
    const result = await callTool(tool(), { id: "1" }, { ...ctx, limits: { ...ctx.limits, timeoutMs: 100 } });
    expect(result.isError).toBe(true);
    expect(text(result)).toBe("upstream timed out after 100 ms");
    expect(performance.now() - started).toBeLessThan(900);
  });

  test("network error → short isError without a stack", async () => {
    const dead: ResolvedApp = { name: "demo", baseUrl: "http://127.0.0.1:1", auth: { type: "none" }, headers: {} };
    const result = await callTool(tool(), { id: "1" }, { ...ctx, apps: new Map([["demo", dead]]) });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^upstream request failed \(ECONNREFUSED\)/);
    expect(text(result)).not.toMatch(/\n\s+at /);
  });

  test("oversized JSON is truncated to the cap, text only, with a marker that says how much was cut", async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, title: `issue ${i} ✓` }));
    const body = JSON.stringify(items);
    upstream.reply = () => ({ headers: { "content-type": "application/json" }, body });
    const max = 10_000;
    const result = await callTool(tool({ outputSchema: { type: "object" } }), { id: "1" }, { ...ctx, limits: { ...ctx.limits, maxResponseBytes: max } });
    const out = text(result);
    // Cut JSON is not JSON: the data stays in the text; structuredContent is the empty object the loose
    // outputSchema allows, so clients that require it for tools with an outputSchema still accept the result.
    expect(result.structuredContent).toEqual({});
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max);
    const total = Buffer.byteLength(body);
    const kept = Buffer.byteLength(out.slice(0, out.indexOf("… [truncated")));
    expect(out).toContain(`… [truncated: ${(total - kept).toLocaleString("en-US")} of ${total.toLocaleString("en-US")} bytes cut]`);
    expect(body.startsWith(out.slice(0, out.indexOf("… [truncated")))).toBe(true);
  });

  test("oversized chunked (no content-length) gzip body is also cut, counting decoded bytes", async () => {
    const body = "x".repeat(200_000);
    upstream.reply = () => ({ headers: { "content-type": "text/plain", "content-encoding": "gzip" }, body: gzipSync(body) });
    const result = await callTool(tool(), { id: "1" }, { ...ctx, limits: { ...ctx.limits, maxResponseBytes: 1000 } });
    expect(text(result)).toMatch(/of 200,000 bytes cut\]$/);
    expect(upstream.requests.at(-1)?.headers["accept-encoding"]).toContain("gzip");
  });

  test("image → image content, base64", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    upstream.reply = () => ({ headers: { "content-type": "image/png" }, body: png });
    const result = await callTool(tool(), { id: "1" }, ctx);
    expect(result.content[0]).toEqual({ type: "image", mimeType: "image/png", data: png.toString("base64") });
  });

  test("audio → audio content; other binary → resource blob", async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    upstream.reply = () => ({ headers: { "content-type": "audio/mpeg" }, body: bytes });
    expect((await callTool(tool(), { id: "1" }, ctx)).content[0]).toMatchObject({ type: "audio", mimeType: "audio/mpeg" });
    upstream.reply = () => ({ headers: { "content-type": "application/pdf" }, body: bytes });
    const result = await callTool(tool(), { id: "1" }, ctx);
    expect(result.content[0]).toEqual({ type: "resource", resource: { uri: `${upstream.baseUrl}/api/items/1`, mimeType: "application/pdf", blob: bytes.toString("base64") } });
  });

  test("binary over the cap is not sent, and the text says why", async () => {
    upstream.reply = () => ({ headers: { "content-type": "image/jpeg" }, body: Buffer.alloc(5000, 7) });
    const result = await callTool(tool(), { id: "1" }, { ...ctx, limits: { ...ctx.limits, maxResponseBytes: 1000 } });
    expect(text(result)).toMatch(/image\/jpeg of 5,000 bytes, over the response limit of 1,000 bytes/);
  });

  test("text/* → text", async () => {
    upstream.reply = () => ({ headers: { "content-type": "text/markdown" }, body: "# Hello" });
    expect(text(await callTool(tool(), { id: "1" }, ctx))).toBe("# Hello");
  });

  test.each([
    [{ id: 5 }, 'argument "id": must be string (got 5)'],
    [{}, 'missing required argument "id"'],
    [{ id: "1", extra: true }, 'unknown argument "extra"'],
    [[], "arguments must be a JSON object (got an array)"],
  ])("invalid args %j → isError and no upstream request", async (args, message) => {
    const before = upstream.requests.length;
    const result = await callTool(tool(), args, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(message);
    expect(upstream.requests.length).toBe(before);
  });

  test("POST JSON body and a 201 reply", async () => {
    upstream.reply = json({ created: true }, 201);
    const create: HttpTool = tool({
      inputSchema: { type: "object", properties: { title: { type: "string" }, labels: { type: "array" } } },
      scopes: [],
      request: { kind: "http", method: "POST", path: "/items", params: { title: "body", labels: "body" }, body: { mediaType: "application/json" } },
    });
    const result = await callTool(create, { title: "T", labels: ["a"] }, ctx);
    expect(text(result)).toBe('{"created":true}');
    const seen = upstream.requests.at(-1);
    expect(seen?.method).toBe("POST");
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen?.body.toString() ?? "")).toEqual({ title: "T", labels: ["a"] });
  });

  test("redirects are followed (same origin keeps auth)", async () => {
    upstream.reply = (req) => (req.url.startsWith("/api/items/old") ? { status: 301, headers: { location: "/api/items/new" } } : json({ at: req.url, auth: req.headers.authorization === `Bearer ${SECRET}` })());
    const result = await callTool(tool(), { id: "old" }, ctx);
    expect(JSON.parse(text(result))).toEqual({ at: "/api/items/new", auth: true });
  });

  test("a redirect to an origin the app allows (redirect_origins) drops credentials", async () => {
    const other = await startUpstream();
    try {
      upstream.reply = () => ({ status: 302, headers: { location: `${other.baseUrl}/elsewhere` } });
      other.reply = json({ ok: true });
      const app = { ...ctx.apps.get("demo")!, redirectOrigins: [other.baseUrl] };
      const result = await callTool(tool(), { id: "1" }, { ...ctx, apps: new Map([["demo", app]]) });
      expect(text(result)).toBe('{"ok":true}');
      expect(other.requests[0]?.url).toBe("/elsewhere");
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  test("an aborted signal cancels the upstream call", async () => {
    upstream.reply = () => ({ delayMs: 1000, body: "{}" });
    const controller = new AbortController();
    const pending = callTool(tool(), { id: "1" }, { ...ctx, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const result = await pending;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/cancelled/);
  });

  test.each([["plain", false], ["gzip", true]])("a connection reset mid-body (%s) fails fast", async (_name, gzip) => {
    const broken = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000", ...(gzip ? { "content-encoding": "gzip" } : {}) });
      res.write(gzip ? gzipSync("{").subarray(0, 5) : "{");
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    try {
      const app: ResolvedApp = { name: "demo", baseUrl: `http://127.0.0.1:${(broken.address() as AddressInfo).port}`, auth: { type: "none" }, headers: {} };
      const started = performance.now();
      const result = await callTool(tool(), { id: "1" }, { ...ctx, apps: new Map([["demo", app]]) });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^upstream request failed/);
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });

  test.each([
    ["GET is sent again once on a fresh socket", "GET", false, 2],
    ["POST is not: it may have reached the upstream", "POST", true, 1],
  ])("a socket closed before any answer: %s", async (_name, method, isError, attempts) => {
    let seen = 0;
    const flaky = http.createServer((req, res) => {
      seen++;
      // The first request dies the way a kept-alive socket the upstream just closed does: reset, no answer.
      if (seen === 1) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
    try {
      const app: ResolvedApp = { name: "demo", baseUrl: `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`, auth: { type: "none" }, headers: {} };
      const request = { kind: "http" as const, method: method as "GET" | "POST", path: "/items/{id}", params: { id: "path" as const } };
      const result = await callTool(tool({ request }), { id: "1" }, { ...ctx, apps: new Map([["demo", app]]) });
      expect(Boolean(result.isError)).toBe(isError);
      if (isError) expect(text(result)).toMatch(/^upstream request failed \((ECONNRESET|EPIPE)\)/);
      expect(seen).toBe(attempts);
    } finally {
      flaky.closeAllConnections();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });

  test("unknown app → isError", async () => {
    const result = await callTool(tool({ app: "nope" }), { id: "1" }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('app "nope" is not configured');
  });
});
