// The corpus run's check of what every client needs of a listed tool catches each shape a client refuses
// (test/generator/real-specs.test.ts runs it over the GitHub, Stripe and Kubernetes lists, where it finds none).
import { describe, expect, test } from "vitest";
import { listedShapeProblems } from "../../scripts/corpus-shape.js";

const OK = { name: "get_item", inputSchema: { type: "object", properties: { id: { type: "string" } } } };

describe("listedShapeProblems", () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["a name a vendor refuses", { ...OK, name: "get.item" }, /name does not match/],
    ["a name over 64 characters", { ...OK, name: "x".repeat(65) }, /name does not match/],
    ["no inputSchema", { name: "get_item" }, /inputSchema\.type is undefined/],
    ["an array inputSchema", { ...OK, inputSchema: { type: "array" } }, /inputSchema\.type is "array"/],
    ["oneOf at the root", { ...OK, inputSchema: { ...OK.inputSchema, oneOf: [{ required: ["id"] }] } }, /oneOf at its root/],
    ["anyOf at the root", { ...OK, inputSchema: { ...OK.inputSchema, anyOf: [] } }, /anyOf at its root/],
    ["allOf at the root", { ...OK, inputSchema: { ...OK.inputSchema, allOf: [] } }, /allOf at its root/],
    ["a string outputSchema", { ...OK, outputSchema: { type: "string" } }, /outputSchema\.type is "string"/],
  ])("%s is a problem", (_name, entry, problem) => {
    expect(listedShapeProblems(JSON.stringify(entry))).toEqual([expect.stringMatching(problem)]);
  });

  test("composition below the root, if/then/else at the root and an object outputSchema are fine", () => {
    const entry = { ...OK, inputSchema: { ...OK.inputSchema, if: { required: ["id"] }, then: {}, properties: { id: { anyOf: [{ type: "string" }, { type: "null" }] } } }, outputSchema: { type: "object" } };
    expect(listedShapeProblems(JSON.stringify(entry))).toEqual([]);
  });
});
