// Dynamic mode units (meta tool arguments, enable/disable outcomes) and chat resume over HTTP, on the small fixture bundle.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/client";
import { ANONYMOUS } from "../../../runtime/auth/caller.js";
import { createCatalog } from "../../../runtime/catalog.js";
import { requestContext, type SessionContext } from "../../../runtime/context.js";
import { disableTools, enableTools } from "../../../runtime/modes/enable.js";
import { checkMetaArgs, META_TOOLS } from "../../../runtime/modes/meta-tools.js";
import type { Session } from "../../../runtime/session/store.js";
import { connectHttp, envFor, makeBundle, rawInitialize, startGateway, startUpstream, TOOLS, type Upstream } from "./fixtures.js";

const catalog = createCatalog(TOOLS, ["alpha", "beta"]);
const session = (enabled: string[], apps: string[] | null = null): Session => ({ id: "s", mode: "dynamic", apps, enabled, owner: ANONYMOUS.subject, createdAt: 0, lastSeen: 0 });
/** One request of the session `s`, by the anonymous caller. */
const request = (s: Session) => requestContext(catalog, { mode: s.mode, apps: s.apps, session: s }, ANONYMOUS) as SessionContext;
const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe("checkMetaArgs", () => {
  test.each([
    ["search-tools", { query: "items" }, undefined],
    ["search-tools", { query: "items", limit: 5 }, undefined],
    ["search-tools", {}, /missing required argument "query"/],
    ["search-tools", { query: "  " }, /"query" must not be empty/],
    ["search-tools", { query: "x", limit: 0 }, /"limit" must be between 1 and 50/],
    ["search-tools", { query: "x", limit: 2.5 }, /"limit" must be an integer/],
    ["enable-tools", { tools: ["a"], replace: true }, undefined],
    ["enable-tools", { names: ["a"] }, /unknown argument "names"; allowed: tools, replace/],
    ["enable-tools", { tools: [] }, /at least one tool/],
    ["enable-tools", { tools: "a" }, /array of tool names/],
    ["enable-tools", { tools: ["a"], replace: "yes" }, /"replace" must be true or false/],
    ["disable-tools", { tools: ["a"] }, undefined],
    ["call-tool", { name: "a" }, undefined],
    ["call-tool", { name: "a", arguments: [] }, /"arguments" must be an object/],
    ["call-tool", { arguments: {} }, /missing required argument "name"/],
  ])("%s %j", (tool, args, problem) => {
    const got = checkMetaArgs(tool, args as Record<string, unknown>);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(problem);
  });

  test("every meta tool's schema is strict", () => {
    for (const tool of META_TOOLS) expect(tool.inputSchema).toMatchObject({ type: "object", additionalProperties: false });
  });
});

describe("enableTools / disableTools", () => {
  test.each([
    // [name, enabled before, apps, request, replace, enabled after, changed, isError, text]
    ["adds", [], null, ["get_item"], false, ["get_item"], true, false, /^enabled: get_item/],
    ["additive", ["get_item"], null, ["list_widgets"], false, ["get_item", "list_widgets"], true, false, /^enabled: list_widgets/],
    ["already on", ["get_item"], null, ["get_item"], false, ["get_item"], false, false, /^already enabled: get_item/],
    ["replace", ["get_item", "create_item"], null, ["list_widgets", "get_item"], true, ["get_item", "list_widgets"], true, false, /disabled \(replace\): create_item/],
    ["replace with only unknown names keeps the set", ["get_item"], null, ["nope"], true, ["get_item"], false, true, /unknown tool "nope"/],
    ["outside apps", [], ["beta"], ["get_item"], false, [], false, true, /belongs to app "alpha"/],
    ["typo", [], null, ["get_itme"], false, [], false, true, /did you mean "get_item"/],
  ])("%s", (_name, before, apps, names, replace, after, changed, isError, text) => {
    const s = session([...before], apps);
    const outcome = enableTools(catalog, request(s), names, replace);
    expect(s.enabled).toEqual(after);
    expect(outcome.changed).toBe(changed);
    expect(outcome.result.isError === true).toBe(isError);
    expect(textOf(outcome.result)).toMatch(text);
  });

  test("the result carries the input schemas of the requested tools", () => {
    const outcome = enableTools(catalog, request(session([])), ["get_item", "create_item"], false);
    const carried = JSON.parse(textOf(outcome.result).split("\n").at(-1)!) as Array<{ name: string; inputSchema: unknown }>;
    expect(carried).toEqual(["create_item", "get_item"].map((name) => expect.objectContaining({ name, inputSchema: TOOLS.find((t) => t.name === name)!.inputSchema })));
  });

  test.each([
    ["disables", ["get_item", "list_widgets"], ["get_item"], ["list_widgets"], true, /^disabled: get_item/],
    ["not enabled", ["get_item"], ["list_widgets"], ["get_item"], false, /^not enabled: list_widgets/],
    ["unknown", [], ["zzz"], [], false, /unknown tool "zzz"/],
  ])("disable: %s", (_name, before, names, after, changed, text) => {
    const s = session([...before]);
    const outcome = disableTools(catalog, request(s), names);
    expect(s.enabled).toEqual(after);
    expect(outcome.changed).toBe(changed);
    expect(textOf(outcome.result)).toMatch(text);
  });
});

describe("chat resume over HTTP", () => {
  let upstream: Upstream;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    upstream = await startUpstream();
    gateway = await startGateway(makeBundle(), envFor(upstream));
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  test.each([
    ["x-chat-id header", "", { "x-chat-id": "c-header" }],
    ["?chat= for clients that cannot set headers", "&chat=c-query", {}],
  ])("%s: the state comes back on a new session; the old one is ended", async (_name, query, headers) => {
    const first = await connectHttp(`${gateway.url}?mode=dynamic&apps=alpha${query}`, headers);
    await first.client.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
    const second = await connectHttp(`${gateway.url}?x=1${query}`, headers);
    expect((await second.client.listTools()).tools.map((t) => t.name)).toEqual([...META_TOOLS.map((t) => t.name), "get_item"]);
    const hidden = await second.client.callTool({ name: "enable-tools", arguments: { tools: ["list_widgets"] } });
    expect(textOf(hidden)).toContain('belongs to app "beta"');
    await expect(first.client.listTools()).rejects.toThrow();
    const chats = await (await fetch(`${gateway.url}/sessions`)).json();
    expect(Object.values(chats)).toContain(second.transport.sessionId);
    await second.client.close();
  });

  test.each(["", "x".repeat(201), "has space"])("x-chat-id %j → 400", async (chatId) => {
    const res = await rawInitialize(`${gateway.url}?chat=${encodeURIComponent(chatId)}`, chatId ? { "x-chat-id": chatId } : {});
    if (chatId === "") return expect(res.status).toBe(200);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toMatch(/x-chat-id/);
  });
});
