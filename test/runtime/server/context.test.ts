// The request context: the caller travels from the transport through the SDK's authInfo to the handlers,
// views are the connection's apps ∩ the caller's, and requests without a session fit the same handlers.

import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CallToolResult, JSONRPCMessage, MessageExtraInfo } from "@modelcontextprotocol/server";
import { createAuthenticator } from "../../../runtime/auth/authenticate.js";
import { createStaticTokens, fingerprintOf } from "../../../runtime/auth/bearer.js";
import { ANONYMOUS, authInfoOf, bearerCaller, callerOf, type Caller } from "../../../runtime/auth/caller.js";
import { META_TOOLS } from "../../../runtime/modes/dynamic.js";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
import type { HttpGateway } from "../../../runtime/transport/http.js";
import { StdioTransport } from "../../../runtime/transport/stdio-transport.js";
import { connectHttp, TOOLS } from "./fixtures.js";
import { connectInMemory, serveHttp, serverContext } from "./server-context.js";

const TOKEN = "tok-context-0123456789";
const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe("Caller", () => {
  const check = (header: string) => createAuthenticator({ staticTokens: createStaticTokens([TOKEN]) })(header, new URL("http://127.0.0.1/mcp"), "http://127.0.0.1/mcp");

  test("a static bearer token's caller: bearer:<fingerprint>, unrestricted scopes and apps, no claims, never the token", async () => {
    const result = await check(`Bearer ${TOKEN}`);
    expect(result.ok).toBe(true);
    const caller = (result as { caller: Caller }).caller;
    const fingerprint = fingerprintOf(TOKEN);
    expect(caller).toEqual({ subject: `bearer:${fingerprint}`, fingerprint, scopes: null, apps: null, claims: {} });
    expect(JSON.stringify(caller)).not.toContain(TOKEN);
    expect(JSON.stringify(authInfoOf(caller))).not.toContain(TOKEN);
    expect(authInfoOf(caller)).toMatchObject({ token: fingerprint, clientId: caller.subject, scopes: [] });
    // The same token gives the same caller object, so its authInfo is built once.
    expect(((await check(`Bearer ${TOKEN}`)) as { caller: Caller }).caller).toEqual(caller);
  });

  test("callerOf reads the caller back from authInfo, and refuses a request that carries none", () => {
    const caller = bearerCaller("0123456789abcdef");
    expect(callerOf({ authInfo: authInfoOf(caller) })).toBe(caller);
    expect(callerOf({ authInfo: authInfoOf(ANONYMOUS) })).toBe(ANONYMOUS);
    expect(() => callerOf({})).toThrow(/without a caller/);
    expect(() => callerOf({ authInfo: { token: "t", clientId: "c", scopes: [] } })).toThrow(/without a caller/);
  });

  test("stdio hands every message the anonymous caller", async () => {
    const stdin = new PassThrough();
    const transport = new StdioTransport(stdin, new PassThrough());
    const received: Array<[JSONRPCMessage, MessageExtraInfo | undefined]> = [];
    transport.onmessage = (message, extra) => void received.push([message, extra]);
    await transport.start();
    stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(1);
    expect(callerOf(received[0]![1]!)).toBe(ANONYMOUS);
  });
});

describe("over HTTP the handlers see the request's caller, not the session's", () => {
  const ctx = serverContext();
  let gateway: HttpGateway;
  beforeAll(async () => {
    gateway = await serveHttp(ctx, new MemorySessionStore(), { auth: { authenticate: createAuthenticator({ staticTokens: createStaticTokens([TOKEN]) }), scopesSupported: [] } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  test("tools/list and tools/call carry the bearer caller and the session", async () => {
    const { client, transport } = await connectHttp(gateway.url, { authorization: `Bearer ${TOKEN}` });
    ctx.seen.length = 0;
    await client.listTools();
    await client.callTool({ name: "get_item", arguments: { id: "1" } });
    expect(ctx.seen).toHaveLength(2);
    for (const request of ctx.seen) {
      expect(request.caller.subject).toBe(`bearer:${fingerprintOf(TOKEN)}`);
      expect(request.session?.id).toBe(transport.sessionId);
      expect(request.session?.owner).toBe(request.caller.subject);
      expect(request.view.apps).toBeNull();
      expect(JSON.stringify(request)).not.toContain(TOKEN);
    }
    await client.close();
  });
});

describe("requests without a session", () => {
  const ctx = serverContext();

  test("static mode lists and calls every tool with no session at all", async () => {
    const client = await connectInMemory(ctx, { mode: "static", apps: null }, ANONYMOUS);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    const result = await client.callTool({ name: "get_item", arguments: { id: "1" } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe("called get_item");
    await client.close();
  });

  test("dynamic mode lists the meta tools and searches; enable-tools explains that it needs a session", async () => {
    const client = await connectInMemory(ctx, { mode: "dynamic", apps: null }, ANONYMOUS);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(META_TOOLS.map((t) => t.name));
    const found = await client.callTool({ name: "search-tools", arguments: { query: "widgets" } });
    expect(found.isError).toBeFalsy();
    expect(textOf(found)).toContain("list_widgets");
    for (const [name, args] of [
      ["enable-tools", { tools: ["get_item"] }],
      ["disable-tools", { tools: ["get_item"] }],
      ["call-tool", { name: "get_item", arguments: { id: "1" } }],
      ["get_item", { id: "1" }],
    ] as const) {
      const refused = await client.callTool({ name, arguments: args });
      expect(refused.isError, name).toBe(true);
      expect(textOf(refused), name).toMatch(/needs a session.*static mode/);
    }
    await client.close();
  });

  test("a request whose transport passed no caller is refused, not served as anonymous", async () => {
    const client = await connectInMemory(ctx, { mode: "static", apps: null }, undefined);
    await expect(client.listTools()).rejects.toThrow(/without a caller/);
    await client.close();
  });
});

describe("views: the connection's apps ∩ the caller's", () => {
  const ctx = serverContext();
  const betaOnly: Caller = Object.freeze({ subject: "test:beta-only", scopes: [], apps: ["beta"], claims: {} });

  test("a caller limited to some apps sees and calls only those, whatever the connection asked for", async () => {
    const client = await connectInMemory(ctx, { mode: "static", apps: null }, betaOnly);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["list_widgets"]);
    expect((await client.callTool({ name: "list_widgets", arguments: {} })).isError).toBeFalsy();
    const hidden = await client.callTool({ name: "get_item", arguments: { id: "1" } });
    expect(hidden.isError).toBe(true);
    // Not even the app it belongs to is named: the caller may not see it.
    expect(textOf(hidden)).toMatch(/^unknown tool "get_item"/);
    expect(textOf(hidden)).not.toContain("alpha");
    await client.close();
  });

  test("the same caller on a connection that asked for another app sees nothing of it", async () => {
    const client = await connectInMemory(ctx, { mode: "static", apps: ["alpha"] }, betaOnly);
    expect((await client.listTools()).tools).toEqual([]);
    await client.close();
  });

  test("an unrestricted caller is told which app to select for a tool outside ?apps=", async () => {
    const client = await connectInMemory(ctx, { mode: "static", apps: ["beta"] }, ANONYMOUS);
    const hidden = await client.callTool({ name: "get_item", arguments: { id: "1" } });
    expect(textOf(hidden)).toContain('belongs to app "alpha"');
    await client.close();
  });
});
