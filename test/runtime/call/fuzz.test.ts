// Property tests (fast-check) of the request serializer and of callTool with tools built from the real GitHub and
// Stripe specs (test/fixtures/specs/real): random and hostile argument values never make anything but an
// ArgumentError or an isError naming the argument, and no request ever leaves for another host or for a path
// outside the tool's template. fast-check prints the seed and the shrunk counterexample of a failure; replay one
// with `{ seed, path }` in the run's parameters.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callTool } from "../../../runtime/call.js";
import type { ResolvedApp } from "../../../runtime/config/secrets.js";
import type { HttpTool, JsonSchema, ParamBinding } from "../../../runtime/contract.js";
import { createRedactor } from "../../../runtime/redact.js";
import { ArgumentError, requestFor, targetOf } from "../../../runtime/upstream/request.js";
import { loadValidator, validateArgs } from "../../../runtime/validate.js";
import { type RecordingUpstream, realApps, startUpstream } from "./recording-upstream.js";

type Json = Record<string, any>;
const spec = (name: string): Json => JSON.parse(gunzipSync(readFileSync(new URL(`../../fixtures/specs/real/${name}.json.gz`, import.meta.url))).toString());

/** One operation's parameters (+ form body) as an HttpTool, as real-specs.test.ts builds them. */
function toolFrom(doc: Json, path: string, method: "get" | "post" | "delete", app: string): HttpTool {
  const op = doc.paths[path][method];
  const properties: Record<string, JsonSchema> = {};
  const params: Record<string, ParamBinding> = {};
  const required: string[] = [];
  for (const raw of [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])]) {
    const p = raw.$ref ? doc.components.parameters[raw.$ref.split("/").pop()] : raw;
    properties[p.name] = p.schema;
    params[p.name] = p.in;
    if (p.required) required.push(p.name);
  }
  const form = op.requestBody?.content?.["application/x-www-form-urlencoded"];
  if (form) for (const [name, schema] of Object.entries((form.schema.properties ?? {}) as Record<string, JsonSchema>)) {
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
    request: { kind: "http", method: method.toUpperCase() as "GET" | "POST" | "DELETE", path, params, ...(form ? { body: { mediaType: "application/x-www-form-urlencoded" } } : {}) },
  };
}

const github = spec("github");
const stripe = spec("stripe");
const TOOLS: HttpTool[] = [
  toolFrom(github, "/repos/{owner}/{repo}/issues", "get", "github"),
  toolFrom(github, "/repos/{owner}/{repo}/issues/{issue_number}", "get", "github"),
  toolFrom(github, "/repos/{owner}/{repo}/contents/{path}", "get", "github"),
  toolFrom(github, "/repos/{owner}/{repo}/git/refs/{ref}", "delete", "github"),
  toolFrom(github, "/orgs/{org}/members/{username}", "get", "github"),
  toolFrom(stripe, "/v1/customers", "post", "stripe"),
  toolFrom(stripe, "/v1/customers/{customer}", "post", "stripe"),
  toolFrom(stripe, "/v1/customers/{customer}/sources/{id}", "get", "stripe"),
];

/** Values that have broken URL builders elsewhere: traversal, delimiters, encodings, control characters, scripts. */
const HOSTILE = [
  "", ".", "..", "../..", "../../admin", "/", "//evil.example/x", "a/b", "?x=1", "#frag", "a?b#c", "%2e%2e", "%2F", "%252e",
  "..%2f..%2f", "\\..\\", "a\r\nX-Injected: 1", "\r\n\r\nGET / HTTP/1.1", "\u0000", "\u2028", "é", "💥", "http://evil.example",
  "@evil.example", ":80", "__proto__", "constructor", "prototype", "toString", " ", "a b", "+", "&a=b", "=", ";", "${ENV}", "{owner}",
];
/** True when `text` holds a UTF-16 surrogate without its pair (JSON can carry one: "\ud800"). */
const loneSurrogate = (text: string) => /\p{Cs}/u.test(text);
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.string({ unit: "binary" }).filter((text) => !loneSurrogate(text)), fc.array(fc.constantFrom(...HOSTILE), { maxLength: 4 }).map((parts) => parts.join("")));
const junk = fc.oneof(fc.anything({ maxDepth: 3 }), fc.constantFrom(NaN, Infinity, -0, 2 ** 64, -1, 1e21), hostileString);

/** A value for one property: shaped like its schema most of the time, junk otherwise. */
function valueFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const type = (schema as { type?: unknown } | undefined)?.type;
  const shaped = type === "integer" ? fc.integer() : type === "number" ? fc.double() : type === "boolean" ? fc.boolean() : type === "array" ? fc.array(hostileString, { maxLength: 3 }) : hostileString;
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: junk, weight: 1 });
}

