// callTool with tools taken from the real GitHub and Stripe specs (test/fixtures/specs/real), no generator.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callTool } from "../../../runtime/call.js";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import { createRedactor } from "../../../runtime/redact.js";
import type { HttpTool, JsonSchema, ParamBinding } from "../../../runtime/contract.js";
import { type RecordingUpstream, realApps, startUpstream } from "./recording-upstream.js";

type Json = Record<string, any>;
const spec = (name: string): Json => JSON.parse(gunzipSync(readFileSync(new URL(`../../fixtures/specs/real/${name}.json.gz`, import.meta.url))).toString());

/** A minimal stand-in for the generator: one operation's parameters (+ form body) as an HttpTool. */
function toolFrom(doc: Json, path: string, method: "get" | "post", app: string): HttpTool {
  const op = doc.paths[path][method];
  const properties: Record<string, JsonSchema> = {};
  const params: Record<string, ParamBinding> = {};
  const required: string[] = [];
  for (const raw of op.parameters ?? []) {
    const p = raw.$ref ? doc.components.parameters[raw.$ref.split("/").pop()] : raw;
    properties[p.name] = p.schema;
    params[p.name] = p.in;
    if (p.required) required.push(p.name);
  }
  const form = op.requestBody?.content?.["application/x-www-form-urlencoded"];
  if (form) for (const [name, schema] of Object.entries(form.schema.properties as Record<string, JsonSchema>)) {
    properties[name] = schema;
    params[name] = "body";
  }
  return {
    name: op.operationId.replace(/\W/g, "_"),
    app,
    description: op.summary ?? "",
    annotations: { readOnlyHint: method === "get", destructiveHint: false, idempotentHint: method === "get", openWorldHint: true },
    inputSchema: { type: "object", properties, required, additionalProperties: false },
    scopes: [],
    request: { kind: "http", method: method.toUpperCase() as "GET" | "POST", path, params, ...(form ? { body: { mediaType: "application/x-www-form-urlencoded" } } : {}) },
  };
}

let upstream: RecordingUpstream;
const apps = new Map<string, ResolvedApp>();
beforeAll(async () => {
  upstream = await startUpstream();
  upstream.reply = () => ({ headers: { "content-type": "application/json" }, body: "[]" });
  for (const [name, app] of realApps(upstream.baseUrl)) apps.set(name, app);
});
afterAll(() => upstream.close());
const ctx = () => ({ apps, limits: { timeoutMs: 2000, maxResponseBytes: 900000 }, redactor: createRedactor([]) });

describe("real specs", () => {
  test("GitHub issues/list-for-repo: path and query on the wire", async () => {
    const tool = toolFrom(spec("github"), "/repos/{owner}/{repo}/issues", "get", "github");
    const result = await callTool(tool, { owner: "octo org", repo: "hello", state: "closed", labels: "bug,ui", per_page: 5 }, ctx());
    expect(result.isError).toBeFalsy();
    const seen = upstream.requests.at(-1);
    expect(seen?.url).toBe("/repos/octo%20org/hello/issues?state=closed&labels=bug%2Cui&per_page=5");
    expect(seen?.headers["x-github-api-version"]).toBe("2022-11-28");
  });

  test("GitHub: the real enum is enforced with allowed values listed", async () => {
    const tool = toolFrom(spec("github"), "/repos/{owner}/{repo}/issues", "get", "github");
    const result = await callTool(tool, { owner: "o", repo: "r", direction: "up" }, ctx());
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('must be one of \\"asc\\", \\"desc\\"');
  });

  test("Stripe POST /v1/customers: nested form body in bracket notation, basic auth", async () => {
    const tool = toolFrom(spec("stripe"), "/v1/customers", "post", "stripe");
    const args = { email: "a@b.co", metadata: { order_id: "6735" }, address: { city: "Paris", line1: "1 rue X" }, expand: ["tax"], preferred_locales: ["fr", "en"] };
    const result = await callTool(tool, args, ctx());
    expect(result.isError).toBeFalsy();
    const seen = upstream.requests.at(-1);
    expect(seen?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from("sk_test_1:").toString("base64")}`);
    const form = new URLSearchParams(seen?.body.toString());
    expect(Object.fromEntries(form)).toEqual({
      email: "a@b.co",
      "metadata[order_id]": "6735",
      "address[city]": "Paris",
      "address[line1]": "1 rue X",
      "expand[0]": "tax",
      "preferred_locales[0]": "fr",
      "preferred_locales[1]": "en",
    });
  });
});
