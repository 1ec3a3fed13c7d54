// Limits and the audit log end to end, over the bundled server against the recording upstream: a body over
// server.max_body_bytes gets 413 in both eras (by Content-Length or streamed), an over-long stdio line a JSON-RPC
// error; a caller past its burst gets 429 with Retry-After while another caller goes on; every tools/call leaves one
// audit line (2025 HTTP with its session, 2026-07-28 HTTP, stdio, dynamic call-tool) with the right fields, no
// token and no sensitive value; size rotation splits the log without splitting a line.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject, type Project } from "../support/project.js";
import { startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const SHOP = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Shop", version: "1.0.0" },
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok" } },
      },
    },
    "/login": {
      post: {
        operationId: "login",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", required: ["user", "password"], properties: { user: { type: "string" }, password: { type: "string" } } } } },
        },
        responses: { "200": { description: "ok" } },
      },
    },
  },
});

const TOKEN_A = "limits-token-a-0123456789abcdef";
const TOKEN_B = "limits-token-b-fedcba9876543210";
const TOKEN_C = "limits-token-c-00112233445566778899";
const SHOP_KEY = "shop-upstream-key-5551234";
const PASSWORD = "correct-horse-battery-staple";

const config = (extra: string) => `name: e2e-limits
server:
  max_body_bytes: 4096
  auth: { bearer: { tokens: ["\${TOKEN_A}", "\${TOKEN_B}", "\${TOKEN_C}"] } }
${extra}redact: { fields: [password] }
apps:
  shop:
    openapi: specs/shop.json
    auth: { type: api_key, in: header, name: x-api-key, value: "\${SHOP_KEY}" }
`;

let upstream: Upstream;
let limited: Project;
let audited: Project;
let stdioAudited: Project;
let limitedServer: HttpServer;
let auditServer: HttpServer;
const auditDir = mkdtempSync(join(tmpdir(), "gw-e2e-audit-"));
const stdioAuditDir = mkdtempSync(join(tmpdir(), "gw-e2e-audit-stdio-"));
const clients: { close(): Promise<unknown> }[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.route("GET", /^\/items\/missing$/, (_r, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"message":"no such item"}');
  });
  upstream.route("GET", /^\/items\/broken$/, (_r, res) => {
    res.writeHead(503, { "content-type": "text/plain" });
    res.end("down");
  });
  const specs = { "specs/shop.json": SHOP };
  [limited, audited, stdioAudited] = await Promise.all([
    buildProject({ "gateway.yaml": config("  rate_limit: { requests_per_minute: 1, burst: 20 }\n"), ...specs }),
    buildProject({ "gateway.yaml": config(`audit: { dir: ${JSON.stringify(auditDir)}, rotate: size, max_bytes: 1024, include_values: true }\n`), ...specs }),
    buildProject({ "gateway.yaml": config(`audit: { dir: ${JSON.stringify(stdioAuditDir)} }\n`), ...specs }),
  ]);
  env = { TOKEN_A, TOKEN_B, TOKEN_C, SHOP_KEY, GATEWAY_SHOP_BASE_URL: upstream.url };
  [limitedServer, auditServer] = await Promise.all([startHttpServer(limited.server, env), startHttpServer(audited.server, env)]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await Promise.allSettled([limitedServer?.close(), auditServer?.close()]);
  await upstream?.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const INIT = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } };
const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

async function connect(url: string, token: string, pinned = false): Promise<Client> {
  const client = new Client({ name: "limits-e2e", version: "1.0.0" }, pinned ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: auth(token) } }));
  clients.push(client);
  return client;
}

/** The audit files of a directory in the order they were written: by day, then by rotation number. */
function auditFiles(dir: string): string[] {
  const key = (name: string) => {
    const [, day, seq] = /^audit-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/.exec(name)!;
    return `${day}.${(seq ?? "0").padStart(6, "0")}`;
  };
  return readdirSync(dir).sort((a, b) => key(a).localeCompare(key(b)));
}

