// The HTTP transport on the Redis store, two in-process replicas on one real redis-server: any replica serves any
// session (rebuilt from the store), tool changes are atomic, DELETE and GET-stream notifications reach the replica
// that holds the stream, and an outage is a 503 with Retry-After that ends by itself.

import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createAuthenticator } from "../../../runtime/auth/authenticate.js";
import { createStaticTokens } from "../../../runtime/auth/bearer.js";
import { RedisSessionStore } from "../../../runtime/session/redis.js";
import { StoreUnavailableError, type SessionStore } from "../../../runtime/session/store.js";
import type { HttpGateway } from "../../../runtime/transport/http.js";
import { startRedis, type RedisServer } from "../../support/redis.js";
import { connectHttp, MCP_HEADERS, rawInitialize } from "./fixtures.js";
import { serveHttp, serverContext } from "./server-context.js";

let redis: RedisServer;
const open: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});
afterAll(async () => {
  await redis?.stop();
});

/** A replica: its own store connection (as a separate process would have) and HTTP server. */
async function replica(options: Parameters<typeof serveHttp>[2] = {}): Promise<HttpGateway> {
  const store = new RedisSessionStore({ url: redis.url, idleTimeoutMs: 60_000, keyPrefix: `t${Math.random().toString(36).slice(2)}:` });
  open.push(store);
  const gateway = await serveHttp(serverContext(), store, { storeKind: "redis", ...options });
  open.push(gateway);
  return gateway;
}

/** Two replicas on one key prefix. */
async function pair(options: Parameters<typeof serveHttp>[2] = {}, keyPrefix = `t${Math.random().toString(36).slice(2)}:`): Promise<[HttpGateway, HttpGateway]> {
  const out: HttpGateway[] = [];
  for (let i = 0; i < 2; i++) {
    const store = new RedisSessionStore({ url: redis.url, idleTimeoutMs: 60_000, keyPrefix });
    open.push(store);
    const gateway = await serveHttp(serverContext(), store, { storeKind: "redis", ...options });
    open.push(gateway);
    out.push(gateway);
  }
  return out as [HttpGateway, HttpGateway];
}

const MODERN = "2026-07-28";
const ENVELOPE = { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "outage", version: "0" } };
const rpc = (id: number, method: string, params: object = {}) => JSON.stringify({ jsonrpc: "2.0", id, method, params });
const post = (url: string, sessionId: string, body: string) => fetch(url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": sessionId }, body });
const toolNames = async (url: string, sessionId: string) => {
  const res = await post(url, sessionId, rpc(2, "tools/list"));
  return { status: res.status, names: res.status === 200 ? ((await res.json()) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name) : (await res.text(), []) };
};

/**
 * Holds the first `get` the replica's store answers from now on until `release()`; `held()` says whether one was.
 * Later reads go through at once.
 */
function holdFirstRead(store: SessionStore): { release: () => void; held: () => boolean } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const get = store.get.bind(store);
  let held = false;
  store.get = async (sessionId) => {
    const read = get(sessionId);
    if (held) return read;
    held = true;
    await released;
    return read;
  };
  return { release, held: () => held };
}

