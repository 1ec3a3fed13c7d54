// Session state lives in the store, not in the live objects: every change is saved, touches are never rolled
// back by a save, and sweeps on replicas sharing one store end only what is really idle. A session held on a
// replica is served from its copy without waiting on the store while its channel has missed nothing.

import { afterEach, describe, expect, test } from "vitest";
import { META_TOOLS } from "../../../runtime/modes/dynamic.js";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
import { storeIdleTimeoutMs, StoreUnavailableError, type Session } from "../../../runtime/session/store.js";
import type { HttpGateway } from "../../../runtime/transport/http.js";
import { connectHttp, MCP_HEADERS, rawInitialize } from "./fixtures.js";
import { serveHttp, serverContext } from "./server-context.js";

const open: HttpGateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function serve(store: MemorySessionStore, options: Parameters<typeof serveHttp>[2] = {}): Promise<HttpGateway> {
  const gateway = await serveHttp(serverContext(), store, options);
  open.push(gateway);
  return gateway;
}

const LIST = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} });
const list = (url: string, sessionId: string) => fetch(url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": sessionId }, body: LIST }).then(async (r) => (await r.text(), r.status));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rpc = (id: number, method: string, params: object = {}) => JSON.stringify({ jsonrpc: "2.0", id, method, params });
const toolNames = async (url: string, sessionId: string) => {
  const res = await fetch(url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": sessionId }, body: LIST });
  return ((await res.json()) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name);
};
const enable = (url: string, sessionId: string, tool: string) =>
  fetch(url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": sessionId }, body: rpc(3, "tools/call", { name: "enable-tools", arguments: { tools: [tool] } }) }).then(async (r) => (await r.text(), r.status));

/**
 * A memory store that counts the reads and touches it answers, whose pub/sub can be made to say it may have missed
 * messages (as Redis's does while its connection is down), and whose next read can be held after it has read.
 */
class WatchedStore extends MemorySessionStore {
  epoch: number | undefined = 0;
  reads = 0;
  touches = 0;
  /** While true, enable fails as an unreachable Redis would. */
  down = false;
  #gate: { read: () => void; released: Promise<void> } | undefined;

  override get subscriptionEpoch(): number | undefined {
    return this.epoch;
  }

  override async get(id: string): Promise<Session | undefined> {
    this.reads++;
    const gate = this.#gate;
    this.#gate = undefined;
    const read = await super.get(id);
    gate?.read();
    await gate?.released;
    return read;
  }

  override async touch(id: string, now: number): Promise<boolean> {
    this.touches++;
    return super.touch(id, now);
  }

  override async enable(id: string, names: readonly string[]): Promise<Session | undefined> {
    if (this.down) throw new StoreUnavailableError("the session store (Redis) is unavailable: test outage");
    return super.enable(id, names);
  }

  /** The next `get` reads at once but answers only on `release()`; `read` resolves once it has read. */
  holdNextGet(): { read: Promise<void>; release: () => void } {
    let release!: () => void;
    let read!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hasRead = new Promise<void>((resolve) => (read = resolve));
    this.#gate = { read, released };
    return { read: hasRead, release };
  }
}

describe("session state is saved to the store", () => {
  test("enable-tools and disable-tools over HTTP: a fresh read from the store has the new enabled set", async () => {
    const store = new MemorySessionStore();
    const gateway = await serve(store, { defaultMode: "dynamic" });
    const { client, transport } = await connectHttp(gateway.url);
    const id = transport.sessionId!;
    expect((await store.get(id))!.enabled).toEqual([]);

    await client.callTool({ name: "enable-tools", arguments: { tools: ["get_item", "list_widgets"] } });
    expect((await store.get(id))!.enabled).toEqual(["get_item", "list_widgets"]);
    await client.callTool({ name: "disable-tools", arguments: { tools: ["list_widgets"] } });
    expect((await store.get(id))!.enabled).toEqual(["get_item"]);
    await client.close();
  });

  test("a chat resumed from the store on another replica gets the saved enabled set", async () => {
    const store = new MemorySessionStore();
    const a = await serve(store, { defaultMode: "dynamic" });
    const b = await serve(store, { defaultMode: "dynamic" });
    const first = await connectHttp(a.url, { "x-chat-id": "chat-1" });
    await first.client.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
    const second = await connectHttp(b.url, { "x-chat-id": "chat-1" });
    expect((await second.client.listTools()).tools.map((t) => t.name)).toEqual([...META_TOOLS.map((t) => t.name), "get_item"]);
    await second.client.close();
    await first.client.close();
  });

  test("saving after a touch keeps the touched lastSeen (a save never rolls it back)", async () => {
    const store = new MemorySessionStore();
    const gateway = await serve(store, { defaultMode: "dynamic" });
    const { client, transport } = await connectHttp(gateway.url);
    const id = transport.sessionId!;
    const opened = (await store.get(id))!.lastSeen;
    // Another replica serving the session touches it.
    const touched = opened + 5_000;
    await store.touch(id, touched);
    // This replica's working copy still says `opened`; saving it must not move lastSeen back.
    await client.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
    const saved = (await store.get(id))!;
    expect(saved.enabled).toEqual(["get_item"]);
    expect(saved.lastSeen).toBeGreaterThanOrEqual(touched);
    await client.close();
  });
});

describe("replicas sharing one store", () => {
  test("a sweep never ends a session live on another replica that is in use", async () => {
    const store = new MemorySessionStore();
    const a = await serve(store);
    const b = await serve(store);
    const init = await rawInitialize(b.url);
    const id = init.sessionId!;
    // Replica a does not hold the session; its sweep must leave it alone.
    await a.sessions.sweep();
    expect(a.sessions.get(id)).toBeUndefined();
    expect(await store.get(id)).toBeDefined();
    expect(await list(b.url, id)).toBe(200);
    await b.sessions.sweep();
    expect(await list(b.url, id)).toBe(200);
  });

  test("a session another replica expired is closed where it is live, and answers 404", async () => {
    const store = new MemorySessionStore();
    const a = await serve(store);
    const b = await serve(store);
    const kept = (await rawInitialize(b.url)).sessionId!;
    const idle = (await rawInitialize(b.url)).sessionId!;
    const later = Date.now() + storeIdleTimeoutMs(60_000) + 1_000;
    // Keep one session in use as of `later`; the other has been idle for longer than the timeout by then.
    await store.touch(kept, later);
    await a.sessions.sweep(later);
    expect(await store.get(idle)).toBeUndefined();
    expect(await store.get(kept)).toBeDefined();
    // b still holds the idle one until its own sweep notices the store no longer does.
    expect(b.sessions.get(idle)).toBeDefined();
    await b.sessions.sweep();
    expect(b.sessions.get(idle)).toBeUndefined();
    expect(b.sessions.get(kept)).toBeDefined();
    expect(await list(b.url, idle)).toBe(404);
    expect(await list(b.url, kept)).toBe(200);
  });

  test("a session ended on another replica is a 404 here at once, without waiting for a sweep", async () => {
    const store = new MemorySessionStore();
    const a = await serve(store);
    const b = await serve(store);
    const id = (await rawInitialize(b.url)).sessionId!;
    expect(await list(b.url, id)).toBe(200);
    await a.sessions.end(id, "test");
    expect(await list(b.url, id)).toBe(404);
    expect(b.sessions.get(id)).toBeUndefined();
  });

  test("a held session's requests do not wait on the store; once its channel may have missed a message, the next one reads it", async () => {
    const store = new WatchedStore();
    const b = await serve(store);
    const id = (await rawInitialize(b.url)).sessionId!;
    expect(await list(b.url, id)).toBe(200);
    const [reads, touches] = [store.reads, store.touches];
    for (let i = 0; i < 5; i++) expect(await list(b.url, id)).toBe(200);
    expect([store.reads, store.touches]).toEqual([reads, touches]);
    // Removed behind its channel's back (no replica ends a session so; a Redis that lost its data is also a
    // reconnect): the trusted copy cannot know...
    await store.delete(id);
    expect(await list(b.url, id)).toBe(200);
    // ...until its channel may have missed something: then the request touches and reads first, and finds it gone.
    store.epoch = undefined;
    expect(await list(b.url, id)).toBe(404);
    expect(store.touches).toBe(touches + 1);
  });

  test("a copy is served without the store only within the store's padding after a confirmed touch", async () => {
    const store = new WatchedStore();
    const b = await serve(store);
    const id = (await rawInitialize(b.url)).sessionId!;
    expect(await list(b.url, id)).toBe(200);
    // A refresh that keeps failing leaves the last confirmed touch behind. Within a quarter idle timeout of it (the
    // TTL's padding) the copy still answers; past it, the request waits for the store, and the deleted session is gone.
    await store.delete(id);
    const live = b.sessions.get(id)!;
    live.touchedAt = Date.now() - 60_000 / 4 + 2_000;
    live.checking = new Promise(() => {});
    expect(await list(b.url, id)).toBe(200);
    live.checking = undefined;
    live.touchedAt = Date.now() - 60_000 / 4 - 1;
    expect(await list(b.url, id)).toBe(404);
  });

  test("an active session's TTL is refreshed in the background, at most once per eighth of the idle timeout, not per request", async () => {
    const idle = 1_000;
    const store = new WatchedStore();
    const b = await serve(store, { sessions: { idleTimeoutMs: idle, maxSessions: 10 } });
    const id = (await rawInitialize(b.url)).sessionId!;
    const touches = store.touches;
    let requests = 0;
    const started = Date.now();
    const until = started + idle * 2.5;
    while (Date.now() < until) {
      expect(await list(b.url, id)).toBe(200);
      requests++;
      await sleep(idle / 40);
    }
    const made = store.touches - touches;
    // Each touch is at least an eighth of the idle timeout after the last confirmed one, however slow the machine.
    expect(made).toBeGreaterThanOrEqual(2);
    expect(made).toBeLessThanOrEqual(Math.floor((Date.now() - started) / (idle / 8)) + 1);
    expect(made).toBeLessThan(requests);
    // The store saw the session in use recently enough that it outlived the two and a half idle timeouts.
    expect((await store.get(id))!.lastSeen).toBeGreaterThan(until - idle);
  });

  test("an enable-tools the store cannot save is a JSON-RPC error saying so, and the copy goes back to the stored set", async () => {
    const store = new WatchedStore();
    const b = await serve(store, { defaultMode: "dynamic" });
    const id = (await rawInitialize(b.url)).sessionId!;
    store.down = true;
    const response = await fetch(b.url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": id }, body: rpc(3, "tools/call", { name: "enable-tools", arguments: { tools: ["get_item"] } }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      jsonrpc: "2.0",
      id: 3,
      error: { code: -32000, message: "Service Unavailable: the session store cannot be reached, so the tool change was not saved; retry after 1 s", data: { retryAfterS: 1 } },
    });
    store.down = false;
    expect(await toolNames(b.url, id)).not.toContain("get_item");
    expect(await enable(b.url, id, "get_item")).toBe(200);
    expect(await toolNames(b.url, id)).toContain("get_item");
  });

  test("a tool change published while a copy is being read is not undone by that older read", async () => {
    const store = new WatchedStore();
    const a = await serve(store, { defaultMode: "dynamic" });
    const b = await serve(store, { defaultMode: "dynamic" });
    const id = (await rawInitialize(a.url)).sessionId!;
    expect(await toolNames(b.url, id)).not.toContain("get_item");
    // Both copies now distrust themselves: their next request touches and reads the session first.
    store.epoch = 1;
    const held = store.holdNextGet();
    const listing = toolNames(b.url, id);
    await held.read;
    // b has read the session without get_item; a enables it now and publishes the change to b's copy.
    expect(await enable(a.url, id, "get_item")).toBe(200);
    held.release();
    expect(await listing).toContain("get_item");
    expect(await toolNames(b.url, id)).toContain("get_item");
  });
});
