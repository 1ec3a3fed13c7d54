// Table tests for the small pieces: did-you-mean, mode/apps parsing, Origin policy, session store, catalog views.

import type { IncomingMessage } from "node:http";
import { describe, expect, test } from "vitest";
import { createCatalog } from "../../../runtime/catalog.js";
import { closestMatches } from "../../../runtime/shared/did-you-mean.js";
import { isLoopbackHost } from "../../../runtime/shared/loopback.js";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
import { parseApps, parseMode } from "../../../runtime/session/params.js";
import type { Session } from "../../../runtime/session/store.js";
import { checkOrigin } from "../../../runtime/transport/http-guard.js";
import { ProtocolErrorCode } from "@modelcontextprotocol/server";
import { createPrompts } from "../../../runtime/prompts.js";
import { thousands } from "../../../runtime/banner.js";
import { makeBundle, precompile, TOOLS } from "./fixtures.js";

const NAMES = ["issues_list_for_repo", "issues_create", "repos_get", "repos_list_for_org", "pulls_list"];

describe("closestMatches (did-you-mean for tool names)", () => {
  test.each([
    ["repos_gte", ["repos_get"]],
    ["issue_create", ["issues_create"]],
    ["pulls_list", ["pulls_list"]],
    ["list_for", ["repos_list_for_org", "issues_list_for_repo"]], // shorter (closer) names first,
    ["zzzzzzzz", []],
  ])("%s → %j", (name, want) => {
    expect(closestMatches(name, NAMES)).toEqual(want);
  });
  test("at most `limit` names", () => expect(closestMatches("issues", NAMES, 1)).toHaveLength(1));
});

describe("parseMode / parseApps", () => {
  test.each([
    ["static", true],
    ["dynamic", true],
    ["Static", false],
    ["", false],
  ])("mode %j ok=%s", (value, ok) => expect(parseMode(value, "--mode").ok).toBe(ok));

  test.each([
    ["beta,alpha", { ok: true, value: ["alpha", "beta"] }],
    ["alpha, alpha ,", { ok: true, value: ["alpha"] }],
    ["gamma", { ok: false, message: '?apps: unknown app "gamma"; known apps: alpha, beta' }],
    [",", { ok: false, message: "?apps: no app named; known apps: alpha, beta" }],
  ])("apps %j", (value, want) => expect(parseApps(value, ["alpha", "beta"], "?apps")).toEqual(want));
});

describe("checkOrigin", () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  const loopback = { loopbackBind: true, allowedOrigins: ["https://ok.example"] };
  const publicBind = { loopbackBind: false, allowedOrigins: [] };
  test.each([
    ["no origin", loopback, { host: "127.0.0.1:3000" }, true],
    ["localhost origin", loopback, { host: "localhost:3000", origin: "http://localhost:8080" }, true],
    ["[::1] host", loopback, { host: "[::1]:3000", origin: "http://[::1]:3000" }, true],
    ["listed origin", loopback, { host: "127.0.0.1:3000", origin: "https://ok.example" }, true],
    ["foreign origin", loopback, { host: "127.0.0.1:3000", origin: "https://evil.example" }, false],
    ["rebinding host", loopback, { host: "evil.example:3000", origin: "http://evil.example:3000" }, false],
    ["proxy keeping a listed host", loopback, { host: "ok.example" }, true],
    ["same host on a public bind", publicBind, { host: "mcp.example.com", origin: "https://mcp.example.com" }, true],
    ["other host on a public bind", publicBind, { host: "mcp.example.com", origin: "https://evil.example" }, false],
    ["garbage origin", publicBind, { host: "mcp.example.com", origin: "::" }, false],
  ])("%s → allowed=%s", (_name, policy, headers, allowed) => {
    expect(checkOrigin(req(headers), policy) === undefined).toBe(allowed);
  });
  test.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["::1", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["example.com", false],
  ])("isLoopbackHost(%s) = %s", (host, want) => expect(isLoopbackHost(host)).toBe(want));
});

