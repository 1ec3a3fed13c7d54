// SIGTERM drains (main calls close()): no new connections, the calls in flight finish, then GET streams end.
import { expect, test } from "vitest";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
import { MCP_HEADERS, rawInitialize } from "./fixtures.js";
import { serveHttp, serverContext } from "./server-context.js";

test("close() lets a call in flight finish, refuses new connections, and ends the GET stream", async () => {
  const ctx = serverContext();
  const plain = ctx.modes.static;
  ctx.modes.static = { list: plain.list, call: async (...args) => (await new Promise((r) => setTimeout(r, 300)), plain.call(...args)) };
  const gateway = await serveHttp(ctx, new MemorySessionStore());
  const id = (await rawInitialize(gateway.url)).sessionId!;
  const stream = await fetch(gateway.url, { headers: { accept: "text/event-stream", "mcp-session-id": id } });
  const streamEnded = stream.text();
  const call = fetch(gateway.url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": id }, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "get_item", arguments: { id: "1" } } }) });
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  const closed = gateway.close(5_000);
  await new Promise((r) => setTimeout(r, 20));
  await expect(fetch(gateway.url, { method: "POST", headers: MCP_HEADERS, body: "{}" })).rejects.toThrow();
  const answer = await call;
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain("called get_item");
  await closed;
  await streamEnded;
  expect(Date.now() - started).toBeLessThan(2_000);
});
