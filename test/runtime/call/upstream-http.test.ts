// send() on the wire and in time: the request head is what node:http writes from a header object, each call
// times out at its own deadline, cancellation reaches every call, and nothing of a settled call stays behind.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { getEventListeners } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool } from "../../../runtime/contract.js";
import { send, UpstreamError, type UpstreamResponse } from "../../../runtime/upstream/http.js";
import { buildRequest, type UpstreamRequest } from "../../../runtime/upstream/request.js";
import { type RecordingUpstream, startUpstream } from "./recording-upstream.js";

/** A raw TCP upstream that keeps each request's bytes (head and body) and answers 200 with a tiny JSON body. */
interface RawUpstream {
  port: number;
  /** Everything received on the connection since the last take. */
  take(): Promise<string>;
  close(): Promise<void>;
}

async function startRawUpstream(host = "127.0.0.1"): Promise<RawUpstream> {
  let received = "";
  let waiting: (() => void) | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const end = received.indexOf("\r\n\r\n");
      if (end === -1) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(received.slice(0, end));
      const chunked = /\r\ntransfer-encoding: *chunked/i.test(received.slice(0, end));
      const complete = chunked ? received.endsWith("0\r\n\r\n") : received.length >= end + 4 + Number(length?.[1] ?? 0);
      if (!complete) return;
      // A HEAD answer has no body.
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n${received.startsWith("HEAD ") ? "" : "{}"}`);
      waiting?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async take() {
      if (!received.includes("\r\n\r\n")) await new Promise<void>((resolve) => (waiting = resolve));
      const out = received;
      received = "";
      return out;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const opts = { timeoutMs: 2000, maxBytes: 900_000 };

/** What node:http writes for `req` given its headers as an object, as send() used to hand them over. */
function referenceSend(req: UpstreamRequest, agent: http.Agent): Promise<void> {
  const headers = req.body === undefined ? req.headers : { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    const out = http.request({ host: req.target.hostname, port: req.target.port, path: req.path, method: req.method, headers, agent }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    out.on("error", reject);
    out.end(req.body);
  });
}

function app(port: number, over: Partial<ResolvedApp> = {}, host = "127.0.0.1"): ResolvedApp {
  return { name: "demo", baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}/api`, auth: { type: "bearer", token: "tok" }, headers: {}, ...over };
}

function tool(method: HttpTool["request"]["method"], over: Partial<HttpTool["request"]> = {}): HttpTool {
  return {
    name: "t",
    app: "demo",
    description: "",
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    inputSchema: { type: "object" },
    scopes: [],
    request: { kind: "http", method, path: "/items/{id}", params: { id: "path", title: "body", trace: "header" }, ...over },
  };
}

describe("the request head send() writes", () => {
  let raw: RawUpstream;
  const agent = new http.Agent({ keepAlive: true });
  beforeAll(async () => {
    raw = await startRawUpstream();
  });
  afterAll(async () => {
    agent.destroy();
    await raw.close();
  });

  test.each([
    ["GET", tool("GET"), { id: "a b" }, {}],
    ["GET with a header argument", tool("GET"), { id: "1", trace: "x-1" }, {}],
    ["HEAD", tool("HEAD"), { id: "1" }, {}],
    ["DELETE without a body", tool("DELETE"), { id: "1" }, {}],
    ["POST with a JSON body", tool("POST", { body: { mediaType: "application/json" } }), { id: "1", title: "T é" }, {}],
    ["POST without a body (node:http adds Content-Length: 0)", tool("POST", { body: { mediaType: "application/json" } }), { id: "1" }, {}],
    ["PUT form-encoded", tool("PUT", { body: { mediaType: "application/x-www-form-urlencoded" } }), { id: "1", title: "a&b" }, {}],
    ["a Host header of the app's own", tool("GET"), { id: "1" }, { headers: { Host: "api.example.com" } }],
    ["extra app headers and api_key auth in a cookie", tool("GET"), { id: "1" }, { headers: { "X-Api-Version": "2" }, auth: { type: "api_key", in: "cookie", name: "k", value: "v" } }],
  ] as const)("%s: byte for byte what node:http writes from a header object", async (_name, t, args, over) => {
    const req = await buildRequest(t, args as Record<string, unknown>, app(raw.port, over as Partial<ResolvedApp>));
    await referenceSend(req, agent);
    const expected = await raw.take();
    const res = await send(req, opts);
    expect(res.status).toBe(200);
    expect(await raw.take()).toBe(expected);
  });

  test("an IPv6 upstream: Host in brackets, with the port", async (ctx) => {
    let raw6: RawUpstream;
    try {
      raw6 = await startRawUpstream("::1");
    } catch {
      return ctx.skip();
    }
    try {
      const req = await buildRequest(tool("GET"), { id: "1" }, app(raw6.port, {}, "::1"));
      await referenceSend(req, agent);
      const expected = await raw6.take();
      expect(expected).toContain(`\r\nHost: [::1]:${raw6.port}\r\n`);
      await send(req, opts);
      expect(await raw6.take()).toBe(expected);
    } finally {
      await raw6.close();
    }
  });

  test("a header value node:http refuses still fails the call, as a network error", async () => {
    const req = await buildRequest(tool("GET"), { id: "1" }, app(raw.port, { headers: { "X-Bad": "a\u0100b" } }));
    await expect(send(req, opts)).rejects.toThrow(UpstreamError);
  });
});

