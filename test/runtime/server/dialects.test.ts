// runtime/dialects.ts: the way back from a dialect's arguments to portable ones (reverseArguments), the client-name
// globs, the bundle's dialect data read back exactly, and the catalog's lists per dialect.
import { afterEach, describe, expect, test } from "vitest";
import { dialectDataComment } from "../../../generator/bundle-entry.js";
import { createCatalog } from "../../../runtime/catalog.js";
import type { DialectReverse, GatewayRuntime, JsonSchema, Tool } from "../../../runtime/contract.js";
import { reverseArguments } from "../../../runtime/dialect-arguments.js";
import { createDialects, unpackDialectData } from "../../../runtime/dialects.js";
import { parseDialect } from "../../../runtime/session/params.js";
import { parseArgs } from "../../../runtime/main-args.js";
import { MemorySessionStore } from "../../../runtime/session/memory.js";
import type { HttpGateway } from "../../../runtime/transport/http.js";
import { connectHttp, MCP_HEADERS } from "./fixtures.js";
import { serveHttp, serverContext } from "./server-context.js";

const BOTH: DialectReverse[] = ["drop-optional-nulls", "parse-json-objects"];

const SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    name: { type: ["string", "null"] },
    note: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    items: { type: "array", items: { type: "object", properties: { id: { type: "integer" }, memo: { type: "string" } }, required: ["id"] } },
    meta: { anyOf: [{ type: "object", additionalProperties: true }, { type: "string", enum: [""] }] },
    tree: { $ref: "#/$defs/node" },
  },
  required: ["name"],
  $defs: { node: { type: "object", properties: { leaf: { type: "string" }, child: { $ref: "#/$defs/node" } } } },
};

describe("reverseArguments", () => {
  test.each<[string, DialectReverse[], unknown, unknown]>([
    ["nothing to undo: the same object", BOTH, { name: "a" }, { name: "a" }],
    ["an optional property's null is dropped", BOTH, { name: "a", note: null }, { name: "a" }],
    ["a required property's null stays (validation judges it)", BOTH, { name: null }, { name: null }],
    ["nulls are kept without drop-optional-nulls", ["parse-json-objects"], { name: "a", note: null }, { name: "a", note: null }],
    ["a map sent as JSON text is parsed", BOTH, { name: "a", labels: '{"x":"1"}' }, { name: "a", labels: { x: "1" } }],
    ["text that is not a JSON object stays text", BOTH, { name: "a", labels: "[1]" }, { name: "a", labels: "[1]" }],
    ["inside array items", BOTH, { name: "a", items: [{ id: 1, memo: null }, { id: 2 }] }, { name: "a", items: [{ id: 1 }, { id: 2 }] }],
    ["a union with an object branch: JSON text of an object is parsed, other strings kept", BOTH, { name: "a", meta: '{"k":"v"}' }, { name: "a", meta: { k: "v" } }],
    ["the union's plain string stays", BOTH, { name: "a", meta: "" }, { name: "a", meta: "" }],
    ["through $refs, recursively", BOTH, { name: "a", tree: { leaf: null, child: { leaf: "x", child: null } } }, { name: "a", tree: { child: { leaf: "x" } } }],
    ["unknown keys are left for validation", BOTH, { name: "a", extra: null }, { name: "a", extra: null }],
  ])("%s", (_, steps, args, want) => {
    const before = structuredClone(args);
    const out = reverseArguments(args, SCHEMA, steps);
    expect(out).toEqual(want);
    expect(args).toEqual(before);
    if (JSON.stringify(want) === JSON.stringify(args)) expect(out).toBe(args);
  });
});

test("client-name globs: * matches any run, the whole name, the first dialect in name order wins", () => {
  const dialects = createDialects(
    [
      { name: "openai-strict", clients: ["*codex*"], reverse: BOTH },
      { name: "gemini", clients: ["gemini-cli*", "Gemini.App"], reverse: ["parse-json-objects"] },
    ],
    () => new Map(),
  );
  expect(dialects.names).toEqual(["gemini", "openai-strict"]);
  expect(dialects.byClient).toBe(true);
  expect(createDialects([{ name: "gemini", clients: [], reverse: [] }], () => new Map()).byClient).toBe(false);
  expect(["gemini-cli", "gemini-cli-mcp-client", "Gemini.App", "my-codex-cli", "GeminiXApp", "claude-code", undefined].map((n) => dialects.forClient(n))).toEqual([
    "gemini",
    "gemini",
    "gemini",
    "openai-strict",
    null,
    null,
    null,
  ]);
});

test("parseDialect: a known name, portable, or an error naming both", () => {
  expect(parseDialect("gemini", ["gemini"], "?dialect")).toEqual({ ok: true, value: "gemini" });
  expect(parseDialect("portable", [], "?dialect")).toEqual({ ok: true, value: null });
  expect(parseDialect("x", [], "--dialect")).toEqual({ ok: false, message: '--dialect: unknown dialect "x"; this server offers none (dialects: in gateway.yaml); known: portable' });
});

