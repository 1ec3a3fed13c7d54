// End to end over Streamable HTTP: SDK client → in-process gateway → loopback recording upstream.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/client";
import { META_TOOLS } from "../../../runtime/modes/dynamic.js";
import { listedAnnotations } from "../../../runtime/shared/listed-annotations.js";
import { parseSearchText } from "../../support/search-text.js";
import { connectHttp, envFor, makeBundle, startGateway, startUpstream, TOOLS, type Upstream } from "./fixtures.js";

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

const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe("static mode over HTTP", () => {
  test("tools/list returns every tool with its descriptor fields", async () => {
    const { client } = await connectHttp(gateway.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    const get = tools.find((t) => t.name === "get_item")!;
    const source = TOOLS.find((t) => t.name === "get_item")!;
    expect(get).toMatchObject({ title: source.title, description: source.description, inputSchema: source.inputSchema, annotations: listedAnnotations(source.annotations) });
    await client.close();
  });

  test("tools/call reaches the upstream with path, body and app auth", async () => {
    const { client } = await connectHttp(gateway.url);
    const before = upstream.requests.length;
    const got = await client.callTool({ name: "get_item", arguments: { id: "a/b" } });
    expect(got.isError).toBeFalsy();
    const created = await client.callTool({ name: "create_item", arguments: { name: "Ada" } });
    expect(created.isError).toBeFalsy();
    const [first, second] = upstream.requests.slice(before);
    expect(first).toMatchObject({ method: "GET", url: "/alpha/items/a%2Fb" });
    expect(first!.headers.authorization).toBe(`Bearer ${envFor(upstream).ALPHA_TOKEN}`);
    expect(second).toMatchObject({ method: "POST", url: "/alpha/items" });
    expect(JSON.parse(second!.body)).toEqual({ name: "Ada" });
    expect(JSON.parse(textOf(got))).toMatchObject({ method: "GET", url: "/alpha/items/a%2Fb" });
    await client.close();
  });

  test.each([
    ["get_itme", "get_item"],
    ["list_widget", "list_widgets"],
  ])("unknown tool %s → isError naming %s", async (wrong, right) => {
    const { client } = await connectHttp(gateway.url);
    const result = await client.callTool({ name: wrong, arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`"${wrong}"`);
    expect(textOf(result)).toContain(`"${right}"`);
    expect(textOf(result)).not.toMatch(/\n\s+at /);
    await client.close();
  });

  test("?apps= narrows the list and hides other apps' tools from calls", async () => {
    const { client } = await connectHttp(`${gateway.url}?apps=beta`);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.filter((t) => t.app === "beta").map((t) => t.name));
    const hidden = await client.callTool({ name: "get_item", arguments: { id: "1" } });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toContain('app "alpha"');
    await client.close();
  });
});

describe("prompts", () => {
  test("prompts/list and prompts/get render the precompiled template", async () => {
    const { client } = await connectHttp(gateway.url);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["triage"]);
    const plain = await client.getPrompt({ name: "triage", arguments: { repo: "octo/hello" } });
    expect(plain.messages[0]).toEqual({ role: "user", content: { type: "text", text: "Triage the open issues in octo/hello." } });
    const labelled = await client.getPrompt({ name: "triage", arguments: { repo: "o/r", label: "bug" } });
    expect((labelled.messages[0]!.content as { text: string }).text).toBe("Triage the open issues in o/r labelled bug.");
    await client.close();
  });

  test("a missing required argument is InvalidParams naming it", async () => {
    const { client } = await connectHttp(gateway.url);
    await expect(client.getPrompt({ name: "triage", arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('"repo"') });
    await client.close();
  });
});

describe("dynamic mode", () => {
  test("meta tools first; enable-tools adds tools and sends one list_changed; call-tool runs enabled tools only", async () => {
    const { client } = await connectHttp(`${gateway.url}?mode=dynamic`);
    const first = await client.listTools();
    expect(first.tools.map((t) => t.name)).toEqual(META_TOOLS.map((t) => t.name));
    let changed = 0;
    client.setNotificationHandler("notifications/tools/list_changed", () => void changed++);
    const found = await client.callTool({ name: "search-tools", arguments: { query: "widgets" } });
    expect(parseSearchText(textOf(found))[0]).toEqual({ name: "list_widgets", enabled: false });
    const enabled = await client.callTool({ name: "enable-tools", arguments: { tools: ["list_widgets", "get_item", "nope_tool"] } });
    expect(textOf(enabled)).toContain("enabled: get_item, list_widgets");
    expect(textOf(enabled)).toContain('unknown tool "nope_tool"');
    // The notification travels on the call's own response stream, so it has arrived with the result.
    expect(changed).toBe(1);
    const second = await client.listTools();
    expect(second.tools.map((t) => t.name)).toEqual([...META_TOOLS.map((t) => t.name), "get_item", "list_widgets"]);
    const viaFallback = await client.callTool({ name: "call-tool", arguments: { name: "get_item", arguments: { id: "7" } } });
    expect(viaFallback.isError).toBeFalsy();
    const notEnabled = await client.callTool({ name: "call-tool", arguments: { name: "create_item", arguments: { name: "x" } } });
    expect(notEnabled.isError).toBe(true);
    expect(textOf(notEnabled)).toMatch(/not enabled.*enable-tools/);
    expect(changed).toBe(1);
    await client.close();
  });
});
