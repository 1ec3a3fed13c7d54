// OpenAI strict mode: the transform as [name, given, want] rows, and each checker rule with a schema that breaks
// it and one that keeps it.
import { describe, expect, test } from "vitest";
import type { JsonSchema } from "../../../runtime/contract.js";
import { checkOpenAiStrict } from "../../../generator/dialects/openai-strict/check.js";
import { toOpenAiStrict } from "../../../generator/dialects/openai-strict/transform.js";

const root = (properties: Record<string, JsonSchema>, required: string[] = [], extra: JsonSchema = {}): JsonSchema => ({ type: "object", properties, ...(required.length > 0 && { required }), additionalProperties: false, ...extra });
const strict = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({ type: "object", properties, required: Object.keys(properties), additionalProperties: false, ...extra });

describe("transform", () => {
  test.each<[string, JsonSchema, JsonSchema]>([
    ["no arguments", root({}), strict({})],
    ["a required property is kept as it is", root({ a: { type: "string" } }, ["a"]), strict({ a: { type: "string" } })],
    ["an optional property becomes required and nullable", root({ a: { type: "integer", description: "A." } }), strict({ a: { type: ["integer", "null"], description: "A." } })],
    ["an optional enum gains null", root({ a: { type: "string", enum: ["x", "y"] } }), strict({ a: { type: ["string", "null"], enum: ["x", "y", null] } })],
    ["an optional type list gains null once", root({ a: { type: ["string", "null"] } }), strict({ a: { type: ["string", "null"] } })],
    ["nested objects are closed, their optional properties nullable", root({ o: { type: "object", properties: { b: { type: "boolean" } }, required: [] } }, ["o"]), strict({ o: strict({ b: { type: ["boolean", "null"] } }) })],
    [
      "a map becomes JSON text",
      root({ m: { type: "object", additionalProperties: { type: "string" }, description: "Labels." } }, ["m"]),
      strict({ m: { type: "string", description: "Labels. (A JSON object, as a string.)" } }),
    ],
    ["oneOf becomes anyOf; an optional one gains a null branch", root({ u: { oneOf: [{ type: "string" }, { type: "integer" }] } }), strict({ u: { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] } })],
    ["several types become anyOf branches", root({ u: { type: ["string", "integer"] } }, ["u"]), strict({ u: { anyOf: [{ type: "string" }, { type: "integer" }] } })],
    ["a schema of any value becomes a union of scalars", root({ v: { description: "Anything." } }, ["v"]), strict({ v: { description: "Anything.", anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] } })],
    [
      "unsupported keywords and formats are dropped, supported ones kept",
      root({ s: { type: "string", maxLength: 5, default: "x", title: "S", format: "uri", pattern: "^a" }, d: { type: "string", format: "date-time" }, n: { type: "integer", minimum: 1, maximum: 9 } }, ["s", "d", "n"]),
      strict({ s: { type: "string", pattern: "^a" }, d: { type: "string", format: "date-time" }, n: { type: "integer", minimum: 1, maximum: 9 } }),
    ],
    ["an object or array that names no type gets the one its keywords imply", root({ o: { properties: { a: { type: "string" } } }, l: { items: { type: "integer" } } }, ["o", "l"]), strict({ o: strict({ a: { type: ["string", "null"] } }), l: { type: "array", items: { type: "integer" } } })],
    ["allOf is merged into its parent", root({ o: { allOf: [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }, { properties: { b: { type: "string" } } }] } }, ["o"]), strict({ o: strict({ a: { type: "string" }, b: { type: ["string", "null"] } }) })],
    [
      "$defs are transformed and kept; an optional $ref is wrapped in anyOf with null",
      root({ r: { $ref: "#/$defs/node" } }, [], { $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } } } } }),
      strict({ r: { anyOf: [{ $ref: "#/$defs/node" }, { type: "null" }] } }, { $defs: { node: strict({ next: { anyOf: [{ $ref: "#/$defs/node" }, { type: "null" }] } }) } }),
    ],
  ])("%s", (_, given, want) => {
    const before = structuredClone(given);
    const out = toOpenAiStrict(given);
    expect(out).toEqual(want);
    expect(given).toEqual(before);
    expect(checkOpenAiStrict(out)).toEqual([]);
  });
});

