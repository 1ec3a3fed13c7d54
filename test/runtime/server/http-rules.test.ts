// The Streamable HTTP status rules, checked with raw fetch: 404/400/405/403/503, DELETE, idle expiry, /healthz, ?mode/?apps.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { envFor, INITIALIZE, makeBundle, MCP_HEADERS, rawInitialize, startGateway, startUpstream, TOOLS, type Upstream } from "./fixtures.js";

let upstream: Upstream;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  upstream = await startUpstream();
  gateway = await startGateway(makeBundle({ allowedOrigins: ["https://app.example.com"] }), envFor(upstream));
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const LIST = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} });

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("session rules", () => {
  test("initialize answers with a session id; a follow-up without MCP-Protocol-Version is accepted", async () => {
    const init = await rawInitialize(gateway.url);
    expect(init.status).toBe(200);
    expect(init.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const list = await post(gateway.url, LIST, { "mcp-session-id": init.sessionId! });
    expect(list.status).toBe(200);
    for (const tool of TOOLS) expect(list.text).toContain(`"name":"${tool.name}"`);
  });

  test("unknown session id → 404", async () => {
    const res = await post(gateway.url, LIST, { "mcp-session-id": "00000000-0000-0000-0000-000000000000" });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error.message).toMatch(/session not found/i);
  });

  test("non-initialize request without a session id → 400", async () => {
    const res = await post(gateway.url, LIST);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ jsonrpc: "2.0", id: null, error: { message: expect.stringMatching(/Mcp-Session-Id/) } });
  });

  test("GET without a session → 405 with Allow", async () => {
    const res = await fetch(gateway.url, { headers: { accept: "text/event-stream" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("POST");
    await res.text();
  });

  test("DELETE ends the session; the id is then unknown (404)", async () => {
    const init = await rawInitialize(gateway.url);
    const del = await fetch(gateway.url, { method: "DELETE", headers: { "mcp-session-id": init.sessionId! } });
    expect(del.status).toBe(200);
    const after = await post(gateway.url, LIST, { "mcp-session-id": init.sessionId! });
    expect(after.status).toBe(404);
  });

  test("invalid JSON → 400 parse error", async () => {
    const res = await post(gateway.url, "{not json");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.code).toBe(-32700);
  });

  test("other paths → 404; /healthz → 200 with the tool count", async () => {
    const other = await fetch(new URL("/nope", gateway.url));
    expect(other.status).toBe(404);
    await other.text();
    const health = await fetch(new URL("/healthz", gateway.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", tools: TOOLS.length });
  });
});

describe("Origin and Host checks (DNS rebinding)", () => {
  const port = () => new URL(gateway.url).port;
  test.each([
    ["no Origin", {}, 200],
    ["loopback Origin", { origin: "http://localhost:5173" }, 200],
    ["allowed Origin", { origin: "https://app.example.com" }, 200],
    ["foreign Origin", { origin: "https://evil.example" }, 403],
    ["opaque Origin", { origin: "null" }, 403],
    ["rebound Host on a loopback bind", { host: "evil.example", origin: "http://evil.example" }, 403],
  ] as Array<[string, Record<string, string>, number]>)("%s → %i", async (_name, headers, status) => {
    // fetch() forbids setting Host, so rebound-Host cases go through node:http.
    if (headers.host) {
      const { request } = await import("node:http");
      const got = await new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: port(), path: "/mcp", method: "POST", headers: { ...MCP_HEADERS, ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject);
        req.end(JSON.stringify(INITIALIZE));
      });
      expect(got).toBe(status);
      return;
    }
    expect((await rawInitialize(gateway.url, headers)).status).toBe(status);
  });
});

describe("?mode and ?apps", () => {
  test.each([
    ["?mode=fast", /allowed values: static, dynamic/],
    ["?apps=alpha,nope", /unknown app "nope"; known apps: alpha, beta/],
    ["?apps=", /known apps: alpha, beta/],
  ])("%s → 400 naming the allowed values", async (query, message) => {
    const res = await rawInitialize(gateway.url + query);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toMatch(message);
  });
});

describe("limits", () => {
  test("sessions beyond maxSessions → 503 with a JSON-RPC error", async () => {
    const small = await startGateway(makeBundle({ maxSessions: 2 }), envFor(upstream));
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await rawInitialize(small.url));
      expect(statuses.map((s) => s.status)).toEqual([200, 200, 503]);
      expect(JSON.parse(statuses[2]!.text).error.message).toMatch(/maximum of 2 sessions/);
      // Ending one frees a slot.
      await (await fetch(small.url, { method: "DELETE", headers: { "mcp-session-id": statuses[0]!.sessionId! } })).text();
      expect((await rawInitialize(small.url)).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  test("idle sessions expire after idleTimeoutMs", async () => {
    // Long enough that a loaded machine's scheduling pauses (tens of ms) never outlast it between two requests.
    const idle = 400;
    const quick = await startGateway(makeBundle({ idleTimeoutMs: idle }), envFor(upstream));
    try {
      const kept = await rawInitialize(quick.url);
      const dropped = await rawInitialize(quick.url);
      // Keep one session busy for three idle periods (bounded steps of an eighth of it) while the other sits idle.
      const until = Date.now() + idle * 3;
      for (let step = 0; step < 24 && Date.now() < until; step++) {
        await new Promise((r) => setTimeout(r, idle / 8));
        expect((await post(quick.url, LIST, { "mcp-session-id": kept.sessionId! })).status).toBe(200);
      }
      expect((await post(quick.url, LIST, { "mcp-session-id": dropped.sessionId! })).status).toBe(404);
    } finally {
      await quick.close();
    }
  });
});

describe("CORS for allowed origins", () => {
  test("preflight from an allowed Origin → 204 with the MCP headers allowed", async () => {
    const res = await fetch(gateway.url, { method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-method": "POST" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-headers")).toContain("mcp-session-id");
  });
  test("responses expose Mcp-Session-Id to the allowed Origin", async () => {
    const init = await rawInitialize(gateway.url, { origin: "https://app.example.com" });
    expect(init.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(init.headers.get("access-control-expose-headers")).toContain("mcp-session-id");
  });
});
