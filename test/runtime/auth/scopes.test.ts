// runtime/auth/scopes.ts, and what the modes make of it where no HTTP status can be sent (stdio, or a request
// the router let through): tools the caller's scopes do not cover are left out of lists, search and enable-tools,
// and calling one is an isError result naming the missing scopes.
import { describe, expect, test } from "vitest";
import { bearerCaller, type Caller } from "../../../runtime/auth/caller.js";
import { calledToolName, canCall, forbiddenApps, insufficientScopeChallenge, missingScopes, missingScopesMessage } from "../../../runtime/auth/scopes.js";
import { createCatalog } from "../../../runtime/catalog.js";
import { requestContext } from "../../../runtime/context.js";
import type { HttpTool } from "../../../runtime/contract.js";
import { createDynamicMode } from "../../../runtime/modes/dynamic.js";
import { textResult, type CallExtras, type Invoke } from "../../../runtime/modes/mode.js";
import { createStatelessDynamicMode } from "../../../runtime/modes/stateless-dynamic.js";
import { createStatelessStaticMode } from "../../../runtime/modes/static.js";
import { ToolSearch } from "../../../runtime/search/index.js";
import type { Session } from "../../../runtime/session/store.js";
import { makeBundle, TOOLS } from "../server/fixtures.js";

const grant = (scopes: string[] | null) => ({ scopes });

describe("missingScopes / canCall", () => {
  test.each<[string, { caller: string[] | null; tool: string[] }, string[]]>([
    ["unrestricted caller", { caller: null, tool: ["mcp:write"] }, []],
    ["holds it", { caller: ["mcp:read", "mcp:write"], tool: ["mcp:write"] }, []],
    ["lacks it", { caller: ["mcp:read"], tool: ["mcp:write"] }, ["mcp:write"]],
    ["lacks one of two, sorted", { caller: ["mcp:write"], tool: ["shop:admin", "mcp:write", "a:b"] }, ["a:b", "shop:admin"]],
    ["a tool that needs nothing", { caller: [], tool: [] }, []],
    ["no scopes at all", { caller: [], tool: ["mcp:read"] }, ["mcp:read"]],
  ])("%s", (_, { caller, tool }, want) => {
    expect(missingScopes(grant(caller), { scopes: tool })).toEqual(want);
    expect(canCall(grant(caller), { scopes: tool })).toBe(want.length === 0);
  });
});

describe("forbiddenApps", () => {
  test.each<[string[] | null, string[], string[]]>([
    [null, ["a", "b"], []],
    [["a"], ["a"], []],
    [["a"], ["a", "b"], ["b"]],
    [[], ["a"], ["a"]],
  ])("caller %j asking %j → %j", (apps, asked, want) => expect(forbiddenApps({ apps }, asked)).toEqual(want));
});

test("the step-up challenge names every scope and the metadata URL (RFC 6750 §3.1)", () => {
  expect(insufficientScopeChallenge(["mcp:write", "shop:admin"], "https://mcp.example.com/.well-known/oauth-protected-resource/mcp")).toBe(
    'Bearer error="insufficient_scope", scope="mcp:write shop:admin", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
  );
  expect(missingScopesMessage({ name: "x", scopes: ["a", "b"] }, ["b"])).toBe('tool "x" needs the scope b, which this caller\'s credential does not grant; it can be called only with a token granting a b');
});

describe("calledToolName", () => {
  test.each<[string, unknown, string | undefined]>([
    ["tools/call", { method: "tools/call", params: { name: "get_item" } }, "get_item"],
    ["call-tool names its target", { method: "tools/call", params: { name: "call-tool", arguments: { name: "create_item" } } }, "create_item"],
    ["call-tool without a target", { method: "tools/call", params: { name: "call-tool", arguments: {} } }, undefined],
    ["tools/list", { method: "tools/list" }, undefined],
    ["a notification", { method: "notifications/initialized" }, undefined],
    ["not an object", null, undefined],
    ["a name that is not a string", { method: "tools/call", params: { name: 3 } }, undefined],
  ])("%s", (_, message, want) => expect(calledToolName(message)).toBe(want));
});

