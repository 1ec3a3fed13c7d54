// Gemini function declarations: the transform as [name, given, want] rows, and each checker rule with a schema
// that breaks it and one that keeps it.
import { describe, expect, test } from "vitest";
import type { JsonSchema } from "../../../runtime/contract.js";
import { checkGemini } from "../../../generator/dialects/gemini/check.js";
import { toGemini } from "../../../generator/dialects/gemini/transform.js";

const root = (properties: Record<string, JsonSchema>, required: string[] = [], extra: JsonSchema = {}): JsonSchema => ({ type: "object", properties, ...(required.length > 0 && { required }), additionalProperties: false, ...extra });
const gemini = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: "object", properties, ...(required.length > 0 && { required }) });

describe("transform", () => {
  test.each<[string, JsonSchema, JsonSchema]>([
    ["no arguments: an object with no properties (clients send no parameters)", root({}), { type: "object", properties: {} }],
    ["additionalProperties is dropped, required kept", root({ a: { type: "string" } }, ["a"]), gemini({ a: { type: "string" } }, ["a"])],
    ["a type list with null becomes one type and nullable", root({ a: { type: ["integer", "null"] } }), gemini({ a: { type: "integer", nullable: true } })],
    ["several types become anyOf", root({ a: { type: ["string", "integer"] } }), gemini({ a: { anyOf: [{ type: "string" }, { type: "integer" }] } })],
    ["oneOf becomes anyOf; a null branch makes the rest nullable", root({ a: { oneOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] } }), gemini({ a: { anyOf: [{ type: "string", nullable: true }, { type: "integer", nullable: true }] } })],
    ["anyOf with one branch besides null collapses", root({ a: { anyOf: [{ type: "string" }, { type: "null" }], description: "A." } }), gemini({ a: { type: "string", description: "A.", nullable: true } })],
    ["a string const becomes a one-value enum", root({ a: { const: "x" } }), gemini({ a: { type: "string", enum: ["x"] } })],
    ["an enum with null: nullable", root({ a: { type: "string", enum: ["x", null] } }), gemini({ a: { type: "string", nullable: true, enum: ["x"] } })],
    ["an integer enum moves to the description", root({ a: { type: "integer", enum: [1, 2], description: "Size." } }), gemini({ a: { type: "integer", description: "Size. One of: 1, 2." } })],
    [
      "unsupported keywords and formats dropped, supported kept",
      root({ s: { type: "string", format: "uri", maxLength: 5, title: "S", default: "d", deprecated: true }, d: { type: "string", format: "date-time" }, n: { type: "number", format: "double", exclusiveMinimum: 0, multipleOf: 2 } }),
      gemini({ s: { type: "string", maxLength: 5, title: "S", default: "d" }, d: { type: "string", format: "date-time" }, n: { type: "number", format: "double" } }),
    ],
    ["a map becomes JSON text", root({ m: { type: "object", additionalProperties: true } }, ["m"]), gemini({ m: { type: "string", description: "(A JSON object, as a string.)" } }, ["m"])],
    ["an array without items gets string items", root({ a: { type: "array" } }), gemini({ a: { type: "array", items: { type: "string", description: "Any value, as text." } } })],
    ["an object or array that names no type gets the one its keywords imply", root({ o: { properties: { a: { type: "string" } } }, l: { items: { type: "integer" } } }), gemini({ o: gemini({ a: { type: "string" } }), l: { type: "array", items: { type: "integer" } } })],
    ["allOf is merged", root({ o: { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { properties: { b: { type: "integer" } }, required: ["b"] }] } }), gemini({ o: gemini({ a: { type: "string" }, b: { type: "integer" } }, ["b"]) })],
    [
      "$refs are inlined; a cycle is cut at the optional property where it recurs",
      root({ tree: { $ref: "#/$defs/node" } }, [], { $defs: { node: { type: "object", properties: { name: { type: "string" }, child: { $ref: "#/$defs/node" } } } } }),
      gemini({ tree: gemini({ name: { type: "string" } }) }),
    ],
    [
      "a cycle through a required property makes that object JSON text",
      root({ tree: { $ref: "#/$defs/node" } }, [], { $defs: { node: { type: "object", required: ["child"], properties: { child: { $ref: "#/$defs/node" } } } } }),
      gemini({ tree: { type: "string", description: "(A JSON object, as a string.)" } }),
    ],
  ])("%s", (_, given, want) => {
    const before = structuredClone(given);
    const out = toGemini(given);
    expect(out).toEqual(want);
    expect(given).toEqual(before);
    expect(checkGemini(out)).toEqual([]);
  });
});

describe("check: each rule broken, then kept", () => {
  test.each<[string, JsonSchema, JsonSchema]>([
    ["root-object", { type: "string" }, gemini({})],
    ["schema-fields", gemini({ a: { type: "string", additionalProperties: false } }), gemini({ a: { type: "string" } })],
    ["single-type", gemini({ a: { type: ["string", "null"] } }), gemini({ a: { type: "string", nullable: true } })],
    ["nullable-boolean", gemini({ a: { type: "string", nullable: "yes" } }), gemini({ a: { type: "string", nullable: false } })],
    ["formats", gemini({ a: { type: "string", format: "uuid" } }), gemini({ a: { type: "integer", format: "int64" } })],
    ["string-enum", gemini({ a: { type: "integer", enum: [1] } }), gemini({ a: { type: "string", enum: ["1"] } })],
    ["array-items", gemini({ a: { type: "array" } }), gemini({ a: { type: "array", items: { type: "string" } } })],
    ["object-properties", gemini({ a: { type: "object", properties: {} } }), gemini({ a: gemini({ b: { type: "string" } }) })],
    ["required-listed", gemini({ a: { type: "string" } }, ["b"]), gemini({ a: { type: "string" } }, ["a"])],
  ])("%s", (rule, broken, kept) => {
    expect(checkGemini(broken).map((v) => v.rule)).toContain(rule);
    expect(checkGemini(kept)).toEqual([]);
  });

  test("a violation names its pointer", () => {
    expect(checkGemini(gemini({ list: { type: "array", items: { type: "string", $ref: "#/x" } } }))).toEqual([
      { pointer: "/properties/list/items", rule: "schema-fields", message: "`$ref` is not a field of the Gemini Schema" },
    ]);
  });
});
