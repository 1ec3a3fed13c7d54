// Schema conversion: OpenAPI 2.0/3.0/3.1 Schema Objects → JSON Schema 2020-12 that ajv compiles.
import { describe, expect, test } from "vitest";
import { argOf, codes, compile, inputSchema, loadSpec, oas3, planOf } from "./helpers.js";

/** A spec whose GET /x has one query parameter `p` with `schema`, in OpenAPI `version`. */
function withParam(schema: unknown, version = "3.0.3", components: Record<string, unknown> = {}) {
  return oas3({ "/x": { get: { parameters: [{ name: "p", in: "query", schema }], responses: {} } } }, { schemas: components }, version);
}

const cases: [string, { given: unknown; version?: string; valid: unknown[]; invalid: unknown[]; want?: Record<string, unknown> }][] = [
  ["3.0 nullable → type array", { given: { type: "string", nullable: true }, valid: ["a", null], invalid: [1], want: { type: ["string", "null"] } }],
  ["nullable enum gains null", { given: { type: "string", enum: ["a"], nullable: true }, valid: ["a", null], invalid: ["b"] }],
  ["nullable without type → anyOf", { given: { allOf: [{ type: "integer" }], nullable: true }, valid: [1, null], invalid: ["x"] }],
  ["boolean exclusiveMinimum → numeric", { given: { type: "number", minimum: 5, exclusiveMinimum: true }, valid: [5.5], invalid: [5], want: { exclusiveMinimum: 5 } }],
  ["3.1 type arrays kept", { given: { type: ["integer", "null"] }, version: "3.1.0", valid: [1, null], invalid: ["1"] }],
  ["examples and x- keys dropped", { given: { type: "string", example: "a", "x-foo": 1, xml: {} }, valid: ["a"], invalid: [2], want: { type: "string" } }],
  ["invalid pattern dropped", { given: { type: "string", pattern: "^[\\w-\\.]+$" }, valid: ["a.b"], invalid: [3] }],
  ["unknown type dropped", { given: { type: "date" }, valid: ["2020-01-01", 1], invalid: [] }],
  ["bad numeric bound dropped", { given: { type: "integer", maximum: "10" }, valid: [11], invalid: ["x"] }],
  ["empty enum dropped", { given: { type: "string", enum: [] }, valid: ["a"], invalid: [1] }],
  ["tuple items → prefixItems", { given: { type: "array", items: [{ type: "string" }] }, valid: [["a"]], invalid: [[1]] }],
];

describe("schema keywords", () => {
  test.each(cases)("%s", async (_name, { given, version, valid, invalid, want }) => {
    const loaded = await loadSpec(withParam(given, version));
    expect(codes(loaded, "error")).toEqual([]);
    const schema = argOf(planOf(loaded), "p").schema;
    if (want) expect(schema).toMatchObject(want);
    const validate = compile(schema);
    for (const v of valid) expect(validate(v), JSON.stringify(v)).toBe(true);
    for (const v of invalid) expect(validate(v), JSON.stringify(v)).toBe(false);
  });
});

describe("$ref handling", () => {
  const person = {
    type: "object",
    properties: { name: { type: "string" }, friends: { type: "array", items: { $ref: "#/components/schemas/Person" } } },
  };

  test("a cyclic ref goes into $defs under its component name", async () => {
    const loaded = await loadSpec(withParam({ $ref: "#/components/schemas/Person" }, "3.0.3", { Person: person }));
    const plan = planOf(loaded);
    expect(Object.keys(plan.defs)).toEqual(["Person"]);
    expect(argOf(plan, "p").schema).toEqual({ $ref: "#/$defs/Person" });
    const validate = compile(inputSchema(plan));
    expect(validate({ p: { name: "a", friends: [{ name: "b", friends: [] }] } })).toBe(true);
    expect(validate({ p: { name: "a", friends: [{ name: 1 }] } })).toBe(false);
  });

  test("mutual cycles are found whatever the entry point", async () => {
    const a = { type: "object", properties: { b: { $ref: "#/components/schemas/B" } } };
    const b = { type: "object", properties: { a: { $ref: "#/components/schemas/A" } } };
    for (const entry of ["A", "B"]) {
      const plan = planOf(await loadSpec(withParam({ $ref: `#/components/schemas/${entry}` }, "3.0.3", { A: a, B: b })));
      expect(Object.keys(plan.defs).sort()).toEqual(["A", "B"]);
      compile(inputSchema(plan));
    }
  });

  test("a ref used once is inlined, with sibling description kept", async () => {
    const loaded = await loadSpec(withParam({ $ref: "#/components/schemas/Id", description: "the id" }, "3.0.3", { Id: { type: "integer" } }));
    const plan = planOf(loaded);
    expect(plan.defs).toEqual({});
    expect(argOf(plan, "p").schema).toEqual({ type: "integer", description: "the id" });
  });

  test("a large ref shared by two args goes into $defs once", async () => {
    const big = { type: "object", properties: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`field_${i}`, { type: "string", description: "x".repeat(20) }])) };
    const spec = oas3(
      { "/x": { get: { parameters: ["a", "b"].map((name) => ({ name, in: "query", schema: { $ref: "#/components/schemas/Big" } })), responses: {} } } },
      { schemas: { Big: big } },
    );
    const plan = planOf(await loadSpec(spec));
    expect(Object.keys(plan.defs)).toEqual(["Big"]);
    expect(argOf(plan, "a").schema).toEqual({ $ref: "#/$defs/Big" });
    compile(inputSchema(plan));
  });

  test("an unresolved ref becomes {} with a description and a GW205 warning", async () => {
    const loaded = await loadSpec(withParam({ $ref: "#/components/schemas/Missing" }));
    expect(codes(loaded)).toEqual(["GW205"]);
    const schema = argOf(planOf(loaded), "p").schema;
    expect(schema.description).toMatch(/unresolved/);
    compile(schema);
  });

  test("a schema nested past the depth limit is cut with GW211", async () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 100; i++) deep = { type: "object", properties: { n: deep } };
    const loaded = await loadSpec(withParam(deep));
    expect(codes(loaded)).toContain("GW211");
    expect(JSON.stringify(argOf(planOf(loaded), "p").schema)).toMatch(/cut: nested deeper/);
  });
});

describe("readOnly / writeOnly", () => {
  const thing = {
    type: "object",
    required: ["id", "name", "secret"],
    properties: { id: { type: "integer", readOnly: true }, name: { type: "string" }, secret: { type: "string", writeOnly: true } },
  };
  const spec = oas3(
    {
      "/things": {
        post: {
          requestBody: { required: true, content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { thing: { $ref: "#/components/schemas/Thing" } } } } } } },
        },
      },
    },
    { schemas: { Thing: thing } },
  );

  test("readOnly properties leave request schemas, writeOnly ones response schemas", async () => {
    const plan = planOf(await loadSpec(spec), "POST");
    const body = JSON.stringify(argOf(plan, "body").schema);
    expect(body).not.toContain('"id"');
    expect(body).toContain('"secret"');
    const output = JSON.stringify(plan.outputSchema);
    expect(output).toContain('"id"');
    expect(output).not.toContain('"secret"');
    expect(compile(inputSchema(plan))({ body: [{ name: "n", secret: "s" }] })).toBe(true);
  });
});