// The fixture tools with the scopes the generator gives them by default.
const SCOPED: HttpTool[] = TOOLS.map((tool) => ({ ...tool, scopes: tool.annotations.readOnlyHint ? ["mcp:read"] : ["mcp:write"] }));
const catalog = createCatalog(SCOPED, ["alpha", "beta"]);
const invoke: Invoke = async (tool) => textResult(`called ${tool.name}`);
const search = new ToolSearch(makeBundle().searchIndex);
const extras: CallExtras = { signal: new AbortController().signal, toolsChanged: async () => {} };
const reader: Caller = bearerCaller("reader", ["mcp:read"]);
const writer: Caller = bearerCaller("writer", ["mcp:read", "mcp:write"]);
const text = (result: { content: unknown[] }) => (result.content[0] as { text: string }).text;

describe("the catalog's views by scope", () => {
  test("a reader's view leaves out the write tool; views are shared by callers with equal grants", () => {
    const view = catalog.view(null, reader);
    expect(catalog.names(view)).toEqual(["get_item", "list_widgets"]);
    expect(catalog.view(null, bearerCaller("other", ["mcp:read"]))).toBe(view);
    expect(catalog.names(catalog.view(null, writer))).toEqual(["create_item", "get_item", "list_widgets"]);
    expect(catalog.names(catalog.view(null))).toEqual(["create_item", "get_item", "list_widgets"]);
  });
});

describe("without an HTTP status: isError naming the missing scopes", () => {
  test("static mode (the stateless era's, and the session era's call path)", async () => {
    const mode = createStatelessStaticMode(catalog, invoke);
    const request = requestContext(catalog, { mode: "static", apps: null }, reader);
    expect(mode.list(request).map((t) => t.name)).toEqual(["get_item", "list_widgets"]);
    const refused = await mode.call(request, "create_item", { name: "x" }, extras);
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/"create_item" needs the scope mcp:write/);
    expect(text(await mode.call(request, "get_item", { id: "1" }, extras))).toBe("called get_item");
  });

  test("stateless dynamic: search leaves it out, call-tool refuses it", async () => {
    const mode = createStatelessDynamicMode(catalog, invoke, search);
    const request = requestContext(catalog, { mode: "dynamic", apps: null }, reader);
    expect(text(await mode.call(request, "search-tools", { query: "item" }, extras))).not.toContain("create_item");
    const refused = await mode.call(request, "call-tool", { name: "create_item", arguments: {} }, extras);
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/needs the scope mcp:write/);
  });

  test("dynamic with a session: enable-tools says the tool cannot be enabled and why", async () => {
    const mode = createDynamicMode(catalog, invoke, search);
    const session: Session = { id: "s", mode: "dynamic", apps: null, enabled: [], owner: reader.subject, createdAt: 0, lastSeen: 0 };
    const request = requestContext(catalog, { mode: "dynamic", apps: null, session }, reader);
    const result = await mode.call(request, "enable-tools", { tools: ["create_item"] }, extras);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/"create_item" needs the scope mcp:write/);
    expect(session.enabled).toEqual([]);
    expect(text(await mode.call(request, "search-tools", { query: "create item" }, extras))).not.toContain("create_item");
  });

  test("a tool of an app the caller may not use stays unknown, scopes or not", async () => {
    const betaReader = bearerCaller("beta-reader", ["mcp:read"], ["beta"]);
    const mode = createStatelessStaticMode(catalog, invoke);
    const result = await mode.call(requestContext(catalog, { mode: "static", apps: null }, betaReader), "create_item", {}, extras);
    expect(text(result)).toMatch(/^unknown tool "create_item"/);
  });
});
