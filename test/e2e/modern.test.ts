// The 2026-07-28 era (stateless) end to end, with the v2 SDK Client pinned to it: a small two-app gateway built
// with `gateway build`, its bundled server started over HTTP and over stdio against a recording upstream.
// Both transports: server/discover, tools/list (cache hints, order, the same tools as the 2025 era), tools/call to
// the upstream, upstream errors, and dynamic mode's fixed pair of meta tools. HTTP: ?apps=, no Mcp-Session-Id, the
// entry's header and envelope rules on raw requests, Host/Origin and bearer auth, two replicas with no shared
// state, and 2025 clients (v2 auto, v2 default, v1) on the same endpoint. stdio: the first message pins the era.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { Client, SdkErrorCode, StreamableHTTPClientTransport, type FetchLike, type JSONRPCMessage } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject, type Project } from "../support/project.js";
import { SDK_CLIENTS, startHttpServer, textOf, type HttpServer, type SdkClient } from "../support/server.js";
import { startUpstream, type RecordedRequest, type Upstream } from "../support/upstream.js";

// ─── The gateway under test ─────────────────────────────────────────────────────────────────────────────────────

const SHOP = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items": {
      get: {
        operationId: "listItems",
        summary: "List the items in the shop",
        parameters: [
          { name: "q", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer" } },
        ],
        responses: { "200": { description: "ok" } },
      },
      post: {
        operationId: "createItem",
        summary: "Create an item in the shop",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, price: { type: "number" } } } } },
        },
        responses: { "201": { description: "created" } },
      },
    },
    "/items/{id}": {
      get: {
        operationId: "getItem",
        summary: "Get one item of the shop by id",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok" } },
      },
    },
  },
});

const CRM = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "CRM", version: "1.0.0" },
  paths: {
    "/contacts/{contactId}": {
      get: {
        operationId: "getContact",
        summary: "Get a contact of the CRM",
        parameters: [{ name: "contactId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok" } },
      },
    },
    "/contacts/{contactId}/notes": {
      post: {
        operationId: "addNote",
        summary: "Add a note to a contact",
        parameters: [{ name: "contactId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["text"], properties: { text: { type: "string" } } } } } },
        responses: { "201": { description: "created" } },
      },
    },
  },
});

/** Two apps (so ?apps= has something to leave out) and a prompt; `auth` adds inbound bearer tokens. */
const config = (auth: boolean) => `name: e2e-modern
version: 3.1.4
${auth ? 'server:\n  auth: { bearer: { tokens: ["${GATEWAY_TOKEN}"] } }\n' : ""}apps:
  shop:
    title: Shop
    openapi: specs/shop.json
    auth: { type: bearer, token: "\${SHOP_TOKEN}" }
  crm:
    openapi: specs/crm.json
prompts:
  triage:
    description: Triage a contact
    arguments: [{ name: contact, required: true }]
    messages: [{ role: user, template: "Triage {{contact}}." }]
`;

const GATEWAY_TOKEN = "gateway-token-0123456789abcdef";
const SERVER_INFO = { name: "e2e-modern", version: "3.1.4" };
const ALL_TOOLS = ["add_note", "get_contact", "create_item", "get_item", "list_items"];
const SHOP_TOOLS = ["create_item", "get_item", "list_items"];
const DYNAMIC_TOOLS = ["search-tools", "call-tool"];

// ─── Protocol constants ─────────────────────────────────────────────────────────────────────────────────────────

const MODERN = "2026-07-28";
const PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
const CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
const CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
const SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
/** The per-request `_meta` envelope of the modern era. */
const ENVELOPE = { [PROTOCOL_VERSION]: MODERN, [CLIENT_CAPABILITIES]: {}, [CLIENT_INFO]: { name: "raw-e2e", version: "1.0.0" } };
const PINNED = { versionNegotiation: { mode: { pin: MODERN } } } as const;
const INFO = { name: "modern-e2e", version: "1.0.0" };

// ─── Shared state; everything started here is stopped in afterAll ───────────────────────────────────────────────

let project: Project;
let authProject: Project;
let upstream: Upstream;
let env: Record<string, string>;
/** The HTTP server most tests use (no inbound auth, loopback), its second replica, and one with bearer auth. */
let server: HttpServer;
let replica: HttpServer;
let authServer: HttpServer;
const clients: { close(): Promise<unknown> }[] = [];
/** Stdio server processes (clients' children and raw ones), killed by PID if still alive at the end. */
const pids = new Set<number>();

beforeAll(async () => {
  const specs = { "specs/shop.json": SHOP, "specs/crm.json": CRM };
  [project, authProject] = [await buildProject({ "gateway.yaml": config(false), ...specs }), await buildProject({ "gateway.yaml": config(true), ...specs })];
  expect(project.result.plans.map((p) => p.name).sort()).toEqual([...ALL_TOOLS].sort());
  upstream = await startUpstream();
  upstream.route("GET", /^\/items\/missing$/, (_request, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "no such item" }));
  });
  env = { SHOP_TOKEN: "shop-secret", GATEWAY_TOKEN, GATEWAY_SHOP_BASE_URL: upstream.url, GATEWAY_CRM_BASE_URL: upstream.url };
  [server, replica, authServer] = await Promise.all([startHttpServer(project.server, env), startHttpServer(project.server, env), startHttpServer(authProject.server, env)]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  for (const pid of pids) stopServerProcess(pid);
  await Promise.allSettled([server?.close(), replica?.close(), authServer?.close()]);
  await upstream?.close();
});

