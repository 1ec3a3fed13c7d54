// End to end on the example's specs (Celigo MCP servers, Ably Platform): api_key auth in header, query and cookie,
// a header param, a form body, limits (timeout, oversized response), prompts — through the bundled server and
// the SDK Client over stdio, against a loopback upstream that records what it received.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildProject, type Project } from "../support/project.js";
import { connectHttp, connectStdio, startHttpServer, textOf, type HttpServer } from "../support/server.js";
import { startUpstream, type Upstream } from "../support/upstream.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SPECS = { "specs/celigo.yaml": readFileSync(join(ROOT, "specs/celigo.yaml"), "utf8"), "specs/ably.json": readFileSync(join(ROOT, "specs/ably.json"), "utf8") };

function configWith(celigoAuth: string): string {
  return `name: example
limits: { timeout_ms: 400, max_response_bytes: 4000 }
apps:
  celigo:
    openapi: specs/celigo.yaml
    auth: ${celigoAuth}
  ably:
    openapi: specs/ably.json
    auth: { type: api_key, in: query, name: key, value: "\${ABLY_KEY}" }
prompts:
  audit:
    description: Review the MCP servers of an account
    arguments: [{ name: focus, required: true }, { name: limit, required: false }]
    messages:
      - { role: user, template: "Audit the MCP servers, focusing on {{focus}}{{#if limit}} (at most {{limit}}){{/if}}." }
`;
}

let upstream: Upstream;
const env = () => ({ CELIGO_KEY: "celigo-secret-key", ABLY_KEY: "ably.key:secret", GATEWAY_CELIGO_BASE_URL: upstream.url, GATEWAY_ABLY_BASE_URL: upstream.url });

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.route("GET", /^\/v1\/mcpservers\/slow$/, async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  upstream.route("GET", /^\/v1\/mcpservers$/, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ _id: `id${i}`, name: `server ${i}` }))));
  });
});

afterAll(async () => {
  await upstream?.close();
});

describe("api_key upstream auth", () => {
  const cases: [string, string, (r: { url: string; headers: Record<string, unknown> }) => void][] = [
    ["header", `{ type: api_key, in: header, name: X-Api-Key, value: "\${CELIGO_KEY}" }`, (r) => expect(r.headers["x-api-key"]).toBe("celigo-secret-key")],
    ["query", `{ type: api_key, in: query, name: api_key, value: "\${CELIGO_KEY}" }`, (r) => expect(new URL(r.url, "http://x").searchParams.get("api_key")).toBe("celigo-secret-key")],
    ["cookie", `{ type: api_key, in: cookie, name: session, value: "\${CELIGO_KEY}" }`, (r) => expect(r.headers.cookie).toBe("session=celigo-secret-key")],
  ];
  test.each(cases)("in %s", async (_where, auth, check) => {
    const project = await buildProject({ "gateway.yaml": configWith(auth), ...SPECS });
    const client = await connectStdio(project.server, env());
    try {
      const result = await client.callTool({ name: "get_mcp_server_by_id", arguments: { _id: "abc" } });
      expect(result.isError).toBeFalsy();
      const request = upstream.last();
      expect(new URL(request.url, "http://x").pathname).toBe("/v1/mcpservers/abc");
      check(request);
    } finally {
      await client.close();
    }
  });
});

describe("the example over stdio and HTTP", () => {
  let project: Project;
  let stdio: Client;
  let http: Client;
  let server: HttpServer;

  beforeAll(async () => {
    project = await buildProject({ "gateway.yaml": configWith(`{ type: bearer, token: "\${CELIGO_KEY}" }`), ...SPECS });
    stdio = await connectStdio(project.server, env());
    server = await startHttpServer(project.server, env());
    http = await connectHttp(server.url);
  });

  afterAll(async () => {
    await stdio?.close();
    await http?.close();
    await server?.close();
  });

  const both = () => [
    ["stdio", stdio],
    ["http", http],
  ] as const;

  test("a header param goes out as a header", async () => {
    for (const [, client] of both()) {
      await client.callTool({ name: "get_messages_by_channel", arguments: { channel_id: "news", limit: 5, "X-Ably-Version": "1.2" } });
      const request = upstream.last();
      expect(new URL(request.url, "http://x").pathname).toBe("/channels/news/messages");
      expect(request.headers["x-ably-version"]).toBe("1.2");
      expect(new URL(request.url, "http://x").searchParams.get("key")).toBe("ably.key:secret");
    }
  });

  test("a slow upstream times out with a clear error", async () => {
    for (const [, client] of both()) {
      const started = Date.now();
      const result = await client.callTool({ name: "get_mcp_server_by_id", arguments: { _id: "slow" } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/timed out after 400 ms/);
      expect(Date.now() - started).toBeLessThan(1400);
    }
  });

  test("an oversized response is truncated with a marker, within the limit", async () => {
    for (const [, client] of both()) {
      const result = await client.callTool({ name: "list_mcp_servers", arguments: {} });
      expect(result.isError).toBeFalsy();
      const text = textOf(result);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4000);
      expect(text).toMatch(/\[truncated: [\d,]+ of [\d,]+ bytes cut\]/);
    }
  });

  test("prompts are listed and rendered; a missing required argument is refused", async () => {
    for (const [, client] of both()) {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name)).toEqual(["audit"]);
      const got = await client.getPrompt({ name: "audit", arguments: { focus: "auth", limit: "3" } });
      expect(got.messages[0].content).toEqual({ type: "text", text: "Audit the MCP servers, focusing on auth (at most 3)." });
      await expect(client.getPrompt({ name: "audit", arguments: {} })).rejects.toThrow(/focus/);
    }
  });

  test("an unknown tool names close matches", async () => {
    const result = await http.callTool({ name: "list_mcp_server", arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("list_mcp_servers");
  });
});