describe("MemorySessionStore", () => {
  const make = (id: string, owner: string, lastSeen: number): Session => ({ id, mode: "dynamic", apps: null, enabled: [], owner, createdAt: 0, lastSeen });
  test("get/set/delete/touch/listByOwner/expire", async () => {
    const store = new MemorySessionStore();
    await store.set(make("a", "c1", 10));
    await store.set(make("b", "c2", 20));
    await store.set(make("c", "anonymous", 30));
    expect((await store.listByOwner("c1")).map((s) => s.id)).toEqual(["a"]);
    expect((await store.listByOwner("anonymous")).map((s) => s.id)).toEqual(["c"]);
    expect(await store.touch("a", 40)).toBe(true);
    expect(await store.touch("zz", 40)).toBe(false);
    expect(await store.expire(25)).toEqual(["b"]);
    expect(await store.get("b")).toBeUndefined();
    expect((await store.get("a"))?.lastSeen).toBe(40);
    await store.delete("a");
    expect(await store.get("a")).toBeUndefined();
    expect(await store.expire(100)).toEqual(["c"]);
  });

  test("holds copies: a change without set is not stored, and what get returns can be changed freely", async () => {
    const store = new MemorySessionStore();
    const session = make("a", "c1", 10);
    await store.set(session);
    session.enabled.push("get_item");
    expect((await store.get("a"))!.enabled).toEqual([]);
    const read = (await store.get("a"))!;
    read.enabled.push("list_widgets");
    expect((await store.get("a"))!.enabled).toEqual([]);
    expect((await store.listByOwner("c1"))[0]!.enabled).toEqual([]);
    await store.set(session);
    expect((await store.get("a"))!.enabled).toEqual(["get_item"]);
  });

  test("a set of a copy read before a touch keeps the touched lastSeen", async () => {
    const store = new MemorySessionStore();
    await store.set(make("a", "c1", 10));
    const stale = (await store.get("a"))!;
    expect(await store.touch("a", 50)).toBe(true);
    stale.enabled = ["get_item"];
    await store.set(stale);
    const now = (await store.get("a"))!;
    expect(now).toMatchObject({ enabled: ["get_item"], lastSeen: 50 });
    // So the sweep does not take it for idle.
    expect(await store.expire(40)).toEqual([]);
    // touch never moves it back either.
    await store.touch("a", 30);
    expect((await store.get("a"))!.lastSeen).toBe(50);
  });

  test("expire removes only what is idle when it runs, and says what it removed", async () => {
    const store = new MemorySessionStore();
    await store.set(make("a", "c1", 10));
    await store.set(make("b", "c1", 10));
    // Another replica touches b before this sweep runs: only a goes.
    await store.touch("b", 100);
    expect(await store.expire(50)).toEqual(["a"]);
    expect(await store.expire(50)).toEqual([]);
    expect((await store.listByOwner("c1")).map((s) => s.id)).toEqual(["b"]);
  });
});

describe("catalog", () => {
  test("lists are computed once per view and shared", () => {
    const catalog = createCatalog(TOOLS, ["alpha", "beta"]);
    const all = catalog.view(null);
    expect(catalog.list(catalog.view(["alpha"]))).toBe(catalog.list(catalog.view(["alpha"])));
    expect(catalog.list(all).map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect(catalog.list(catalog.view(["beta"])).map((t) => t.name)).toEqual(TOOLS.filter((t) => t.app === "beta").map((t) => t.name));
    expect(catalog.lookup("get_item", catalog.view(["beta"]))).toBeUndefined();
    expect(catalog.lookup("get_item", all)?.name).toBe("get_item");
    // Descriptors share the tool's schema object instead of copying it.
    expect(catalog.list(all)[0]!.inputSchema).toBe(TOOLS[0]!.inputSchema);
  });

  test.each([
    // [connection's ?apps=, caller's apps, visible apps]
    [null, null, null],
    [["alpha"], null, ["alpha"]],
    [null, ["beta"], ["beta"]],
    [["alpha", "beta"], ["beta"], ["beta"]],
    [["alpha"], ["beta"], []],
  ] as Array<[string[] | null, string[] | null, string[] | null]>)("view(%j) for a caller of %j sees %j", (asked, allowed, apps) => {
    const catalog = createCatalog(TOOLS, ["alpha", "beta"]);
    const view = catalog.view(asked, { apps: allowed, scopes: [] });
    expect(view.apps).toEqual(apps);
    expect(catalog.names(view)).toEqual(TOOLS.filter((t) => apps === null || apps.includes(t.app)).map((t) => t.name));
    // Equal views are one object, so their cached lists are shared across connections and callers.
    expect(catalog.view(apps, { apps: null, scopes: [] })).toBe(view);
  });
});

describe("createPrompts", () => {
  const prompts = createPrompts(makeBundle().gateway.prompts);
  test("list carries names, descriptions and arguments", () => {
    expect(prompts.list).toEqual([{ name: "triage", description: expect.any(String), arguments: [{ name: "repo", required: true }, { name: "label", required: false }] }]);
  });
  test.each([
    ["unknown prompt", "nope", { repo: "x" }, /unknown prompt "nope"; known prompts: triage/],
    ["missing required", "triage", { label: "bug" }, /missing required argument "repo"/],
    ["empty required", "triage", { repo: "" }, /missing required argument "repo"/],
  ])("%s → InvalidParams", (_name, prompt, args, message) => {
    expect(() => prompts.get(prompt, args)).toThrow(expect.objectContaining({ code: ProtocolErrorCode.InvalidParams, message: expect.stringMatching(message) }));
  });
  test("undeclared arguments are not passed to the template", async () => {
    const out = createPrompts([{ name: "p", arguments: [], messages: [{ role: "user", template: precompile("[{{secret}}]") }] }]);
    expect((await out.get("p", { secret: "x" })).messages[0]!.content).toEqual({ type: "text", text: "[]" });
    // Once the Handlebars runtime is loaded, a prompt renders in the request's own turn.
    expect(out.get("p", {})).not.toBeInstanceOf(Promise);
  });
});

describe("thousands", () => {
  test("prints a count as toLocaleString(\"en-US\") does", () => {
    for (const n of [0, 7, 42, 999, 1000, 1223, 10_000, 99_999, 123_456, 1_000_000, 12_345_678, Number.MAX_SAFE_INTEGER]) {
      expect(thousands(n), String(n)).toBe(n.toLocaleString("en-US"));
    }
  });
});