/** SIGTERM to a stdio server process still running; where /proc tells, only if the PID is still one of ours. */
function stopServerProcess(pid: number): void {
  try {
    if (existsSync("/proc") && !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server.mjs")) return;
    process.kill(pid, "SIGTERM");
  } catch {
    // already gone
  }
}

// ─── Helpers: wire recording ────────────────────────────────────────────────────────────────────────────────────

/** JSON-RPC messages a client sent and received, in order, with the HTTP headers of each exchange when on HTTP. */
interface Exchange {
  sent: JSONRPCMessage;
  requestHeaders?: Headers;
  status?: number;
  responseHeaders?: Headers;
  received: JSONRPCMessage[];
}

class Wire {
  readonly exchanges: Exchange[] = [];
  /** Stdio: every message read from the server, in order. */
  readonly inbound: JSONRPCMessage[] = [];
  #pending: Promise<unknown>[] = [];

  /** A fetch that records each POST and its response (JSON or SSE), sending each request to `target(n)`. */
  fetch(target: (n: number, url: URL) => URL = (_n, url) => url, served?: string[]): FetchLike {
    let n = 0;
    return async (url, init) => {
      const to = target(n++, new URL(url));
      served?.push(to.origin);
      const res = await fetch(to, init);
      if (init?.method === "POST" && typeof init.body === "string") {
        const exchange: Exchange = { sent: JSON.parse(init.body), requestHeaders: new Headers(init.headers), status: res.status, responseHeaders: res.headers, received: [] };
        this.exchanges.push(exchange);
        this.#pending.push(res.clone().text().then((text) => (exchange.received = parseBody(text))));
      }
      return res;
    };
  }

  /** Records a stdio client transport's traffic in place, keeping its class (so the SDK's sibling probe applies). */
  tap(transport: StdioClientTransport): void {
    const send = transport.send.bind(transport);
    transport.send = async (message: JSONRPCMessage) => {
      this.exchanges.push({ sent: message, received: [] });
      return send(message);
    };
    let handler: ((message: JSONRPCMessage) => void) | undefined;
    Object.defineProperty(transport, "onmessage", {
      configurable: true,
      get: () => handler && ((message: JSONRPCMessage) => (this.inbound.push(message), handler!(message))),
      set: (value) => (handler = value),
    });
  }

  async settled(): Promise<this> {
    await Promise.all(this.#pending);
    return this;
  }

  /** Every response received to a request of `method`, in order. */
  async responses(method: string): Promise<Response2026[]> {
    await this.settled();
    const ids = new Set(this.exchanges.filter((e) => "method" in e.sent && e.sent.method === method && "id" in e.sent).map((e) => (e.sent as { id: unknown }).id));
    return (this.received() as Partial<Response2026>[]).filter((m): m is Response2026 => m.id !== undefined && ids.has(m.id) && ("result" in m || "error" in m));
  }

  received(): JSONRPCMessage[] {
    return [...this.inbound, ...this.exchanges.flatMap((e) => e.received)];
  }

  methods(): string[] {
    return this.exchanges.map((e) => ("method" in e.sent ? e.sent.method : "(response)"));
  }
}

type Response2026 = { id: string | number; result?: Record<string, any>; error?: { code: number; message: string; data?: any } };

function parseBody(text: string): JSONRPCMessage[] {
  if (text.trim() === "") return [];
  if (text.trimStart().startsWith("{") || text.trimStart().startsWith("[")) return [JSON.parse(text)].flat();
  return text
    .split("\n")
    .filter((line) => line.startsWith("data:") && line.slice(5).trim() !== "")
    .map((line) => JSON.parse(line.slice(5)));
}

// ─── Helpers: clients ───────────────────────────────────────────────────────────────────────────────────────────

const stdioParams = (args: string[], server = project.server) => ({
  command: process.execPath,
  args: [server, "--stdio", ...args],
  env: { PATH: process.env.PATH ?? "", ...env },
  stderr: "pipe" as const,
});

/** A v2 Client pinned to 2026-07-28 over HTTP, its traffic recorded. */
async function pinnedHttp(url: string, options: { headers?: Record<string, string>; target?: (n: number, url: URL) => URL; served?: string[] } = {}) {
  const client = new Client(INFO, PINNED);
  const wire = new Wire();
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: options.headers ?? {} }, fetch: wire.fetch(options.target, options.served) }));
  clients.push(client);
  return { client, wire };
}

/** A v2 Client pinned to 2026-07-28 over stdio (the SDK's own transport), its session process's traffic recorded. */
async function pinnedStdio(args: string[] = []) {
  const client = new Client(INFO, PINNED);
  const transport = new StdioClientTransport(stdioParams(args));
  const wire = new Wire();
  wire.tap(transport);
  clients.push(client);
  await client.connect(transport);
  if (transport.pid) pids.add(transport.pid);
  return { client, wire, pid: transport.pid };
}

/** A v2 Client with the given era negotiation (undefined: the default, 2025 `initialize`). */
async function v2Http(url: string, mode?: "auto") {
  const client = new Client(INFO, mode ? { versionNegotiation: { mode } } : {});
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

async function v2Stdio(args: string[] = [], mode?: "auto") {
  const client = new Client(INFO, mode ? { versionNegotiation: { mode } } : {});
  const transport = new StdioClientTransport(stdioParams(args));
  clients.push(client);
  await client.connect(transport);
  if (transport.pid) pids.add(transport.pid);
  return client;
}

async function v1(connect: () => Promise<SdkClient>): Promise<SdkClient> {
  const client = await connect();
  clients.push(client);
  return client;
}

// ─── Helpers: raw JSON-RPC ──────────────────────────────────────────────────────────────────────────────────────

let nextId = 1;
/** A modern request: `_meta` carries the envelope (or `meta` instead). */
function modern(method: string, params: Record<string, unknown> = {}, meta: Record<string, unknown> = ENVELOPE) {
  return { jsonrpc: "2.0" as const, id: nextId++, method, params: { ...params, _meta: meta } };
}

/** The MCP headers a modern HTTP request must carry, mirroring its body. */
function mcpHeaders(body: { method: string; params: Record<string, unknown> }): Record<string, string> {
  return {
    "mcp-protocol-version": MODERN,
    "mcp-method": body.method,
    ...(typeof body.params.name === "string" && { "mcp-name": body.params.name }),
  };
}

interface RawAnswer {
  status: number;
  headers: Headers;
  message: Response2026;
}

/** POSTs `body` with the MCP headers it implies, `headers` overriding them (an undefined value drops one). */
async function post(url: string, body: ReturnType<typeof modern>, headers: Record<string, string | undefined> = {}): Promise<RawAnswer> {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries({ "content-type": "application/json", accept: "application/json, text/event-stream", ...mcpHeaders(body), ...headers })) {
    if (value !== undefined) all[name] = value;
  }
  const res = await fetch(url, { method: "POST", headers: all, body: JSON.stringify(body) });
  const messages = parseBody(await res.text());
  expect(messages.length, `one JSON-RPC message in the body of a ${res.status}`).toBe(1);
  return { status: res.status, headers: res.headers, message: messages[0] as Response2026 };
}