test("--dialect and GATEWAY_DIALECT: stdio's, checked against gateway.yaml's dialects; --dialect without --stdio is a usage error", () => {
  const gateway = { server: { http: { host: "127.0.0.1", port: 3000, path: "/mcp" } }, mode: "static", dialects: [{ name: "gemini", clients: [], reverse: [] }] } as unknown as GatewayRuntime;
  expect(parseArgs(["--stdio", "--dialect", "gemini"], gateway, []).dialect).toBe("gemini");
  expect(parseArgs(["--stdio", "--dialect=portable"], gateway, [], { GATEWAY_DIALECT: "gemini" }).dialect).toBe(null);
  expect(parseArgs(["--stdio"], gateway, [], { GATEWAY_DIALECT: "gemini" }).dialect).toBe("gemini");
  expect(parseArgs(["--stdio"], gateway, []).dialect).toBeUndefined();
  expect(parseArgs([], gateway, [], { GATEWAY_DIALECT: "gemini" }).dialect).toBeUndefined();
  expect(() => parseArgs(["--dialect", "gemini"], gateway, [])).toThrow("--dialect applies to --stdio; an HTTP client asks for a dialect with ?dialect=<name>");
  expect(() => parseArgs(["--stdio"], gateway, [], { GATEWAY_DIALECT: "openai" })).toThrow('GATEWAY_DIALECT: unknown dialect "openai"; known dialects: gemini, portable');
});

describe("bundle data and catalog", () => {
  const tool = (name: string, inputSchema: JsonSchema): Tool =>
    ({ name, app: "a", description: `${name}\ttab`, annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true }, inputSchema, scopes: [], request: { kind: "http", method: "GET", path: "/", params: {} } }) as unknown as Tool;
  const portable = { type: "object" as const, properties: { q: { type: "string", description: "*/ and ~ and é" } } };
  const strict = { type: "object" as const, properties: { q: { type: ["string", "null"], description: "*/ and ~ and é" } }, required: ["q"], additionalProperties: false };

  test("the data comment reads back exactly", () => {
    const comment = dialectDataComment({ dialects: { "openai-strict": { t1: strict }, gemini: {} } });
    expect(comment).not.toMatch(/\*\/[\s\S]/);
    const data = unpackDialectData(`function () { return ${comment}; }`)();
    expect([...data.keys()]).toEqual(["openai-strict", "gemini"]);
    expect(JSON.parse(data.get("openai-strict")!.get("t1")!)).toEqual(strict);
  });

  test("a view in a dialect lists its schemas (object and JSON lists), the portable view is untouched", () => {
    const dialects = createDialects([{ name: "openai-strict", clients: [], reverse: BOTH }], () => new Map([["openai-strict", new Map([["t1", JSON.stringify(strict)]])]]));
    const catalog = createCatalog([tool("t1", portable)], ["a"], dialects);
    const [plain, inStrict] = [catalog.view(null), catalog.view(null, undefined, "openai-strict")];
    expect(plain.key).not.toBe(inStrict.key);
    expect(catalog.list(plain)[0]!.inputSchema).toEqual(portable);
    expect(catalog.list(inStrict)[0]!.inputSchema).toEqual(strict);
    expect(JSON.parse(catalog.listJson(inStrict).text)[0].inputSchema).toEqual(strict);
    expect(catalog.descriptor(catalog.tools[0]!, inStrict).inputSchema).toEqual(strict);
    expect(catalog.lookup("t1", inStrict)).toBe(catalog.tools[0]);
  });
});

describe("a 2025 session keeps its dialect in the store", () => {
  const open: HttpGateway[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((g) => g.close()));
  });
  const strictWidgets = { type: "object", properties: { limit: { type: ["integer", "null"] } }, required: ["limit"], additionalProperties: false };
  const dialects = () => createDialects([{ name: "openai-strict", clients: [], reverse: BOTH }], () => new Map([["openai-strict", new Map([["list_widgets", JSON.stringify(strictWidgets)]])]]));

  test("asked for on one replica, served by another that rebuilds the session from the store", async () => {
    const store = new MemorySessionStore();
    for (let i = 0; i < 2; i++) open.push(await serveHttp(serverContext(dialects()), store, { dialects: ["openai-strict"] }));
    const [a, b] = open;
    const { client, transport } = await connectHttp(`${a!.url}?dialect=openai-strict`);
    const id = transport.sessionId!;
    expect((await store.get(id))!.dialect).toBe("openai-strict");
    expect((await client.listTools()).tools.find((t) => t.name === "list_widgets")!.inputSchema).toEqual(strictWidgets);
    const response = await fetch(b!.url, { method: "POST", headers: { ...MCP_HEADERS, "mcp-session-id": id }, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} }) });
    const text = await response.text();
    const message = JSON.parse(text.startsWith("{") ? text : text.slice(text.indexOf("data: ") + 6).split("\n")[0]!) as { result: { tools: { name: string; inputSchema: unknown }[] } };
    expect(message.result.tools.find((t) => t.name === "list_widgets")!.inputSchema).toEqual(strictWidgets);
    await client.close();
  });

  test("a session that asked for none stores none", async () => {
    const store = new MemorySessionStore();
    const gateway = await serveHttp(serverContext(dialects()), store, { dialects: ["openai-strict"] });
    open.push(gateway);
    const { client, transport } = await connectHttp(gateway.url);
    expect("dialect" in (await store.get(transport.sessionId!))!).toBe(false);
    await client.close();
  });
});
