import { describe, expect, test } from "vitest";
import { tsType } from "../../../generator/emit/ts-type.js";
import { jsDoc } from "../../../generator/emit/render.js";

describe("tsType", () => {
  const cases: [string, { given: Record<string, unknown>; want: string }][] = [
    ["string", { given: { type: "string" }, want: "string" }],
    ["integer", { given: { type: "integer" }, want: "number" }],
    ["nullable", { given: { type: ["string", "null"] }, want: "string | null" }],
    ["enum", { given: { type: "string", enum: ["open", "closed"] }, want: '"open" | "closed"' }],
    ["array of union", { given: { type: "array", items: { enum: [1, 2] } }, want: "(1 | 2)[]" }],
    [
      "object with optional field",
      { given: { type: "object", properties: { b: { type: "boolean" }, "a-b": { type: "string" } }, required: ["b"] }, want: '{ "a-b"?: string; b: boolean }' },
    ],
    ["free-form object", { given: { type: "object" }, want: "Record<string, unknown>" }],
    ["$ref", { given: { $ref: "#/$defs/issue" }, want: "unknown" }],
    ["huge enum falls back to base type", { given: { type: "string", enum: Array.from({ length: 30 }, (_, i) => `v${i}`) }, want: "string" }],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    expect(tsType(given)).toBe(want);
  });

  test("deep nesting stops at a bounded depth", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 10; i++) schema = { type: "object", properties: { x: schema } };
    expect(tsType(schema)).toContain("Record<string, unknown>");
  });
});

describe("jsDoc", () => {
  test.each([
    ["empty", "", ""],
    ["one line", "The owner.", "  /** The owner. */\n"],
    ["closing marker escaped", "a */ b", "  /** a *\\/ b */\n"],
    ["multi-line", "a\n\nb", "  /**\n   * a\n   *\n   * b\n   */\n"],
  ])("%s", (_name, given, want) => {
    expect(jsDoc(given, "  ")).toBe(want);
  });
});