/** A stdio server process driven line by line; `request` resolves with the response of the same id. */
class RawStdio {
  readonly child: ChildProcess;
  #buffer = "";
  #messages: Response2026[] = [];
  #waiters = new Map<string | number, (message: Response2026) => void>();

  constructor(args: string[] = []) {
    const params = stdioParams(args);
    this.child = spawn(params.command, params.args, { env: params.env, stdio: ["pipe", "pipe", "ignore"] });
    if (this.child.pid) pids.add(this.child.pid);
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (chunk: string) => {
      this.#buffer += chunk;
      let newline: number;
      while ((newline = this.#buffer.indexOf("\n")) >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        if (line.trim() === "") continue;
        const message = JSON.parse(line) as Response2026;
        this.#messages.push(message);
        this.#waiters.get(message.id)?.(message);
      }
    });
    clients.push(this);
  }

  send(message: object): void {
    this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  request(message: { id: string | number; [key: string]: unknown }, timeoutMs = 10_000): Promise<Response2026> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to ${JSON.stringify(message)} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.set(message.id, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.send(message);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
    await exited;
    clearTimeout(timer);
  }
}

const initialize = () => ({
  jsonrpc: "2.0" as const,
  id: nextId++,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw-legacy", version: "1.0.0" } },
});

// ─── Helpers: expectations ──────────────────────────────────────────────────────────────────────────────────────

function expectCacheHints(result: Record<string, any> | undefined, scope: "public" | "private" = "public"): void {
  expect(Number.isInteger(result?.ttlMs), `ttlMs ${result?.ttlMs} is an integer`).toBe(true);
  expect(result!.ttlMs).toBeGreaterThanOrEqual(0);
  expect(result!.cacheScope).toBe(scope);
}

/** A raw server/discover result as the wire carries it. */
function expectDiscover(result: Record<string, any> | undefined, instructions: RegExp = /^e2e-modern calls these APIs for you: crm: 2 tools; shop \(Shop\): 3 tools\./): void {
  expect(result).toBeDefined();
  expect(result!.supportedVersions).toContain(MODERN);
  expect(result!.capabilities).toMatchObject({ tools: {}, prompts: {} });
  // A view's list never changes while the process runs: nothing to announce.
  expect(result!.capabilities.tools.listChanged).toBeUndefined();
  expect(result!._meta?.[SERVER_INFO_KEY]).toEqual(SERVER_INFO);
  expect(result!.instructions).toMatch(instructions);
  expect(result!.resultType).toBe("complete");
  expectCacheHints(result);
}

/** The tool list of a result, keyed for comparison across eras. */
const namesOf = (result: { tools: { name: string }[] }) => result.tools.map((t) => t.name);

/** Upstream requests received since `mark` (the upstream's request count before an action). */
const since = (mark: number): RecordedRequest[] => upstream.requests.slice(mark);

/** The matches a stateless search-tools returns: a sentence, then one JSON array. */
function searchMatches(text: string): { name: string; app: string; description: string; inputSchema: { type: string; properties: Record<string, unknown>; required?: string[] } }[] {
  return JSON.parse(text.slice(text.indexOf("\n") + 1));
}

// ─── Both transports ────────────────────────────────────────────────────────────────────────────────────────────

interface Transport {
  name: "HTTP" | "stdio";
  /** A pinned client on the static (or dynamic) view. */
  pinned(mode?: "dynamic"): Promise<{ client: Client; wire: Wire }>;
  /** The default v2 client (2025 era) on the same view. */
  legacy(): Promise<Client>;
  /** One raw modern request, answered. */
  raw(body: ReturnType<typeof modern>): Promise<Response2026>;
}

const TRANSPORTS: Transport[] = [
  {
    name: "HTTP",
    pinned: (mode) => pinnedHttp(server.url + (mode ? `?mode=${mode}` : "")),
    legacy: async () => (await v2Http(server.url)).client,
    async raw(body) {
      const answer = await post(server.url, body);
      expect(answer.status).toBe(200);
      return answer.message;
    },
  },
  {
    name: "stdio",
    pinned: (mode) => pinnedStdio(mode ? ["--mode", mode] : []),
    legacy: () => v2Stdio(),
    async raw(body) {
      const raw = new RawStdio();
      try {
        return await raw.request(body);
      } finally {
        await raw.close();
      }
    },
  },
];

describe.each(TRANSPORTS)("2026-07-28 over $name, v2 Client pinned", (transport) => {
  test("server/discover: on connect, and by hand as the first raw message", async () => {
    const { client } = await transport.pinned();
    expect(client.getProtocolEra()).toBe("modern");
    expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
    expect(client.getServerVersion()).toEqual(SERVER_INFO);
    expect(client.getInstructions()).toMatch(/^e2e-modern calls these APIs for you: crm: 2 tools; shop \(Shop\): 3 tools\./);
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, prompts: {} });
    // The SDK hides the cache fields from the type only; the discover result the client kept still has them.
    expectDiscover(client.getDiscoverResult() as Record<string, any>);
    // By hand: the exact wire result.
    const answer = await transport.raw(modern("server/discover"));
    expect(answer.error).toBeUndefined();
    expectDiscover(answer.result);
  });