describe("check: each rule broken, then kept", () => {
  const manyProperties = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: "string" }]));
  const nested = (levels: number): JsonSchema => (levels === 1 ? strict({ leaf: { type: "string" } }) : strict({ child: nested(levels - 1) }));
  test.each<[string, JsonSchema, JsonSchema, string]>([
    ["root-object", { type: "string" }, strict({}), "root-object"],
    ["root-not-anyof", { type: "object", anyOf: [strict({})], properties: {}, required: [], additionalProperties: false }, strict({}), "root-not-anyof"],
    ["additional-properties-false", { type: "object", properties: {}, required: [] }, strict({}), "additional-properties-false"],
    ["all-required", { type: "object", properties: { a: { type: "string" } }, required: [], additionalProperties: false }, strict({ a: { type: "string" } }), "all-required"],
    ["supported-keywords", strict({ a: { type: "string", default: "x" } }), strict({ a: { type: "string" } }), "supported-keywords"],
    ["formats", strict({ a: { type: "string", format: "uri" } }), strict({ a: { type: "string", format: "uuid" } }), "formats"],
    ["types", strict({ a: { type: "file" } }), strict({ a: { type: "number" } }), "types"],
    ["typed", strict({ a: { description: "x" } }), strict({ a: { description: "x", enum: ["a"] } }), "typed"],
    ["ref-resolves", strict({ a: { $ref: "#/$defs/missing" } }), strict({ a: { $ref: "#/$defs/here" } }, { $defs: { here: { type: "string" } } }), "ref-resolves"],
    ["defs-at-root", strict({ a: { type: "string", $defs: {} } }), strict({ a: { type: "string" } }), "defs-at-root"],
    ["max-depth (10 levels)", nested(11), nested(10), "max-depth"],
    ["max-properties (5,000)", strict(manyProperties(5001)), strict(manyProperties(5000)), "max-properties"],
    [
      "max-enum-values (1,000)",
      strict({ a: { type: "string", enum: Array.from({ length: 501 }, (_, i) => `a${i}`) }, b: { type: "string", enum: Array.from({ length: 500 }, (_, i) => `b${i}`) } }),
      strict({ a: { type: "string", enum: Array.from({ length: 500 }, (_, i) => `a${i}`) }, b: { type: "string", enum: Array.from({ length: 500 }, (_, i) => `b${i}`) } }),
      "max-enum-values",
    ],
    [
      "big-enum-length (over 250 values: 15,000 characters)",
      strict({ a: { type: "string", enum: Array.from({ length: 251 }, (_, i) => `${i}`.padStart(60, "x")) } }),
      strict({ a: { type: "string", enum: Array.from({ length: 251 }, (_, i) => `${i}`.padStart(59, "x")) } }),
      "big-enum-length",
    ],
    [
      "max-string-length (120,000 characters)",
      strict(Object.fromEntries(Array.from({ length: 121 }, (_, i) => [`${i}`.padStart(1000, "k"), { type: "string" }]))),
      strict(Object.fromEntries(Array.from({ length: 119 }, (_, i) => [`${i}`.padStart(1000, "k"), { type: "string" }]))),
      "max-string-length",
    ],
  ])("%s", (_, broken, kept, rule) => {
    const violations = checkOpenAiStrict(broken);
    expect(violations.map((v) => v.rule)).toContain(rule);
    expect(checkOpenAiStrict(kept)).toEqual([]);
  });

  test("a violation names its pointer", () => {
    expect(checkOpenAiStrict(strict({ "a/b": strict({ c: { type: "string", format: "uri" } }) }))).toEqual([{ pointer: "/properties/a~1b/properties/c", rule: "formats", message: 'format "uri" is not supported' }]);
  });
});