describe("deadlines and cancellation", () => {
  let upstream: RecordingUpstream;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => upstream.close());

  const request = (): Promise<UpstreamRequest> => buildRequest(tool("GET"), { id: "1" }, app(Number(new URL(upstream.baseUrl).port)));
  const outcome = (p: Promise<UpstreamResponse>) => p.then((r) => `status ${r.status}`, (e: UpstreamError) => `${e.kind}: ${e.message}`);

  test("calls of different timeouts, side by side, each time out at its own deadline", async () => {
    upstream.reply = () => ({ delayMs: 600, body: "{}" });
    const started = performance.now();
    const at = (p: Promise<string>) => p.then((text) => ({ text, ms: performance.now() - started }));
    const [short, long, slow] = await Promise.all([
      at(outcome(send(await request(), { ...opts, timeoutMs: 60 }))),
      at(outcome(send(await request(), { ...opts, timeoutMs: 200 }))),
      at(outcome(send(await request(), { ...opts, timeoutMs: 5000 }))),
    ]);
    expect(short.text).toBe("timeout: upstream timed out after 60 ms");
    expect(long.text).toBe("timeout: upstream timed out after 200 ms");
    expect(slow.text).toBe("status 200");
    expect(short.ms).toBeGreaterThanOrEqual(55);
    expect(short.ms).toBeLessThan(180);
    expect(long.ms).toBeGreaterThanOrEqual(195);
    expect(long.ms).toBeLessThan(500);
  });

  test("a call whose signal fires at once, before it listens to it, is still cancelled within milliseconds", async () => {
    upstream.reply = () => ({ delayMs: 1000, body: "{}" });
    const controller = new AbortController();
    const started = performance.now();
    const pending = outcome(send(await request(), { ...opts, signal: controller.signal }));
    controller.abort();
    expect(await pending).toBe("cancelled: the call was cancelled before the upstream answered");
    expect(performance.now() - started).toBeLessThan(200);
  });

  test("a call whose signal fires later is cancelled at once", async () => {
    upstream.reply = () => ({ delayMs: 1000, body: "{}" });
    const controller = new AbortController();
    const pending = outcome(send(await request(), { ...opts, signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const aborted = performance.now();
    controller.abort();
    expect(await pending).toBe("cancelled: the call was cancelled before the upstream answered");
    expect(performance.now() - aborted).toBeLessThan(50);
  });

  test("an already aborted signal: no request is sent", async () => {
    const before = upstream.requests.length;
    const controller = new AbortController();
    controller.abort();
    expect(await outcome(send(await request(), { ...opts, signal: controller.signal }))).toMatch(/^cancelled/);
    expect(upstream.requests.length).toBe(before);
  });

  test("a signal shared by many calls, fast and slow, keeps no listener once they settle", async () => {
    const controller = new AbortController();
    upstream.reply = (req) => ({ delayMs: req.url.endsWith("/slow") ? 30 : 0, body: "{}" });
    const port = Number(new URL(upstream.baseUrl).port);
    const requests = await Promise.all(Array.from({ length: 10 }, (_, i) => buildRequest(tool("GET"), { id: i % 2 ? "slow" : "fast" }, app(port))));
    const calls = requests.map((req) => send(req, { ...opts, signal: controller.signal }));
    for (const res of await Promise.all(calls)) expect(res.status).toBe(200);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("the process", () => {
  test("exits once its calls have settled: no timer of theirs holds it open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gateway-send-exit-"));
    try {
      const http = fileURLToPath(new URL("../../../runtime/upstream/http.ts", import.meta.url));
      const requestModule = fileURLToPath(new URL("../../../runtime/upstream/request.ts", import.meta.url));
      // One name: run-ts compiles it to .cache/script-send-exit.mjs, the same file every run.
      const script = join(dir, "send-exit.ts");
      writeFileSync(
        script,
        `import { createServer } from "node:http";
import { send } from ${JSON.stringify(http)};
import { buildRequest } from ${JSON.stringify(requestModule)};
const server = createServer((req, res) => setTimeout(() => res.end("{}"), req.url === "/slow" ? 20 : 0));
server.listen(0, "127.0.0.1", async () => {
  const port = (server.address() as { port: number }).port;
  const app = { name: "a", baseUrl: "http://127.0.0.1:" + port, auth: { type: "none" as const }, headers: {} };
  const t = (path: string) => ({ name: "t", app: "a", description: "", inputSchema: {}, request: { kind: "http" as const, method: "GET" as const, path, params: {} } }) as never;
  const signal = new AbortController().signal;
  await send(await buildRequest(t("/fast"), {}, app), { timeoutMs: 60000, maxBytes: 1000, signal });
  await send(await buildRequest(t("/slow"), {}, app), { timeoutMs: 60000, maxBytes: 1000, signal });
  server.close();
  server.closeAllConnections();
  process.stdout.write("done\\n");
});
`,
      );
      const runTs = fileURLToPath(new URL("../../../bin/run-ts.mjs", import.meta.url));
      const started = performance.now();
      const child = spawn(process.execPath, [runTs, script], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(out).toBe("done\n");
      expect(code).toBe(0);
      // The keep-alive sockets are gone with the server; a deadline timer held open would wait out its 60 s.
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