describe("any replica serves any 2025 session (Redis store)", () => {
  test("a session opened on one replica is served by the other, with the enabled tools either one set", async () => {
    const [a, b] = await pair({ defaultMode: "dynamic" });
    const { client, transport } = await connectHttp(a.url);
    const id = transport.sessionId!;
    await client.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
    // b has never seen the session: it rebuilds it from the store.
    expect(b.sessions.get(id)).toBeUndefined();
    expect((await toolNames(b.url, id)).names).toContain("get_item");
    const call = await post(b.url, id, rpc(3, "tools/call", { name: "get_item", arguments: { id: "1" } }));
    expect(await call.text()).toContain("called get_item");
    // Enabled on b, seen on a at its next request; the list_changed travels on the enable-tools answer itself.
    const enabled = await (await post(b.url, id, rpc(4, "tools/call", { name: "enable-tools", arguments: { tools: ["list_widgets"] } }))).text();
    expect(enabled).toContain("notifications/tools/list_changed");
    expect(enabled).toContain('"id":4');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expect.arrayContaining(["get_item", "list_widgets"]));
    await client.close();
  });

  test("a call refused by a copy that has not heard of a change yet asks the store first", async () => {
    const keyPrefix = `t${Math.random().toString(36).slice(2)}:`;
    const [a, b] = await pair({ defaultMode: "dynamic" }, keyPrefix);
    const id = (await rawInitialize(a.url)).sessionId!;
    expect((await toolNames(b.url, id)).names).not.toContain("get_item");
    // A change b's copy has not heard of: written to the store with no message on the session's channel, as
    // when b's request overtakes the message another replica published.
    const other = new RedisSessionStore({ url: redis.url, idleTimeoutMs: 60_000, keyPrefix });
    open.push(other);
    await other.enable(id, ["get_item"]);
    const call = await post(b.url, id, rpc(3, "tools/call", { name: "get_item", arguments: { id: "1" } }));
    expect(await call.text()).toContain("called get_item");
    const refused = await (await post(b.url, id, rpc(4, "tools/call", { name: "list_widgets", arguments: {} }))).text();
    expect(refused).toContain('tool \\"list_widgets\\" is not enabled in this session');
  });

  test("a refused call's reread is a read sent after the refusal, not a TTL refresh already in flight", async () => {
    const keyPrefix = `t${Math.random().toString(36).slice(2)}:`;
    const [a, b] = await pair({ defaultMode: "dynamic" }, keyPrefix);
    const id = (await rawInitialize(a.url)).sessionId!;
    expect((await toolNames(b.url, id)).names).not.toContain("get_item");
    // b's copy stays trusted but its TTL refresh is due: the next request starts one in the background, whose read
    // (sent now, before the change below) is answered only when released.
    b.sessions.get(id)!.touchedAt = Date.now() - 10_000; // past the refresh (60 s / 8), within the trust (60 s / 4)
    const { release, held } = holdFirstRead(b.sessions.store);
    expect((await toolNames(b.url, id)).status).toBe(200);
    expect(held()).toBe(true);
    const other = new RedisSessionStore({ url: redis.url, idleTimeoutMs: 60_000, keyPrefix });
    open.push(other);
    await other.enable(id, ["get_item"]);
    const timer = setTimeout(release, 500);
    try {
      const call = await post(b.url, id, rpc(3, "tools/call", { name: "get_item", arguments: { id: "1" } }));
      expect(await call.text()).toContain("called get_item");
    } finally {
      clearTimeout(timer);
      release();
    }
  });

  test("a tool change the store could not save is not trusted again by a touch and read sent before it failed", async () => {
    const [a, b] = await pair({ defaultMode: "dynamic" });
    const id = (await rawInitialize(a.url)).sessionId!;
    await toolNames(b.url, id);
    const live = b.sessions.get(id)!;
    // b's next request starts a background TTL refresh whose read (sent now) is answered only when released.
    live.touchedAt = Date.now() - 10_000; // past the refresh (60 s / 8), within the trust (60 s / 4)
    const { store } = b.sessions;
    const { release, held } = holdFirstRead(store);
    try {
      expect((await toolNames(b.url, id)).status).toBe(200);
      expect(held()).toBe(true);
      // A change on a reaches b's copy by its channel: the copy is now newer than the held read.
      await (await post(a.url, id, rpc(3, "tools/call", { name: "enable-tools", arguments: { tools: ["list_widgets"] } }))).text();
      for (const deadline = Date.now() + 2_000; !live.session.enabled.includes("list_widgets") && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
      expect(live.session.enabled).toContain("list_widgets");
      // An enable on b the store does not save: b's copy holds a change the store lacks.
      store.enable = async () => {
        throw new StoreUnavailableError("the session store (Redis) is unavailable: test");
      };
      const failed = await (await post(b.url, id, rpc(4, "tools/call", { name: "enable-tools", arguments: { tools: ["get_item"] } }))).text();
      expect(failed).toContain("the tool change was not saved");
      // The call waits on the held read (the copy is no longer trusted), released meanwhile; afterwards too.
      setTimeout(release, 100);
      const call = await (await post(b.url, id, rpc(5, "tools/call", { name: "get_item", arguments: { id: "1" } }))).text();
      expect(call).toContain('tool \\"get_item\\" is not enabled in this session');
      const again = await (await post(b.url, id, rpc(6, "tools/call", { name: "get_item", arguments: { id: "1" } }))).text();
      expect(again).toContain('tool \\"get_item\\" is not enabled in this session');
    } finally {
      release();
    }
  });

  test("enable-tools on both replicas at the same moment keeps every name", async () => {
    const [a, b] = await pair({ defaultMode: "dynamic" });
    const id = (await rawInitialize(a.url)).sessionId!;
    await toolNames(b.url, id);
    const enable = (url: string, tool: string, n: number) => post(url, id, rpc(n, "tools/call", { name: "enable-tools", arguments: { tools: [tool] } })).then((r) => r.text());
    await Promise.all([enable(a.url, "get_item", 5), enable(b.url, "list_widgets", 6), enable(a.url, "create_item", 7)]);
    for (const url of [a.url, b.url]) expect((await toolNames(url, id)).names).toEqual(expect.arrayContaining(["create_item", "get_item", "list_widgets"]));
  });

  test("another caller's session id is a 404 on every replica, never rebuilt", async () => {
    const [a, b] = await pair();
    const id = (await rawInitialize(a.url)).sessionId!;
    expect((await toolNames(b.url, "not-" + id)).status).toBe(404);
    expect(b.sessions.get("not-" + id)).toBeUndefined();
  });

  test("the owner's first request on a replica is served though another caller's request for the id started its rebuild", async () => {
    const auth = { authenticate: createAuthenticator({ staticTokens: createStaticTokens(["tok-owner-0123456789", "tok-other-0123456789"]) }), scopesSupported: [] };
    const [a, b] = await pair({ auth });
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const id = (await rawInitialize(a.url, as("tok-owner-0123456789"))).sessionId!;
    // b's first read of the session is held, so the other caller's rebuild is still in flight when the owner asks.
    const { release, held } = holdFirstRead(b.sessions.store);
    const list = (token: string) => fetch(b.url, { method: "POST", headers: { ...MCP_HEADERS, ...as(token), "mcp-session-id": id }, body: rpc(2, "tools/list") });
    const other = list("tok-other-0123456789");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held()).toBe(true);
    const owner = list("tok-owner-0123456789");
    setTimeout(release, 100);
    expect((await other).status).toBe(404);
    expect((await owner).status).toBe(200);
  });

  test("DELETE on one replica ends the session on the other, closing the GET stream it holds there", async () => {
    const [a, b] = await pair();
    const id = (await rawInitialize(a.url)).sessionId!;
    const stream = await fetch(a.url, { headers: { accept: "text/event-stream", "mcp-session-id": id } });
    expect(stream.status).toBe(200);
    const ended = stream.text();
    const deleted = await fetch(b.url, { method: "DELETE", headers: { "mcp-session-id": id } });
    expect(deleted.status).toBe(200);
    await expect(Promise.race([ended.then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 2_000))])).resolves.toBe("closed");
    expect((await toolNames(a.url, id)).status).toBe(404);
    expect((await toolNames(b.url, id)).status).toBe(404);
  });

  test("a notification unrelated to any request reaches the GET stream held by another replica", async () => {
    const [a, b] = await pair();
    const id = (await rawInitialize(a.url)).sessionId!;
    const stream = await fetch(a.url, { headers: { accept: "text/event-stream", "mcp-session-id": id } });
    const reader = stream.body!.getReader();
    await toolNames(b.url, id);
    await b.sessions.get(id)!.server.sendToolListChanged();
    const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("nothing relayed in 2 s")), 2_000))]);
    expect(new TextDecoder().decode(chunk.value)).toContain("notifications/tools/list_changed");
    await reader.cancel();
  });

  test("x-chat-id resume and /mcp/sessions agree on both replicas", async () => {
    const [a, b] = await pair({ defaultMode: "dynamic" });
    const first = (await rawInitialize(a.url, { "x-chat-id": "chat-1" })).sessionId!;
    await (await post(a.url, first, rpc(2, "tools/call", { name: "enable-tools", arguments: { tools: ["get_item"] } }))).text();
    const listed = async (url: string) => (await fetch(`${url}/sessions`)).json();
    expect(await listed(a.url)).toEqual({ "chat-1": first });
    expect(await listed(b.url)).toEqual({ "chat-1": first });
    const second = (await rawInitialize(b.url, { "x-chat-id": "chat-1" })).sessionId!;
    expect((await toolNames(a.url, second)).names).toContain("get_item");
    expect(await listed(a.url)).toEqual({ "chat-1": second });
    expect((await toolNames(a.url, first)).status).toBe(404);
  });
});

