// send() in time: each call times out at its own deadline, cancellation reaches every call, and nothing of a
// settled call stays behind.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { getEventListeners } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool } from "../../../runtime/contract.js";
import { send, UpstreamError, type UpstreamResponse } from "../../../runtime/upstream/http.js";
import { buildRequest, type UpstreamRequest } from "../../../runtime/upstream/request.js";
import { type RecordingUpstream, startUpstream } from "./recording-upstream.js";

const opts = { timeoutMs: 2000, maxBytes: 900_000 };

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
    request: { kind: "http", method, path: "/items/{id}", params: { id: "path", title: "body", trace: "header" }, ...over },
  };
}

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
      const script = join(dir, `send-exit-${process.pid}.ts`);
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