/** The audit lines of a directory, in file then line order, once at least `count` are on disk. */
async function auditLines(dir: string, count: number): Promise<Record<string, unknown>[]> {
  for (let i = 0; ; i++) {
    const lines = auditFiles(dir).flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n").filter(Boolean));
    if (lines.length >= count || i > 100) return lines.map((line) => JSON.parse(line));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("body limit", () => {
  test("a body over max_body_bytes gets 413 with a JSON-RPC error, by its Content-Length (2025 era)", async () => {
    const body = JSON.stringify({ ...INIT, params: { ...INIT.params, pad: "x".repeat(8000) } });
    const res = await fetch(limitedServer.url, { method: "POST", headers: { ...MCP_HEADERS, ...auth(TOKEN_B) }, body });
    expect(res.status).toBe(413);
    const json = await res.json();
    expect(json).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
    expect(json.error.message).toMatch(/4096 bytes \(server\.max_body_bytes\)/);
  });

  test("the same for a 2026-07-28 request, and for a POST in a session", async () => {
    const modern = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: { pad: "y".repeat(5000), _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } } });
    const res = await fetch(limitedServer.url, { method: "POST", headers: { ...MCP_HEADERS, ...auth(TOKEN_B), "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" }, body: modern });
    expect(res.status).toBe(413);
    const client = await connect(limitedServer.url, TOKEN_B);
    const session = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const big = JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_item", arguments: { id: "z".repeat(5000) } } });
    const inSession = await fetch(limitedServer.url, { method: "POST", headers: { ...MCP_HEADERS, ...auth(TOKEN_B), "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" }, body: big });
    expect(inSession.status).toBe(413);
    // The session is still fine for calls of a normal size.
    expect(textOf(await client.callTool({ name: "get_item", arguments: { id: "7" } }))).toContain("/items/7");
  });

  test("a streamed body without Content-Length is cut at the limit and the connection closed; the server goes on", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(limitedServer.url, { method: "POST", headers: { ...MCP_HEADERS, ...auth(TOKEN_B), "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.write('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"pad":"');
      // Far more than the limit, in chunks; the server answers after the first 4 KiB and reads no further.
      for (let i = 0; i < 64; i++) req.write("x".repeat(1024));
      req.end('"}}');
    });
    expect(status).toBe(413);
    expect((await fetch(limitedServer.origin + "/healthz")).status).toBe(200);
  });

  test("stdio: an over-long line is answered with a JSON-RPC error and the server keeps serving", async () => {
    const child = spawn(process.execPath, [limited.server, "--stdio"], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const lines = async (n: number) => {
      for (let i = 0; i < 200 && out.split("\n").filter(Boolean).length < n; i++) await new Promise((r) => setTimeout(r, 20));
      return out.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    };
    child.stdin.write(JSON.stringify({ ...INIT, params: { ...INIT.params, pad: "x".repeat(10_000) } }) + "\n");
    child.stdin.write(JSON.stringify(INIT) + "\n");
    const [refused, answered] = await lines(2);
    child.kill("SIGTERM");
    expect(refused).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
    expect(refused.error.message).toMatch(/exceeds this server's limit of 4096 bytes/);
    expect(answered).toMatchObject({ jsonrpc: "2.0", id: 1, result: { serverInfo: { name: "e2e-limits" } } });
  });
});

describe("rate limit", () => {
  test("past its burst a caller gets 429 with Retry-After in seconds; another caller is not affected", async () => {
    const hit = (token: string) => fetch(limitedServer.origin + limitedServer.url.slice(limitedServer.origin.length), { method: "POST", headers: { ...MCP_HEADERS, ...auth(token) }, body: JSON.stringify(INIT) });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 22; i++) {
      last = await hit(TOKEN_C);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(statuses.slice(20)).toEqual([429, 429]);
    // 1 request a minute: the next token is about a minute away.
    const retryAfter = Number(last!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await last!.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32000, message: expect.stringMatching(/rate limit/) } });
    // A bad token is refused by auth before it could spend anybody's tokens.
    expect((await hit("not-a-token-at-all")).status).toBe(401);
    expect((await hit(TOKEN_C)).status).toBe(429);
    expect((await hit(TOKEN_A)).status).toBe(200);
  });
});