  test("tools/list: cache hints, a stable order, the same tools as the 2025 era", async () => {
    const { client, wire } = await transport.pinned();
    const first = await client.listTools(undefined, { cacheMode: "bypass" });
    const second = await client.listTools(undefined, { cacheMode: "bypass" });
    // Both lists came over the wire (not from the client's response cache), each with its cache hints.
    const lists = await wire.responses("tools/list");
    expect(lists).toHaveLength(2);
    for (const list of lists) {
      expect(list.result!.resultType).toBe("complete");
      expectCacheHints(list.result);
      expect(list.result!._meta?.[SERVER_INFO_KEY]).toEqual(SERVER_INFO);
    }
    expect(namesOf(first)).toEqual(ALL_TOOLS);
    expect(second.tools).toEqual(first.tools);
    expect(lists[1]!.result!.tools).toEqual(lists[0]!.result!.tools);
    // The 2025 era's list of the same view: the same tools, in the same order.
    const legacy = await transport.legacy();
    expect(legacy.getProtocolEra()).toBe("legacy");
    expect((await legacy.listTools()).tools).toEqual(first.tools);
  });

  test("tools/call reaches the upstream (method, path, query, body); an upstream error is an isError result naming the status", async () => {
    const { client, wire } = await transport.pinned();
    const tag = transport.name.toLowerCase();
    let mark = upstream.requests.length;
    const created = await client.callTool({ name: "create_item", arguments: { name: `lamp-${tag}`, price: 12.5 } });
    expect(created.isError).toBeFalsy();
    expect(since(mark)).toHaveLength(1);
    expect(since(mark)[0]).toMatchObject({ method: "POST", url: "/items", body: JSON.stringify({ name: `lamp-${tag}`, price: 12.5 }) });
    expect(since(mark)[0]!.headers.authorization).toBe("Bearer shop-secret");
    expect(since(mark)[0]!.headers["content-type"]).toMatch(/^application\/json/);
    // The upstream's echo comes back as the result text.
    expect(JSON.parse(textOf(created))).toMatchObject({ method: "POST", url: "/items" });

    mark = upstream.requests.length;
    const listed = await client.callTool({ name: "list_items", arguments: { q: `red ${tag}`, limit: 2 } });
    expect(listed.isError).toBeFalsy();
    expect(since(mark)).toHaveLength(1);
    const query = new URL(since(mark)[0]!.url, upstream.url);
    expect([since(mark)[0]!.method, query.pathname, [...query.searchParams].sort()]).toEqual(["GET", "/items", [["limit", "2"], ["q", `red ${tag}`]]]);
    expect(query.search).toContain(`q=red%20${tag}`);

    mark = upstream.requests.length;
    const note = await client.callTool({ name: "add_note", arguments: { contactId: `c/${tag}`, text: "call back" } });
    expect(note.isError).toBeFalsy();
    // A path parameter is percent-encoded; the crm app has no upstream auth.
    expect(since(mark)[0]).toMatchObject({ method: "POST", url: `/contacts/c%2F${tag}/notes`, body: JSON.stringify({ text: "call back" }) });
    expect(since(mark)[0]!.headers.authorization).toBeUndefined();

    const missing = await client.callTool({ name: "get_item", arguments: { id: "missing" } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/404/);
    expect(textOf(missing)).toContain("no such item");
    // Every tools/call answer is a complete result (no input_required), with the server's identity.
    const calls = await wire.responses("tools/call");
    expect(calls).toHaveLength(4);
    for (const call of calls) expect(call.result).toMatchObject({ resultType: "complete", _meta: { [SERVER_INFO_KEY]: SERVER_INFO } });
  });

  describe("dynamic mode", () => {
    test("tools/list is exactly search-tools and call-tool, the same before and after calls", async () => {
      const { client, wire } = await transport.pinned("dynamic");
      expect(client.getInstructions()).toMatch(/call search-tools .* then call-tool/);
      const before = await client.listTools(undefined, { cacheMode: "bypass" });
      expect(namesOf(before)).toEqual(DYNAMIC_TOOLS);
      await client.callTool({ name: "search-tools", arguments: { query: "contact note" } });
      const ran = await client.callTool({ name: "call-tool", arguments: { name: "get_contact", arguments: { contactId: "c1" } } });
      expect(ran.isError).toBeFalsy();
      const after = await client.listTools(undefined, { cacheMode: "bypass" });
      expect(after.tools).toEqual(before.tools);
      const lists = await wire.responses("tools/list");
      expect(lists).toHaveLength(2);
      for (const list of lists) expectCacheHints(list.result);
      // There is nothing to enable in this era: the session era's enable-tools is not a tool here.
      const enable = await client.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
      expect(enable.isError).toBe(true);
      expect(textOf(enable)).toMatch(/unknown tool "enable-tools"/);
    });

    test("search-tools returns matches with their input schemas; call-tool runs one with no enable step", async () => {
      const { client } = await transport.pinned("dynamic");
      const found = await client.callTool({ name: "search-tools", arguments: { query: "create an item in the shop", limit: 3 } });
      expect(found.isError).toBeFalsy();
      const matches = searchMatches(textOf(found));
      expect(matches.length).toBeGreaterThan(0);
      expect(matches.length).toBeLessThanOrEqual(3);
      expect(matches[0]!.name).toBe("create_item");
      expect(matches[0]).toMatchObject({ app: "shop", description: "Create an item in the shop" });
      expect(matches[0]!.inputSchema).toMatchObject({ type: "object", required: ["name"], properties: { name: { type: "string" }, price: { type: "number" } } });
      for (const match of matches) expect(match.inputSchema.type).toBe("object");

      const mark = upstream.requests.length;
      const ran = await client.callTool({ name: "call-tool", arguments: { name: matches[0]!.name, arguments: { name: `found-${transport.name}`, price: 3 } } });
      expect(ran.isError).toBeFalsy();
      expect(since(mark)).toHaveLength(1);
      expect(since(mark)[0]).toMatchObject({ method: "POST", url: "/items", body: JSON.stringify({ name: `found-${transport.name}`, price: 3 }) });
      // An upstream error comes back through call-tool too.
      const missing = await client.callTool({ name: "call-tool", arguments: { name: "get_item", arguments: { id: "missing" } } });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toMatch(/404/);
    });
  });
});

