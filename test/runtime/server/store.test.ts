// Session state lives in the store, not in the live objects: every change is saved, touches are never rolled
// back by a save, and sweeps on replicas sharing one store end only what is really idle.

import { afterEach, describe, expect, test } from "vitest";
import { META_TOOLS } from "../../../runtime/modes/dynamic.js";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
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
    await sleep(20);
    await client.listTools();
    const touched = (await store.get(id))!.lastSeen;
    expect(touched).toBeGreaterThan(opened);
    // The server's working copy still says `opened`; saving it must not move lastSeen back.
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
    const later = Date.now() + 60_000 + 1_000;
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

  test("a request to a session the store no longer holds is a 404 at once, without waiting for a sweep", async () => {
    const store = new MemorySessionStore();
    const b = await serve(store);
    const id = (await rawInitialize(b.url)).sessionId!;
    await store.delete(id);
    expect(await list(b.url, id)).toBe(404);
    expect(b.sessions.get(id)).toBeUndefined();
  });
});