describe("audit log", () => {
  test("one line per tools/call in the 2025 era, with the session, and over 2026-07-28 without one", async () => {
    const legacy = await connect(auditServer.url, TOKEN_A);
    const session = (legacy.transport as StreamableHTTPClientTransport).sessionId!;
    await legacy.callTool({ name: "get_item", arguments: { id: "1" } });
    await legacy.callTool({ name: "get_item", arguments: { id: "missing" } });
    await legacy.callTool({ name: "get_item", arguments: { id: "broken" } });
    await legacy.callTool({ name: "get_item", arguments: { id: 5 } });
    await legacy.callTool({ name: "login", arguments: { user: "ann", password: PASSWORD } });
    const modern = await connect(auditServer.url, TOKEN_B, true);
    await modern.callTool({ name: "get_item", arguments: { id: "2" } });
    const lines = await auditLines(auditDir, 6);
    expect(lines).toHaveLength(6);
    const [ok, notFound, broken, invalid, login, stateless] = lines;
    const fingerprint = /^[0-9a-f]{16}$/;
    expect(ok).toMatchObject({ subject: `bearer:${ok!.fingerprint}`, session, app: "shop", tool: "get_item", arg_keys: ["id"], args: { id: "1" }, upstream_status: 200, outcome: "ok" });
    expect(ok!.fingerprint).toMatch(fingerprint);
    expect(Date.parse(ok!.time as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(ok!.duration_ms).toBeGreaterThanOrEqual(0);
    expect(ok!.bytes_in).toBe(JSON.stringify({ id: "1" }).length);
    expect(ok!.bytes_out).toBeGreaterThan(0);
    expect(notFound).toMatchObject({ upstream_status: 404, outcome: "tool_error" });
    expect(broken).toMatchObject({ upstream_status: 503, outcome: "upstream_error" });
    expect(invalid).toMatchObject({ outcome: "invalid_arguments" });
    expect(invalid).not.toHaveProperty("upstream_status");
    expect(login).toMatchObject({ tool: "login", arg_keys: ["password", "user"], args: { user: "ann", password: "[redacted]" } });
    expect(stateless).toMatchObject({ tool: "get_item", outcome: "ok", subject: `bearer:${stateless!.fingerprint}` });
    expect(stateless).not.toHaveProperty("session");
    expect(stateless!.fingerprint).not.toBe(ok!.fingerprint);
    // Each line names its HTTP request (a fresh id for each, as the log lines do).
    expect(new Set(lines.map((l) => l.request_id)).size).toBe(6);
    for (const line of lines) expect(line.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const text = readdirSync(auditDir).map((n) => readFileSync(join(auditDir, n), "utf8")).join("");
    for (const secret of [TOKEN_A, TOKEN_B, SHOP_KEY, PASSWORD]) expect(text).not.toContain(secret);
  });

  test("a request's own x-request-id is the request_id of its line, and of the response", async () => {
    const before = (await auditLines(auditDir, 0)).length;
    const headers = { ...MCP_HEADERS, ...auth(TOKEN_C), "x-request-id": "trace-me-42", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "get_item" };
    const _meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" } };
    const res = await fetch(auditServer.url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "get_item", arguments: { id: "x" }, _meta } }) });
    await res.text();
    expect(res.headers.get("x-request-id")).toBe("trace-me-42");
    const lines = await auditLines(auditDir, before + 1);
    expect(lines.at(-1)).toMatchObject({ tool: "get_item", args: { id: "x" }, request_id: "trace-me-42" });
  });

  test("size rotation: files stay under max_bytes, no line is split, every call is there", async () => {
    const client = await connect(auditServer.url, TOKEN_A);
    const before = (await auditLines(auditDir, 0)).length;
    for (let i = 0; i < 12; i++) await client.callTool({ name: "get_item", arguments: { id: `r${i}` } });
    const lines = await auditLines(auditDir, before + 12);
    expect(lines).toHaveLength(before + 12);
    const files = readdirSync(auditDir);
    expect(files.length).toBeGreaterThan(2);
    for (const name of files) {
      expect(name).toMatch(/^audit-\d{4}-\d{2}-\d{2}(\.\d+)?\.jsonl$/);
      expect(statSync(join(auditDir, name)).size).toBeLessThanOrEqual(1024);
    }
    expect(lines.slice(-12).map((l) => (l.args as { id: string }).id)).toEqual(Array.from({ length: 12 }, (_, i) => `r${i}`));
  });

  test("stdio, static and dynamic call-tool: a line per call, keys only by default, flushed when the client leaves", async () => {
    const connectStdio = async (args: string[]) => {
      const client = new Client({ name: "limits-e2e", version: "1.0.0" });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [stdioAudited.server, "--stdio", ...args], env: { PATH: process.env.PATH ?? "", ...env }, stderr: "pipe" }));
      return client;
    };
    const stat = await connectStdio([]);
    await stat.callTool({ name: "login", arguments: { user: "bo", password: PASSWORD } });
    await stat.close();
    const dynamic = await connectStdio(["--mode", "dynamic"]);
    await dynamic.callTool({ name: "enable-tools", arguments: { tools: ["get_item"] } });
    expect(textOf(await dynamic.callTool({ name: "call-tool", arguments: { name: "get_item", arguments: { id: "9" } } }))).toContain("/items/9");
    await dynamic.close();
    const lines = await auditLines(stdioAuditDir, 2);
    expect(readdirSync(stdioAuditDir)).toEqual([`audit-${new Date().toISOString().slice(0, 10)}.jsonl`]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ subject: "anonymous", tool: "login", arg_keys: ["password", "user"], upstream_status: 200, outcome: "ok" });
    expect(lines[0]).not.toHaveProperty("args");
    expect(lines[0]).not.toHaveProperty("fingerprint");
    expect(lines[1]).toMatchObject({ subject: "anonymous", session: "stdio", tool: "get_item", arg_keys: ["id"], outcome: "ok" });
    // A stdio message has no x-request-id: each request gets one.
    expect(lines[0]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[1]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[1]!.request_id).not.toBe(lines[0]!.request_id);
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });
});