// ─── HTTP only ──────────────────────────────────────────────────────────────────────────────────────────────────

describe("2026-07-28 over HTTP only", () => {
  describe("?apps=", () => {
    test("?apps=shop narrows the list, the instructions and the calls; another app's tool is an error naming it", async () => {
      const { client, wire } = await pinnedHttp(`${server.url}?apps=shop`);
      expect(client.getInstructions()).toMatch(/^e2e-modern calls these APIs for you: shop \(Shop\): 3 tools\.$/);
      expect(namesOf(await client.listTools())).toEqual(SHOP_TOOLS);
      const [list] = await wire.responses("tools/list");
      expectCacheHints(list!.result);
      const mark = upstream.requests.length;
      const other = await client.callTool({ name: "get_contact", arguments: { contactId: "c1" } });
      expect(other.isError).toBe(true);
      expect(textOf(other)).toContain('tool "get_contact" belongs to app "crm"');
      expect(since(mark)).toHaveLength(0);
      const own = await client.callTool({ name: "get_item", arguments: { id: "i1" } });
      expect(own.isError).toBeFalsy();
      expect(since(mark).map((r) => r.url)).toEqual(["/items/i1"]);
    });

    test("?apps=nope is refused: HTTP 400, JSON-RPC -32602 naming the known apps, answering the request's id", async () => {
      const body = modern("tools/list");
      const answer = await post(`${server.url}?apps=nope`, body);
      expect(answer.status).toBe(400);
      expect(answer.message.id).toBe(body.id);
      expect(answer.message.error).toMatchObject({ code: -32602 });
      expect(answer.message.error!.message).toMatch(/unknown app "nope"; known apps: crm, shop/);
      // A client's connect is refused the same way. The pinned one reports only that negotiation failed: the SDK
      // takes a -32602 to its probe for "not a modern server" (only modern error codes count as modern), and a pin
      // never falls back. In auto mode it falls back to initialize, whose 400 carries the message through.
      const pinned = new Client(INFO, PINNED);
      clients.push(pinned);
      await expect(pinned.connect(new StreamableHTTPClientTransport(new URL(`${server.url}?apps=nope`)))).rejects.toMatchObject({ code: SdkErrorCode.EraNegotiationFailed });
      const auto = new Client(INFO, { versionNegotiation: { mode: "auto" } });
      clients.push(auto);
      const refused = auto.connect(new StreamableHTTPClientTransport(new URL(`${server.url}?apps=nope`)));
      await expect(refused).rejects.toThrow(/unknown app \\"nope\\"; known apps: crm, shop/);
      await expect(refused).rejects.toMatchObject({ data: { status: 400 } });
    });
  });

  describe("stateless: no Mcp-Session-Id", () => {
    test("a pinned client never sends nor receives Mcp-Session-Id", async () => {
      const { client, wire } = await pinnedHttp(server.url);
      await client.listTools(undefined, { cacheMode: "bypass" });
      await client.callTool({ name: "get_item", arguments: { id: "s1" } });
      await client.listPrompts();
      await wire.settled();
      expect(wire.methods()).toEqual(expect.arrayContaining(["server/discover", "tools/list", "tools/call", "prompts/list"]));
      for (const exchange of wire.exchanges) {
        expect(exchange.requestHeaders!.get("mcp-session-id")).toBeNull();
        expect(exchange.requestHeaders!.get("mcp-protocol-version")).toBe(MODERN);
        expect(exchange.responseHeaders!.get("mcp-session-id")).toBeNull();
        expect(exchange.status).toBe(200);
      }
    });

    test("a modern request with no session header is served (a 2025 one is not)", async () => {
      const answer = await post(server.url, modern("tools/list"));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("mcp-session-id")).toBeNull();
      expect(namesOf(answer.message.result as { tools: { name: string }[] })).toEqual(ALL_TOOLS);
      const legacy = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      expect(legacy.status).toBe(400);
      expect((await legacy.json()).error.message).toMatch(/Mcp-Session-Id header is required/);
    });
  });

  describe("raw requests: the entry's header and envelope rules", () => {
    test("MCP-Protocol-Version or Mcp-Method contradicting the body → 400 HeaderMismatch (-32020)", async () => {
      for (const headers of [{ "mcp-protocol-version": "2025-11-25" }, { "mcp-method": "prompts/list" }, { "mcp-protocol-version": undefined }]) {
        const body = modern("tools/list");
        const answer = await post(server.url, body, headers);
        expect(answer.status, JSON.stringify(headers)).toBe(400);
        expect(answer.message).toMatchObject({ id: body.id, error: { code: -32020 } });
      }
    });

    test("Mcp-Name must match params.name; a base64 sentinel value is decoded before comparing", async () => {
      const call = () => modern("tools/call", { name: "get_item", arguments: { id: "b64" } });
      const mismatch = await post(server.url, call(), { "mcp-name": "get_contact" });
      expect(mismatch.status).toBe(400);
      expect(mismatch.message.error).toMatchObject({ code: -32020 });
      expect(mismatch.message.error!.message).toMatch(/Mcp-Name/);
      const missing = await post(server.url, call(), { "mcp-name": undefined });
      expect(missing.status).toBe(400);
      expect(missing.message.error).toMatchObject({ code: -32020 });

      // `=?base64?{Base64EncodedValue}?=` (streamable-http.mdx, "Value Encoding").
      const sentinel = (text: string) => `=?base64?${Buffer.from(text, "utf8").toString("base64")}?=`;
      const mark = upstream.requests.length;
      const encoded = await post(server.url, call(), { "mcp-name": sentinel("get_item") });
      expect(encoded.status).toBe(200);
      expect(encoded.message.result).toMatchObject({ resultType: "complete" });
      expect(encoded.message.result!.isError).toBeFalsy();
      expect(since(mark).map((r) => r.url)).toEqual(["/items/b64"]);
      const encodedOther = await post(server.url, call(), { "mcp-name": sentinel("get_contact") });
      expect(encodedOther.status).toBe(400);
      expect(encodedOther.message.error).toMatchObject({ code: -32020 });
    });

    test("an unsupported version → 400 UnsupportedProtocolVersion (-32022) listing the supported ones", async () => {
      const body = modern("tools/list", {}, { ...ENVELOPE, [PROTOCOL_VERSION]: "2099-01-01" });
      const answer = await post(server.url, body, { "mcp-protocol-version": "2099-01-01" });
      expect(answer.status).toBe(400);
      expect(answer.message).toMatchObject({ id: body.id, error: { code: -32022, data: { requested: "2099-01-01" } } });
      expect(answer.message.error!.data.supported).toContain(MODERN);
    });

    test.each([
      ["protocolVersion", { [CLIENT_CAPABILITIES]: {}, [CLIENT_INFO]: ENVELOPE[CLIENT_INFO] }],
      ["clientCapabilities", { [PROTOCOL_VERSION]: MODERN, [CLIENT_INFO]: ENVELOPE[CLIENT_INFO] }],
    ])("_meta without %s → 400 Invalid params (-32602)", async (missing, meta) => {
      const body = modern("tools/list", {}, meta);
      const answer = await post(server.url, body);
      expect(answer.status).toBe(400);
      expect(answer.message).toMatchObject({ id: body.id, error: { code: -32602 } });
      expect(answer.message.error!.message).toContain(missing);
    });

    test.each([
      ["initialize", { protocolVersion: MODERN, capabilities: {}, clientInfo: { name: "raw", version: "0" } }],
      ["ping", {}],
      ["logging/setLevel", { level: "info" }],
    ])("%s with a modern _meta → 404 Method not found (-32601)", async (method, params) => {
      const body = modern(method, params);
      const answer = await post(server.url, body);
      expect(answer.status).toBe(404);
      expect(answer.message).toMatchObject({ id: body.id, error: { code: -32601 } });
    });

    test("every result carries resultType: complete", async () => {
      const bodies = [
        modern("server/discover"),
        modern("tools/list"),
        modern("tools/call", { name: "get_item", arguments: { id: "rt" } }),
        modern("tools/call", { name: "get_item", arguments: { id: "missing" } }),
        modern("tools/call", { name: "no_such_tool", arguments: {} }),
        modern("prompts/list"),
        modern("prompts/get", { name: "triage", arguments: { contact: "Ada" } }),
      ];
      for (const body of bodies) {
        const answer = await post(server.url, body);
        expect(answer.status, body.method).toBe(200);
        expect(answer.message.result, `${body.method} ${JSON.stringify(body.params)}`).toMatchObject({ resultType: "complete" });
      }
      const prompt = await post(server.url, modern("prompts/get", { name: "triage", arguments: { contact: "Ada" } }));
      expect(prompt.message.result!.messages[0].content).toEqual({ type: "text", text: "Triage Ada." });
      const prompts = await post(server.url, modern("prompts/list"));
      expectCacheHints(prompts.message.result);
    });
  });

  describe("Host/Origin and inbound auth", () => {
    test("a foreign Origin or Host gets 403; a loopback Origin is served", async () => {
      const foreign = await post(server.url, modern("tools/list"), { origin: "http://evil.example" });
      expect(foreign.status).toBe(403);
      expect(foreign.message.error!.message).toMatch(/Origin "http:\/\/evil.example" is not allowed/);
      const local = await post(server.url, modern("tools/list"), { origin: server.origin });
      expect(local.status).toBe(200);
      expect(local.headers.get("access-control-allow-origin")).toBe(server.origin);
      // DNS rebinding: a loopback-bound server answers only loopback Host names (fetch cannot set Host).
      const body = JSON.stringify(modern("tools/list"));
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(server.url, { method: "POST", headers: { host: "evil.example", "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": MODERN, "mcp-method": "tools/list" } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject);
        req.end(body);
      });
      expect(status).toBe(403);
    });

    test("with inbound bearer auth: no token or a wrong one → 401; a token → served, cacheScope still public", async () => {
      for (const authorization of [undefined, "Bearer wrong-token"]) {
        const answer = await post(authServer.url, modern("tools/list"), { authorization });
        expect(answer.status).toBe(401);
        expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      const client = new Client(INFO, PINNED);
      clients.push(client);
      await expect(client.connect(new StreamableHTTPClientTransport(new URL(authServer.url)))).rejects.toThrow(/401/);

      const { client: authed, wire } = await pinnedHttp(authServer.url, { headers: { authorization: `Bearer ${GATEWAY_TOKEN}` } });
      expect(namesOf(await authed.listTools())).toEqual(ALL_TOOLS);
      const [list] = await wire.responses("tools/list");
      // A static token sees the URL's whole view, so shared caches may keep the list.
      expectCacheHints(list!.result, "public");
      const mark = upstream.requests.length;
      expect((await authed.callTool({ name: "get_item", arguments: { id: "authed" } })).isError).toBeFalsy();
      expect(since(mark).map((r) => r.url)).toEqual(["/items/authed"]);
      // The inbound token never reaches the upstream; the app's own credential does.
      expect(since(mark)[0]!.headers.authorization).toBe("Bearer shop-secret");
    });
  });

  test("two replicas, no load balancer, no shared state: requests of one client alternate between them", async () => {
    const replicas = [new URL(server.url), new URL(replica.url)];
    expect(replicas[0]!.origin).not.toBe(replicas[1]!.origin);
    // Round robin: discover → A, tools/list → B, tools/call → A, tools/call → B.
    const served: string[] = [];
    const { client, wire } = await pinnedHttp(server.url, { target: (n) => replicas[n % 2]!, served });
    const list = await client.listTools(undefined, { cacheMode: "bypass" });
    expect(namesOf(list)).toEqual(ALL_TOOLS);
    const mark = upstream.requests.length;
    const first = await client.callTool({ name: "get_item", arguments: { id: "replica-1" } });
    const second = await client.callTool({ name: "get_item", arguments: { id: "replica-2" } });
    expect(first.isError).toBeFalsy();
    expect(second.isError).toBeFalsy();
    expect(since(mark).map((r) => r.url)).toEqual(["/items/replica-1", "/items/replica-2"]);
    expect(wire.methods()).toEqual(["server/discover", "tools/list", "tools/call", "tools/call"]);
    expect(served).toEqual([replicas[0]!.origin, replicas[1]!.origin, replicas[0]!.origin, replicas[1]!.origin]);
    // By hand: a list from one replica, a call on the other.
    const listed = await post(replica.url, modern("tools/list"));
    expect(namesOf(listed.message.result as { tools: { name: string }[] })).toEqual(ALL_TOOLS);
    const called = await post(server.url, modern("tools/call", { name: "get_item", arguments: { id: "replica-3" } }));
    expect(called.status).toBe(200);
    expect(called.message.result!.isError).toBeFalsy();
    expect(upstream.last().url).toBe("/items/replica-3");
  });

  describe("the same endpoint still serves 2025-11-25, beside the modern clients", () => {
    test("a v2 Client in auto mode connects, on whichever era it picks, and works", async () => {
      const { client, transport } = await v2Http(server.url, "auto");
      const era = client.getProtocolEra();
      console.log(`v2 Client, versionNegotiation auto, HTTP: era ${era} (${client.getNegotiatedProtocolVersion()})`);
      expect(["modern", "legacy"]).toContain(era);
      // Modern: no session; legacy: a session id.
      expect(transport.sessionId === undefined).toBe(era === "modern");
      expect(namesOf(await client.listTools())).toEqual(ALL_TOOLS);
      const mark = upstream.requests.length;
      expect((await client.callTool({ name: "get_item", arguments: { id: "auto" } })).isError).toBeFalsy();
      expect(since(mark).map((r) => r.url)).toEqual(["/items/auto"]);
    });

    test("the v1 Client and the default v2 Client connect with a session id and list and call, while a pinned client works alongside", async () => {
      const { client: pinned } = await pinnedHttp(server.url);
      const old = await v1(() => SDK_CLIENTS.v1.http(server.url));
      const { client: legacy, transport } = await v2Http(server.url);
      expect(old.sessionId()).toMatch(/\S/);
      expect(transport.sessionId).toMatch(/\S/);
      expect(transport.sessionId).not.toBe(old.sessionId());
      expect(legacy.getProtocolEra()).toBe("legacy");
      expect(legacy.getNegotiatedProtocolVersion()).toBe("2025-11-25");
      const modernTools = (await pinned.listTools()).tools;
      expect((await old.listTools()).tools.map((t) => t.name)).toEqual(ALL_TOOLS);
      expect((await legacy.listTools()).tools).toEqual(modernTools);
      const mark = upstream.requests.length;
      expect((await old.callTool({ name: "get_item", arguments: { id: "v1" } })).isError).toBeFalsy();
      expect((await pinned.callTool({ name: "get_item", arguments: { id: "pinned" } })).isError).toBeFalsy();
      expect((await legacy.callTool({ name: "get_item", arguments: { id: "v2-legacy" } })).isError).toBeFalsy();
      expect(since(mark).map((r) => r.url)).toEqual(["/items/v1", "/items/pinned", "/items/v2-legacy"]);
      // 2025 results carry none of the modern era's fields.
      const raw = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": transport.sessionId!, "mcp-protocol-version": "2025-11-25" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/list" }),
      });
      const [message] = parseBody(await raw.text()) as Response2026[];
      expect(namesOf(message!.result as { tools: { name: string }[] })).toEqual(ALL_TOOLS);
      expect(message!.result).not.toHaveProperty("resultType");
      expect(message!.result).not.toHaveProperty("ttlMs");
    });
  });
});