/** Arguments for `tool`: each property present or not, plus extra keys, prototype keys among them, as own keys. */
function argsFor(tool: HttpTool): fc.Arbitrary<Record<string, unknown>> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  const known = fc.tuple(...names.map((name) => fc.option(valueFor(properties[name]), { nil: undefined, freq: 3 })));
  const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty"), fc.string()), junk), { maxLength: 2 });
  return fc.tuple(known, extra).map(([values, extras]) => {
    const args: Record<string, unknown> = {};
    const put = (key: string, value: unknown) => Object.defineProperty(args, key, { value, enumerable: true, writable: true, configurable: true });
    names.forEach((name, i) => values[i] !== undefined && put(name, values[i]));
    for (const [key, value] of extras) if (!names.includes(key)) put(key, value);
    return args;
  });
}

/** The template as a pattern: literal text as it is, each placeholder one encoded segment that is not `.` or `..`. */
function templatePattern(basePath: string, template: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const parts = template.split(/\{[^}]+\}/).map(escape);
  return new RegExp(`^${escape(basePath)}${parts.join("(?!\\.{1,2}(?:/|\\?|$))([A-Za-z0-9\\-._~!$&'()*+,;=:@%]+)")}(?:\\?[^#\\s]*)?$`);
}

const PARAMS = { numRuns: 300 };

let upstream: RecordingUpstream;
const apps = new Map<string, ResolvedApp>();
beforeAll(async () => {
  await loadValidator();
  upstream = await startUpstream();
  for (const [name, app] of realApps(upstream.baseUrl, "/gh/v3")) apps.set(name, app);
});
afterAll(() => upstream.close());
const ctx = () => ({ apps, limits: { timeoutMs: 2000, maxResponseBytes: 900_000 }, redactor: createRedactor([]) });

describe.each(TOOLS.map((tool) => ({ name: `${tool.request.method} ${tool.request.path}`, tool })))("$name", ({ tool }) => {
  const app = () => apps.get(tool.app)!;

  test("requestFor: only ArgumentError, the app's origin, the template's path, no CR/LF in headers", async () => {
    const pattern = templatePattern(targetOf(app()).basePath, tool.request.path);
    await fc.assert(
      fc.asyncProperty(argsFor(tool), async (args) => {
        // Validated arguments reach requestFor in the gateway; unvalidated ones must not break it either.
        let request;
        try {
          request = await requestFor(tool, args, app());
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ArgumentError);
          return;
        }
        expect(request.target).toBe(targetOf(app()));
        expect(request.target.origin).toBe(upstream.baseUrl);
        expect(request.path).toMatch(pattern);
        for (const [name, value] of Object.entries(request.headers)) {
          expect(name).not.toMatch(/[\r\n\0:]/);
          expect(value).not.toMatch(/[\r\n\0]/);
        }
      }),
      PARAMS,
    );
  });

  test("callTool: never throws, invalid input is an isError naming an argument, nothing leaves the template", async () => {
    const pattern = templatePattern(targetOf(app()).basePath, tool.request.path);
    const names = Object.keys(tool.inputSchema.properties ?? {});
    await fc.assert(
      fc.asyncProperty(argsFor(tool), async (args) => {
        const before = upstream.requests.length;
        const problem = validateArgs(tool, args);
        const result = await callTool(tool, args, ctx());
        const sent = upstream.requests.slice(before);
        const text = result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
        expect(text).not.toMatch(/\n\s+at /);
        if (problem) {
          expect(result.isError).toBe(true);
          expect(sent).toEqual([]);
          // The message quotes the argument at fault ("name", or "name[0]" / "name.key" inside it): one given, or a required one missing.
          expect([...Object.keys(args), ...names].some((name) => ['"', "[", "."].some((next) => text.includes(`"${name}${next}`))), text).toBe(true);
        }
        for (const request of sent) {
          expect(request.url).toMatch(pattern);
          expect(request.headers.host).toBe(new URL(upstream.baseUrl).host);
        }
        if (result.isError && sent.length === 0) expect(text).toMatch(/argument|must|missing|invalid/i);
      }),
      PARAMS,
    );
  }, 20_000);
});

test("no prototype was polluted by any run", () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

// A lone surrogate (JSON can carry one) makes encodeURIComponent throw; requestFor turns that into an
// ArgumentError naming the argument, not an "internal error".
test("a lone surrogate in a path value is an ArgumentError naming the argument", async () => {
  const tool = TOOLS[1]!;
  await expect(async () => requestFor(tool, { owner: "\ud800", repo: "r", issue_number: 1 }, apps.get("github")!)).rejects.toThrow(/argument "owner": holds a lone UTF-16 surrogate/);
});

test("a lone surrogate: isError, nothing sent, no stack", async () => {
  const before = upstream.requests.length;
  const result = await callTool(TOOLS[1]!, { owner: "\ud800", repo: "r", issue_number: 1 }, ctx());
  expect(result.isError).toBe(true);
  expect(upstream.requests.length).toBe(before);
  expect(JSON.stringify(result.content)).not.toMatch(/\\n\s+at /);
});
