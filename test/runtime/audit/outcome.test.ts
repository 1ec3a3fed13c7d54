// What callTool reports to the audit hook: the outcome of each way a call ends, and the upstream status.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CallReport } from "../../../runtime/audit/audit-log.js";
import { type CallContext, callTool } from "../../../runtime/call.js";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool } from "../../../runtime/contract.js";
import { createRedactor } from "../../../runtime/redact.js";

let server: http.Server;
let base: string;
let ctx: CallContext;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const status = Number(req.url!.split("/").pop());
    if (status === 302) res.writeHead(302, { location: "http://elsewhere.invalid/x" }).end();
    else res.writeHead(status, { "content-type": "application/json" }).end('{"x":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = { name: "demo", baseUrl: base, auth: { type: "none" }, headers: {}, redirectOrigins: [] } as unknown as ResolvedApp;
  const dead = { ...app, name: "dead", baseUrl: "http://127.0.0.1:9" } as ResolvedApp;
  ctx = { apps: new Map([["demo", app], ["dead", dead]]), limits: { timeoutMs: 2000, maxResponseBytes: 900000 }, redactor: createRedactor([]) };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const tool = (app = "demo"): HttpTool => ({
  name: "get_status",
  app,
  description: "",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  inputSchema: { type: "object", properties: { code: { type: "string" } }, required: ["code"], additionalProperties: false },
  scopes: [],
  request: { kind: "http", method: "GET", path: "/status/{code}", params: { code: "path" } },
});

describe("the report callTool fills in", () => {
  test.each<[string, string, unknown, CallReport]>([
    ["a 2xx", "demo", { code: "200" }, { outcome: "ok", status: 200 }],
    ["a 4xx", "demo", { code: "404" }, { outcome: "tool_error", status: 404 }],
    ["a 5xx", "demo", { code: "503" }, { outcome: "upstream_error", status: 503 }],
    ["a redirect to another origin", "demo", { code: "302" }, { outcome: "refused" }],
    ["arguments the schema refuses", "demo", { code: 7 }, { outcome: "invalid_arguments" }],
    ["an unreachable upstream", "dead", { code: "200" }, { outcome: "upstream_error" }],
    ["an app this server does not serve", "gone", { code: "200" }, { outcome: "refused" }],
  ])("%s", async (_, app, args, want) => {
    const report: CallReport = {};
    await callTool(tool(app), args, { ...ctx, report });
    expect(report).toEqual(want);
  });
});