// ─── stdio only ─────────────────────────────────────────────────────────────────────────────────────────────────

describe("2026-07-28 over stdio only: the first message pins the era", () => {
  test("a pinned client: the SDK probes on a sibling process; the session process serves modern requests and discover", async () => {
    const { client, wire } = await pinnedStdio();
    expect(client.getProtocolEra()).toBe("modern");
    await client.listTools(undefined, { cacheMode: "bypass" });
    // The session process never saw the probe: its first message is a modern request with the envelope.
    const first = wire.exchanges[0]!.sent as { method: string; params: { _meta: Record<string, unknown> } };
    expect(first.method).toBe("tools/list");
    expect(first.params._meta).toMatchObject({ [PROTOCOL_VERSION]: MODERN, [CLIENT_CAPABILITIES]: expect.any(Object) });
    // server/discover on the pinned session process itself.
    const discovered = await client.discover();
    expect(discovered.supportedVersions).toContain(MODERN);
    const [raw] = await wire.responses("server/discover");
    expectDiscover(raw!.result);
    for (const message of wire.received()) if ("result" in message) expect(message.result).toMatchObject({ resultType: "complete" });
  });

  test("2025 clients on fresh processes: the default v2 Client and the v1 Client list and call", async () => {
    const legacy = await v2Stdio();
    expect(legacy.getProtocolEra()).toBe("legacy");
    expect(legacy.getNegotiatedProtocolVersion()).toBe("2025-11-25");
    expect(legacy.getServerCapabilities()?.tools?.listChanged).toBe(true);
    const old = await v1(() => SDK_CLIENTS.v1.stdio(project.server, env));
    expect(namesOf(await legacy.listTools())).toEqual(ALL_TOOLS);
    expect((await old.listTools()).tools.map((t) => t.name)).toEqual(ALL_TOOLS);
    const mark = upstream.requests.length;
    expect((await legacy.callTool({ name: "get_item", arguments: { id: "stdio-v2" } })).isError).toBeFalsy();
    expect((await old.callTool({ name: "get_item", arguments: { id: "stdio-v1" } })).isError).toBeFalsy();
    expect(since(mark).map((r) => r.url)).toEqual(["/items/stdio-v2", "/items/stdio-v1"]);
  });

  test("a v2 Client in auto mode connects and works", async () => {
    const client = await v2Stdio([], "auto");
    const era = client.getProtocolEra();
    console.log(`v2 Client, versionNegotiation auto, stdio: era ${era} (${client.getNegotiatedProtocolVersion()})`);
    expect(["modern", "legacy"]).toContain(era);
    expect(namesOf(await client.listTools())).toEqual(ALL_TOOLS);
    const mark = upstream.requests.length;
    expect((await client.callTool({ name: "get_item", arguments: { id: "stdio-auto" } })).isError).toBeFalsy();
    expect(since(mark).map((r) => r.url)).toEqual(["/items/stdio-auto"]);
  });

  test("first message initialize: later modern-envelope requests get 2025 semantics; server/discover is not a method", async () => {
    const raw = new RawStdio();
    const init = await raw.request(initialize());
    expect(init.result).toMatchObject({ protocolVersion: "2025-11-25", serverInfo: SERVER_INFO });
    raw.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    // The envelope is not a reason to switch eras mid-connection: a 2025 list (no resultType, no cache hints).
    const list = await raw.request(modern("tools/list"));
    expect(namesOf(list.result as { tools: { name: string }[] })).toEqual(ALL_TOOLS);
    expect(list.result).not.toHaveProperty("resultType");
    expect(list.result).not.toHaveProperty("ttlMs");
    expect(list.result).not.toHaveProperty("_meta");
    const discover = await raw.request(modern("server/discover"));
    expect(discover.error).toMatchObject({ code: -32601 });
    const mark = upstream.requests.length;
    const call = await raw.request(modern("tools/call", { name: "get_item", arguments: { id: "legacy-pinned" } }));
    expect(call.result).not.toHaveProperty("resultType");
    expect(call.result!.isError).toBeFalsy();
    expect(since(mark).map((r) => r.url)).toEqual(["/items/legacy-pinned"]);
    await raw.close();
  });

  test("first message modern: later initialize → -32022 naming 2026-07-28; no envelope → -32602; ping → -32601", async () => {
    const raw = new RawStdio();
    expectDiscover((await raw.request(modern("server/discover"))).result);
    const list = await raw.request(modern("tools/list"));
    expect(list.result).toMatchObject({ resultType: "complete" });
    expectCacheHints(list.result);
    const init = await raw.request(initialize());
    expect(init.error).toMatchObject({ code: -32022, data: { supported: [MODERN], requested: "2025-11-25" } });
    const bare = await raw.request({ jsonrpc: "2.0", id: nextId++, method: "tools/list", params: {} });
    expect(bare.error).toMatchObject({ code: -32602 });
    expect(bare.error!.message).toMatch(/_meta envelope/);
    const ping = await raw.request(modern("ping"));
    expect(ping.error).toMatchObject({ code: -32601 });
    // Still serving the modern era after all that.
    expect((await raw.request(modern("tools/list"))).result).toMatchObject({ resultType: "complete" });
    await raw.close();
  });

  test("a first message with an unsupported version or a bad envelope is refused and pins nothing", async () => {
    const raw = new RawStdio();
    const unsupported = await raw.request(modern("tools/list", {}, { ...ENVELOPE, [PROTOCOL_VERSION]: "2099-01-01" }));
    expect(unsupported.error).toMatchObject({ code: -32022, data: { supported: [MODERN], requested: "2099-01-01" } });
    const bad = await raw.request(modern("tools/list", {}, { [PROTOCOL_VERSION]: MODERN }));
    expect(bad.error).toMatchObject({ code: -32602 });
    expect(bad.error!.message).toContain("clientCapabilities");
    // Nothing was pinned: a 2025 client may still open the connection.
    const init = await raw.request(initialize());
    expect(init.result).toMatchObject({ protocolVersion: "2025-11-25" });
    await raw.close();
  });

  // The SDK's serveStdio classifies only a connection's first message; the 2026 codec checks the envelope's shape,
  // not its version. Every request carries its own version (basic/versioning.mdx), so the gateway's modern handlers
  // check it again: an unsupported one gets -32022 as on HTTP and on the first message.
  test("after a modern first message, a request claiming an unsupported version is refused with -32022", async () => {
    const raw = new RawStdio();
    try {
      expect((await raw.request(modern("server/discover"))).result).toBeDefined();
      // A discover alone leaves the era open (the SDK's probe phase); the first other modern request pins it.
      expect((await raw.request(modern("tools/list"))).result).toMatchObject({ resultType: "complete" });
      const later = await raw.request(modern("tools/list", {}, { ...ENVELOPE, [PROTOCOL_VERSION]: "2099-01-01" }));
      expect(later.error).toMatchObject({ code: -32022, data: { requested: "2099-01-01" } });
    } finally {
      await raw.close();
    }
  });
});
