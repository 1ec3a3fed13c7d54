// Operations: names, descriptions, keys, hints, output schemas and argument name clashes.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BY_METHOD } from "../../../generator/sources/openapi/method-hints.js";
import { argOf, codes, compile, FIXTURES, inputSchema, loadFile, loadSpec, oas3, planOf } from "./helpers.js";

describe("names and texts", () => {
  const cases: [string, { op: Record<string, unknown>; name: string; title?: string; description: string; keys: string[] }][] = [
    ["operationId, summary and description", { op: { operationId: "items/list", summary: "List", description: "Lists items." }, name: "items/list", title: "List", description: "Lists items.", keys: ["items/list", "GET /items"] }],
    ["summary only", { op: { summary: "List" }, name: "GET /items", title: "List", description: "List", keys: ["GET /items"] }],
    ["nothing: left to the describe pass", { op: { description: "  " }, name: "GET /items", description: "", keys: ["GET /items"] }],
  ];
  test.each(cases)("%s", async (_name, { op, name, title, description, keys }) => {
    const plan = planOf(await loadSpec(oas3({ "/items": { get: { ...op, responses: {} } } })));
    expect({ name: plan.candidate, title: plan.title, description: plan.description, keys: plan.source.keys }).toEqual({ name, title, description, keys });
    expect(plan.source).toMatchObject({ file: "spec.json", pointer: "/paths/~1items/get" });
    // The source owns its rule table: a GET is read-only and idempotent before any override.
    expect(plan.annotations).toEqual(BY_METHOD.GET);
    expect(plan.rule).toEqual({ label: "a GET", annotations: BY_METHOD.GET });
  });
});

describe("x-mcp hints", () => {
  const cases: [string, Record<string, unknown>, Record<string, boolean> | undefined, string[]][] = [
    ["none", {}, undefined, []],
    ["dashed names", { "x-mcp-readonly": true, "x-mcp-open-world": false }, { readOnlyHint: true, openWorldHint: false }, []],
    ["hint suffix and case", { "x-mcp-destructiveHint": true, "x-mcp-Idempotent": true }, { destructiveHint: true, idempotentHint: true }, []],
    ["x-mcp-annotations object", { "x-mcp-annotations": { readOnlyHint: false, destructiveHint: true } }, { readOnlyHint: false, destructiveHint: true }, []],
    ["non-boolean is GW216", { "x-mcp-readonly": "yes" }, undefined, ["GW216"]],
    ["unknown annotation is GW216", { "x-mcp-annotations": { fastHint: true } }, undefined, ["GW216"]],
  ];
  test.each(cases)("%s", async (_name, ext, want, diags) => {
    const loaded = await loadSpec(oas3({ "/x": { post: { ...ext, responses: {} } } }));
    // x-mcp-* hints override the method table (POST: nothing read-only, idempotent or destructive).
    expect(planOf(loaded, "POST").annotations).toEqual({ ...BY_METHOD.POST, ...want });
    expect(codes(loaded)).toEqual(diags);
  });
});

describe("outputSchema", () => {
  const item = { type: "object", properties: { id: { type: "integer" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } };
  const cases: [string, { responses: Record<string, unknown>; present: boolean }][] = [
    ["200 object", { responses: { "200": { description: "", content: { "application/json": { schema: { type: "object", properties: { a: { type: "string" } } } } } } }, present: true }],
    ["201 after a 200 without body", { responses: { "201": { description: "", content: { "application/json": { schema: { type: "object", properties: { a: { type: "string" } } } } } }, "200": { description: "" } }, present: true }],
    ["array", { responses: { "200": { description: "", content: { "application/json": { schema: { type: "array", items: {} } } } } }, present: false }],
    ["object without properties", { responses: { "200": { description: "", content: { "application/json": { schema: { type: "object" } } } } }, present: false }],
    ["non-JSON", { responses: { "200": { description: "", content: { "text/plain": { schema: { type: "object", properties: { a: {} } } } } } }, present: false }],
    ["only 4xx", { responses: { "404": { description: "", content: { "application/json": { schema: { type: "object", properties: { a: {} } } } } } }, present: false }],
    ["cyclic root ref, inlined at the top", { responses: { "200": { description: "", content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } }, present: true }],
  ];
  test.each(cases)("%s", async (_name, { responses, present }) => {
    const plan = planOf(await loadSpec(oas3({ "/x": { get: { responses } } }, { schemas: { Node: item } })));
    expect(plan.outputSchema !== undefined).toBe(present);
    if (plan.outputSchema) {
      expect(plan.outputSchema.type).toBe("object");
      const validate = compile(plan.outputSchema);
      expect(validate({ id: 1, children: [{ id: 2, children: [] }], a: "x" })).toBe(true);
    }
  });
});

describe("name clashes", () => {
  test("GitHub PATCH /repos/{owner}/{repo}/actions/variables/{name}: path `name` stays, body `name` becomes `body_name`", async () => {
    const loaded = await loadFile(join(FIXTURES, "small"), "github-name-clash-3.0.json");
    const plan = planOf(loaded, "PATCH");
    expect(plan.args.map((a) => [a.name, a.in, a.wire])).toEqual([
      ["name", "path", "name"], ["owner", "path", "owner"], ["repo", "path", "repo"], ["body_name", "body", "name"], ["value", "body", "value"],
    ]);
    expect(codes(loaded)).toEqual(["GW213"]);
    expect(loaded.diagnostics[0].message).toContain("body_name");
    compile(inputSchema(plan));
  });

  test("renames are deterministic and never drop an argument", async () => {
    const spec = oas3({
      "/a/{id}": {
        post: {
          parameters: [
            { name: "id", in: "path", required: true },
            { name: "id", in: "query" },
            { name: "id", in: "header" },
            { name: "query_id", in: "cookie" },
          ],
          requestBody: { content: { "application/json": { schema: { type: "object", properties: { id: {}, body_id: {} } } } } },
          responses: {},
        },
      },
    });
    const plan = planOf(await loadSpec(spec), "POST");
    expect(plan.args.map((a) => `${a.in}:${a.wire}→${a.name}`)).toEqual([
      "path:id→id", "query:id→query_id", "header:id→header_id", "cookie:query_id→cookie_query_id", "body:body_id→body_id", "body:id→body_id_2",
    ]);
  });

  test("a renamed argument is a valid property key too: `page[size]` twice → `page_size`, `body_page_size`", async () => {
    const spec = oas3({
      "/a": {
        post: {
          parameters: [{ name: "page[size]", in: "query" }],
          requestBody: { content: { "application/json": { schema: { type: "object", properties: { "page[size]": {} } } } } },
          responses: {},
        },
      },
    });
    const plan = planOf(await loadSpec(spec), "POST");
    expect(plan.args.map((a) => `${a.in}:${a.wire}→${a.name}`)).toEqual(["query:page[size]→page_size", "body:page[size]→body_page_size"]);
  });

  test("a whole body renamed by a clash keeps `whole` in step", async () => {
    const spec = oas3({ "/a": { post: { parameters: [{ name: "body", in: "query" }], requestBody: { content: { "application/json": { schema: { type: "array" } } } }, responses: {} } } });
    const plan = planOf(await loadSpec(spec), "POST");
    expect(plan.request.body?.whole).toBe("body_body");
    expect(argOf(plan, "body_body").wire).toBe("body");
  });
});