describe("Redis outage", () => {
  test("503 with Retry-After for session requests, 2026-07-28 requests served, /healthz and /readyz say so, and service resumes when Redis is back", async () => {
    const gateway = await replica();
    const id = (await rawInitialize(gateway.url)).sessionId!;
    const origin = new URL(gateway.url).origin;
    expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: "ok", store: "redis" });
    // Held here and trusted: its requests are served from the copy without waiting on Redis...
    for (let i = 0; i < 2; i++) expect((await toolNames(gateway.url, id)).status).toBe(200);
    await redis.stop();
    try {
      // ...until the replica notices the pub/sub connection dropped (at once: the socket closes): the copy may then
      // miss a change or an end, so it is not served.
      let refused = await post(gateway.url, id, rpc(2, "tools/list"));
      for (const deadline = Date.now() + 2_000; refused.status === 200 && Date.now() < deadline; ) refused = await post(gateway.url, id, rpc(2, "tools/list"));
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/session store cannot be reached/);
      expect((await rawInitialize(gateway.url)).status).toBe(503);
      const ready = await fetch(`${origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "unavailable", store: "redis" });
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      // A 2026-07-28 request keeps no state: it needs no store, so it is served as ever.
      const modern = await fetch(gateway.url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": "get_item" }, body: rpc(9, "tools/call", { name: "get_item", arguments: { id: "7" }, _meta: ENVELOPE }) });
      expect(modern.status).toBe(200);
      expect(await modern.text()).toContain("called get_item");
    } finally {
      await redis.restart();
    }
    // Persistence is off: the old session is gone, but the gateway serves new ones by itself.
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await fetch(`${origin}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    const fresh = await rawInitialize(gateway.url);
    expect(fresh.status).toBe(200);
    expect((await toolNames(gateway.url, fresh.sessionId!)).status).toBe(200);
  });
});
