// budgets.cut: depth — how deep a schema's objects go, and what a cut at a level lists.
import { describe, expect, test } from "vitest";
import { cutToDepth, depthOf } from "../../../generator/emit/cut.js";
import type { JsonSchema } from "../../../generator/plan/tool-plan.js";

const leaf = { type: "string" };
const point = { type: "object", properties: { x: leaf, y: leaf } };
const bare = (fields: string, description = "") => ({ type: "object", description: `${description}(fields omitted to fit the token budget: ${fields}; enable-tools or search-tools returns them in full)` });
const input = (properties: Record<string, unknown>, extra: JsonSchema = {}) => ({ type: "object" as const, properties, additionalProperties: false, ...extra });

describe("depthOf", () => {
  test.each<[string, unknown, number]>([
    ["no arguments", input({}), 0],
    ["scalars only", input({ a: leaf }), 1],
    ["an object argument", input({ p: point }), 2],
    ["through items and anyOf", input({ list: { type: "array", items: { anyOf: [point, leaf] } } }), 2],
    ["nested", input({ p: { type: "object", properties: { q: point } } }), 3],
  ])("%s → %i", (_, schema, want) => {
    expect(depthOf(schema)).toBe(want);
  });
});

describe("cutToDepth", () => {
  test.each<[string, JsonSchema & { type: "object" }, number, unknown]>([
    ["level 2: object arguments listed bare, fields sorted, own description kept", input({ p: { ...point, description: "A point.", properties: { y: leaf, x: leaf } }, n: leaf }), 2, input({ p: bare("x, y", "A point. "), n: leaf })],
    ["level 3: the argument keeps its fields, the objects in it are bare", input({ p: { type: "object", required: ["q"], properties: { q: point, r: leaf } } }), 3, input({ p: { type: "object", required: ["q"], properties: { q: bare("x, y"), r: leaf } } })],
    ["items and combinators are followed", input({ list: { type: "array", items: { oneOf: [point, leaf] } } }), 2, input({ list: { type: "array", items: { oneOf: [bare("x, y"), leaf] } } })],
    [
      "a $ref'd object with fields is listed bare; $defs no longer referenced are dropped",
      input({ a: { $ref: "#/$defs/A" }, b: { ...point, properties: { z: { $ref: "#/$defs/B" } } } }, { $defs: { A: point, B: point } }),
      2,
      input({ a: { $ref: "#/$defs/A" }, b: bare("z") }, { $defs: { A: bare("x, y") } }),
    ],
  ])("%s", (_, schema, depth, want) => {
    const before = JSON.stringify(schema);
    expect(cutToDepth(schema, depth)).toEqual(want);
    expect(JSON.stringify(schema)).toBe(before);
  });
});
