// A tiny in-memory bundle (three tools, two apps, one prompt) and a loopback upstream that records requests.

import Handlebars from "handlebars";
import { buildSearchIndex } from "../../../generator/emit/search-index.js";
import type { GatewayRuntime } from "../../../runtime/contract.js";
import type { Bundle } from "../../../runtime/main.js";
import type { HttpTool } from "../../../runtime/contract.js";
import type { Upstream } from "../../support/upstream.js";

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

export const TOOLS: HttpTool[] = [
  {
    name: "create_item",
    app: "alpha",
    title: "Create an item",
    description: "Create an item with a name.",
    annotations: WRITE,
    inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false },
    scopes: [],
    request: { kind: "http", method: "POST", path: "/items", params: { name: "body" }, body: { mediaType: "application/json" } },
  },
  {
    name: "get_item",
    app: "alpha",
    title: "Get an item",
    description: "Get one item by its id.",
    annotations: READ,
    tags: ["items"],
    inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"], additionalProperties: false },
    scopes: [],
    request: { kind: "http", method: "GET", path: "/items/{id}", params: { id: "path" } },
  },
  {
    name: "list_widgets",
    app: "beta",
    description: "List the widgets of the shop, newest first.",
    annotations: READ,
    inputSchema: { type: "object", properties: { limit: { type: "integer" } }, additionalProperties: false },
    scopes: [],
    request: { kind: "http", method: "GET", path: "/widgets", params: { limit: "query" } },
  },
];

/** Turns template source into the spec object the build emits (what `Handlebars.precompile` prints). */
export function precompile(source: string): object {
  const code = Handlebars.precompile(source, { noEscape: true, strict: false }) as string;
  return new Function(`return (${code});`)() as object;
}

export interface GatewayOverrides {
  tokens?: string[];
  allowedOrigins?: string[];
  idleTimeoutMs?: number;
  maxSessions?: number;
  host?: string;
}

/** A fresh bundle; upstream base URLs come from `${UPSTREAM_URL}`, the alpha token from `${ALPHA_TOKEN}`. */
export function makeBundle(overrides: GatewayOverrides = {}): Bundle {
  const gateway: GatewayRuntime = {
    name: "test-gateway",
    version: "1.2.3",
    mode: "static",
    server: {
      http: { host: overrides.host ?? "127.0.0.1", port: 0, path: "/mcp" },
      ...(overrides.tokens && { auth: { bearer: { tokens: overrides.tokens.map((token) => ({ token })) } } }),
      allowedOrigins: overrides.allowedOrigins ?? [],
      sessions: { idleTimeoutMs: overrides.idleTimeoutMs ?? 60_000, maxSessions: overrides.maxSessions ?? 100 },
      maxBodyBytes: 1_048_576,
    },
    limits: { timeoutMs: 5_000, maxResponseBytes: 900_000 },
    sensitiveFields: [],
    apps: [
      { name: "alpha", title: "Alpha", baseUrl: "${UPSTREAM_URL}/alpha", baseUrlEnv: "GATEWAY_ALPHA_BASE_URL", auth: { type: "bearer", token: "${ALPHA_TOKEN}" }, headers: {}, redirectOrigins: [] },
      { name: "beta", baseUrl: "${UPSTREAM_URL}/beta", baseUrlEnv: "GATEWAY_BETA_BASE_URL", auth: { type: "none" }, headers: {}, redirectOrigins: [] },
    ],
    prompts: [
      {
        name: "triage",
        description: "Triage the open issues of a repository",
        arguments: [
          { name: "repo", required: true },
          { name: "label", required: false },
        ],
        messages: [{ role: "user", template: precompile("Triage the open issues in {{repo}}{{#if label}} labelled {{label}}{{/if}}.") }],
      },
    ],
  };
  return { tools: TOOLS, gateway, searchIndex: searchIndexOf(TOOLS) };
}

/** The build-time search index JSON of hand-written tools (the fields search reads; the rest left empty). */
export function searchIndexOf(tools: readonly HttpTool[]): string {
  const plans = tools.map((tool) => ({ name: tool.name, app: tool.app, title: tool.title, description: tool.description, tags: tool.tags ?? [] }));
  return JSON.stringify(buildSearchIndex(plans));
}

// The recording upstream every end-to-end test uses.
export { startUpstream, type RecordedRequest as Recorded, type Upstream } from "../../support/upstream.js";

/** The env a test server needs. */
export function envFor(upstream: Upstream, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { UPSTREAM_URL: upstream.url, ALPHA_TOKEN: "alpha-secret-token", ...extra };
}

/** Captures what `start` writes. */
export function captureIo(): { stdout: string[]; stderr: string[]; io: { stdout(t: string): void; stderr(t: string): void } } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, io: { stdout: (t) => void stdout.push(t), stderr: (t) => void stderr.push(t) } };
}

export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
};

export const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/** Raw initialize over fetch; returns the response with its body consumed. */
export async function rawInitialize(url: string, headers: Record<string, string> = {}): Promise<{ status: number; sessionId: string | null; headers: Headers; text: string }> {
  const res = await fetch(url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body: JSON.stringify(INITIALIZE) });
  const text = await res.text();
  return { status: res.status, sessionId: res.headers.get("mcp-session-id"), headers: res.headers, text };
}

/** Runs the server in-process over HTTP; throws with its stderr when it does not start. */
export async function startGateway(bundle: Bundle, env: NodeJS.ProcessEnv, argv: string[] = []): Promise<{ url: string; close(): Promise<void>; stderr: string[] }> {
  const { start } = await import("../../../runtime/main.js");
  const cap = captureIo();
  const started = await start(bundle, argv, env, cap.io);
  if (started.kind !== "running") throw new Error(`server did not start (exit ${started.code}): ${cap.stderr.join("")}`);
  return { url: started.url!, close: started.close, stderr: cap.stderr };
}

/** An SDK client connected over Streamable HTTP. */
export async function connectHttp(url: string, headers: Record<string, string> = {}) {
  const { Client, StreamableHTTPClientTransport } = await import("@modelcontextprotocol/client");
  const client = new Client({ name: "test-client", version: "0.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return { client, transport };
}
